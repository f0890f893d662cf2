/**
 * Smooth vertex normals before normalisation: per vertex, the sum of the (area-weighted) normals
 * of the triangles that touch it, each polygon fanned from its first corner. The emulator's
 * DzFacetMesh and the glTF writer both start from these sums and normalise in their own way.
 */
export function areaWeightedNormalSums(
  positions: ArrayLike<number>,
  faceSizes: Uint8Array,
  corners: Uint32Array,
): Float64Array {
  const sums = new Float64Array(positions.length);
  let c = 0;
  for (let f = 0; f < faceSizes.length; f++) {
    const n = faceSizes[f];
    const a = corners[c] * 3;
    for (let k = 1; k + 1 < n; k++) {
      const b = corners[c + k] * 3;
      const d = corners[c + k + 1] * 3;
      const ux = positions[b] - positions[a];
      const uy = positions[b + 1] - positions[a + 1];
      const uz = positions[b + 2] - positions[a + 2];
      const vx = positions[d] - positions[a];
      const vy = positions[d + 1] - positions[a + 1];
      const vz = positions[d + 2] - positions[a + 2];
      const nx = uy * vz - uz * vy;
      const ny = uz * vx - ux * vz;
      const nz = ux * vy - uy * vx;
      sums[a] += nx;
      sums[a + 1] += ny;
      sums[a + 2] += nz;
      sums[b] += nx;
      sums[b + 1] += ny;
      sums[b + 2] += nz;
      sums[d] += nx;
      sums[d + 1] += ny;
      sums[d + 2] += nz;
    }
    c += n;
  }
  return sums;
}
