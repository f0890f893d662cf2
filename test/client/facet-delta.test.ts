import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFacetIndices } from '../../src/client/scene-reader.js';

/** MESH_FACETS' encoder, as its DazScript writes it (the script itself runs in the reader tests). */
function encode(indices: number[]): number[] {
  let previous = 0;
  return indices.map((x) => {
    if (x < 0) return -1 - previous;
    const d = x - previous;
    previous = x;
    return d;
  });
}

describe('facet index delta coding', () => {
  it('decodes quads and padded triangles back exactly, at any offset', () => {
    const indices = [5, 6, 7, -1, 7, 8, 9, 10, 0, 1, 2, -1];
    expect(encode(indices)).toEqual([5, 1, 1, -8, 0, 1, 1, 1, -10, 1, 1, -3]);
    const out = new Int32Array(16).fill(99);
    decodeFacetIndices(encode(indices), out, 4);
    expect(Array.from(out)).toEqual([99, 99, 99, 99, ...indices]);
  });

  it('round-trips any list of indices and pads', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(-1), fc.nat(5_000_000))), (indices) => {
        const out = new Int32Array(indices.length);
        decodeFacetIndices(encode(indices), out, 0);
        expect(Array.from(out)).toEqual(indices);
      }),
      { numRuns: 500 },
    );
  });
});
