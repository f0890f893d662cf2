/**
 * Decoding the delta-coded integer lists the scene scripts send (scripts/scene-scripts.ts).
 *
 * Why deltas: the bulk of a scene read is text, and text costs at every step (the script's
 * JSON.stringify, the server's quoting, the socket, the client's JSON.parse). Neighbouring
 * elements are alike (vertex i+1 sits next to vertex i, facet i+1 next to facet i), so the
 * difference to the previous element is a much shorter number than the value. Measured on the
 * heavy scene: positions 29.7 → 21.8 MB, UVs 17.2 → 8.8 MB.
 *
 * Every list restarts from 0 at its chunk's first element, so chunks decode independently and
 * in any order. The integers are exact (fixed point), so the running sums are too.
 */

import { DazProtocolError } from './errors.js';

/**
 * Running sums per component of a flat list of `stride`-tuples, each the difference to the
 * previous tuple: element i, component k = Σ deltas[j·stride + k] for j ≤ i. Then divided by
 * `scale` (the script's fixed-point unit) into float32.
 */
export function decodeTupleDeltas(deltas: readonly number[], stride: number, scale: number): Float32Array {
  const out = new Float32Array(deltas.length);
  if (stride === 3) {
    // The common case (positions, normals) unrolled: this loop runs over millions of numbers.
    let x = 0;
    let y = 0;
    let z = 0;
    for (let i = 0; i + 2 < deltas.length; i += 3) {
      x += deltas[i];
      y += deltas[i + 1];
      z += deltas[i + 2];
      out[i] = x / scale;
      out[i + 1] = y / scale;
      out[i + 2] = z / scale;
    }
    return out;
  }
  const sums = new Float64Array(stride);
  for (let i = 0; i < deltas.length; i++) {
    const k = i % stride;
    sums[k] += deltas[i];
    out[i] = sums[k] / scale;
  }
  return out;
}

/**
 * Facets as MESH_FACETS sends them (its comment says why). Per facet an 8-tuple: vertex corner 1
 * minus the previous facet's corner 1, corners 2-4 minus this facet's corner 1; then the same
 * for the UV corners. A triangle's missing 4th corner decodes to -1. A tuple equal to the
 * previous facet's is not sent again: `repeats` holds pairs [tuple, extra] saying that tuple
 * number `tuple` (0-based, in `tuples`) applies to `extra` more facets.
 *
 * Decoded into `vertices` and `uvs` (4 slots per facet, -1 pads) as facets [first, first+count);
 * lists that describe any other number of facets are a protocol error.
 */
export function decodeFacets(
  tuples: readonly number[],
  repeats: readonly number[],
  vertices: Int32Array,
  uvs: Int32Array,
  first: number,
  count: number,
): void {
  if (tuples.length % 8 !== 0)
    throw new DazProtocolError(`mesh-facets: tuples come in 8s, got ${tuples.length} numbers`);
  let vertex1 = 0;
  let uv1 = 0;
  let facet = first;
  let nextRepeat = 0;
  for (let tuple = 0; tuple * 8 < tuples.length; tuple++) {
    let times = 1;
    if (nextRepeat < repeats.length && repeats[nextRepeat] === tuple) {
      times += repeats[nextRepeat + 1];
      nextRepeat += 2;
    }
    for (let k = 0; k < times; k++, facet++) {
      if (facet >= first + count)
        throw new DazProtocolError(`mesh-facets: more than the ${count} facets asked for`);
      const at = tuple * 8;
      const out = facet * 4;
      vertex1 += tuples[at];
      vertices[out] = vertex1;
      vertices[out + 1] = vertex1 + tuples[at + 1];
      vertices[out + 2] = vertex1 + tuples[at + 2];
      vertices[out + 3] = vertex1 + tuples[at + 3];
      uv1 += tuples[at + 4];
      uvs[out] = uv1;
      uvs[out + 1] = uv1 + tuples[at + 5];
      uvs[out + 2] = uv1 + tuples[at + 6];
      uvs[out + 3] = uv1 + tuples[at + 7];
    }
  }
  if (nextRepeat !== repeats.length)
    throw new DazProtocolError('mesh-facets: a repeat names a tuple that was not sent');
  if (facet !== first + count)
    throw new DazProtocolError(`mesh-facets: expected ${count} facets, got ${facet - first}`);
}
