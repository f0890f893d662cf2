/**
 * Quaternion tracks → continuous Euler tracks in a bone's rotation order (degrees). A rotation
 * has two Euler solutions, (a, b, c) and (a ± 180, ±180 − b, c ± 180); of the two, per frame, the
 * one nearest the previous frame is kept, and each angle is unwrapped by whole turns, so keys
 * never flip by ±180° or 360° between frames.
 */
import { quatToEulerDegrees } from '../../math/euler.js';
import type { RotationOrderName } from '../../math/rotation-order.js';
import { frameRotation } from '../../scene/motion.js';

/** Per axis (x, y, z): frames values, degrees. */
export function eulerTrack(
  rotations: Float32Array,
  order: RotationOrderName,
): [Float64Array, Float64Array, Float64Array] {
  const frames = rotations.length / 4;
  const out: [Float64Array, Float64Array, Float64Array] = [
    new Float64Array(frames),
    new Float64Array(frames),
    new Float64Array(frames),
  ];
  const axes = [0, 1, 2].map((n) => 'XYZ'.indexOf(order[n]));
  let prev: number[] | null = null;
  for (let f = 0; f < frames; f++) {
    const q = frameRotation(rotations, f);
    const e = quatToEulerDegrees(order, q); // per axis x, y, z
    const a = e[axes[0]];
    const b = e[axes[1]];
    const c = e[axes[2]];
    const other = [a + 180, 180 - b, c + 180];
    let pick = [a, b, c];
    if (prev) {
      const near = (cand: number[]) => cand.map((v, i) => unwrap(v, (prev as number[])[i]));
      const p1 = near(pick);
      const p2 = near(other);
      const dist = (p: number[]) => p.reduce((s, v, i) => s + Math.abs(v - (prev as number[])[i]), 0);
      pick = dist(p2) < dist(p1) - 1e-9 ? p2 : p1;
    }
    prev = pick;
    for (let n = 0; n < 3; n++) out[axes[n]][f] = pick[n];
  }
  return out;
}

/** `value` plus a whole number of turns, as close as possible to `previous`. */
export function unwrap(value: number, previous: number): number {
  return value + 360 * Math.round((previous - value) / 360);
}
