/** Reading a written file back with glTF-Transform, and what an engine would compute from it. */
import { type Document, type Mesh, type Node, NodeIO, type Primitive } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { mat4 } from 'gl-matrix';
import type { TruthMesh } from './emulator-truth.js';

export function readBack(path: string): Promise<Document> {
  return new NodeIO().registerExtensions(ALL_EXTENSIONS).read(path);
}

function floats(prim: Primitive, semantic: string): Float32Array {
  const a = prim.getAttribute(semantic);
  if (!a) throw new Error(`primitive has no ${semantic}`);
  return a.getArray() as Float32Array;
}

/** Rest positions with the mesh's morph weights applied (what a runtime starts skinning from). */
export function morphedPositions(mesh: Mesh, prim: Primitive): Float64Array {
  const out = Float64Array.from(floats(prim, 'POSITION'));
  const weights = mesh.getWeights();
  prim.listTargets().forEach((target, t) => {
    const w = weights[t] ?? 0;
    const d = target.getAttribute('POSITION')?.getArray();
    if (!d || w === 0) return;
    for (let i = 0; i < out.length; i++) out[i] += w * d[i];
  });
  return out;
}

/** Linear blend skinning as §3.7.3 defines it: Σ w · (jointWorld · IBM) · p, in metres. */
export function skinnedPositions(node: Node, mesh: Mesh, prim: Primitive): Float64Array {
  const skin = node.getSkin();
  if (!skin) throw new Error(`node ${node.getName()} has no skin`);
  const ibm = skin.getInverseBindMatrices();
  const jointMatrices = skin.listJoints().map((j, i) => {
    const world = j.getWorldMatrix();
    const bind = ibm?.getElement(i, []) ?? mat4.create();
    return mat4.multiply(new Float64Array(16) as unknown as mat4, world as mat4, bind as mat4);
  });
  const rest = morphedPositions(mesh, prim);
  const joints = prim.getAttribute('JOINTS_0')?.getArray() as ArrayLike<number>;
  const weights = floats(prim, 'WEIGHTS_0');
  const out = new Float64Array(rest.length);
  for (let v = 0; v < rest.length / 3; v++) {
    const [x, y, z] = [rest[v * 3], rest[v * 3 + 1], rest[v * 3 + 2]];
    for (let k = 0; k < 4; k++) {
      const w = weights[v * 4 + k];
      if (w === 0) continue;
      const m = jointMatrices[joints[v * 4 + k]];
      out[v * 3] += w * (m[0] * x + m[4] * y + m[8] * z + m[12]);
      out[v * 3 + 1] += w * (m[1] * x + m[5] * y + m[9] * z + m[13]);
      out[v * 3 + 2] += w * (m[2] * x + m[6] * y + m[10] * z + m[14]);
    }
  }
  return out;
}

/** World positions of an unskinned primitive (its node's world matrix applied). */
export function worldPositions(node: Node, prim: Primitive): Float64Array {
  const m = node.getWorldMatrix();
  const p = floats(prim, 'POSITION');
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i += 3) {
    const [x, y, z] = [p[i], p[i + 1], p[i + 2]];
    out[i] = m[0] * x + m[4] * y + m[8] * z + m[12];
    out[i + 1] = m[1] * x + m[5] * y + m[9] * z + m[13];
    out[i + 2] = m[2] * x + m[6] * y + m[10] * z + m[14];
  }
  return out;
}

export interface CornerErrors {
  triangles: number;
  /** Largest position difference, metres. */
  position: number;
  /** Largest UV difference (after undoing the v flip). */
  uv: number;
}

/**
 * Compare a primitive's triangles, corner by corner and in order, with the emulator's triangles
 * of the same material group: positions (metres, against the emulator's cm ÷ 100) and UVs.
 */
export function compareCorners(
  positionsM: ArrayLike<number>,
  prim: Primitive,
  truth: TruthMesh,
  group: string,
): CornerErrors {
  const expected = truth.groups.get(group);
  if (!expected) throw new Error(`${truth.label} has no material group ${group}`);
  const indices = prim.getIndices()?.getArray() as ArrayLike<number>;
  const uvs = prim.getAttribute('TEXCOORD_0')?.getArray() as Float32Array;
  if (indices.length !== expected.vertices.length)
    throw new Error(
      `${group}: ${indices.length / 3} triangles written, ${expected.vertices.length / 3} expected`,
    );
  let position = 0;
  let uv = 0;
  for (let c = 0; c < indices.length; c++) {
    const o = indices[c];
    const v = expected.vertices[c];
    for (let k = 0; k < 3; k++)
      position = Math.max(position, Math.abs(positionsM[o * 3 + k] - truth.positionsCm[v * 3 + k] / 100));
    const t = expected.uvIndices[c];
    uv = Math.max(
      uv,
      Math.abs(uvs[o * 2] - truth.uvs[t * 2]),
      Math.abs(1 - uvs[o * 2 + 1] - truth.uvs[t * 2 + 1]),
    );
  }
  return { triangles: indices.length / 3, position, uv };
}
