/**
 * Polygons → triangles. DAZ polygons have 3 or 4 corners, counter-clockwise seen from outside
 * (as glTF wants front faces, §3.7.2.1); a fan from corner 0 keeps that winding:
 * (0, 1, 2) and (0, 2, 3).
 */

/** Corner offset of every face; entry `faces` is the corner count. */
export function faceOffsets(faceSizes: Uint8Array): Uint32Array {
  const offsets = new Uint32Array(faceSizes.length + 1);
  for (let f = 0; f < faceSizes.length; f++) offsets[f + 1] = offsets[f] + faceSizes[f];
  return offsets;
}

/** Faces grouped by material slot (a stable counting sort): slot s owns order[start[s] .. start[s+1]). */
export interface SlotFaces {
  order: Uint32Array;
  start: Uint32Array;
}

export function facesBySlot(faceMaterial: Uint16Array, slots: number): SlotFaces {
  const start = new Uint32Array(slots + 1);
  for (let f = 0; f < faceMaterial.length; f++) start[Math.min(faceMaterial[f], slots - 1) + 1]++;
  for (let s = 0; s < slots; s++) start[s + 1] += start[s];
  const fill = start.slice(0, slots);
  const order = new Uint32Array(faceMaterial.length);
  for (let f = 0; f < faceMaterial.length; f++) order[fill[Math.min(faceMaterial[f], slots - 1)]++] = f;
  return { order, start };
}

/** Append the fan of one polygon (its output vertex per corner) to `out` at `at`; returns the new end. */
export function fan(out: Uint32Array, at: number, corners: Uint32Array, size: number): number {
  let o = at;
  for (let k = 1; k + 1 < size; k++) {
    out[o++] = corners[0];
    out[o++] = corners[k];
    out[o++] = corners[k + 1];
  }
  return o;
}
