/**
 * Measurements on a mannequin mesh that the tests assert on: bounds, face normals against the
 * bones that drive them, per-vertex weight sums, UV extents per face group.
 */
import type { SkeletonDefinition } from '../../../src/bonemaps/genesis/skeleton-definition.js';
import type { MannequinMesh } from '../../../src/emulator/scenes/mannequin/mannequin-mesh.js';

export function vertexCount(mesh: MannequinMesh): number {
  return mesh.positions.length / 3;
}

export function bounds(mesh: MannequinMesh): { min: number[]; max: number[] } {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < mesh.positions.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k], mesh.positions[i + k]);
      max[k] = Math.max(max[k], mesh.positions[i + k]);
    }
  }
  return { min, max };
}

/** Start offset of every face in faceVertexIndices. */
export function faceOffsets(mesh: MannequinMesh): Uint32Array {
  const offsets = new Uint32Array(mesh.faceSizes.length + 1);
  for (let f = 0; f < mesh.faceSizes.length; f++) offsets[f + 1] = offsets[f] + mesh.faceSizes[f];
  return offsets;
}

/**
 * Fraction of faces whose normal (Newell's method, counter-clockwise = front) points away from
 * the bone named by the face's group: the face centroid minus its closest point on the bone's
 * origin→end segment. Degenerate faces count as failures.
 */
export function outwardFaceFraction(mesh: MannequinMesh, skeleton: SkeletonDefinition): number {
  const bones = new Map(skeleton.bones.map((b) => [b.name, b]));
  const offsets = faceOffsets(mesh);
  const p = mesh.positions;
  let outward = 0;
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    const n = mesh.faceSizes[f];
    let nx = 0;
    let ny = 0;
    let nz = 0;
    let cx = 0;
    let cy = 0;
    let cz = 0;
    for (let i = 0; i < n; i++) {
      const a = 3 * mesh.faceVertexIndices[offsets[f] + i];
      const b = 3 * mesh.faceVertexIndices[offsets[f] + ((i + 1) % n)];
      nx += (p[a + 1] - p[b + 1]) * (p[a + 2] + p[b + 2]);
      ny += (p[a + 2] - p[b + 2]) * (p[a] + p[b]);
      nz += (p[a] - p[b]) * (p[a + 1] + p[b + 1]);
      cx += p[a] / n;
      cy += p[a + 1] / n;
      cz += p[a + 2] / n;
    }
    const bone = bones.get(mesh.faceGroupNames[mesh.faceGroup[f]]);
    if (!bone) continue;
    const [ox, oy, oz] = bone.origin;
    const dx = bone.end[0] - ox;
    const dy = bone.end[1] - oy;
    const dz = bone.end[2] - oz;
    const len2 = dx * dx + dy * dy + dz * dz;
    const t =
      len2 > 0 ? Math.min(1, Math.max(0, ((cx - ox) * dx + (cy - oy) * dy + (cz - oz) * dz) / len2)) : 0;
    const rx = cx - (ox + t * dx);
    const ry = cy - (oy + t * dy);
    const rz = cz - (oz + t * dz);
    if (nx * rx + ny * ry + nz * rz > 0) outward++;
  }
  return outward / mesh.faceSizes.length;
}

/** Per vertex: weight sum and number of influences. */
export function weightTotals(mesh: MannequinMesh): { sums: Float64Array; influences: Uint8Array } {
  const n = vertexCount(mesh);
  const sums = new Float64Array(n);
  const influences = new Uint8Array(n);
  for (const w of mesh.weights) {
    for (let i = 0; i < w.indices.length; i++) {
      sums[w.indices[i]] += w.weights[i];
      influences[w.indices[i]]++;
    }
  }
  return { sums, influences };
}

/** UV bounding box of each (surface, face group) pair. */
export function uvBoxesBySurfaceAndGroup(mesh: MannequinMesh): Map<number, Map<number, number[]>> {
  const offsets = faceOffsets(mesh);
  const result = new Map<number, Map<number, number[]>>();
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    const surface = mesh.faceMaterial[f];
    const group = mesh.faceGroup[f];
    let groups = result.get(surface);
    if (!groups) {
      groups = new Map();
      result.set(surface, groups);
    }
    let box = groups.get(group);
    if (!box) {
      box = [Infinity, Infinity, -Infinity, -Infinity];
      groups.set(group, box);
    }
    for (let i = offsets[f]; i < offsets[f + 1]; i++) {
      const uv = mesh.faceUvIndices[i];
      const u = mesh.uvs[2 * uv];
      const v = mesh.uvs[2 * uv + 1];
      box[0] = Math.min(box[0], u);
      box[1] = Math.min(box[1], v);
      box[2] = Math.max(box[2], u);
      box[3] = Math.max(box[3], v);
    }
  }
  return result;
}

export function boxesOverlap(a: number[], b: number[], tolerance = 1e-6): boolean {
  return (
    a[0] < b[2] - tolerance && b[0] < a[2] - tolerance && a[1] < b[3] - tolerance && b[1] < a[3] - tolerance
  );
}

/** Byte view of every array in the mesh, for exact comparisons. */
export function meshBytes(mesh: MannequinMesh): Buffer {
  const parts: Buffer[] = [];
  const add = (a: ArrayBufferView) => parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  add(mesh.positions);
  add(mesh.faceSizes);
  add(mesh.faceVertexIndices);
  add(mesh.faceUvIndices);
  add(mesh.uvs);
  add(mesh.faceMaterial);
  add(mesh.faceGroup);
  parts.push(Buffer.from(JSON.stringify([mesh.materialNames, mesh.faceGroupNames])));
  for (const w of mesh.weights) {
    parts.push(Buffer.from(w.bone));
    add(w.indices);
    add(w.weights);
  }
  for (const m of mesh.morphs) {
    parts.push(Buffer.from(`${m.name}|${m.label}`));
    add(m.indices);
    add(m.deltas);
  }
  return Buffer.concat(parts);
}
