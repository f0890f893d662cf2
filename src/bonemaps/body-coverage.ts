/**
 * Which body joints a mapping must have before a retarget is worth running. Without them a
 * limb or the torso stays frozen at rest while the rest of the figure moves, which reads as a
 * broken clip, not as a partial one; so the retarget stops and says what is missing unless the
 * caller asks for a partial retarget.
 *
 * Required: the hips, the head, at least one spine joint (any of spineLower … chestUpper: a
 * capture has one to ten, see spine-slots.ts), and on both sides the upper arm, forearm, hand,
 * thigh, shin and foot. Clavicles, necks, toes and fingers are optional: the figure's own stay
 * at rest, which looks natural.
 */
import type { CanonicalJoint } from './canonical.js';
import type { JointMapping } from './detect-convention.js';
import { SPINE_SLOTS } from './spine-slots.js';

/** A required canonical joint, or `spine` for "any one of the spine slots". */
export type RequiredBodyJoint = CanonicalJoint | 'spine';

const REQUIRED_LIMBS = ['upperArm', 'forearm', 'hand', 'thigh', 'shin', 'foot'] as const;

export const REQUIRED_BODY_JOINTS: readonly RequiredBodyJoint[] = [
  'hips',
  'spine',
  'head',
  ...(['l', 'r'] as const).flatMap((s) => REQUIRED_LIMBS.map((j) => `${s}_${j}` as const)),
];

/** The required body joints no source joint maps to, in REQUIRED_BODY_JOINTS order. */
export function missingBodyJoints(mapping: Pick<JointMapping, 'canonical'>): RequiredBodyJoint[] {
  const mapped = new Set(mapping.canonical.values());
  return REQUIRED_BODY_JOINTS.filter((joint) =>
    joint === 'spine' ? !SPINE_SLOTS.some((slot) => mapped.has(slot)) : !mapped.has(joint),
  );
}

/** `spine` spelled out for people: the slots any of which would do. */
export function describeRequiredJoint(joint: RequiredBodyJoint): string {
  return joint === 'spine' ? `a spine joint (${SPINE_SLOTS.join(', ')})` : joint;
}
