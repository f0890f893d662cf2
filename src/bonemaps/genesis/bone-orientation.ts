/**
 * A bone's rest orientation from its rotation order and its origin → end direction.
 *
 * Convention (applies to left-side and centre bones; right-side bones take the mirror, see
 * mirror.ts): the orientation is the shortest-arc rotation that turns the bone's long axis — the
 * first letter of its rotation order — onto the unit direction origin → end. When that direction
 * lies more than 90° from the positive axis, the NEGATIVE axis is aligned instead, so the rotation
 * stays within 90° and near identity: DAZ's leg bones keep +Y up although they point down, and a
 * thigh's orientation should be a small tilt, not a half turn. Roll about the long axis is not
 * recoverable from two points and is left at the shortest arc's.
 */

import type { QuatTuple, RotationOrderName, Vec3Tuple } from './skeleton-definition.js';
import { dot, normalize, quatFromUnitVectors, sub } from './vector-math.js';

const AXES: Record<'X' | 'Y' | 'Z', Vec3Tuple> = { X: [1, 0, 0], Y: [0, 1, 0], Z: [0, 0, 1] };

/** The positive unit long axis of a bone with this rotation order. */
export function longAxis(order: RotationOrderName): Vec3Tuple {
  return AXES[order[0] as 'X' | 'Y' | 'Z'];
}

/**
 * The long axis signed as the orientation aligns it: +axis, or −axis when the bone points more than
 * 90° away from +axis. Exported so consumers (and tests) can apply the same convention.
 */
export function alignedLongAxis(order: RotationOrderName, direction: Vec3Tuple): Vec3Tuple {
  const axis = longAxis(order);
  return dot(axis, direction) < 0 ? [-axis[0], -axis[1], -axis[2]] : axis;
}

export function boneOrientation(order: RotationOrderName, origin: Vec3Tuple, end: Vec3Tuple): QuatTuple {
  const direction = normalize(sub(end, origin));
  return quatFromUnitVectors(alignedLongAxis(order, direction), direction);
}
