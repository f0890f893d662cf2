/** The engine profiles by id, and the full (both sides) name table a profile gives a skeleton. */

import { mirrorBoneName } from '../../bonemaps/genesis/mirror.js';
import { isPoserSkeleton } from '../../bonemaps/poser/poser-map.js';
import type { Skeleton } from '../../scene/skeleton.js';
import { MIXAMO_PROFILE } from './mixamo.js';
import type { ProfileTable, SkeletonProfile, SkeletonProfileId } from './profile.js';
import { UNITY_PROFILE } from './unity.js';
import { UNREAL_PROFILE } from './unreal.js';

export const SKELETON_PROFILES: readonly SkeletonProfile[] = [UNREAL_PROFILE, UNITY_PROFILE, MIXAMO_PROFILE];

export function skeletonProfile(id: Exclude<SkeletonProfileId, 'daz'>): SkeletonProfile {
  const profile = SKELETON_PROFILES.find((p) => p.id === id);
  if (!profile) throw new Error(`no skeleton profile "${id}"`); // the id type rules this out
  return profile;
}

export type GenesisGeneration = 'genesis8' | 'genesis9';

/**
 * Every bone of the table and its right-side mirror: DAZ name → engine name (a KEEP entry maps
 * to the DAZ name itself).
 */
export function expandTable(profile: SkeletonProfile, table: ProfileTable): Map<string, string> {
  const out = new Map<string, string>();
  for (const [daz, engine] of Object.entries(table)) {
    const name = engine ?? daz;
    out.set(daz, name);
    const right = mirrorBoneName(daz);
    if (right) out.set(right, engine === null ? right : profile.mirrorName(name));
  }
  return out;
}

/**
 * Which Genesis the skeleton is, by its bones: Genesis 9 names its left bones `l_…` and its
 * spine `spine1`…, Genesis 8 `lShldrBend`, `abdomenLower`. A fitted garment carries a subset of
 * its figure's bones, so the generation whose table knows most of its own bones wins; undefined
 * when that table knows fewer than half the skeleton's bones (not a Genesis 8/9 rig), or when the
 * rig is a Poser figure's.
 */
export function genesisGeneration(
  profile: SkeletonProfile,
  skeleton: Skeleton,
): GenesisGeneration | undefined {
  let best: GenesisGeneration | undefined;
  let bestCount = 0;
  for (const generation of ['genesis8', 'genesis9'] as const) {
    const table = expandTable(profile, profile[generation]);
    // Names both generations share (hip, pelvis, head, tongue01 ...) tell nothing.
    const other = expandTable(profile, profile[generation === 'genesis8' ? 'genesis9' : 'genesis8']);
    const count = skeleton.joints.filter((j) => table.has(j.name) && !other.has(j.name)).length;
    if (count > bestCount) {
      best = generation;
      bestCount = count;
    }
  }
  const known = best ? expandTable(profile, profile[best]) : undefined;
  const hits = known ? skeleton.joints.filter((j) => known.has(j.name)).length : 0;
  // A Poser figure shares half its names with Genesis 8 (hip, lCollar, lHand, lShin, lFoot …)
  // and passes the count; renamed, it came out half engine, half Poser (pelvis beside lThigh).
  if (isPoserSkeleton(skeleton.joints.map((j) => j.name))) return undefined;
  return known && hits * 2 >= skeleton.joints.length ? best : undefined;
}
