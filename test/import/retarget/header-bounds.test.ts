/**
 * A retarget's work follows the frames a clip really has, never a number its header makes up
 * (issue 13, item 5): `Frames:` on a file without channels, and `Frame Time:`, which sets every
 * window measured in seconds and the frame count of a resample.
 *
 * Each case fails fast on the code before the fix: the first assertion stops it before any work
 * in proportion to the header (a clip of 10^8 frames is never retargeted here).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDazportError } from '../../../src/errors.js';
import type { BvhClip } from '../../../src/import/bvh/bvh-clip.js';
import { parseBvh } from '../../../src/import/bvh/index.js';
import { MAX_SOURCE_FRAME_RATE } from '../../../src/import/retarget/clip-frame-rate.js';
import { MAX_RESAMPLE_FACTOR } from '../../../src/import/retarget/resample.js';
import {
  type RetargetOntoOptions,
  retargetOntoSkeleton,
} from '../../../src/import/retarget/retarget-onto-skeleton.js';
import { figureSkeleton } from './quality/figure-skeleton.js';

const CMU = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'bvh', 'cmu_01_01.bvh'), 'utf8');
const CMU_HIERARCHY = CMU.slice(0, CMU.indexOf('MOTION'));
const CMU_ROWS = CMU.slice(CMU.indexOf('MOTION')).split(/\r?\n/).slice(3, 9);
const G9 = figureSkeleton('genesis9');

/** The CMU skeleton with `frames` of its rows under the given Frame Time. */
function cmuClip(frameTime: string, frames = 6): BvhClip {
  const rows = CMU_ROWS.slice(0, frames);
  const text = `${CMU_HIERARCHY}MOTION\nFrames: ${rows.length}\nFrame Time: ${frameTime}\n${rows.join('\n')}\n`;
  return parseBvh(text, 'walk.bvh');
}

/** The DazportError `run` throws (fails the test if it throws nothing or something else). */
function errorOf(run: () => unknown): { code: string; message: string; context: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    if (isDazportError(error)) return error;
    throw error;
  }
  throw new Error('expected a DazportError, nothing was thrown');
}

const retargetCmu = (clip: BvhClip, options: RetargetOntoOptions = {}) =>
  retargetOntoSkeleton(clip, G9, { floor: 'keep', ...options });

describe('Frames: on a skeleton without channels', () => {
  it("the issue's file (every joint CHANNELS 0, Frames: 100000000) retargets the two frames it holds", () => {
    const zero = CMU_HIERARCHY.replace(/CHANNELS \d+[^\r\n]*/g, 'CHANNELS 0');
    const clip = parseBvh(`${zero}MOTION\nFrames: 100000000\nFrame Time: 0.0083333\n`, 'zero.bvh');
    expect(clip.frameCount).toBeLessThanOrEqual(2);
    expect(clip.warnings.join(' ')).toContain('Frames: says 100000000');
    const result = retargetCmu(clip);
    expect(result.motion.frameCount).toBe(clip.frameCount);
  });
});

describe('Frame Time:', () => {
  it('beyond any capture rate (1e-300 s: 10^300 fps) is refused before the frames are retargeted', () => {
    const e = errorOf(() => retargetCmu(cmuClip('1e-300')));
    expect(e.code).toBe('DAZPORT_RETARGET');
    expect(e.message).toContain('walk.bvh');
    expect(e.message).toContain('Frame Time');
    expect(e.message).toContain(`${MAX_SOURCE_FRAME_RATE}`);
  });

  it('of 0 (no rate) is refused for a motion, unless fps says what the rate is', () => {
    const e = errorOf(() => retargetCmu(cmuClip('0')));
    expect(e.code).toBe('DAZPORT_RETARGET');
    expect(e.message).toContain('Frame Time: 0');
    const taken = retargetCmu(cmuClip('0'), { fps: 30 });
    expect(taken.motion.frameRate).toBe(30);
    expect(taken.motion.frameCount).toBe(6);
    expect(taken.warnings.join(' ')).toContain('30 fps');
  });

  it('of 0 on a single pose needs no rate', () => {
    const pose = retargetCmu(cmuClip('0', 1));
    expect(pose.motion.frameCount).toBe(1);
    expect(pose.motion.frameRate).toBeGreaterThan(0);
  });

  it('so long that fps would make more than MAX_RESAMPLE_FACTOR frames per source frame is refused before any work', () => {
    // 1e300 s per frame: old code asked for Infinity frames; 100 s per frame at 30 fps is 3000 per frame.
    for (const frameTime of ['1e300', '100']) {
      const e = errorOf(() => retargetCmu(cmuClip(frameTime), { fps: 30 }));
      expect(e.code).toBe('DAZPORT_RETARGET');
      expect(e.message).toContain('walk.bvh');
      expect(e.message).toContain(`${MAX_RESAMPLE_FACTOR}`);
    }
  });

  it('an ordinary resample still goes through (120 → 30 fps, and 1 fps up to 1000)', () => {
    expect(retargetCmu(cmuClip('0.0083333'), { fps: 30 }).motion.frameCount).toBe(2);
    expect(retargetCmu(cmuClip('1', 2), { fps: 1000 }).motion.frameCount).toBe(1001);
  });
});
