/**
 * The engine options on the g9 scene, read back by independent readers: the Khronos validator,
 * glTF-Transform (with meshoptimizer's decoder for EXT_meshopt_compression) and the skinning
 * an engine does. A quantized or compressed figure must still skin to the emulator's posed
 * mesh, within the quantization step; a figure at scale 2 skins to twice it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, NodeIO, type Primitive } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { dequantize } from '@gltf-transform/functions';
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

  it('passes the Khronos validator with zero errors; the extensions are declared', async () => {
    for (const file of Object.keys(VARIANTS)) {
      const report = await validateFile(join(fx.dir, file));
      expect(report.issues.numErrors, `${file}: ${summarizeIssues(report).join('; ')}`).toBe(0);
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
    for (const f of ['quantized.glb', 'meshopt.glb'])
      expect(summaries.get(f)?.joints).toBe(summaries.get('plain.glb')?.joints);
  });

  // KNOWN DEFECT (open in issue 15): glTF-Transform's quantize() rewrites the morph targets the
  // writer stores sparse (few vertices move: the face morphs) as dense accessors, so quantizing
  // g9 grows it (3.0 → 5.1 MB). Re-sparsifying after quantize() gave validator min/max errors.
  // When this starts to pass, make it a plain `it` again.
  it.fails('quantize makes the file smaller (fails today: sparse morph targets come back dense)', () => {
    const bytes = (f: string) => (summaries.get(f) as ExportSummary).bytes;
    expect(bytes('quantized.glb')).toBeLessThan(bytes('plain.glb') * 0.9);
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
