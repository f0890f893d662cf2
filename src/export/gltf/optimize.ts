/**
 * Mesh compression for engines, on the finished Document (glTF-Transform's functions):
 * - `quantize`: KHR_mesh_quantization. Positions, normals, UVs, joint weights and morph deltas
 *   as 8/16-bit integers (glTF-Transform's `quantize()` defaults: 14-bit positions, 10-bit
 *   normals, 12-bit UVs); it moves the dequantizing scale and offset into the mesh nodes, and
 *   into the inverse bind matrices for skinned meshes, so the scene looks the same. Morph
 *   targets that move few vertices stay sparse (quantized-sparse.ts: `quantize()` writes them
 *   dense, and glTF-Transform's writer corrupts normalized sparse accessors).
 * - `meshopt`: EXT_meshopt_compression on top (`meshopt()`: reorder for the vertex cache,
 *   quantize, then meshoptimizer's WASM codec compresses the buffer views). Readers need a
 *   meshopt decoder (three.js, Babylon.js, Unity glTFast have one).
 * `quantize` with `meshopt` is `meshopt` alone (it quantizes the same way first).
 * Both extensions are required ones (`extensionsRequired`): a reader without them cannot load
 * the file, which is why they are opt-in.
 *
 * The functions package and the WASM codec are imported only when asked for: loading
 * @gltf-transform/functions loads its image dependencies (sharp) too.
 */
import type { Document, Extension, NodeIO } from '@gltf-transform/core';
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import type { EngineOutputOptions } from '../engine-options.js';
import { keepMorphTargetsSparse } from './quantized-sparse.js';

/** The extensions an optimized Document uses, for the NodeIO that writes it. */
export const OPTIMIZE_EXTENSIONS: (typeof Extension)[] = [EXTMeshoptCompression, KHRMeshQuantization];

/** Compress `doc` in place as `options` ask; prepares `io` to write it. No-op without meshopt/quantize. */
export async function optimizeGltf(doc: Document, io: NodeIO, options: EngineOutputOptions): Promise<void> {
  if (!options.meshopt && !options.quantize) return;
  const { meshopt, quantize } = await import('@gltf-transform/functions');
  if (options.meshopt) {
    const { MeshoptEncoder } = await import('meshoptimizer');
    await MeshoptEncoder.ready;
    io.registerDependencies({ 'meshopt.encoder': MeshoptEncoder });
    await doc.transform(meshopt({ encoder: MeshoptEncoder, level: 'medium' }));
  } else await doc.transform(quantize());
  // meshopt() quantizes too. Sparse accessors are not meshopt-compressed, but the few entries
  // of a face morph still take less than its compressed dense array (g9: 0.77 → 0.71 MB).
  keepMorphTargetsSparse(doc);
}
