/**
 * Pulling the heavy scene (≥ 1,000,000 posed vertices with facets and UVs) out of the emulator:
 * dazport's SceneReader against a baseline that copies dazpy's access pattern (scene_to_usd.py):
 * sequential /execute calls of 5,000 vertices as [[x,y,z],...] with forceCacheUpdate on every
 * chunk, facets 1,000 per call, UVs 5,000 per call. Both run against the same emulator, in
 * its own process (DAZ Studio is another process too), one after the other.
 * Target: the reader ≥ 10× faster; its peak memory must not grow with the chunk count.
 * Also reported: the reader on the same scene with every figure's facets shuffled, the worst
 * case for its facet coding (the mannequins' strips are the best case).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { readScene, SceneReader } from '../../src/client/scene-reader.js';
import { loadSceneSpec } from '../../src/emulator/scenes/load-scene.js';
import { connectTo, spawnEmulator } from '../emulator-process.js';
import { type BenchTask, collectGarbage, summarize, type TaskResult } from '../harness.js';

const BASELINE_MESHES = `(function(){ var out = []; for (var i = 0; i < Scene.getNumNodes(); i++) { var n = Scene.getNode(i);
  if (n.getObject() && !n.inherits("DzBone")) out.push({ name: n.getName(), label: n.getLabel(), v: n.getObject().getCurrentShape().getGeometry().getNumVertices(),
  f: n.getObject().getCurrentShape().getGeometry().getNumFacets(), uv: n.getObject().getCurrentShape().getGeometry().getUVs().getNumValues() }); } return out; })()`;

const BASELINE_VERTS = `(function(){ var a = getArguments()[0], node = Scene.findNodeByLabel(a.label), obj = node.getObject();
  obj.forceCacheUpdate(node, false); var g = obj.getCachedGeom(), out = [];
  for (var i = a.start; i < Math.min(a.start + 5000, g.getNumVertices()); i++) { var v = g.getVertex(i); out.push([v.x, v.y, v.z]); } return out; })()`;

const BASELINE_FACES = `(function(){ var a = getArguments()[0], g = Scene.findNodeByLabel(a.label).getObject().getCurrentShape().getGeometry(), out = [];
  for (var i = a.start; i < Math.min(a.start + 1000, g.getNumFacets()); i++) { var f = g.getFacet(i);
  out.push(f.isQuad() ? [f.vertIdx1, f.vertIdx2, f.vertIdx3, f.vertIdx4] : [f.vertIdx1, f.vertIdx2, f.vertIdx3]); } return out; })()`;

const BASELINE_UVS = `(function(){ var a = getArguments()[0], uv = Scene.findNodeByLabel(a.label).getObject().getCurrentShape().getGeometry().getUVs(), out = [];
  for (var i = a.start; i < Math.min(a.start + 5000, uv.getNumValues()); i++) { var p = uv.getPnt2Vec(i); out.push([p.x, p.y]); } return out; })()`;

/**
 * Peak heap growth while streaming every figure's positions and dropping each chunk after use,
 * with chunks of `chunkBytes`: it should follow the chunk size, not the number of chunks.
 */
async function streamingPeak(
  client: DazClient,
  labels: string[],
  chunkBytes: number,
): Promise<{ peakMb: number; chunks: number }> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  let chunks = 0;
  const reader = new SceneReader(client, { chunkBytes, concurrency: 3 });
  for (const label of labels) {
    for await (const { values } of reader.streamMesh(label, 'positions')) {
      chunks++;
      if (values.length === 0) throw new Error('empty chunk');
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
  }
  return { peakMb: peak / 1e6, chunks };
}

/** dazpy's pattern, one request at a time, nothing registered. */
async function baselineRead(client: DazClient): Promise<number> {
  const meshes = (
    await client.execute<{ label: string; v: number; f: number; uv: number }[]>(BASELINE_MESHES)
  ).result;
  let vertices = 0;
  for (const m of meshes) {
    const positions: number[][] = [];
    for (let s = 0; s < m.v; s += 5000)
      positions.push(
        ...(await client.execute<number[][]>(BASELINE_VERTS, { label: m.label, start: s })).result,
      );
    const faces: number[][] = [];
    for (let s = 0; s < m.f; s += 1000)
      faces.push(...(await client.execute<number[][]>(BASELINE_FACES, { label: m.label, start: s })).result);
    const uvs: number[][] = [];
    for (let s = 0; s < m.uv; s += 5000)
      uvs.push(...(await client.execute<number[][]>(BASELINE_UVS, { label: m.label, start: s })).result);
    if (positions.length !== m.v || faces.length !== m.f || uvs.length !== m.uv)
      throw new Error(`baseline read of ${m.label} is short`);
    vertices += positions.length;
  }
  return vertices;
}

