/**
 * Retargeting throughput: 72,000 frames (10 minutes at 120 fps, the CMU fixture looped) onto
 * Genesis 9, in frames per second, with the defaults (trunk chains, grounding, the foot-lock
 * pass over the legs) and without the foot lock; baseline in the same run: forward kinematics of
 * the same source frames alone (the floor any retargeter has to pay). Target ≥ 100,000 frames/s.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectConvention } from '../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../src/bonemaps/genesis/genesis-maps.js';
import { getSkeletonDefinition } from '../../src/bonemaps/genesis/index.js';
import { BvhClip } from '../../src/import/bvh/bvh-clip.js';
import { createBvhPose, forwardKinematics } from '../../src/import/bvh/forward-kinematics.js';
import { parseBvh } from '../../src/import/bvh/index.js';
import { retarget } from '../../src/import/retarget/retarget.js';
import { rigFromDefinition } from '../../src/import/retarget/target-rig.js';
import { type BenchTask, summarize, type TaskResult } from '../harness.js';

const FRAMES = 72_000;

function loopedClip(): BvhClip {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(here, '..', '..', 'fixtures', 'bvh', 'cmu_01_01.bvh');
  const clip = parseBvh(readFileSync(file, 'utf8'), file);
  const data = new Float32Array(FRAMES * clip.channelCount);
  for (let f = 0; f < FRAMES; f++) {
    const src = f % clip.frameCount;
    data.set(
      clip.data.subarray(src * clip.channelCount, (src + 1) * clip.channelCount),
      f * clip.channelCount,
    );
  }
  return new BvhClip({
    file,
    joints: [...clip.joints],
    channelCount: clip.channelCount,
    frameCount: FRAMES,
    frameTime: clip.frameTime,
    data,
  });
}

export const retargetThroughput: BenchTask = {
  name: 'retarget',
  async run(): Promise<TaskResult> {
    const clip = loopedClip();
    const mapping = detectConvention(clip.joints.map((j) => j.name))[0];
    const rig = rigFromDefinition(getSkeletonDefinition('genesis9'));
    const retargetRates: number[] = [];
    const onePassRates: number[] = [];
    const fkRates: number[] = [];
    for (let r = 0; r < 5; r++) {
      let t0 = performance.now();
      retarget(clip, mapping, rig, GENESIS_MAPS.genesis9);
      retargetRates.push(FRAMES / ((performance.now() - t0) / 1000));
      t0 = performance.now();
      retarget(clip, mapping, rig, GENESIS_MAPS.genesis9, { footLock: false });
      onePassRates.push(FRAMES / ((performance.now() - t0) / 1000));
      const pose = createBvhPose(clip.joints.length);
      t0 = performance.now();
      for (let f = 0; f < FRAMES; f++) forwardKinematics(clip, f, { target: pose });
      fkRates.push(FRAMES / ((performance.now() - t0) / 1000));
    }
    const measured = summarize('retarget CMU → Genesis 9, defaults (frames/s)', retargetRates, 'fps');
    const onePass = summarize('  the same without the foot-lock pass', onePassRates, 'fps');
    const baseline = summarize('source forward kinematics only (frames/s)', fkRates, 'fps');
    return {
      task: this.name,
      measured,
      baseline,
      ratio: baseline.median / measured.median,
      notes: [
        `${FRAMES} frames: retarget ${(FRAMES / measured.median).toFixed(2)} s with the defaults (grounding and foot lock); target ≥ 100,000 frames/s: ${measured.median >= 100_000 ? 'met' : 'NOT met'}`,
        `without the foot-lock pass (--no-foot-lock): median ${Math.round(onePass.median).toLocaleString('en-US')} frames/s, ${onePass.median >= 100_000 ? 'meets' : 'misses'} the target`,
      ],
    };
  },
};
