/**
 * The engine options on the g9 scene, read back by independent readers: the Khronos validator,
 * glTF-Transform (with meshoptimizer's decoder for EXT_meshopt_compression) and the skinning
 * an engine does. A quantized or compressed figure must still skin to the emulator's posed
 * mesh, within the quantization step; a figure at scale 2 skins to twice it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Accessor, type Document, NodeIO, type Primitive } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { dequantize } from '@gltf-transform/functions';
import type { ValidationReport } from 'gltf-validator';
import { MeshoptDecoder } from 'meshoptimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportOptions, ExportSummary } from '../../../src/export/export-types.js';
import { exportGltf } from '../../../src/export/gltf/index.js';
import { inProcessScene } from '../../helpers/in-process-scene.js';
import { type TruthMesh, truthMeshes } from './helpers/emulator-truth.js';
import { compareCorners, skinnedPositions, worldPositions } from './helpers/read-back.js';
import { readEmulatorScene, type SceneFixture } from './helpers/scene-fixture.js';
import { summarizeIssues, validateFile } from './helpers/validate.js';

const VARIANTS: Record<string, ExportOptions> = {
  'plain.glb': { rigged: true, morphs: true },
  'scale2.glb': { rigged: true, morphs: true, scale: 2 },
  'quantized.glb': { rigged: true, morphs: true, quantize: true },
  'meshopt.glb': { rigged: true, morphs: true, meshopt: true },
  'meshopt-quantized.glb': { rigged: true, morphs: true, meshopt: true, quantize: true },
  'rigged.glb': { rigged: true },
  'rigged-quantized.glb': { rigged: true, quantize: true },
  'textures.gltf': { textureMax: 64, textureFormat: 'jpeg', jpegQuality: 85 },
};

const daz = (p: Primitive) => (p.getExtras() as { daz?: { surface?: string } }).daz?.surface;

async function read(path: string): Promise<Document> {
  await MeshoptDecoder.ready;
  return new NodeIO()
    .registerExtensions(ALL_EXTENSIONS)
    .registerDependencies({ 'meshopt.decoder': MeshoptDecoder })
    .read(path);
}

/** Skinned (or world) positions per primitive, metres, keyed by mesh name and surface. */
function positionsBySurface(
  doc: Document,
): Map<string, { prim: Primitive; mesh: string; positions: Float64Array }> {
  const out = new Map<string, { prim: Primitive; mesh: string; positions: Float64Array }>();
  for (const node of doc.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    for (const prim of mesh.listPrimitives()) {
      const positions = node.getSkin() ? skinnedPositions(node, mesh, prim) : worldPositions(node, prim);
      out.set(`${mesh.getName()}|${daz(prim)}`, { prim, mesh: mesh.getName(), positions });
    }
  }
  return out;
}

/** Largest distance from a vertex of `a` to the nearest vertex of `b` (a grid of `cell` metres). */
function nearestDistance(a: Float64Array, b: Float64Array, cell: number): number {
  const key = (x: number, y: number, z: number) =>
    `${Math.floor(x / cell)},${Math.floor(y / cell)},${Math.floor(z / cell)}`;
  const grid = new Map<string, number[]>();
  for (let i = 0; i < b.length; i += 3) {
    const k = key(b[i], b[i + 1], b[i + 2]);
    grid.set(k, [...(grid.get(k) ?? []), i]);
  }
  let worst = 0;
  for (let i = 0; i < a.length; i += 3) {
    let best = Number.POSITIVE_INFINITY;
    const [cx, cy, cz] = [a[i], a[i + 1], a[i + 2]].map((v) => Math.floor(v / cell));
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (let dz = -1; dz <= 1; dz++)
          for (const j of grid.get(`${cx + dx},${cy + dy},${cz + dz}`) ?? [])
            best = Math.min(best, Math.hypot(a[i] - b[j], a[i + 1] - b[j + 1], a[i + 2] - b[j + 2]));
    worst = Math.max(worst, best);
  }
  return worst;
}

