/**
 * The few vector and quaternion operations the skeleton builder needs. Kept local (and tiny) so the
 * built-in skeleton data has no dependency beyond its own folder.
 */

import type { QuatTuple, Vec3Tuple } from './skeleton-definition.js';

export function add(a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

export function sub(a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function scale(v: Vec3Tuple, s: number): Vec3Tuple {
  return [v[0] * s, v[1] * s, v[2] * s];
}

export function dot(a: Vec3Tuple, b: Vec3Tuple): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function length(v: Vec3Tuple): number {
  return Math.hypot(v[0], v[1], v[2]);
}

export function normalize(v: Vec3Tuple): Vec3Tuple {
  const len = length(v);
  if (len === 0) throw new Error('cannot normalize a zero-length vector');
  return scale(v, 1 / len);
}

/**
 * The shortest-arc rotation taking unit vector `from` onto unit vector `to`, as [x, y, z, w].
 * Callers keep the angle at or below 90° (see bone-orientation.ts), so the half-way construction
 * q = (from × to, 1 + from·to), normalised, never meets its degenerate antiparallel case.
 */
export function quatFromUnitVectors(from: Vec3Tuple, to: Vec3Tuple): QuatTuple {
  const w = 1 + dot(from, to);
  if (w < 1e-9) throw new Error('quatFromUnitVectors: vectors are antiparallel');
  const [x, y, z] = cross(from, to);
  const n = Math.hypot(x, y, z, w);
  return [x / n, y / n, z / n, w / n];
}

/** Rounds to a fixed number of decimals, never returning -0 (which would upset deep-equality tests). */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}
