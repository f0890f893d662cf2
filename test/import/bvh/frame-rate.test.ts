import { describe, expect, it } from 'vitest';
import { FRAME_RATE_SNAP_TOLERANCE, snapFrameRate } from '../../../src/import/bvh/frame-rate.js';
import { parseBvh } from '../../../src/import/bvh/index.js';
import { twoJoints } from './helpers/bvh-text.js';

describe('snapFrameRate', () => {
  it.each([
    [0.0083333, 120], // CMU: 120.00048 if taken literally
    [0.033333, 30],
    [0.0333333, 30],
    [0.041667, 24],
    [0.01, 100],
    [0.016667, 60],
    [0.00416667, 240],
    [0.5, 2],
  ])('snaps frame time %s s to %s fps', (frameTime, fps) => {
    expect(snapFrameRate(frameTime)).toBe(fps);
  });

  it.each([
    [0.0333667, 30000 / 1001], // 29.97
    [0.0417083, 24000 / 1001], // 23.976
    [0.0166833, 60000 / 1001], // 59.94
  ])('snaps frame time %s s to the NTSC rate %s fps', (frameTime, fps) => {
    expect(snapFrameRate(frameTime)).toBe(fps);
  });

  it.each([
    0.0123, // 81.3 fps: near nothing
    0.0417, // 23.98: 1/24 and 1001/24000 both print so; too few digits to tell
    0.0333, // 30.03: 1e-3 off 30, as far as 29.97 is
    0.00011, // 9090.9 fps: above the whole-number range, where every rate is "near" one
  ])('keeps the exact rate for %s s', (frameTime) => {
    expect(snapFrameRate(frameTime)).toBe(1 / frameTime);
  });

  it('keeps 29.97 apart from 30 and 0 for an unknown rate', () => {
    expect(Math.abs(30 / (30000 / 1001) - 1)).toBeGreaterThan(2 * FRAME_RATE_SNAP_TOLERANCE);
    expect(snapFrameRate(0)).toBe(0);
  });

  it('is what the clip reports, while frameTime stays as printed', () => {
    const clip = parseBvh(
      twoJoints('MOTION', 'Frames: 1', 'Frame Time: 0.0083333', '1 2 3 4 5 6 7 8 9'),
      'cmu.bvh',
    );
    expect(clip.frameRate).toBe(120);
    expect(clip.frameTime).toBe(0.0083333);
  });
});
