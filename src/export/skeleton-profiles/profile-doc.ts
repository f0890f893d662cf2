/** docs/skeleton-profiles.md, whole: the prose around the generated tables (profile-markdown.ts). */
import { profileSourcesMarkdown, profileTablesMarkdown } from './profile-markdown.js';

export function skeletonProfilesDoc(): string {
  return `# Engine skeleton profiles

<!-- Written by scripts/skeleton-profile-tables.ts from src/export/skeleton-profiles; do not edit by hand. -->

\`--skeleton daz|unreal|unity|mixamo\` (library: \`skeleton\`) renames the bones of Genesis 8 and
Genesis 9 figures in \`.glb\`, \`.gltf\` and \`.usda\` output, for \`dazport export --rigged\` and
\`dazport retarget\`. It is a step between the neutral scene and the writers: joint names, scene
node names (the glTF joint nodes) and the motion's tracks are renamed; world transforms, bind
matrices and skin weights are not touched, so the skinned mesh is where it was in every frame
(the tests compare it with the \`daz\` file: within 1.3e-7 m in glTF, 1.2e-5 cm in USDA).
\`.duf\` presets and live keys address the figure's own bones: a profile with a \`.duf\` output is
refused (\`DAZPORT_USAGE\`).

- Bones with no counterpart in the engine's skeleton (\`·\` below: face rig, toes, metacarpals
  where the engine has none, twist bones Unity and Mixamo do not have) keep their DAZ names.
  Nothing is dropped; two bones given one name is an error naming both.
- Right-side bones mirror the left (\`thigh_l\` → \`thigh_r\`, \`LeftHand\` → \`RightHand\`,
  \`mixamorig:LeftArm\` → \`mixamorig:RightArm\`).
- USD prim names cannot hold \`:\` or spaces: joint paths read \`mixamorig_Hips\`; the Skeleton's
  \`jointNames\` keep \`mixamorig:Hips\`.
- **unreal**: DAZ's \`hip\` is UE's \`pelvis\`; DAZ's own \`pelvis\` bone (under the hip, holding the
  thighs) becomes \`daz_pelvis\`. Genesis has four spine links: \`spine_01\`–\`spine_03\`, and
  \`spine_05\` for the top one, which carries the clavicles and the neck as on the UE5 mannequin
  (\`spine_04\` has no counterpart). On Genesis 8, whose twist bones sit in the
  limb chains (\`lShldrBend\` → \`lShldrTwist\` → \`lForearmBend\`), the forearm, hand and shin are
  re-parented to the bend bone, so \`upperarm_l\` → \`lowerarm_l\` → \`hand_l\` and
  \`thigh_l\` → \`calf_l\` as on the mannequin, the twist bones side children; the twist's rotation
  is folded into the child's rotation and a translation track in every frame. Genesis 9's twist
  bones are side children already.
- **unity**: Unity's \`HumanBodyBones\` names without spaces (Unity maps them by name when the
  model's rig is Humanoid; they are also Godot's \`SkeletonProfileHumanoid\` names for body,
  limbs and fingers but the thumb). Unity's torso has three links: \`Spine\`, \`Chest\`,
  \`UpperChest\` are Genesis's first, third and fourth; the second keeps its DAZ name (Unity
  accepts bones between humanoid bones), as does the second neck link.
- **mixamo**: the \`mixamorig:\` names; the torso split as for Unity (\`Spine\`, \`Spine1\`,
  \`Spine2\`).

**Root bone.** \`--root-bone\` (library: \`rootBone: true\`; default on with \`unreal\`, \`--no-root-bone\`
to leave it out) adds a joint on the floor (figure-space y = 0) under the hip, with the figure's
axes, the parent of the hip: \`root\` (\`Root\` with unity). **Root motion** (\`--root-motion\`,
library \`rootMotion\`), for animated output: \`keep\` (default) as the motion has it; \`in-place\`
removes the hip's horizontal (X/Z) translation, its height kept; \`extract\` moves the hip's X/Z
translation onto the root bone's track (translation only: the root does not take the hip's turn),
so root + hip = the original hip in every frame. \`extract\` needs the root bone
(\`DAZPORT_USAGE\` otherwise). \`retarget --no-root-motion\` still drops the hip's translation
altogether, height included.

## Sources

The names were checked against:

${profileSourcesMarkdown()}

## Tables

Left-side and centre bones, in DAZ's order; \`·\` keeps the DAZ name.

${profileTablesMarkdown()}`;
}