interface MorphReadBack {
  /** Skinned rest positions, morphs at 0 (metres). */
  base: Float64Array;
  /** Per target: skinned position at weight 1 minus `base` (metres, so the dequantizing scale is in). */
  deltas: Float64Array[];
  normals: Float32Array;
  /** Per target: NORMAL delta (unitless; quantize() scales uniformly, which leaves them alone). */
  normalDeltas: Float32Array[];
  uvs: Float32Array;
}

/** What an engine makes of each skinned primitive's morph targets, keyed as positionsBySurface. */
function morphsBySurface(doc: Document): Map<string, MorphReadBack> {
  const out = new Map<string, MorphReadBack>();
  for (const node of doc.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh || !node.getSkin()) continue;
    const saved = mesh.getWeights();
    for (const prim of mesh.listPrimitives()) {
      const targets = prim.listTargets();
      if (!targets.length) continue;
      mesh.setWeights(targets.map(() => 0));
      const base = skinnedPositions(node, mesh, prim);
      const deltas = targets.map((_, t) => {
        mesh.setWeights(targets.map((_, u) => (u === t ? 1 : 0)));
        return skinnedPositions(node, mesh, prim).map((v, i) => v - base[i]);
      });
      const floats = (a: Accessor | null | undefined) =>
        (a?.getArray() ?? new Float32Array()) as Float32Array;
      out.set(`${mesh.getName()}|${daz(prim)}`, {
        base,
        deltas,
        normals: floats(prim.getAttribute('NORMAL')),
        normalDeltas: targets.map((t) => floats(t.getAttribute('NORMAL'))),
        uvs: floats(prim.getAttribute('TEXCOORD_0')),
      });
    }
    mesh.setWeights(saved);
  }
  return out;
}

/**
 * For each vertex of `c`, the vertex of `p` it was written from: the same index when the order
 * was kept, else (meshopt reorders for the vertex cache) the nearest by rest position, then UV.
 */
function matchVertices(c: MorphReadBack, p: MorphReadBack, keptOrder: boolean): Int32Array {
  const count = c.base.length / 3;
  if (keptOrder) return Int32Array.from({ length: count }, (_, i) => i);
  const cell = 0.002;
  const key = (b: Float64Array, i: number) => [0, 1, 2].map((k) => Math.floor(b[i * 3 + k] / cell));
  const grid = new Map<string, number[]>();
  for (let j = 0; j < p.base.length / 3; j++) {
    const k = key(p.base, j).join();
    grid.set(k, [...(grid.get(k) ?? []), j]);
  }
  return Int32Array.from({ length: count }, (_, i) => {
    const [x, y, z] = key(c.base, i);
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (let dz = -1; dz <= 1; dz++)
          for (const j of grid.get(`${x + dx},${y + dy},${z + dz}`) ?? []) {
            const d = [0, 1, 2].map((k) => c.base[i * 3 + k] - p.base[j * 3 + k]);
            const uv = [0, 1].map((k) => c.uvs[i * 2 + k] - p.uvs[j * 2 + k]);
            const cost = Math.hypot(...d) + Math.hypot(...uv);
            if (cost < bestCost) [best, bestCost] = [j, cost];
          }
    return best;
  });
}

