import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFacets, decodeTupleDeltas } from '../../src/client/delta-coding.js';
import { MESH_FACETS, MESH_POSITIONS, MESH_UVS } from '../../src/client/scripts/scene-scripts.js';
import { ScriptRuntime } from '../../src/emulator/runtime/script-runtime.js';

/**
 * The encoders are the scene scripts themselves, run in the emulator's DazScript runtime over a
 * stand-in geometry that serves arbitrary data through DAZ's API (getFacet, getVertex,
 * getPnt2Vec): what goes in must come out of the client's decoders.
 */
interface Facet {
  v: number[];
  t: number[];
  material: number;
}

function runScript(
  source: string,
  geometry: Record<string, unknown>,
  args: Record<string, unknown>,
): Record<string, string> {
  const node = {
    getObject: () => ({
      getCachedGeom: () => geometry,
      getCurrentShape: () => ({ getGeometry: () => geometry }),
    }),
  };
  const runtime = new ScriptRuntime(() => ({ Scene: { findNodeByElementID: () => node } }));
  const outcome = runtime.run({ source, args, timeoutMs: 10_000, maxOutputLines: 10, dialect: 'builder' });
  if (!outcome.success) throw new Error(outcome.error ?? 'script failed');
  return JSON.parse(outcome.resultJson);
}

function facetGeometry(facets: Facet[]) {
  return {
    getNumFacets: () => facets.length,
    getFacet: (i: number) => {
      const f = facets[i];
      return {
        vertIdx1: f.v[0],
        vertIdx2: f.v[1],
        vertIdx3: f.v[2],
        vertIdx4: f.v[3] ?? -1,
        uvwIdx1: f.t[0],
        uvwIdx2: f.t[1],
        uvwIdx3: f.t[2],
        uvwIdx4: f.t[3] ?? -1,
        materialIndex: f.material,
      };
    },
  };
}

const facetArb = fc.integer({ min: 3, max: 4 }).chain((size) =>
  fc.record({
    v: fc.array(fc.nat(2_000_000), { minLength: size, maxLength: size }),
    t: fc.array(fc.nat(2_000_000), { minLength: size, maxLength: size }),
    material: fc.nat(5),
  }),
);

function decode(result: Record<string, string>, count: number) {
  const v = new Int32Array(count * 4);
  const t = new Int32Array(count * 4);
  decodeFacets(JSON.parse(result.c), JSON.parse(result.r), v, t, 0, count);
  return { v: Array.from(v), t: Array.from(t) };
}

const padded = (corners: number[]) => (corners.length === 3 ? [...corners, -1] : corners);

