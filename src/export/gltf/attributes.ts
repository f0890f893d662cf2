/**
 * Output vertex attributes gathered from source arrays through a primitive's layout
 * (split-seams.ts): one tight loop per attribute, typed arrays in, typed arrays out.
 */
import type { Accessor, GLTF } from '@gltf-transform/core';
import { CM_TO_M, INFLUENCES, MAX_U16_INDEX } from './constants.js';
import type { GltfContext } from './context.js';

/** xyz per output vertex from xyz per source vertex, times `scale`. */
export function gatherVec3(source: ArrayLike<number>, vertices: Uint32Array, scale = 1): Float32Array {
  const out = new Float32Array(vertices.length * 3);
  for (let i = 0, o = 0; i < vertices.length; i++, o += 3) {
    const s = vertices[i] * 3;
    out[o] = source[s] * scale;
    out[o + 1] = source[s + 1] * scale;
    out[o + 2] = source[s + 2] * scale;
  }
  return out;
}

/** Positions in metres from positions in cm. */
export function gatherPositions(sourceCm: ArrayLike<number>, vertices: Uint32Array): Float32Array {
  return gatherVec3(sourceCm, vertices, CM_TO_M);
}

/** glTF UVs (v pointing down, §3.7.2.1: v_gltf = 1 − v_daz) from DAZ UVs by UV index. */
export function gatherUvs(values: Float32Array, uvIndices: Uint32Array): Float32Array {
  const out = new Float32Array(uvIndices.length * 2);
  for (let i = 0; i < uvIndices.length; i++) {
    const s = uvIndices[i] * 2;
    out[i * 2] = values[s];
    out[i * 2 + 1] = 1 - values[s + 1];
  }
  return out;
}

/** JOINTS_0 / WEIGHTS_0 for the output vertices (joint indices as bytes when they fit). */
export function gatherInfluences(
  joints: Uint16Array,
  weights: Float32Array,
  vertices: Uint32Array,
  jointCount: number,
): { joints: Uint8Array | Uint16Array; weights: Float32Array } {
  const n = vertices.length * INFLUENCES;
  const outJoints = jointCount <= 256 ? new Uint8Array(n) : new Uint16Array(n);
  const outWeights = new Float32Array(n);
  for (let i = 0; i < vertices.length; i++) {
    const s = vertices[i] * INFLUENCES;
    const o = i * INFLUENCES;
    for (let k = 0; k < INFLUENCES; k++) {
      outJoints[o + k] = joints[s + k];
      outWeights[o + k] = weights[s + k];
    }
  }
  return { joints: outJoints, weights: outWeights };
}

/** Triangle indices, UNSIGNED_SHORT when every vertex index fits. */
export function compactIndices(indices: Uint32Array, vertexCount: number): Uint16Array | Uint32Array {
  return vertexCount - 1 <= MAX_U16_INDEX ? new Uint16Array(indices) : indices;
}

/** An accessor of `type` over `array` in the export's one buffer. */
export function createAccessor(
  ctx: GltfContext,
  type: GLTF.AccessorType,
  array: Float32Array | Uint8Array | Uint16Array | Uint32Array,
): Accessor {
  return ctx.doc.createAccessor().setType(type).setArray(array).setBuffer(ctx.buffer);
}
