import { describe, expect, it } from 'vitest';
import { rotateVec } from '../../../src/import/retarget/quat.js';
import { createChainScratch, makeChain, solveChain } from '../../../src/import/retarget/torso-chains.js';

/** A seeded random unit quaternion within `maxDeg` of the identity. */
function randomRotation(next: () => number, maxDeg: number): number[] {
  const axis = [next() - 0.5, next() - 0.5, next() - 0.5];
  const n = Math.hypot(...axis);
  const half = (next() * maxDeg * Math.PI) / 180 / 2;
  return [...axis.map((a) => (a / n) * Math.sin(half)), Math.cos(half)];
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

const angleDeg = (a: number[], b: number[]) =>
  (Math.acos(
    Math.max(
      -1,
      Math.min(1, (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (Math.hypot(...a) * Math.hypot(...b))),
    ),
  ) *
    180) /
  Math.PI;

// A Genesis 9-like trunk: hip (0), spine1..3 (1..3), spine4 (4) as end; neck base above it.
const origins = [
  [0, 97.1, 0.5],
  [0, 98.9, -0.8],
  [0, 106.8, -1.1],
  [0, 114.3, -2.3],
  [0, 126.8, -3.5],
];
const neckBase = [0, 140.7, -3.0];

describe('torso chains', () => {
  it('point the chain start → end exactly along the capture’s direction, with the end rotation given', () => {
    const next = lcg(7);
    const scratch = createChainScratch();
    for (let trial = 0; trial < 200; trial++) {
      const chain = makeChain(origins, 0, [1, 2, 3], 4, origins[0], neckBase, 0, 1);
      const world = new Float64Array(5 * 4);
      world.set(randomRotation(next, 60), 0);
      const endQ = new Float64Array(randomRotation(next, 70));
      // The capture's hips → neck base: somewhere within 40° of the figure's posed pelvis up.
      const up = new Float64Array(3);
      rotateVec(up, 0, world, 0, [0, 1, 0], 0);
      const tilt = new Float64Array(randomRotation(next, 40));
      const u = new Float64Array(3);
      rotateVec(u, 0, tilt, 0, up, 0);
      const points = new Float64Array([0, 0, 0, u[0] * 40, u[1] * 40, u[2] * 40]);
      solveChain(chain, world, endQ, 0, points, scratch);
      expect(Array.from(world.subarray(16, 20))).toEqual(Array.from(endQ));
      // Posed start → end point: base segment, links, end segment.
      const sum = [0, 0, 0];
      const add = (bone: number, v: number[]) => {
        const out = new Float64Array(3);
        rotateVec(out, 0, world, bone * 4, v, 0);
        for (let i = 0; i < 3; i++) sum[i] += out[i];
      };
      add(
        0,
        origins[1].map((v, i) => v - origins[0][i]),
      );
      for (let k = 1; k <= 3; k++)
        add(
          k,
          origins[k + 1].map((v, i) => v - origins[k][i]),
        );
      add(
        4,
        neckBase.map((v, i) => v - origins[4][i]),
      );
      expect(angleDeg(sum, Array.from(u))).toBeLessThan(1e-4);
      for (let b = 1; b <= 3; b++) expect(Math.hypot(...world.subarray(b * 4, b * 4 + 4))).toBeCloseTo(1, 9);
    }
  });

  it('spread the turn from base to end evenly over the links when the direction already holds', () => {
    const chain = makeChain(origins, 0, [1, 2, 3], 4, origins[0], neckBase, -1, -1);
    const world = new Float64Array(5 * 4);
    world[3] = 1;
    const half = Math.PI / 3 / 2; // 60° about X, end only
    const endQ = new Float64Array([Math.sin(half), 0, 0, Math.cos(half)]);
    solveChain(chain, world, endQ, 0, new Float64Array(0), createChainScratch());
    for (let k = 1; k <= 3; k++) {
      const angle = 2 * Math.atan2(world[k * 4], world[k * 4 + 3]);
      expect((angle * 180) / Math.PI).toBeCloseTo(15 * k, 9);
    }
  });
});
