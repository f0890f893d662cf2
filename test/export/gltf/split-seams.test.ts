import { describe, expect, it } from 'vitest';
import { splitSeams } from '../../../src/export/gltf/split-seams.js';
import { faceOffsets, facesBySlot } from '../../../src/export/gltf/triangulate.js';
import { iray, tinyMesh } from './helpers/tiny-scene.js';

describe('triangulation and seam splitting', () => {
  it('fans quads from corner 0 and keeps the corner order (counter-clockwise stays counter-clockwise)', () => {
    const mesh = tinyMesh({
      positions: [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 0, 0],
      faces: [
        [0, 1, 2, 3], // quad → (0,1,2) (0,2,3)
        [1, 4, 2], // triangle stays
      ],
    });
    const [p] = splitSeams(mesh);
    const corners = Array.from(p.indices, (o) => p.vertices[o]);
    expect(corners).toEqual([0, 1, 2, 0, 2, 3, 1, 4, 2]);
    expect(Array.from(p.vertices)).toEqual([0, 1, 2, 3, 4]); // no seams: one output per vertex
  });

  it('splits a vertex once per UV it has, so every corner keeps its own UV', () => {
    // Two quads share the edge 1–2; the UVs are cut there (a seam): 1 and 2 each carry two UVs.
    const mesh = tinyMesh({
      positions: [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 0, 0, 2, 1, 0],
      faces: [
        [0, 1, 2, 3],
        [1, 4, 5, 2],
      ],
      uvs: [0, 0, 0.5, 0, 0.5, 1, 0, 1, 0.6, 0, 1, 0, 1, 1, 0.6, 1],
      faceUvs: [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
      ],
    });
    const [p] = splitSeams(mesh);
    // rows: output vertex → (source vertex, UV index)
    const rows = Array.from(p.vertices, (v, o) => [v, p.uvIndices[0][o]]);
    expect(rows).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [1, 4], // vertex 1 again, other side of the seam
      [4, 5],
      [5, 6],
      [2, 7], // vertex 2 again
    ]);
    expect(Array.from(p.indices)).toEqual([0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7]);
  });

  it('splits on the second UV set too', () => {
    const mesh = tinyMesh({
      positions: [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 0, 0],
      faces: [
        [0, 1, 2],
        [1, 4, 2],
      ],
    });
    // Set 1 gives vertex 1 a different UV in each face; set 0 does not.
    mesh.uvSets.push({
      name: 'second',
      values: new Float32Array(12),
      cornerIndices: Uint32Array.from([0, 1, 2, 3, 4, 5]),
    });
    const [p] = splitSeams(mesh);
    expect(Array.from(p.vertices)).toEqual([0, 1, 2, 1, 4, 2]);
    expect(p.uvIndices.map((u) => Array.from(u))).toEqual([
      [0, 1, 2, 1, 4, 2],
      [0, 1, 2, 3, 4, 5],
    ]);
  });

  it('writes one primitive per material slot, each with its own compact vertices, in slot order', () => {
    const mesh = tinyMesh({
      positions: [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 0, 0, 2, 1, 0],
      faces: [
        [1, 4, 5, 2],
        [0, 1, 2, 3],
      ],
      faceMaterial: [1, 0],
      materials: [iray('A', {}), iray('B', {})],
    });
    const prims = splitSeams(mesh);
    expect(prims.map((p) => p.slot)).toEqual([0, 1]);
    expect(Array.from(prims[0].vertices)).toEqual([0, 1, 2, 3]);
    expect(Array.from(prims[1].vertices)).toEqual([1, 4, 5, 2]); // the shared edge is written twice
    expect(Array.from(prims[1].indices)).toEqual([0, 1, 2, 0, 2, 3]);
  });

  it('skips empty slots and groups faces stably', () => {
    const { order, start } = facesBySlot(Uint16Array.from([2, 0, 2, 0]), 3);
    expect(Array.from(order)).toEqual([1, 3, 0, 2]);
    expect(Array.from(start)).toEqual([0, 2, 2, 4]);
    expect(Array.from(faceOffsets(Uint8Array.from([4, 3, 4])))).toEqual([0, 4, 7, 11]);
  });
});
