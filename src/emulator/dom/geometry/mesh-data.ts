/**
 * The raw polygon data behind an emulated DzFacetMesh, in DAZ's own layout: polygons of 3 or 4
 * corners, each corner with a vertex index and a UV index (UVs split at seams, vertices not),
 * a surface (material group) and a face group per polygon. Positions are object space, rest.
 */
import { areaWeightedNormalSums } from '../../../math/face-normals.js';
export interface MeshData {
  /** xyz per vertex, cm, rest pose, object space. */
  positions: Float32Array;
  /** Corners per polygon: 3 or 4. */
  faceSizes: Uint8Array;
  /** Vertex index of every corner, polygons one after another (length = sum of faceSizes). */
  faceVertexIndices: Uint32Array;
  /** UV index of every corner, parallel to faceVertexIndices (UVs are split at seams, vertices are not). */
  faceUvIndices: Uint32Array;
  /** uv pairs. */
  uvs: Float32Array;
  /** Surface (material group) index per polygon. */
  faceMaterial: Uint16Array;
  /** Surface names, e.g. `Torso`, `Face`, `Arms`. */
  materialNames: string[];
  /** Face group index per polygon. */
  faceGroup: Uint16Array;
  /** Face group names (on figures, the bone that drives the region). */
  faceGroupNames: string[];
  /** Label of the UV set (e.g. "Base Female"). */
  uvSetLabel: string;
}

/** How big a mesh is, known before it is built (scene-budget.ts checks scenes against it). */
export interface MeshSize {
  vertices: number;
  /** Polygons. */
  facets: number;
}

/** Start of each polygon's corners in faceVertexIndices (prefix sums of faceSizes). */
export function faceOffsets(faceSizes: Uint8Array): Uint32Array {
  const offsets = new Uint32Array(faceSizes.length + 1);
  for (let f = 0; f < faceSizes.length; f++) offsets[f + 1] = offsets[f] + faceSizes[f];
  return offsets;
}

/** Area-weighted smooth vertex normals (quads split along their first diagonal). */
export function vertexNormals(
  positions: ArrayLike<number>,
  faceSizes: Uint8Array,
  corners: Uint32Array,
): Float32Array {
  const normals = areaWeightedNormalSums(positions, faceSizes, corners);
  const out = new Float32Array(positions.length);
  for (let i = 0; i < out.length; i += 3) {
    const len = Math.hypot(normals[i], normals[i + 1], normals[i + 2]) || 1;
    out[i] = normals[i] / len;
    out[i + 1] = normals[i + 1] / len;
    out[i + 2] = normals[i + 2] / len;
  }
  return out;
}
