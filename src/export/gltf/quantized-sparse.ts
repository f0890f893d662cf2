/**
 * Sparse morph targets through `--quantize`. Two things in glTF-Transform 4.x undo them:
 *
 * 1. `quantize()` writes every attribute it quantizes dense (`setSparse(false)`, its TODO #795),
 *    so the face morphs, which move a few hundred of a figure's vertices, come back as full
 *    per-vertex arrays: a quantized g9 with morphs grew from 3.0 to 5.1 MB.
 *    {@link compactMorphTargets} makes them sparse again, by the rules morphs.ts uses.
 * 2. Its writer builds the values of a sparse accessor from `Accessor.getElement()`, which
 *    returns a normalized integer accessor's elements decoded to floats in [-1, 1]; put back
 *    into an Int16Array they truncate to -1, 0 or 1. The morphs are lost and the accessor's
 *    `min`/`max` (computed from the integers) no longer describe its values, which is the
 *    ACCESSOR_MIN_MISMATCH / ACCESSOR_MAX_MISMATCH the Khronos validator reported when this was
 *    first tried with functions' `sparse()`. {@link KHRMeshQuantizationSparse} writes those
 *    accessors as plain integers and marks them normalized in the JSON afterwards, so the sparse
 *    values are the stored integers, and `min`/`max` describe the values after sparse
 *    substitution in the stored integer form, as glTF 2.0 §3.6.2 and KHR_mesh_quantization ask.
 */
import { type Accessor, type Document, PropertyType, type WriterContext } from '@gltf-transform/core';
import { KHRMeshQuantization } from '@gltf-transform/extensions';
import { isWorthSparse, movedVertices } from './morphs.js';

/**
 * After `quantize()`: its morph targets sparse again where they move few vertices, and its
 * KHR_mesh_quantization replaced by {@link KHRMeshQuantizationSparse} (same name, required as
 * it was), which writes them correctly.
 */
export function keepMorphTargetsSparse(doc: Document): void {
  const name = KHRMeshQuantization.EXTENSION_NAME;
  const quantization = doc
    .getRoot()
    .listExtensionsUsed()
    .find((e) => e.extensionName === name);
  if (!quantization) return; // nothing was quantized, so nothing is normalized
  const required = quantization.isRequired();
  doc.disposeExtension(name);
  doc.createExtension(KHRMeshQuantizationSparse).setRequired(required);
  compactMorphTargets(doc);
}

/**
 * KHR_mesh_quantization (same name, nothing more in the file) whose writer also stores
 * normalized sparse accessors correctly: see the file comment.
 */
export class KHRMeshQuantizationSparse extends KHRMeshQuantization {
  public override readonly prewriteTypes: PropertyType[] = [PropertyType.ACCESSOR];
  /** The accessors made plain integers for the write, to mark normalized again after it. */
  private denormalized: Accessor[] = [];

  /** @hidden Before the accessors are written: normalized sparse ones become plain integers. */
  override prewrite(context: WriterContext, propertyType: PropertyType): this {
    if (propertyType !== PropertyType.ACCESSOR) return this;
    this.denormalized = this.document
      .getRoot()
      .listAccessors()
      .filter((a) => a.getSparse() && a.getNormalized() && !context.accessorIndexMap.has(a));
    for (const accessor of this.denormalized) accessor.setNormalized(false);
    return this;
  }

  /** @hidden After: the Document is as it was, the written accessors say `normalized: true`. */
  override write(context: WriterContext): this {
    const defs = context.jsonDoc.json.accessors ?? [];
    for (const accessor of this.denormalized) {
      accessor.setNormalized(true);
      const index = context.accessorIndexMap.get(accessor);
      if (index !== undefined) defs[index].normalized = true;
    }
    this.denormalized = [];
    return this;
  }
}

/**
 * Morph targets of `doc` as morphs.ts writes them, by its rules applied to the quantized values
 * (a delta under half a quantization step is now zero): a target attribute that moves under a
 * third of its vertices is marked sparse; one that moves nothing gets one dense zero accessor
 * shared with the others of its size (`quantize()` gave each target its own copy, and `dedup()`
 * leaves target attributes alone). Returns how many accessors were marked and shared.
 */
export function compactMorphTargets(doc: Document): { sparse: number; shared: number } {
  const counts = { sparse: 0, shared: 0 };
  const zeros = new Map<string, Accessor>();
  for (const mesh of doc.getRoot().listMeshes())
    for (const prim of mesh.listPrimitives())
      for (const target of prim.listTargets())
        for (const semantic of target.listSemantics()) {
          const accessor = target.getAttribute(semantic) as Accessor;
          const values = accessor.getArray();
          if (!values) continue;
          const moved = movedVertices(values, accessor.getElementSize());
          if (moved === 0) {
            const key = [accessor.getCount(), accessor.getType(), accessor.getComponentType()].join(':');
            const shared = zeros.get(key);
            if (!shared) zeros.set(key, accessor.setSparse(false));
            else if (shared !== accessor) {
              target.setAttribute(semantic, shared);
              if (accessor.listParents().every((p) => p.propertyType === PropertyType.ROOT))
                accessor.dispose();
              counts.shared++;
            }
          } else if (!accessor.getSparse() && isWorthSparse(moved, accessor.getCount())) {
            accessor.setSparse(true);
            counts.sparse++;
          }
        }
  return counts;
}
