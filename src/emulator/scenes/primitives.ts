/**
 * Prop meshes for the built-in scenes, in DAZ's polygon layout (see MeshData): a box with one
 * UV island per side (so its UVs are split at every edge) and a UV sphere (quads, with
 * triangle fans at the poles and a seam where u wraps).
 */
import type { MeshData, MeshSize } from '../dom/geometry/mesh-data.js';

interface Builder {
  positions: number[];
  uvs: number[];
  faceSizes: number[];
  corners: number[];
  uvCorners: number[];
}

function finish(b: Builder, materialName: string, groupName: string, uvSetLabel: string): MeshData {
  const faces = b.faceSizes.length;
  return {
    positions: Float32Array.from(b.positions),
    faceSizes: Uint8Array.from(b.faceSizes),
    faceVertexIndices: Uint32Array.from(b.corners),
    faceUvIndices: Uint32Array.from(b.uvCorners),
    uvs: Float32Array.from(b.uvs),
    faceMaterial: new Uint16Array(faces),
    materialNames: [materialName],
    faceGroup: new Uint16Array(faces),
    faceGroupNames: [groupName],
    uvSetLabel,
  };
}

/** Sides of a box split `segments` × `segments` (at least 1, whole). */
function boxSplits(segments: number): number {
  return Math.max(1, Math.trunc(segments));
}

/** What {@link boxMesh} builds: six n × n grids, sharing the vertices on their edges. */
export function boxMeshSize(segments: number): MeshSize {
  const n = boxSplits(segments);
  return { vertices: 6 * n * n + 2, facets: 6 * n * n };
}

/** An axis-aligned box of edge `size` cm standing on y = 0, each side split into `segments`² quads. */
export function boxMesh(size: number, segments: number, materialName = 'Surface'): MeshData {
  const n = boxSplits(segments);
  const { vertices, facets } = boxMeshSize(n);
  const h = size / 2;
  const side = n + 1;
  // Typed arrays of the final sizes, filled in place: a box at the scene budget has millions of
  // vertices, and growing plain arrays to that took seconds per million.
  const positions = new Float32Array(3 * vertices);
  const uvs = new Float32Array(2 * 6 * side * side);
  const corners = new Uint32Array(4 * facets);
  const uvCorners = new Uint32Array(4 * facets);
  // Sides meet on a lattice of n + 1 points per axis. A vertex is found again through the first
  // of the six sides (x = 0, x = n, y = 0, ...) its lattice point lies on: one slot per point of
  // the surface.
  const vertexIndex = new Int32Array(6 * side * side).fill(-1);
  let vertexCount = 0;
  const step = (c: number) => Math.round(((c + h) / size) * n);
  const slot = (i: number, j: number, k: number) => {
    if (i === 0 || i === n) return (i === 0 ? 0 : 1) * side * side + j * side + k;
    if (j === 0 || j === n) return (j === 0 ? 2 : 3) * side * side + i * side + k;
    return (k === 0 ? 4 : 5) * side * side + i * side + j;
  };
  const vertex = (x: number, y: number, z: number) => {
    const at = slot(step(x), step(y), step(z));
    let index = vertexIndex[at];
    if (index < 0) {
      index = vertexCount++;
      positions[3 * index] = x;
      positions[3 * index + 1] = y + h;
      positions[3 * index + 2] = z;
      vertexIndex[at] = index;
    }
    return index;
  };
  // Each side: origin corner and two edge vectors (u, v) chosen so that u × v points outward.
  const sides: [number[], number[], number[]][] = [
    [
      [-h, -h, h],
      [2 * h, 0, 0],
      [0, 2 * h, 0],
    ], // +Z
    [
      [h, -h, -h],
      [-2 * h, 0, 0],
      [0, 2 * h, 0],
    ], // -Z
    [
      [h, -h, h],
      [0, 0, -2 * h],
      [0, 2 * h, 0],
    ], // +X
    [
      [-h, -h, -h],
      [0, 0, 2 * h],
      [0, 2 * h, 0],
    ], // -X
    [
      [-h, h, h],
      [2 * h, 0, 0],
      [0, 0, -2 * h],
    ], // +Y
    [
      [-h, -h, -h],
      [2 * h, 0, 0],
      [0, 0, 2 * h],
    ], // -Y
  ];
  const grid = new Int32Array(side * side);
  let corner = 0;
  sides.forEach(([o, u, v], sideIndex) => {
    // UV islands in a 3 × 2 atlas with a small gutter; a side's UVs are its (n + 1)² grid, row by row.
    const cellU = (sideIndex % 3) / 3;
    const cellV = Math.floor(sideIndex / 3) / 2;
    const uvBase = sideIndex * side * side;
    for (let j = 0; j <= n; j++) {
      for (let i = 0; i <= n; i++) {
        const s = i / n;
        const t = j / n;
        grid[j * side + i] = vertex(
          o[0] + u[0] * s + v[0] * t,
          o[1] + u[1] * s + v[1] * t,
          o[2] + u[2] * s + v[2] * t,
        );
        const uv = uvBase + j * side + i;
        uvs[2 * uv] = cellU + 0.01 + s * (1 / 3 - 0.02);
        uvs[2 * uv + 1] = cellV + 0.01 + t * (1 / 2 - 0.02);
      }
    }
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        for (const at of [j * side + i, j * side + i + 1, (j + 1) * side + i + 1, (j + 1) * side + i]) {
          corners[corner] = grid[at];
          uvCorners[corner++] = uvBase + at;
        }
      }
    }
  });
  return {
    positions,
    faceSizes: new Uint8Array(facets).fill(4),
    faceVertexIndices: corners,
    faceUvIndices: uvCorners,
    uvs,
    faceMaterial: new Uint16Array(facets),
    materialNames: [materialName],
    faceGroup: new Uint16Array(facets),
    faceGroupNames: ['box'],
    uvSetLabel: 'Default UVs',
  };
}

