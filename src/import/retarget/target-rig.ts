/**
 * The target of a retarget: a DAZ skeleton's rest data, from a built-in Genesis definition
 * (offline) or from a live figure read through the client (which wins: character morphs move
 * joints).
 */
import type { SkeletonDefinition } from '../../bonemaps/genesis/skeleton-definition.js';
import type { Joint, Skeleton } from '../../scene/skeleton.js';

/** The rest data of a scene joint that a retarget needs (parents first, parent -1 at the root). */
export type RigJoint = Pick<Joint, 'name' | 'parent' | 'rotationOrder' | 'origin' | 'end' | 'orientation'>;

export interface TargetRig {
  label: string;
  joints: RigJoint[];
}

export function rigFromDefinition(def: SkeletonDefinition): TargetRig {
  const index = new Map(def.bones.map((b, i) => [b.name, i]));
  return {
    label: def.figureLabel,
    joints: def.bones.map((b) => ({
      name: b.name,
      parent: b.parent === null ? -1 : (index.get(b.parent) ?? -1),
      rotationOrder: b.rotationOrder,
      origin: [...b.origin],
      end: [...b.end],
      orientation: [...b.orientation],
    })),
  };
}

export function rigFromSkeleton(skeleton: Skeleton): TargetRig {
  return {
    label: skeleton.label,
    joints: skeleton.joints.map((j) => ({
      name: j.name,
      parent: j.parent,
      rotationOrder: j.rotationOrder,
      origin: [...j.origin],
      end: [...j.end],
      orientation: [...j.orientation],
    })),
  };
}

/** Lowest point of the rest skeleton (joint centres and end points), cm. */
export function restFloor(rig: TargetRig): number {
  let min = Number.POSITIVE_INFINITY;
  for (const j of rig.joints) min = Math.min(min, j.origin[1], j.end[1]);
  return min;
}
