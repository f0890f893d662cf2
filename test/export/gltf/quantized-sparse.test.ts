/**
 * `--quantize` keeps morph targets sparse (quantized-sparse.ts), on a tiny inline mesh: a strip
 * of 30 vertices whose targets move 2 vertices, nothing, or less than half a quantization step.
 * Read back as an engine would: the Khronos validator, the written JSON, and glTF-Transform's
 * reader with `dequantize()`.
 */
import { Accessor, Document, type GLTF, type JSONDocument, NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS, KHRMeshQuantization } from '@gltf-transform/extensions';
import { dequantize } from '@gltf-transform/functions';
import { validateBytes } from 'gltf-validator';
import { describe, expect, it } from 'vitest';
import { OPTIMIZE_EXTENSIONS, optimizeGltf } from '../../../src/export/gltf/optimize.js';
import { KHRMeshQuantizationSparse } from '../../../src/export/gltf/quantized-sparse.js';

const COUNT = 30;
/** A strip 2.9 m long: 14-bit positions step by 1.45 m / 8191 ≈ 0.18 mm. */
const STEP = 1.45 / 8191;
/** 10-bit normals: half of 1/511, and a little for quantize()'s copying high bits into low ones. */
const NORMAL_ERROR = 0.001;

/** Deltas that move `moved` (vertex → xyz), zero elsewhere. */
function deltas(moved: Record<number, number[]>): Float32Array {
  const out = new Float32Array(COUNT * 3);
  for (const [v, xyz] of Object.entries(moved)) out.set(xyz, Number(v) * 3);
  return out;
}

const TARGETS: Record<string, { position: Float32Array; normal: Float32Array }> = {
  twoVertices: {
    position: deltas({ 3: [0.01, 0.02, -0.03], 7: [0, -0.05, 0.004] }),
    normal: deltas({ 3: [0, 0.5, -0.5], 7: [0.25, 0, 0] }),
  },
  nothing: { position: deltas({}), normal: deltas({}) },
  underHalfStep: { position: deltas({ 5: [STEP / 4, 0, 0] }), normal: deltas({}) },
};

/** The strip as the writer leaves it: float attributes, moving targets marked sparse. */
function strip(): Document {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const positions = new Float32Array(COUNT * 3);
  const normals = new Float32Array(COUNT * 3);
  for (let v = 0; v < COUNT; v++) {
    positions.set([v * 0.1, (v % 2) * 0.1, 0], v * 3);
    normals.set([0, 0, 1], v * 3);
  }
  const indices = new Uint32Array((COUNT - 2) * 3);
  for (let t = 0; t < COUNT - 2; t++) indices.set(t % 2 ? [t, t + 2, t + 1] : [t, t + 1, t + 2], t * 3);
  const vec3 = (array: Float32Array) =>
    doc.createAccessor().setBuffer(buffer).setType('VEC3').setArray(array);
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', vec3(positions))
    .setAttribute('NORMAL', vec3(normals))
    .setIndices(doc.createAccessor().setBuffer(buffer).setType('SCALAR').setArray(indices));
  const zeros = vec3(new Float32Array(COUNT * 3));
  for (const [name, t] of Object.entries(TARGETS)) {
    const target = doc.createPrimitiveTarget(name);
    for (const [semantic, values] of [
      ['POSITION', t.position],
      ['NORMAL', t.normal],
    ] as const)
      target.setAttribute(semantic, values.some((x) => x !== 0) ? vec3(values).setSparse(true) : zeros);
    prim.addTarget(target);
  }
  const mesh = doc.createMesh('strip').addPrimitive(prim);
  doc.createScene().addChild(doc.createNode('strip').setMesh(mesh));
  return doc;
}

async function quantizedStrip(): Promise<{ doc: Document; glb: Uint8Array; json: GLTF.IGLTF }> {
  const doc = strip();
  const io = new NodeIO().registerExtensions(OPTIMIZE_EXTENSIONS);
  await optimizeGltf(doc, io, { quantize: true });
  const glb = await io.writeBinary(doc);
  const json = (await io.binaryToJSON(glb)).json;
  return { doc, glb, json };
}

/** Accessor definitions of target `name`'s attributes in the written JSON. */
function targetDefs(json: GLTF.IGLTF, name: string): Record<string, GLTF.IAccessor> {
  const target = json.meshes?.[0].primitives[0].targets?.[Object.keys(TARGETS).indexOf(name)] ?? {};
  return Object.fromEntries(
    Object.entries(target).map(([s, i]) => [s, json.accessors?.[i] as GLTF.IAccessor]),
  );
}

async function validate(glb: Uint8Array) {
  const report = await validateBytes(glb, { maxIssues: 0 });
  return report.issues.messages.filter((m) => m.severity <= 1).map((m) => `${m.code} ${m.pointer ?? ''}`);
}

