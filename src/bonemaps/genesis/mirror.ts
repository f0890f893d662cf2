/**
 * Left → right mirroring, as DAZ builds the right side of a Genesis rig from the left: across the
 * figure's YZ plane (x → −x), with the `l`/`r` (Genesis 8: `lShldrBend`) or `l_`/`r_` (Genesis 9:
 * `l_upperarm`) name prefix and the `Left`/`Right` label word swapped.
 */

import type { QuatTuple, Vec3Tuple } from './skeleton-definition.js';

/** Negation that keeps 0 as 0 (not -0), so mirrored centre values compare equal. */
function neg(value: number): number {
  return value === 0 ? 0 : -value;
}

/**
 * The right-side name of a left-side bone, or undefined for a centre bone. Genesis 8 marks the
 * left with a lowercase `l` before a capital (`lEye`; `lowerJaw` is a centre bone), Genesis 9
 * with `l_` (`l_eye`; `lowerjaw`, `liplowermiddle` are centre bones).
 */
export function mirrorBoneName(name: string): string | undefined {
  if (name.startsWith('l_')) return `r_${name.slice(2)}`;
  if (/^l[A-Z]/.test(name)) return `r${name.slice(1)}`;
  return undefined;
}

/** True when `name` is a left-side bone name under either convention. */
export function isLeftBoneName(name: string): boolean {
  return mirrorBoneName(name) !== undefined;
}

export function mirrorLabel(label: string): string {
  return label.replace(/\bLeft\b/, 'Right');
}

export function mirrorPoint(p: Vec3Tuple): Vec3Tuple {
  return [neg(p[0]), p[1], p[2]];
}

/**
 * Mirror of a rotation across the YZ plane: M·R·M with M = diag(−1, 1, 1). A rotation's axis is a
 * pseudo-vector, so its reflection is −M·axis = (ax, −ay, −az) while the angle is kept; as a
 * quaternion (x, y, z, w) → (x, −y, −z, w). Applied to a left bone's orientation this gives the
 * right bone's: its Y/Z long axes map onto the mirrored direction, its X long axis onto the
 * mirrored direction reversed (DAZ's right arm bones point their +X back toward the body).
 */
export function mirrorQuaternion(q: QuatTuple): QuatTuple {
  return [q[0], neg(q[1]), neg(q[2]), q[3]];
}