describe('delta coding of the bulk arrays (scene scripts → client decoders)', () => {
  it('a strip of quads is one tuple and a repeat; a triangle pad decodes to -1', () => {
    const facets: Facet[] = [
      { v: [0, 1, 11, 10], t: [0, 1, 11, 10], material: 0 },
      { v: [1, 2, 12, 11], t: [1, 2, 12, 11], material: 0 },
      { v: [2, 3, 13, 12], t: [2, 3, 13, 12], material: 0 },
      { v: [3, 4, 14], t: [3, 4, 14], material: 1 },
      { v: [4, 5, 15], t: [4, 5, 15], material: 1 },
      { v: [5, 6, 16, 15], t: [5, 6, 16, 15], material: 1 },
    ];
    const result = runScript(MESH_FACETS.source, facetGeometry(facets), { id: 1, start: 0, count: 6 });
    expect(JSON.parse(result.c)).toEqual([
      ...[0, 1, 11, 10, 0, 1, 11, 10],
      ...[1, 1, 11, 10, 1, 1, 11, 10], // facets 1 and 2
      ...[1, 1, 11, -4, 1, 1, 11, -4], // facet 3: the pad is -1 - corner 1 (3)
      ...[1, 1, 11, -5, 1, 1, 11, -5], // facet 4 (a triangle too, but another pad delta)
      ...[1, 1, 11, 10, 1, 1, 11, 10], // facet 5
    ]);
    expect(JSON.parse(result.r)).toEqual([1, 1]);
    expect(JSON.parse(result.m)).toEqual([0, 3, 1, 3]);
    const decoded = decode(result, 6);
    expect(decoded.v).toEqual(facets.flatMap((f) => padded(f.v)));
    expect(decoded.t).toEqual(facets.flatMap((f) => padded(f.t)));
  });

  it('round-trips any facets, triangles and quads mixed, from any chunk start', () => {
    // Strips (every corner +1) mixed with arbitrary facets, so repeats and breaks both occur.
    const stripArb = fc.tuple(facetArb, fc.nat(6)).map(([f, length]) =>
      Array.from({ length: length + 1 }, (_, k) => ({
        ...f,
        v: f.v.map((x) => x + k),
        t: f.t.map((x) => x + k),
      })),
    );
    fc.assert(
      fc.property(fc.array(stripArb, { maxLength: 10 }), fc.nat(40), (strips, rawStart) => {
        const facets = strips.flat();
        const start = Math.min(rawStart, facets.length);
        const result = runScript(MESH_FACETS.source, facetGeometry(facets), { id: 1, start, count: 1e9 });
        const rest = facets.slice(start);
        const decoded = decode(result, rest.length);
        expect(decoded.v).toEqual(rest.flatMap((f) => padded(f.v)));
        expect(decoded.t).toEqual(rest.flatMap((f) => padded(f.t)));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses facet lists that describe another number of facets than asked for', () => {
    const v = new Int32Array(16);
    const t = new Int32Array(16);
    const tuple = [0, 1, 2, 3, 0, 1, 2, 3];
    expect(() => decodeFacets(tuple, [0, 5], v, t, 0, 4)).toThrow(/more than the 4 facets/);
    expect(() => decodeFacets(tuple, [], v, t, 0, 2)).toThrow(/expected 2 facets, got 1/);
    expect(() => decodeFacets(tuple, [3, 1], v, t, 0, 2)).toThrow(/repeat names a tuple/);
    expect(() => decodeFacets([1, 2, 3], [], v, t, 0, 1)).toThrow(/come in 8s/);
  });

  it('round-trips positions to within the 1e-6 cm fixed point, and UVs to 1e-7', () => {
    const coordinate = fc.double({ min: -500, max: 500, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(coordinate, coordinate, coordinate), { maxLength: 50 }), (points) => {
        const geometry = {
          getNumVertices: () => points.length,
          getVertex: (i: number) => ({ x: points[i][0], y: points[i][1], z: points[i][2] }),
          getUVs: () => ({
            getNumValues: () => points.length,
            getPnt2Vec: (i: number) => ({ x: points[i][0] / 500, y: points[i][1] / 500, z: 0 }),
          }),
        };
        // The rest mesh: a posed read also fingerprints the node, which this bare stand-in lacks.
        const args = { id: 1, start: 0, count: points.length, posed: false };
        const positions = decodeTupleDeltas(
          JSON.parse(runScript(MESH_POSITIONS.source, geometry, args).p),
          3,
          1e6,
        );
        const uvs = decodeTupleDeltas(JSON.parse(runScript(MESH_UVS.source, geometry, args).p), 2, 1e7);
        points.forEach(([x, y, z], i) => {
          // float32 storage adds its own half step (≤ 3.1e-5 at 500) to the fixed point's 5e-7.
          expect(Math.abs(positions[i * 3] - x)).toBeLessThanOrEqual(5e-7 + Math.abs(x) * 2 ** -24);
          expect(Math.abs(positions[i * 3 + 1] - y)).toBeLessThanOrEqual(5e-7 + Math.abs(y) * 2 ** -24);
          expect(Math.abs(positions[i * 3 + 2] - z)).toBeLessThanOrEqual(5e-7 + Math.abs(z) * 2 ** -24);
          expect(Math.abs(uvs[i * 2] - x / 500)).toBeLessThanOrEqual(5e-8 + 2 ** -24);
          expect(Math.abs(uvs[i * 2 + 1] - y / 500)).toBeLessThanOrEqual(5e-8 + 2 ** -24);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('decodes tuples of any stride as per-component running sums', () => {
    expect(Array.from(decodeTupleDeltas([1, 2, 3, 4, 10, 20, 30, 40], 4, 1))).toEqual([
      1, 2, 3, 4, 11, 22, 33, 44,
    ]);
    expect(Array.from(decodeTupleDeltas([5, -5, 1, 1], 2, 10))).toEqual(
      [0.5, -0.5, 0.6, -0.4].map(Math.fround),
    );
  });
});
