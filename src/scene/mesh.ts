/**
 * A polygon mesh in DAZ's own layout: polygons of 3 or 4 corners; every corner has a vertex
 * index and, per UV set, its own UV index (UVs are split at seams, vertices are not). Writers
 * that need one index per vertex (glTF) split vertices themselves; USD keeps this layout.
 */
export interface UvSet {
  name: string;
  /** u, v pairs. */
  values: Float32Array;
  /** A UV index per corner, parallel to Mesh.faceVertexIndices. */
  cornerIndices: Uint32Array;
}

export interface MorphTarget {
  name: string;
  label: string;
  /** Current value (0 = off, 1 = full). */
  value: number;
  /** Vertex indices (ascending) and their xyz deltas, cm, object space. */
  indices: Uint32Array;
  deltas: Float32Array;
}

export interface Skin {
  /** Index into Scene.skeletons. */
  skeleton: number;
  /** Per joint of that skeleton (same order), the vertices it moves and their weights. */
  joints: { joint: number; indices: Uint32Array; weights: Float32Array }[];
}

export interface Mesh {
  name: string;
  /** Index of the node that owns the mesh. */
  node: number;
  /**
   * `world`: positions are the final posed mesh in world space (DAZ's cached geometry);
   * `rest`: positions are the unposed base mesh in the owner's object space (figure space).
   */
  space: 'world' | 'rest';
  /** xyz per vertex, cm. */
  positions: Float32Array;
  /** Corners per polygon (3 or 4). */
  faceSizes: Uint8Array;
  /** Vertex index per corner, polygons one after another. */
  faceVertexIndices: Uint32Array;
  uvSets: UvSet[];
  /** Smooth vertex normals (xyz per vertex), in the same space as positions; null if not read. */
  normals: Float32Array | null;
  /** Material slot per polygon: an index into `materials`. */
  faceMaterial: Uint16Array;
  /** Scene.materials index per slot. */
  materials: number[];
  /** The DAZ material (surface) group name per slot. */
  materialGroups: string[];
  /** Subdivision: DAZ figures are subdivision cages; `level` is the level the positions are at. */
  subdivision: { enabled: boolean; level: number };
  /** Rest-pose data for rigged export: the unposed mesh, skin weights and morphs, when read. */
  rest?: { positions: Float32Array; skin: Skin | null; morphs: MorphTarget[] };
}

/** Total corners of a mesh (length of faceVertexIndices). */
export function cornerCount(faceSizes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < faceSizes.length; i++) n += faceSizes[i];
  return n;
}

/** Triangles after fanning every polygon. */
export function triangleCount(faceSizes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < faceSizes.length; i++) n += faceSizes[i] - 2;
  return n;
}

/**
 * Rest positions (cm) with every morph applied at its current value: what a rigged export
 * without morph targets writes. Summed in doubles; `rest` itself when no morph moves anything.
 */
export function restWithMorphs(rest: Float32Array, morphs: readonly MorphTarget[]): Float32Array {
  if (!morphs.some((m) => m.value !== 0 && m.indices.length)) return rest;
  const out = Float64Array.from(rest);
  for (const m of morphs) {
    if (m.value === 0) continue;
    for (let k = 0; k < m.indices.length; k++) {
      const i = m.indices[k] * 3;
      out[i] += m.value * m.deltas[k * 3];
      out[i + 1] += m.value * m.deltas[k * 3 + 1];
      out[i + 2] += m.value * m.deltas[k * 3 + 2];
    }
  }
  return Float32Array.from(out);
}