describe('glTF engine options on the g9 scene', () => {
  let fx: SceneFixture;
  let truth: Map<string, TruthMesh>;
  const summaries = new Map<string, ExportSummary>();
  const docs = new Map<string, Document>();

  beforeAll(async () => {
    fx = await readEmulatorScene('g9');
    truth = truthMeshes(inProcessScene('g9'));
    for (const [file, options] of Object.entries(VARIANTS)) {
      summaries.set(file, await exportGltf(fx.scene, join(fx.dir, file), options));
      docs.set(file, await read(join(fx.dir, file)));
    }
    console.info(
      `[g9 engine options] ${[...summaries].map(([f, s]) => `${f} ${s.bytes.toLocaleString('en-US')} B`).join(', ')}`,
    );
  }, 90_000);
  afterAll(async () => fx?.close());

  it('passes the Khronos validator with zero errors and no warning plain.glb lacks; extensions declared', async () => {
    const warnings = (r: ValidationReport) =>
      r.issues.messages.filter((m) => m.severity === 1).map((m) => m.code);
    // Each file validated once (plain.glb's report is also the baseline): seconds of CPU each.
    const reports = new Map<string, ValidationReport>();
    for (const file of Object.keys(VARIANTS)) reports.set(file, await validateFile(join(fx.dir, file)));
    const plainWarnings = new Set(warnings(reports.get('plain.glb') as ValidationReport));
    for (const [file, report] of reports) {
      expect(report.issues.numErrors, `${file}: ${summarizeIssues(report).join('; ')}`).toBe(0);
      expect(
        warnings(report).filter((c) => !plainWarnings.has(c)),
        file,
      ).toEqual([]);
    }
    const used = (file: string) =>
      (docs.get(file) as Document)
        .getRoot()
        .listExtensionsUsed()
        .map((e) => e.extensionName);
    expect(used('quantized.glb')).toContain('KHR_mesh_quantization');
    expect(used('meshopt.glb')).toEqual(
      expect.arrayContaining(['EXT_meshopt_compression', 'KHR_mesh_quantization']),
    );
    expect(used('plain.glb')).not.toContain('KHR_mesh_quantization');
  }, 60_000);

  it('meshopt makes the file smaller; quantize and meshopt keep the skin (joints counted)', () => {
    const bytes = (f: string) => (summaries.get(f) as ExportSummary).bytes;
    expect(bytes('meshopt.glb')).toBeLessThan(bytes('plain.glb') * 0.5);
    // meshopt quantizes first: adding quantize changes nothing.
    expect(bytes('meshopt-quantized.glb')).toBe(bytes('meshopt.glb'));
    for (const f of ['quantized.glb', 'meshopt.glb', 'meshopt-quantized.glb'])
      expect(summaries.get(f)?.joints).toBe(summaries.get('plain.glb')?.joints);
  });

  // quantize() writes every morph target dense (g9 grew 3.0 → 5.1 MB); quantized-sparse.ts
  // makes those that move few vertices sparse again (g9: 1.85 MB).
  it('quantize makes the file smaller, with morphs and without; face morphs stay sparse', () => {
    const bytes = (f: string) => (summaries.get(f) as ExportSummary).bytes;
    expect(bytes('quantized.glb')).toBeLessThan(bytes('plain.glb') * 0.7);
    expect(bytes('rigged-quantized.glb')).toBeLessThan(bytes('rigged.glb') * 0.7);
    const sparseTargets = (file: string) =>
      (docs.get(file) as Document)
        .getRoot()
        .listMeshes()
        .flatMap((m) => m.listPrimitives().flatMap((p) => p.listTargets().flatMap((t) => t.listAttributes())))
        .filter((a) => a.getSparse() && a.getCount() > 0).length;
    expect(sparseTargets('plain.glb')).toBeGreaterThan(0);
    for (const file of ['quantized.glb', 'meshopt.glb'])
      expect(sparseTargets(file), file).toBeGreaterThanOrEqual(sparseTargets('plain.glb'));
  });

  it('scale 2: the skinned figure is twice the emulator’s posed mesh, corner for corner', () => {
    let worst = 0;
    for (const { prim, mesh, positions } of positionsBySurface(docs.get('scale2.glb') as Document).values()) {
      const half = positions.map((v) => v / 2);
      const errors = compareCorners(half, prim, truth.get(mesh) as TruthMesh, String(daz(prim)));
      worst = Math.max(worst, errors.position);
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('quantized and meshopt figures skin to the uncompressed one within the quantization step', async () => {
    const plain = positionsBySurface(docs.get('plain.glb') as Document);
    for (const file of ['quantized.glb', 'meshopt.glb']) {
      const doc = docs.get(file) as Document;
      await doc.transform(dequantize());
      const compressed = positionsBySurface(doc);
      expect([...compressed.keys()].sort()).toEqual([...plain.keys()].sort());
      let worst = 0;
      for (const [key, c] of compressed) {
        const p = plain.get(key)!;
        expect(c.positions.length, key).toBe(p.positions.length);
        worst = Math.max(worst, nearestDistance(c.positions, p.positions, 0.005));
      }
      // 14-bit positions over a ~2 m figure: a step of ~0.1 mm; morphs and skinning add a little.
      expect(worst, file).toBeLessThan(1e-3);
      console.info(`[g9 ${file}] worst vertex vs uncompressed: ${(worst * 1000).toFixed(3)} mm`);
    }
  });

  it('dequantized morph targets and normals match the uncompressed ones within the quantization step', async () => {
    const plain = morphsBySurface(docs.get('plain.glb') as Document);
    for (const file of ['quantized.glb', 'meshopt.glb']) {
      const doc = docs.get(file) as Document;
      await doc.transform(dequantize()); // no-op when the previous test did it
      const worst = { delta: 0, normalDeg: 0, normalDelta: 0, targets: 0 };
      for (const [key, c] of morphsBySurface(doc)) {
        const p = plain.get(key)!;
        expect(c.deltas.length, key).toBe(p.deltas.length);
        const match = matchVertices(c, p, file === 'quantized.glb');
        for (let i = 0; i < match.length; i++) {
          const j = match[i];
          const [cn, pn] = [c.normals.subarray(i * 3, i * 3 + 3), p.normals.subarray(j * 3, j * 3 + 3)];
          const cos = (cn[0] * pn[0] + cn[1] * pn[1] + cn[2] * pn[2]) / Math.hypot(...cn) / Math.hypot(...pn);
          worst.normalDeg = Math.max(worst.normalDeg, (Math.acos(Math.min(1, cos)) * 180) / Math.PI);
          c.deltas.forEach((d, t) => {
            const [pd, cnd, pnd] = [p.deltas[t], c.normalDeltas[t], p.normalDeltas[t]];
            worst.delta = Math.max(
              worst.delta,
              Math.hypot(d[i * 3] - pd[j * 3], d[i * 3 + 1] - pd[j * 3 + 1], d[i * 3 + 2] - pd[j * 3 + 2]),
            );
            for (let k = 0; k < 3; k++)
              worst.normalDelta = Math.max(worst.normalDelta, Math.abs(cnd[i * 3 + k] - pnd[j * 3 + k]));
          });
        }
        worst.targets += c.deltas.length;
      }
      console.info(
        `[g9 ${file}] ${worst.targets} targets; worst morph delta ${(worst.delta * 1000).toFixed(3)} mm, ` +
          `normal ${worst.normalDeg.toFixed(3)}°, normal delta ${worst.normalDelta.toFixed(4)}`,
      );
      expect(worst.targets).toBeGreaterThan(0);
      // 14-bit positions over a ~2 m figure: a step of ~0.11 mm, each component off by at most
      // half of it (√3/2 step ≈ 0.095 mm as a vector).
      expect(worst.delta, file).toBeLessThan(0.1e-3);
      // 10-bit normals in both (meshopt's 'medium' level quantizes as quantize() does): a
      // component off by at most half of 1/511, and a little for the bits quantize() copies.
      expect(worst.normalDeg, file).toBeLessThan(0.25);
      expect(worst.normalDelta, file).toBeLessThan(0.0011);
    }
  });

  it('textureMax and jpeg: maps at most 64 px, colour maps JPEG, normal and roughness maps PNG', () => {
    const doc = docs.get('textures.gltf') as Document;
    const textures = doc.getRoot().listTextures();
    expect(textures.length).toBeGreaterThan(0);
    for (const t of textures) {
      const [w, h] = t.getSize() as [number, number];
      expect(Math.max(w, h), t.getName()).toBeLessThanOrEqual(64);
    }
    for (const m of doc.getRoot().listMaterials()) {
      expect(m.getBaseColorTexture()?.getMimeType() ?? 'image/jpeg', m.getName()).toBe('image/jpeg');
      expect(m.getNormalTexture()?.getMimeType() ?? 'image/png').toBe('image/png');
      expect(m.getMetallicRoughnessTexture()?.getMimeType() ?? 'image/png').toBe('image/png');
    }
    const files = readdirSync(join(fx.dir, 'textures_textures'));
    expect(files.some((f) => f.endsWith('.jpg'))).toBe(true);
    expect(files.every((f) => /\.(jpg|png)$/.test(f))).toBe(true);
  });
});
