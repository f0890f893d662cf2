/**
 * A figure mesh with its polygons in no particular order (`"facetOrder": "shuffled"` in a scene
 * file). The mannequin generator emits polygons in perfect strips, which flatters any client that
 * exploits the order of facets (dazport's reader sends a strip as one tuple); real meshes are
 * less regular. Shuffling is the worst case, for tests and benchmarks that must not depend on it.
 * The permutation is seeded, so a scene is the same in every run.
 */

import { mulberry32 } from '../../math/seeded-random.js';
import type { MannequinMesh } from './mannequin/mannequin-mesh.js';

export function shuffleFacets(mesh: MannequinMesh, seed: number): MannequinMesh {
  const count = mesh.faceSizes.length;
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  const random = mulberry32(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const offsets = new Uint32Array(count + 1);
  for (let f = 0; f < count; f++) offsets[f + 1] = offsets[f] + mesh.faceSizes[f];
  const faceSizes = new Uint8Array(count);
  const faceVertexIndices = new Uint32Array(mesh.faceVertexIndices.length);
  const faceUvIndices = new Uint32Array(mesh.faceUvIndices.length);
  const faceMaterial = new Uint16Array(count);
  const faceGroup = new Uint16Array(count);
  let corner = 0;
  for (let f = 0; f < count; f++) {
    const from = order[f];
    faceSizes[f] = mesh.faceSizes[from];
    faceMaterial[f] = mesh.faceMaterial[from];
    faceGroup[f] = mesh.faceGroup[from];
    for (let c = offsets[from]; c < offsets[from + 1]; c++, corner++) {
      faceVertexIndices[corner] = mesh.faceVertexIndices[c];
      faceUvIndices[corner] = mesh.faceUvIndices[c];
    }
  }
  return { ...mesh, faceSizes, faceVertexIndices, faceUvIndices, faceMaterial, faceGroup };
}
