/**
 * Which canonical spine slot each joint of a source spine chain drives.
 *
 * The canonical body has four spine slots between the hips and the neck (spineLower, spineMid,
 * chest, chestUpper); captures have one (Mixamo-like `Spine`) to ten (HumanIK `Spine`…`Spine9`).
 * What matters most for the retargeted torso is the ends: the lowest joint turns the lower back
 * (spineLower), the joint the clavicles hang from turns the ribcage (chest, or chestUpper when
 * the chain has four joints or more), and the neck stays the neck. The retargeter spreads the
 * spine bend over Genesis's links by joint positions, so the slots in between only have to be
 * in order. A chain longer than four keeps its two ends and the joints nearest a third and two
 * thirds of the way up; the others are helpers: they move with their parents and drive nothing.
 *
 * Chains of one to three keep the slots the fixed tables always had (`Spine` → spineLower;
 * `Ab`, `Chest` → spineLower, chest; `Spine`, `Spine1`, `Spine2` → spineLower, spineMid, chest).
 */
import type { CanonicalCenter } from './canonical.js';

export const SPINE_SLOTS = [
  'spineLower',
  'spineMid',
  'chest',
  'chestUpper',
] as const satisfies readonly CanonicalCenter[];
export type SpineSlot = (typeof SPINE_SLOTS)[number];

const SHORT_CHAINS: readonly (readonly SpineSlot[])[] = [
  [],
  ['spineLower'],
  ['spineLower', 'chest'],
  ['spineLower', 'spineMid', 'chest'],
];

/** For a chain of `count` joints (lowest first), the slot of each, or null for a helper. */
export function spineSlots(count: number): (SpineSlot | null)[] {
  if (count < SHORT_CHAINS.length) return [...SHORT_CHAINS[count]];
  const slots: (SpineSlot | null)[] = new Array(count).fill(null);
  SPINE_SLOTS.forEach((slot, k) => {
    slots[Math.round((k * (count - 1)) / (SPINE_SLOTS.length - 1))] = slot;
  });
  return slots;
}

export function isSpineSlot(joint: string): joint is SpineSlot {
  return (SPINE_SLOTS as readonly string[]).includes(joint);
}
