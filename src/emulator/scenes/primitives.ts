/**
 * Prop meshes for the built-in scenes, in DAZ's polygon layout (see MeshData): a box with one
 * UV island per side (so its UVs are split at every edge) and a UV sphere (quads, with
 * triangle fans at the poles and a seam where u wraps).
 */
import type { MeshData } from '../dom/geometry/mesh-data.js';

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

/** An axis-aligned box of edge `size` cm standing on y = 0, each side split into `segments`² quads. */
export function boxMesh(size: number, segments: number, materialName = 'Surface'): MeshData {
  const b: Builder = { positions: [], uvs: [], faceSizes: [], corners: [], uvCorners: [] };
  const n = Math.max(1, Math.trunc(segments));
  const h = size / 2;
  const vertexIndex = new Map<string, number>();
  const vertex = (x: number, y: number, z: number) => {
    const key = `${x.toFixed(6)},${y.toFixed(6)},${z.toFixed(6)}`;
    let i = vertexIndex.get(key);
    if (i === undefined) {
      i = b.positions.length / 3;
      b.positions.push(x, y + h, z);
      vertexIndex.set(key, i);
    }
    return i;
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
  sides.forEach(([o, u, v], side) => {
    // UV islands in a 3 × 2 atlas with a small gutter.
    const cellU = (side % 3) / 3;
    const cellV = Math.floor(side / 3) / 2;
    const grid: number[][] = [];
    const uvGrid: number[][] = [];
    for (let j = 0; j <= n; j++) {
      grid.push([]);
      uvGrid.push([]);
      for (let i = 0; i <= n; i++) {
        const s = i / n;
        const t = j / n;
        grid[j].push(
          vertex(o[0] + u[0] * s + v[0] * t, o[1] + u[1] * s + v[1] * t, o[2] + u[2] * s + v[2] * t),
        );
        uvGrid[j].push(b.uvs.length / 2);
        b.uvs.push(cellU + 0.01 + s * (1 / 3 - 0.02), cellV + 0.01 + t * (1 / 2 - 0.02));
      }
    }
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        b.faceSizes.push(4);
        b.corners.push(grid[j][i], grid[j][i + 1], grid[j + 1][i + 1], grid[j + 1][i]);
        b.uvCorners.push(uvGrid[j][i], uvGrid[j][i + 1], uvGrid[j + 1][i + 1], uvGrid[j + 1][i]);
      }
    }
  });
  return finish(b, materialName, 'box', 'Default UVs');
}

/** A UV sphere of `radius` cm centred at (0, radius, 0): `rings` latitude bands, `segments` around. */
export function sphereMesh(
  radius: number,
  rings: number,
  segments: number,
  materialName = 'Surface',
): MeshData {
  const b: Builder = { positions: [], uvs: [], faceSizes: [], corners: [], uvCorners: [] };
  const R = Math.max(3, Math.trunc(rings));
  const S = Math.max(3, Math.trunc(segments));
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