/**
 * The reader on the heavy scene with its figures' facets in a seeded random order: the emulator's
 * mannequins come in perfect strips, which the facet coding sends as one tuple each; real meshes
 * are less regular, and this is the worst case. Median seconds of `rounds` reads, after a warm-up.
 */
async function shuffledRead(home: string, rounds: number): Promise<number> {
  const spec = loadSceneSpec('heavy');
  const file = join(home, 'heavy-shuffled.json');
  writeFileSync(
    file,
    JSON.stringify({ ...spec, figures: spec.figures?.map((f) => ({ ...f, facetOrder: 'shuffled' })) }),
  );
  const emulator = await spawnEmulator(file, home);
  const client = connectTo(emulator);
  try {
    await readScene(client, { normals: false });
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      await readScene(client, { normals: false });
      times.push((performance.now() - t0) / 1000);
    }
    return summarize('shuffled', times, 's').median;
  } finally {
    await client.close();
    emulator.child.kill('SIGTERM');
  }
}

export const sceneRead: BenchTask = {
  name: 'scene-read',
  async run(): Promise<TaskResult> {
    const home = mkdtempSync(join(tmpdir(), 'dazport-bench-read-'));
    const emulator = await spawnEmulator('heavy', home);
    const client = connectTo(emulator);
    try {
      const readerTimes: number[] = [];
      const baselineTimes: number[] = [];
      let vertices = 0;
      let peakRss = 0;
      // Five reads: the first warms both processes up, and the median should not be that one.
      const rounds = Number(process.env.DAZPORT_BENCH_ROUNDS ?? 5);
      for (let r = 0; r < rounds; r++) {
        const rssBefore = process.memoryUsage().rss;
        const t0 = performance.now();
        const scene = await readScene(client, { normals: false });
        readerTimes.push((performance.now() - t0) / 1000);
        peakRss = Math.max(peakRss, process.memoryUsage().rss - rssBefore);
        vertices = scene.meshes.reduce((s, m) => s + m.positions.length / 3, 0);
      }
      for (let r = 0; r < Math.max(1, Math.min(rounds, 2)); r++) {
        const t0 = performance.now();
        const v = await baselineRead(client);
        baselineTimes.push((performance.now() - t0) / 1000);
        if (v !== vertices) throw new Error(`baseline read ${v} vertices, the reader ${vertices}`);
      }
      const shuffled = await shuffledRead(home, Math.max(1, Math.min(rounds, 3)));
      const labels = ['Genesis 9', 'Genesis 8 Female', 'Genesis 8 Male', 'Genesis 9 (2)'];
      const coarse = await streamingPeak(client, labels, 4_000_000);
      const fine = await streamingPeak(client, labels, 400_000);
      const measured = summarize('SceneReader (posed positions, facets, UVs)', readerTimes, 's');
      const baseline = summarize('dazpy pattern (5k chunks, cache per chunk)', baselineTimes, 's');
      return {
        task: this.name,
        measured,
        baseline,
        ratio: measured.median / baseline.median,
        target: 0.1,
        notes: [
          `${vertices.toLocaleString('en-US')} vertices: reader ${(vertices / measured.median).toFixed(0)} vertices/s, baseline ${(vertices / baseline.median).toFixed(0)} vertices/s`,
          `speed-up ${(baseline.median / measured.median).toFixed(1)}×; client RSS growth during a whole read ${(peakRss / 1e6).toFixed(0)} MB`,
          `worst case, the same scene with every figure's facets shuffled (no strips for the facet coding): reader ${shuffled.toFixed(3)} s median, ${(baseline.median / shuffled).toFixed(1)}× faster than the baseline above`,
          `streaming positions: peak heap growth ${coarse.peakMb.toFixed(1)} MB with ${coarse.chunks} chunks of 4 MB, ${fine.peakMb.toFixed(1)} MB with ${fine.chunks} chunks of 400 kB`,
        ],
      };
    } finally {
      await client.close();
      emulator.child.kill('SIGTERM');
      rmSync(home, { recursive: true, force: true });
    }
  },
};
