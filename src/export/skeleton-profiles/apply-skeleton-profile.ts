/**
 * Engine skeleton profiles, applied: a step between the neutral scene and the writers, so the
 * glTF and USDA writers write whatever names and hierarchy the scene holds. Renames every joint
 * of each Genesis 8/9 skeleton (its scene node too, which names the glTF joint node), its
 * motions' tracks, optionally adds a root bone under the hip, and moves the hip's horizontal
 * motion as `rootMotion` says. World transforms, bind data and skin weights are untouched, so
 * the skinned mesh stays where it was.
 *
 *   const { scene: engineScene, warnings } = applySkeletonProfile(scene, { skeleton: 'unreal' });
 *
 * `daz` with no root bone and `keep` returns the scene itself (today's output, byte for byte).
 */

import { mirrorBoneName } from '../../bonemaps/genesis/mirror.js';
import { DazportError } from '../../errors.js';
import type { Motion } from '../../scene/motion.js';
import type { Scene } from '../../scene/scene.js';
import type { RootMotionMode, SkeletonProfile, SkeletonProfileId } from './profile.js';
import { expandTable, type GenesisGeneration, genesisGeneration, skeletonProfile } from './profiles.js';
import { reparentToGrandparent } from './reparent.js';
import { addRootBone } from './root-bone.js';
import { withRootMotion } from './root-motion.js';

export interface SkeletonProfileOptions {
  /** Bone names: `daz` (default, DAZ's own), `unreal` (UE5 mannequin), `unity` (Humanoid), `mixamo`. */
  skeleton?: SkeletonProfileId;
  /** Add a root bone on the floor under the hip, parent of the hip (default: on for `unreal` only). */
  rootBone?: boolean;
  /** The hip's horizontal motion: `keep` (default), `in-place`, `extract` (onto the root bone; needs it). */
  rootMotion?: RootMotionMode;
}

export interface ProfiledScene {
  scene: Scene;
  /** Skeletons left with their DAZ names (not Genesis 8/9), said once each. */
  warnings: string[];
}

/** The options with their defaults filled in; throws DAZPORT_USAGE for extract without a root bone. */
export function resolveSkeletonProfileOptions(
  options: SkeletonProfileOptions,
): Required<SkeletonProfileOptions> {
  const skeleton = options.skeleton ?? 'daz';
  const rootBone = options.rootBone ?? (skeleton !== 'daz' && skeletonProfile(skeleton).rootBoneByDefault);
  const rootMotion = options.rootMotion ?? 'keep';
  if (rootMotion === 'extract' && !rootBone)
    throw new DazportError(
      'DAZPORT_USAGE',
      'root motion "extract" moves the hip\'s travel onto a root bone, and there is none',
      {
        context: { skeleton, rootBone, rootMotion },
        suggestion: "add rootBone: true, or use rootMotion: 'in-place' or 'keep'",
        cliSuggestion:
          '--root-motion extract needs --root-bone (on by default with --skeleton unreal); or use --root-motion in-place|keep',
      },
    );
  return { skeleton, rootBone, rootMotion };
}

/** True when the options change nothing: the writers get the scene as read. */
export function isDazSkeleton(options: SkeletonProfileOptions): boolean {
  const o = resolveSkeletonProfileOptions(options);
  return o.skeleton === 'daz' && !o.rootBone && o.rootMotion === 'keep';
}

export function applySkeletonProfile(scene: Scene, options: SkeletonProfileOptions = {}): ProfiledScene {
  const o = resolveSkeletonProfileOptions(options);
  if (o.skeleton === 'daz' && !o.rootBone && o.rootMotion === 'keep') return { scene, warnings: [] };
  const profile = o.skeleton === 'daz' ? undefined : skeletonProfile(o.skeleton);
  const out: Scene = {
    ...scene,
    nodes: [...scene.nodes],
    skeletons: [...scene.skeletons],
    motions: [...scene.motions],
  };
  const warnings: string[] = [];
  const motionsOf = scene.motions.map((m) => motionSkeleton(scene, m));
  let rootMotionApplied = false;
  out.skeletons.forEach((_, s) => {
    const hipBefore = out.skeletons[s].joints.find((j) => j.parent < 0)?.name;
    const generation = profile ? genesisGeneration(profile, out.skeletons[s]) : undefined;
    if (profile && generation) hangBones(out, s, profile, generation, motionsOf);
    const names = profile ? profileNames(out, s, profile, generation, warnings) : undefined;
    if (names) renameSkeleton(out, s, names, motionsOf);
    const hip = hipBefore === undefined ? undefined : (names?.get(hipBefore) ?? hipBefore);
    let root: string | undefined;
    if (o.rootBone) {
      root = profile?.rootName ?? 'root';
      checkFree(out, s, root, profile);
      if (addRootBone(out, s, root) < 0) {
        warnings.push(`${out.skeletons[s].label}: no single top bone to hang a root bone over; none added`);
        root = undefined;
      }
    }
    if (hip === undefined) return;
    out.motions = out.motions.map((m, i) => {
      if (motionsOf[i] !== s) return m;
      const moved = withRootMotion(m, o.rootMotion, hip, root);
      if (moved !== m) rootMotionApplied = true;
      return moved;
    });
  });
  // Said rather than silently ignored: a still scene, or motions that never move the hip.
  if (o.rootMotion !== 'keep' && !rootMotionApplied)
    warnings.push(`root motion "${o.rootMotion}": no motion translates the hip; nothing to move`);
  return { scene: out, warnings };
}

