/**
 * USDA export of the heavy scene (≥ 1,000,000 posed vertices, four figures and a prop, read once
 * from the emulator): `exportUsda` against `exportGltf` to GLB of the same scene in the same
 * run. The two do different work (USDA is text: every number printed; GLB is binary but splits
 * UV seams, triangulates and computes tangents), so the ratio is a yardstick, not a target.
 * Also reported: throughput in MB/s of text, and memory, which must follow the largest mesh,
 * not the scene: the heap growth sampled while writing (every 5 ms and at every mesh).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportSummary } from '../../src/export/export-types.js';
import { exportGltf } from '../../src/export/gltf/index.js';
import { exportUsda } from '../../src/export/usda/index.js';
import { readSpawnedScene } from '../emulator-process.js';
import { type BenchTask, summarize, type TaskResult } from '../harness.js';

/**
 * Run `work`, sampling heap growth over the start every 5 ms and whenever `atMesh` is called.
 * That growth counts garbage not yet collected; with `--expose-gc` (`node --expose-gc`), `atMesh`
 * also collects and records the live heap between meshes: what the writer really holds on to.
 */
async function withHeapPeak<T>(
  work: (atMesh: () => void) => Promise<T>,
): Promise<{ value: T; peakMb: number; livePeakMb: number | null }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  let live: number | null = gc ? 0 : null;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  };
  const atMesh = () => {
    sample();
    if (gc && live !== null) {
      gc();
      live = Math.max(live, process.memoryUsage().heapUsed - before);
    }
  };
  const timer = setInterval(sample, 5);
  try {
    const value = await work(atMesh);
    sample();
    return { value, peakMb: peak / 1e6, livePeakMb: live === null ? null : live / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

export const usdaExport: BenchTask = {
  name: 'usda-export',
  async run(): Promise<TaskResult> {
    const scene = await readSpawnedScene('heavy');
    const home = mkdtempSync(join(tmpdir(), 'dazport-bench-usda-'));
    try {
      const rounds = Number(process.env.DAZPORT_BENCH_ROUNDS ?? 3);
      const usdaTimes: number[] = [];
      const glbTimes: number[] = [];
      const heapPeaks: number[] = [];
      const livePeaks: number[] = [];
      let usda: ExportSummary | null = null;
      let glb: ExportSummary | null = null;
      const largestMesh = Math.max(...scene.meshes.map((m) => m.positions.length / 3));
      const sceneVertices = scene.meshes.reduce((n, m) => n + m.positions.length / 3, 0);
      const rssBefore = process.memoryUsage().rss;
      // Round 0 warms the JIT up for both; the two alternate so drift hits both alike.
      for (let r = 0; r < rounds + 1; r++) {
        const t0 = performance.now();
        const { value, peakMb, livePeakMb } = await withHeapPeak((atMesh) =>
          exportUsda(scene, join(home, 'heavy.usda'), {
            onProgress: (p) => p.phase === 'meshes' && atMesh(),
          }),
        );
        const t1 = performance.now();
        usda = value;
        glb = await exportGltf(scene, join(home, 'heavy.glb'));
        const t2 = performance.now();
        if (r > 0) {
          usdaTimes.push(t1 - t0);
          glbTimes.push(t2 - t1);
          heapPeaks.push(peakMb);
          if (livePeakMb !== null) livePeaks.push(livePeakMb);
        }
      }
      const peakRss = process.resourceUsage().maxRSS * 1024;
      const u = usda as ExportSummary;
      const g = glb as ExportSummary;
      const measured = summarize('exportUsda → .usda (heavy scene)', usdaTimes, 'ms');
      const baseline = summarize('exportGltf → .glb (same scene, same run)', glbTimes, 'ms');
      const mbPerSecond = u.bytes / 1e6 / (measured.median / 1000);
      const heap = summarize('heap', heapPeaks, 'MB');
      return {
        task: this.name,
        measured,
        baseline,
        ratio: measured.median / baseline.median,
        notes: [
          `${u.vertices.toLocaleString('en-US')} vertices, ${u.triangles.toLocaleString('en-US')} triangles, ${u.meshes} meshes (largest ${largestMesh.toLocaleString('en-US')} vertices of ${sceneVertices.toLocaleString('en-US')}), ${u.materials} materials, ${u.textures} textures`,
          `USDA: ${(u.bytes / 1e6).toFixed(1)} MB per export, ${mbPerSecond.toFixed(1)} MB/s, ${((u.vertices / measured.median) * 1000).toFixed(0)} vertices/s; GLB: ${(g.bytes / 1e6).toFixed(1)} MB`,
          `memory while writing USDA: heap growth (garbage included) median ${heap.median.toFixed(1)} MB, max ${Math.max(...heapPeaks).toFixed(1)} MB; ${livePeaks.length ? `live heap between meshes at most ${Math.max(...livePeaks).toFixed(1)} MB` : 'run node with --expose-gc for the live heap'}; the scene's own positions take ${((sceneVertices * 12) / 1e6).toFixed(0)} MB`,
          `process: peak RSS ${(peakRss / 1e6).toFixed(0)} MB (after the read, before any export ${(rssBefore / 1e6).toFixed(0)} MB; includes the GLB exports)`,
        ],
      };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};
