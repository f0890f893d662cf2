/**
 * BVH parsing speed: dazport's `parseBvh` against three.js's `BVHLoader.parse` on the largest
 * real capture (biovision_boxing_toes.bvh, 2.6 MB, 3069 frames × 66 channels), same text, same
 * process, alternating runs. Both read the frames `Frames:` announces (the file has one frame line
 * more; three.js ignores it, dazport is told to with `frameCountMismatch: 'use-header'`).
 * three.js also builds keyframe tracks, which is part of what a user of it pays for a clip.
 * The streaming `readBvhFile` on the same file is reported as a note.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BVHLoader } from 'three/examples/jsm/loaders/BVHLoader.js';
import { parseBvh } from '../../src/import/bvh/parse-bvh.js';
import { readBvhFile } from '../../src/import/bvh/read-bvh-file.js';
import { type BenchTask, summarize, type TaskResult } from '../harness.js';

const FIXTURE = join(
  fileURLToPath(new URL('../../', import.meta.url)),
  'fixtures/bvh/biovision_boxing_toes.bvh',
);
const ROUNDS = 20;
const WARMUP = 5;
const OPTIONS = { frameCountMismatch: 'use-header' } as const;

function time(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

export const bvhParse: BenchTask = {
  name: 'bvh-parse',
  async run(): Promise<TaskResult> {
    const text = readFileSync(FIXTURE, 'utf8');
    const loader = new BVHLoader();
    const ours: number[] = [];
    const theirs: number[] = [];
    const streamed: number[] = [];
    let frames = 0;
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const a = time(() => {
        frames = parseBvh(text, FIXTURE, OPTIONS).frameCount;
      });
      const b = time(() => loader.parse(text));
      const t0 = performance.now();
      await readBvhFile(FIXTURE, OPTIONS);
      const c = performance.now() - t0;
      if (i >= WARMUP) {
        ours.push(a);
        theirs.push(b);
        streamed.push(c);
      }
    }
    const measured = summarize('dazport parseBvh (boxing, 2.6 MB)', ours, 'ms');
    const baseline = summarize('three.js BVHLoader.parse (same text)', theirs, 'ms');
    const stream = summarize('readBvhFile', streamed, 'ms');
    const megabytes = text.length / 1e6;
    return {
      task: this.name,
      measured,
      baseline,
      ratio: measured.median / baseline.median,
      target: 0.33,
      notes: [
        `${frames} frames; dazport ${(megabytes / (measured.median / 1000)).toFixed(0)} MB/s, three.js ${(megabytes / (baseline.median / 1000)).toFixed(0)} MB/s`,
        `readBvhFile (streamed from disk, 1 MiB chunks): median ${stream.median.toFixed(3)} ms, p95 ${stream.p95.toFixed(3)} ms`,
      ],
    };
  },
};