/** The profile's re-parenting (in-chain twist bones made side children), by DAZ names. */
function hangBones(
  scene: Scene,
  s: number,
  profile: SkeletonProfile,
  generation: GenesisGeneration,
  motionsOf: (number | undefined)[],
): void {
  const left = profile.hangFromGrandparent?.[generation] ?? [];
  const names = left.flatMap((n) => [n, mirrorBoneName(n) ?? n]);
  const motions = motionsOf.flatMap((k, i) => (k === s ? [i] : []));
  for (const name of names) {
    const j = scene.skeletons[s].joints.findIndex((x) => x.name === name);
    if (j >= 0) reparentToGrandparent(scene, s, j, motions);
  }
}

/** DAZ → engine names for skeleton `s`, or undefined (with a warning) when it is not Genesis 8/9. */
function profileNames(
  scene: Scene,
  s: number,
  profile: SkeletonProfile,
  generation: GenesisGeneration | undefined,
  warnings: string[],
): Map<string, string> | undefined {
  const skeleton = scene.skeletons[s];
  if (!generation) {
    warnings.push(
      `${skeleton.label} is not a Genesis 8/9 skeleton: its bones keep their own names under the ${profile.label} profile`,
    );
    return undefined;
  }
  const table = expandTable(profile, profile[generation]);
  const names = new Map(skeleton.joints.map((j) => [j.name, table.get(j.name) ?? j.name]));
  const owner = new Map<string, string>();
  for (const [daz, engine] of names) {
    const other = owner.get(engine);
    if (other !== undefined)
      throw new DazportError(
        'DAZPORT_USAGE',
        `${skeleton.label}: bones "${other}" and "${daz}" would both be named "${engine}" under the ${profile.label} profile`,
        {
          context: { skeleton: skeleton.label, profile: profile.id, bones: [other, daz], name: engine },
          suggestion: "rename the extra bone in DAZ Studio, or use skeleton: 'daz'",
          cliSuggestion: 'rename the extra bone in DAZ Studio, or use --skeleton daz',
        },
      );
    owner.set(engine, daz);
  }
  return names;
}

function checkFree(scene: Scene, s: number, root: string, profile: SkeletonProfile | undefined): void {
  const skeleton = scene.skeletons[s];
  if (!skeleton.joints.some((j) => j.name === root)) return;
  throw new DazportError(
    'DAZPORT_USAGE',
    `${skeleton.label} already has a bone named "${root}": no root bone can be added`,
    {
      context: { skeleton: skeleton.label, profile: profile?.id ?? 'daz', name: root },
      suggestion: 'use rootBone: false',
      cliSuggestion: 'use --no-root-bone',
    },
  );
}

/** Renames joints, their scene nodes and the tracks of the skeleton's motions (new objects throughout). */
function renameSkeleton(
  scene: Scene,
  s: number,
  names: Map<string, string>,
  motionsOf: (number | undefined)[],
): void {
  const skeleton = scene.skeletons[s];
  const joints = skeleton.joints.map((j) => ({ ...j, name: names.get(j.name) ?? j.name }));
  scene.skeletons[s] = { ...skeleton, joints };
  for (const j of joints)
    if (j.node >= 0 && scene.nodes[j.node]) scene.nodes[j.node] = { ...scene.nodes[j.node], name: j.name };
  scene.motions = scene.motions.map((m, i) =>
    motionsOf[i] === s
      ? { ...m, tracks: m.tracks.map((t) => ({ ...t, joint: names.get(t.joint) ?? t.joint })) }
      : m,
  );
}

/** The skeleton a motion drives: its own, else the one that has the most of its tracks' joints. */
function motionSkeleton(scene: Scene, motion: Motion): number | undefined {
  if (motion.skeleton !== undefined) return motion.skeleton;
  let best: number | undefined;
  let bestCount = 0;
  scene.skeletons.forEach((sk, i) => {
    const names = new Set(sk.joints.map((j) => j.name));
    const count = motion.tracks.filter((t) => names.has(t.joint)).length;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  return best;
}
