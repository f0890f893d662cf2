/**
 * `--skeleton`, `--root-bone` / `--no-root-bone` and `--root-motion`, shared by `export` and
 * `retarget`: engine bone names for the .glb/.gltf/.usda outputs (src/export/skeleton-profiles).
 */
import { type Command, Option } from 'commander';
import { ROOT_MOTION_MODES, SKELETON_PROFILE_IDS } from '../export/skeleton-profiles/profile.js';

export interface SkeletonProfileFlags {
  skeleton?: (typeof SKELETON_PROFILE_IDS)[number];
  rootBone?: boolean;
}

/** The help lines both commands print after their examples. */
export const SKELETON_PROFILE_HELP =
  'Engine skeletons (--skeleton, scene files only; .duf and live keys keep DAZ names):\n' +
  '  daz     DAZ bone names (default)\n' +
  '  unreal  UE5 mannequin names (pelvis, spine_01, thigh_l, upperarm_twist_01_l ...) under a\n' +
  '          "root" bone on the floor (--no-root-bone leaves it out)\n' +
  '  unity   Unity Humanoid names (Hips, Spine, Chest, LeftUpperArm, LeftThumbProximal ...),\n' +
  "          also Godot's humanoid profile names\n" +
  '  mixamo  mixamorig:Hips, mixamorig:LeftArm, mixamorig:LeftHandThumb1 ...\n' +
  "Bones with no counterpart keep their DAZ names. --root-motion in-place drops the hip's\n" +
  'horizontal travel; extract moves it onto the root bone (translation only, not the turn).\n';

export function addSkeletonProfileOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--skeleton <profile>', 'bone names for game engines in .glb/.gltf/.usda output')
        .choices([...SKELETON_PROFILE_IDS])
        .default('daz'),
    )
    .option('--root-bone', 'add a root bone on the floor under the hip (default with --skeleton unreal)')
    .option('--no-root-bone', 'no root bone, even with --skeleton unreal')
    .addOption(
      new Option(
        '--root-motion <mode>',
        "animated output: keep the hip's travel, drop its horizontal part (in-place), or move it onto the root bone (extract)",
      ).choices([...ROOT_MOTION_MODES]),
    );
}
