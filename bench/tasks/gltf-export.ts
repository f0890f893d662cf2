/**
 * glTF export of the heavy scene (≥ 1,000,000 posed vertices, four figures and a prop, read once
 * from the emulator): `exportGltf` to GLB against a floor measured in the same run, the same
 * final typed arrays (every vertex attribute and index array the export wrote: positions,
 * normals, UVs, tangents, indices) put into a bare glTF-Transform Document and written to GLB.
 * The difference is what dazport adds: seam splitting, triangulation, normals and tangents,
 * materials, textures, nodes, atomic writes. Target: ≤ 1.5× the floor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Accessor, Document, NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { exportGltf } from '../../src/export/gltf/index.js';
import { readSpawnedScene } from '../emulator-process.js';
import { type BenchTask, collectGarbage, summarize, type TaskResult } from '../harness.js';

type Arrays = {
  attributes: [string, Accessor['getType'] extends () => infer T ? T : never, ArrayLike<number>][];
  indices: ArrayLike<number>;
}[];

/** The vertex attribute and index arrays of a written GLB, per primitive. */
async function outputArrays(path: string): Promise<Arrays> {
  const doc = await new NodeIO().registerExtensions(ALL_EXTENSIONS).read(path);
  return doc
    .getRoot()
    .listMeshes()
    .flatMap((m) => m.listPrimitives())
    .map((p) => ({
      attributes: p.listSemantics().map((s) => {
        const a = p.getAttribute(s) as Accessor;
        return [s, a.getType(), a.getArray() as ArrayLike<number>] as const;
      }) as Arrays[number]['attributes'],
      indices: p.getIndices()?.getArray() as ArrayLike<number>,
    }));
}

/** The floor: the same arrays, a bare Document, NodeIO.writeBinary, one file write. */
async function writeFloor(arrays: Arrays, path: string): Promise<number> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const scene = doc.createScene();
  const mesh = doc.createMesh();
  for (const p of arrays) {
    const prim = doc.createPrimitive();
    for (const [semantic, type, array] of p.attributes)
      prim.setAttribute(
        semantic,
        doc
          .createAccessor()
          .setType(type)
          .setArray(array as Float32Array)
          .setBuffer(buffer),
      );
    prim.setIndices(
      doc
        .createAccessor()
        .setType('SCALAR')
        .setArray(p.indices as Uint32Array)
        .setBuffer(buffer),
    );
    mesh.addPrimitive(prim);
  }
  scene.addChild(doc.createNode().setMesh(mesh));
  const bytes = await new NodeIO().writeBinary(doc);
  await writeFile(path, bytes);
  return bytes.byteLength;
}

export const gltfExport: BenchTask = {
  name: 'gltf-export',
  async run(): Promise<TaskResult> {
    const scene = await readSpawnedScene('heavy');
    const home = mkdtempSync(join(tmpdir(), 'dazport-bench-gltf-'));
    try {
      const rounds = Number(process.env.DAZPORT_BENCH_ROUNDS ?? 5);
      const out = join(home, 'heavy.glb');
      const exportTimes: number[] = [];
      const floorTimes: number[] = [];
      const rssBefore = process.memoryUsage().rss;
      const peakBefore = process.resourceUsage().maxRSS * 1024;
      let summary = await exportGltf(scene, out); // warms the JIT up
      const arrays = await outputArrays(out);
      let floorBytes = await writeFloor(arrays, join(home, 'floor.glb'));
      // Alternate the two so a busy machine slows both alike; each starts from a collected heap.
      for (let r = 0; r < rounds; r++) {
        collectGarbage();
        let t0 = performance.now();
        summary = await exportGltf(scene, out);
        exportTimes.push(performance.now() - t0);
        collectGarbage();
        t0 = performance.now();
        floorBytes = await writeFloor(arrays, join(home, 'floor.glb'));
        floorTimes.push(performance.now() - t0);
      }
      const peakRss = process.resourceUsage().maxRSS * 1024;
      const s = summary;
      const measured = summarize('exportGltf → GLB (heavy scene)', exportTimes, 'ms');
      const baseline = summarize('same arrays, bare Document → GLB', floorTimes, 'ms');
      return {
        task: this.name,
        measured,
        baseline,
        ratio: measured.median / baseline.median,
        target: 1.5,
        notes: [
          `${s.vertices.toLocaleString('en-US')} vertices, ${s.triangles.toLocaleString('en-US')} triangles written (${scene.meshes.reduce((n, m) => n + m.positions.length / 3, 0).toLocaleString('en-US')} in the scene), ${s.materials} materials, ${s.textures} textures`,
          `written: ${(s.bytes / 1e6).toFixed(1)} MB per export (floor ${(floorBytes / 1e6).toFixed(1)} MB); ${((s.vertices / measured.median) * 1000).toFixed(0)} vertices/s`,
          `memory: peak RSS ${(peakRss / 1e6).toFixed(0)} MB while exporting; ${(rssBefore / 1e6).toFixed(0)} MB with the scene loaded before it (peak ${(peakBefore / 1e6).toFixed(0)} MB during the read)`,
        ],
      };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};