describe('quantized morph targets stay sparse', () => {
  it('a target moving 2 of 30 vertices is written sparse, 2 entries, after quantize()', async () => {
    const { json } = await quantizedStrip();
    expect(json.extensionsRequired).toContain('KHR_mesh_quantization');
    for (const def of Object.values(targetDefs(json, 'twoVertices'))) {
      expect(def.componentType).toBe(Accessor.ComponentType.SHORT);
      expect(def.normalized).toBe(true);
      expect(def.sparse?.count).toBe(2);
      expect(def.bufferView).toBeUndefined();
    }
  });

  it('the Khronos validator finds no error or warning (min/max match the substituted integers)', async () => {
    const { glb, json } = await quantizedStrip();
    expect(await validate(glb)).toEqual([]);
    // POSITION's min/max are the stored integers (KHR_mesh_quantization), zero included.
    const { POSITION } = targetDefs(json, 'twoVertices');
    for (const [min, max] of (POSITION.min ?? []).map((m, c) => [m, POSITION.max?.[c] ?? 0])) {
      expect(Number.isInteger(min) && Number.isInteger(max)).toBe(true);
      expect(min).toBeLessThanOrEqual(0);
      expect(max).toBeGreaterThanOrEqual(0);
      expect(Math.max(-min, max)).toBeGreaterThan(1); // not the truncated −1/0/1 of the defect
    }
  });

  it('dequantized, the deltas are the written ones within half a step: 0.09 mm and 0.001', async () => {
    const { glb } = await quantizedStrip();
    const doc = await new NodeIO().registerExtensions(ALL_EXTENSIONS).readBinary(glb);
    await doc.transform(dequantize());
    const node = doc.getRoot().listNodes()[0];
    const scale = node.getWorldMatrix()[0]; // quantize() scales uniformly
    const prim = doc.getRoot().listMeshes()[0].listPrimitives()[0];
    prim.listTargets().forEach((target, t) => {
      const want = Object.values(TARGETS)[t];
      const position = target.getAttribute('POSITION')?.getArray() as Float32Array;
      const normal = target.getAttribute('NORMAL')?.getArray() as Float32Array;
      for (let i = 0; i < COUNT * 3; i++) {
        expect(Math.abs(position[i] * scale - want.position[i]), `position ${t}.${i}`).toBeLessThanOrEqual(
          STEP / 2 + 1e-7,
        );
        expect(Math.abs(normal[i] - want.normal[i]), `normal ${t}.${i}`).toBeLessThanOrEqual(NORMAL_ERROR);
      }
    });
  });

  it('targets that move nothing (also after rounding) share one dense zero accessor', async () => {
    const { json } = await quantizedStrip();
    const nothing = targetDefs(json, 'nothing');
    const under = targetDefs(json, 'underHalfStep');
    const index = (def: GLTF.IAccessor) => json.accessors?.indexOf(def);
    expect(new Set([nothing.POSITION, nothing.NORMAL, under.POSITION, under.NORMAL].map(index)).size).toBe(1);
    expect(nothing.POSITION.sparse).toBeUndefined();
    expect(nothing.POSITION.bufferView).toBeDefined(); // assimp refuses accessors without one
  });

  it('writing leaves the Document as it was (the sparse accessors are normalized again)', async () => {
    const { doc } = await quantizedStrip();
    const sparse = doc
      .getRoot()
      .listAccessors()
      .filter((a) => a.getSparse());
    expect(sparse.length).toBe(2);
    for (const a of sparse) expect(a.getNormalized()).toBe(true);
    const quantization = doc.getRoot().listExtensionsUsed()[0];
    expect(quantization).toBeInstanceOf(KHRMeshQuantizationSparse);
    expect(quantization.isRequired()).toBe(true);
  });
});

describe("glTF-Transform's own writer and normalized sparse accessors", () => {
  // Why KHRMeshQuantizationSparse exists. If this starts failing, glTF-Transform writes them
  // right itself: KHRMeshQuantizationSparse can go (quantized-sparse.ts).
  it('truncates their values to −1/0/1 (decoded floats put in an Int16Array): min/max mismatch', async () => {
    const doc = strip();
    const io = new NodeIO().registerExtensions([KHRMeshQuantization]);
    await optimizeGltf(doc, io, { quantize: true });
    const used = doc.getRoot().listExtensionsUsed()[0];
    doc.disposeExtension(used.extensionName);
    doc.createExtension(KHRMeshQuantization).setRequired(true);
    const glb = await io.writeBinary(doc);
    const codes = await validate(glb);
    expect(codes.some((c) => c.startsWith('ACCESSOR_MAX_MISMATCH'))).toBe(true);
    const back: JSONDocument = await io.binaryToJSON(glb);
    const read = await io.readJSON(back);
    const values = read
      .getRoot()
      .listMeshes()[0]
      .listPrimitives()[0]
      .listTargets()[0]
      .getAttribute('POSITION');
    expect(Math.max(...Array.from(values?.getArray() ?? [], Math.abs))).toBeLessThanOrEqual(1);
  });
});
