/**
 * The three ways BVH exporters set up a joint's local axes, as the rotation M_j taking a joint's
 * local axes to the performer frame in the T-pose. A joint then turns with W_j = C · S_j · M_j in
 * the file (C: performer → file axes, S_j: the joint's world rotation from the T-pose), its
 * children sit at OFFSET = M_j⁻¹ · (child − joint) / unit, and the rotation channels hold
 * W_parent⁻¹ · W_j.
 *
 * - `tpose`: M_j = C⁻¹. All rotations zero is the T-pose (CMU, Mixamo, Biovision, Rokoko).
 * - `apose`: M_j = Z_j⁻¹ · C⁻¹ with Z_j lowering the arms 45°: zero rotations is an A-pose.
 * - `bone-x`: M_j turns local +X onto the joint's bone (towards its main child) with a roll of
 *   its own, as in LAFAN1 and the Bandai-Namco set: every OFFSET to a main child lies along the
 *   parent's +X, the zero pose is a tangle of straight lines, and the rest pose lives in the
 *   rotation channels.
 */
import { quat, vec3 } from 'gl-matrix';
import { q64, v64 } from './gl64.js';
import type { SyntheticJoint, SyntheticSkeleton } from './skeleton-spec.js';
import { rot } from './walk-intent.js';

export const JOINT_FRAME_STYLES = ['tpose', 'apose', 'bone-x'] as const;
export type JointFrameStyle = (typeof JOINT_FRAME_STYLES)[number];

const CENTRE_ROLES = new Set(['spine', 'neck', 'neckHead', 'head']);
const ARM_ROLES = new Set(['upperArm', 'forearm', 'hand']);

/** Deterministic roll in degrees from a joint's name, so every bone-x joint has its own. */
function rollOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return ((h >>> 0) % 331) - 165;
}

/** The direction a bone-x joint's +X follows: to its main child, else its End Site, else up. */
function boneDirection(skeleton: SyntheticSkeleton, joint: SyntheticJoint): vec3 {
  const children = skeleton.joints.filter((j) => j.parent === joint.name);
  const targets = [
    ...children.filter((c) => CENTRE_ROLES.has(c.role)).map((c) => c.at),
    ...children.map((c) => c.at),
    ...(joint.end ? [joint.end] : []),
  ];
  for (const t of targets) {
    const d = v64(t[0] - joint.at[0], t[1] - joint.at[1], t[2] - joint.at[2]);
    if (vec3.length(d) > 1e-6) return vec3.normalize(d, d);
  }
  return v64(0, 1, 0);
}

/** M_j for every joint of `skeleton` in `style`, given C (performer → file). */
export function jointFrames(
  skeleton: SyntheticSkeleton,
  style: JointFrameStyle,
  c: Float64Array,
): Float64Array[] {
  const cInv = quat.invert(q64(), c as unknown as quat);
  return skeleton.joints.map((j) => {
    const m = q64();
    if (j.role === 'static' || style === 'tpose') return quat.copy(m, cInv) as unknown as Float64Array;
    if (style === 'apose') {
      const lower = ARM_ROLES.has(j.role) ? rot(['z', j.side === 'l' ? -45 : 45]) : rot();
      const zInv = quat.invert(q64(), lower as unknown as quat);
      return quat.multiply(m, zInv, cInv) as unknown as Float64Array;
    }
    const along = quat.rotationTo(q64(), [1, 0, 0], boneDirection(skeleton, j));
    const roll = rot(['x', rollOf(j.name)]);
    return quat.multiply(m, along, roll as unknown as quat) as unknown as Float64Array;
  });
}
