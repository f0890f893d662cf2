/**
 * Unit vertex normals per source vertex: the scene's own (DAZ's smooth normals) when it has
 * them, computed otherwise (area-weighted face normals of the fanned polygons). glTF requires
 * unit NORMAL vectors (§3.7.2.1); a zero or non-finite normal takes the computed one, then +Z.
 */
import { areaWeightedNormalSums } from '../../math/face-normals.js';
import type { Mesh } from '../../scene/mesh.js';

/** Area-weighted smooth normals of `positions` (xyz per vertex) over the mesh's polygons. */
export function computeNormals(
  positions: ArrayLike<number>,
  faceSizes: Uint8Array,
  faceVertexIndices: Uint32Array,
): Float32Array {
  const vertexCount = positions.length / 3;
  const acc = areaWeightedNormalSums(positions, faceSizes, faceVertexIndices);
  const out = new Float32Array(vertexCount * 3);
  for (let i = 0; i < out.length; i += 3) writeUnit(out, i, acc[i], acc[i + 1], acc[i + 2]);
  return out;
}

/** Unit normals for `positions` of `mesh`: `given` normalised, or computed from the polygons. */
export function unitNormals(
  mesh: Mesh,
  positions: ArrayLike<number>,
  given: Float32Array | null,
): Float32Array {
  if (!given || given.length !== positions.length)
    return computeNormals(positions, mesh.faceSizes, mesh.faceVertexIndices);
  const out = new Float32Array(given.length);
  let computed: Float32Array | null = null;
  for (let i = 0; i < out.length; i += 3) {
    if (!writeUnit(out, i, given[i], given[i + 1], given[i + 2])) {
      computed ??= computeNormals(positions, mesh.faceSizes, mesh.faceVertexIndices);
      out[i] = computed[i];
      out[i + 1] = computed[i + 1];
      out[i + 2] = computed[i + 2];
    }
  }
  return out;
}

/** Write (x, y, z) normalised at `out[i]`; false (and +Z written) when it has no direction. */
function writeUnit(out: Float32Array, i: number, x: number, y: number, z: number): boolean {
  const len = Math.sqrt(x * x + y * y + z * z);
  if (len > 1e-20 && Number.isFinite(len)) {
    out[i] = x / len;
    out[i + 1] = y / len;
    out[i + 2] = z / len;
    return true;
  }
  out[i] = 0;
  out[i + 1] = 0;
  out[i + 2] = 1;
  return false;
}
