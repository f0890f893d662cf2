/**
 * The few 3-vector operations the planning code needs, on plain tuples. Planning touches a few
 * hundred points per figure, so clarity beats allocation here; the per-vertex loops in
 * `tube.ts` work on typed arrays directly.
 */
import type { Vec3Tuple } from '../../../bonemaps/genesis/skeleton-definition.js';

export type { Vec3Tuple };

export function add(a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

export function sub(a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function scale(a: Vec3Tuple, k: number): Vec3Tuple {
  return [a[0] * k, a[1] * k, a[2] * k];
}

/** a + b * k */
export function addScaled(a: Vec3Tuple, b: Vec3Tuple, k: number): Vec3Tuple {
  return [a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k];
}

export function dot(a: Vec3Tuple, b: Vec3Tuple): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function length(a: Vec3Tuple): number {
  return Math.hypot(a[0], a[1], a[2]);
}

export function distance(a: Vec3Tuple, b: Vec3Tuple): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Unit vector along a; `fallback` when a is (nearly) zero, so degenerate bones never yield NaN. */
export function normalize(a: Vec3Tuple, fallback: Vec3Tuple = [0, 1, 0]): Vec3Tuple {
  const len = length(a);
  return len > 1e-9 ? [a[0] / len, a[1] / len, a[2] / len] : [...fallback];
}

export function lerp(a: Vec3Tuple, b: Vec3Tuple, t: number): Vec3Tuple {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export function midpoint(a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple {
  return lerp(a, b, 0.5);
}

export function average(points: readonly Vec3Tuple[]): Vec3Tuple {
  const sum: Vec3Tuple = [0, 0, 0];
  for (const p of points) {
    sum[0] += p[0];
    sum[1] += p[1];
    sum[2] += p[2];
  }
  const n = Math.max(1, points.length);
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}

/** The component of v perpendicular to the unit vector axis. */
export function rejectFrom(v: Vec3Tuple, axis: Vec3Tuple): Vec3Tuple {
  return addScaled(v, axis, -dot(v, axis));
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
