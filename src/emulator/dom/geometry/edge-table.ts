/**
 * Unique undirected edges of a polygon mesh, numbered in first-seen order, for DzFacet's
 * `edgeIdx1..4`. Built once per mesh, on first use, with an open-addressing hash on typed
 * arrays (a JS Map of millions of edges would cost hundreds of MB on the heavy scene).
 */
export function buildEdgeIndices(faceSizes: Uint8Array, corners: Uint32Array): Int32Array {
  const cornerEdges = new Int32Array(corners.length);
  let capacity = 1;
  while (capacity < corners.length * 2) capacity <<= 1;
  const keysA = new Uint32Array(capacity);
  const keysB = new Uint32Array(capacity);
  const values = new Int32Array(capacity).fill(-1);
  const mask = capacity - 1;
  let next = 0;
  let c = 0;
  for (let f = 0; f < faceSizes.length; f++) {
    const n = faceSizes[f];
    for (let k = 0; k < n; k++) {
      const p = corners[c + k];
      const q = corners[c + ((k + 1) % n)];
      const a = p < q ? p : q;
      const b = p < q ? q : p;
      let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
      while (values[slot] !== -1 && (keysA[slot] !== a || keysB[slot] !== b)) slot = (slot + 1) & mask;
      if (values[slot] === -1) {
        keysA[slot] = a;
        keysB[slot] = b;
        values[slot] = next++;
      }
      cornerEdges[c + k] = values[slot];
    }
    c += n;
  }
  return cornerEdges;
}
