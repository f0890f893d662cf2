import { describe, expect, it } from 'vitest';
import { topInfluences } from '../../../src/export/gltf/skin-weights.js';

const joint = (j: number, entries: [vertex: number, weight: number][]) => ({
  joint: j,
  indices: Uint32Array.from(entries.map((e) => e[0])),
  weights: Float32Array.from(entries.map((e) => e[1])),
});

describe('top-4 skin weights', () => {
  it('keeps the four largest influences per vertex, descending, normalised to 1', () => {
    const r = topInfluences(
      {
        skeleton: 0,
        joints: [
          joint(0, [[0, 0.05]]),
          joint(1, [[0, 0.3]]),
          joint(2, [
            [0, 0.1],
            [1, 1],
          ]),
          joint(3, [[0, 0.25]]),
          joint(4, [[0, 0.3]]),
        ],
      },
      3,
    );
    // vertex 0: 5 influences, the 0.05 one dropped, the rest renormalised by 0.95
    expect(Array.from(r.joints.subarray(0, 4))).toEqual([1, 4, 3, 2]);
    const w = Array.from(r.weights.subarray(0, 4));
    for (const [k, x] of [0.3, 0.3, 0.25, 0.1].entries()) expect(w[k]).toBeCloseTo(x / 0.95, 6);
    expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-7);
    // vertex 1: one influence, unused slots joint 0 weight 0
    expect(Array.from(r.joints.subarray(4, 8))).toEqual([2, 0, 0, 0]);
    expect(Array.from(r.weights.subarray(4, 8))).toEqual([1, 0, 0, 0]);
    // vertex 2: none → bound to the root joint
    expect(Array.from(r.weights.subarray(8, 12))).toEqual([1, 0, 0, 0]);
    expect(r).toMatchObject({ maxInfluences: 5, truncatedVertices: 1, unweighted: 1 });
    expect(r.maxDroppedShare).toBeCloseTo(0.05, 6);
  });

  it('merges a joint listed twice into one influence', () => {
    const r = topInfluences(
      { skeleton: 0, joints: [joint(3, [[0, 0.25]]), joint(5, [[0, 0.5]]), joint(3, [[0, 0.25]])] },
      1,
    );
    expect(Array.from(r.joints)).toEqual([5, 3, 0, 0]);
    expect(Array.from(r.weights)).toEqual([0.5, 0.5, 0, 0]);
  });
});