/** Latitude bands or meridians of a sphere: at least 3, whole. */
function sphereSplits(count: number): number {
  return Math.max(3, Math.trunc(count));
}

/** What {@link sphereMesh} builds: R - 1 rings of S vertices and two poles; R × S polygons. */
export function sphereMeshSize(rings: number, segments: number): MeshSize {
  const R = sphereSplits(rings);
  const S = sphereSplits(segments);
  return { vertices: (R - 1) * S + 2, facets: R * S };
}

/** A UV sphere of `radius` cm centred at (0, radius, 0): `rings` latitude bands, `segments` around. */
export function sphereMesh(
  radius: number,
  rings: number,
  segments: number,
  materialName = 'Surface',
): MeshData {
  const b: Builder = { positions: [], uvs: [], faceSizes: [], corners: [], uvCorners: [] };
  const R = sphereSplits(rings);
  const S = sphereSplits(segments);
  b.positions.push(0, 2 * radius, 0); // north pole = vertex 0
  for (let r = 1; r < R; r++) {
    const phi = (Math.PI * r) / R;
    for (let s = 0; s < S; s++) {
      const theta = (2 * Math.PI * s) / S;
      b.positions.push(
        radius * Math.sin(phi) * Math.sin(theta),
        radius + radius * Math.cos(phi),
        radius * Math.sin(phi) * Math.cos(theta),
      );
    }
  }
  const south = b.positions.length / 3;
  b.positions.push(0, 0, 0);
  const ringVertex = (r: number, s: number) => 1 + (r - 1) * S + (s % S);
  // UVs: (S + 1) columns per ring so u = 0 and u = 1 are different UVs on the same vertices (the seam).
  const uvIndex = (r: number, s: number) => r * (S + 1) + s;
  for (let r = 0; r <= R; r++) for (let s = 0; s <= S; s++) b.uvs.push(s / S, 1 - r / R);
  for (let s = 0; s < S; s++) {
    b.faceSizes.push(3);
    b.corners.push(0, ringVertex(1, s), ringVertex(1, s + 1));
    b.uvCorners.push(uvIndex(0, s), uvIndex(1, s), uvIndex(1, s + 1));
  }
  for (let r = 1; r < R - 1; r++) {
    for (let s = 0; s < S; s++) {
      b.faceSizes.push(4);
      b.corners.push(ringVertex(r, s), ringVertex(r + 1, s), ringVertex(r + 1, s + 1), ringVertex(r, s + 1));
      b.uvCorners.push(uvIndex(r, s), uvIndex(r + 1, s), uvIndex(r + 1, s + 1), uvIndex(r, s + 1));
    }
  }
  for (let s = 0; s < S; s++) {
    b.faceSizes.push(3);
    b.corners.push(ringVertex(R - 1, s), south, ringVertex(R - 1, s + 1));
    b.uvCorners.push(uvIndex(R - 1, s), uvIndex(R, s), uvIndex(R - 1, s + 1));
  }
  return finish(b, materialName, 'sphere', 'Default UVs');
}
