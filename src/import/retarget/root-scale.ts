/**
 * Leg length, the measure the automatic root scale compares: thigh → knee → ankle along the
 * bones, both legs' mean. Bone lengths do not depend on the pose, so neither a capture's splayed
 * zero pose (CMU's legs stand 20° apart) nor a straight-line bone-along-X rest changes it; hip
 * heights measured on such poses came out 5% too high or meaningless.
 */
import type { CanonicalJoint } from '../../bonemaps/canonical.js';

/** Mean leg length of the mapped legs, 0 when no leg has thigh, shin and foot. */
export function legLength(
  jointOf: ReadonlyMap<CanonicalJoint, number>,
  position: (joint: number) => readonly number[],
): number {
  const lengths: number[] = [];
  for (const s of ['l', 'r'] as const) {
    const chain = [`${s}_thigh`, `${s}_shin`, `${s}_foot`].map((c) => jointOf.get(c as CanonicalJoint));
    if (chain.some((j) => j === undefined)) continue;
    const [a, b, c] = chain.map((j) => position(j as number));
    lengths.push(distance(a, b) + distance(b, c));
  }
  return lengths.length ? lengths.reduce((x, y) => x + y, 0) / lengths.length : 0;
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
