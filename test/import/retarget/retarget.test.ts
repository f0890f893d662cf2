import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectConvention, mapJoints } from '../../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../../src/bonemaps/genesis/genesis-maps.js';
import { getSkeletonDefinition } from '../../../src/bonemaps/genesis/index.js';
import type { BvhClip } from '../../../src/import/bvh/bvh-clip.js';
import { parseBvh } from '../../../src/import/bvh/index.js';
import { boneDirectionError } from '../../../src/import/retarget/bone-direction-error.js';
import { resampleMotion } from '../../../src/import/retarget/resample.js';
import { retarget } from '../../../src/import/retarget/retarget.js';
import { rigMotionAsClip } from '../../../src/import/retarget/rig-motion-as-clip.js';
import { rigFromDefinition } from '../../../src/import/retarget/target-rig.js';
import { identityConvention, identityMap, randomMotion, tposeRig } from './synthetic-rig.js';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'bvh');
const FIGURES = ['genesis9', 'genesis8female', 'genesis8male'] as const;

function maxRotationDifference(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i += 4) {
    const dot = Math.abs(a[i] * b[i] + a[i + 1] * b[i + 1] + a[i + 2] * b[i + 2] + a[i + 3] * b[i + 3]);
    worst = Math.max(worst, 1 - Math.min(1, dot));
  }
  return worst;
}

describe('retargeting: exactness', () => {
  it('onto its own skeleton reproduces the input rotations (< 1e-6) and translations', () => {
    const rig = tposeRig();
    const input = randomMotion(rig, 60);
    const clip = rigMotionAsClip(rig, input);
    const result = retarget(
      clip,
      mapJoints(
        clip.joints.map((j) => j.name),
        identityConvention(rig),
      ),
      rig,
      identityMap(rig),
      { floor: 'keep' },
    );
    expect(result.rootScale).toBeCloseTo(1, 10);
    const out = new Map(result.motion.tracks.map((t) => [t.joint, t]));
    for (const track of input.tracks) {
      const got = out.get(track.joint);
      if (!got) throw new Error(`no track for ${track.joint}`);
      expect(maxRotationDifference(got.rotations, track.rotations), track.joint).toBeLessThan(1e-6);
      if (track.translations) {
        for (let i = 0; i < track.translations.length; i++)
          expect(got.translations?.[i]).toBeCloseTo(track.translations[i], 3);
      }
    }
  });

  it('T-pose source onto an A-pose Genesis 9 and back returns the input', () => {
    const rig = tposeRig();
    const input = randomMotion(rig, 40, 30, 7);
    const clip = rigMotionAsClip(rig, input);
    const g9 = rigFromDefinition(getSkeletonDefinition('genesis9'));
    const there = retarget(
      clip,
      mapJoints(
        clip.joints.map((j) => j.name),
        identityConvention(rig),
      ),
      g9,
      GENESIS_MAPS.genesis9,
      { twist: 'keep', footLock: false },
    );
    // The A-pose figure really did change pose to follow the T-pose capture: its upper arm moved off its rest.
    const arm = there.motion.tracks.find((t) => t.joint === 'l_upperarm');
    expect(Math.abs(arm?.rotations[3] ?? 1)).toBeLessThan(0.95);
    const back = rigMotionAsClip(g9, there.motion);
    const mapping = detectConvention(back.joints.map((j) => j.name))[0];
    expect(mapping.convention.id).toBe('genesis9');
    const home = retarget(back, mapping, rig, identityMap(rig), { twist: 'keep', footLock: false });
    const out = new Map(home.motion.tracks.map((t) => [t.joint, t]));
    for (const track of input.tracks) {
      expect(
        maxRotationDifference(out.get(track.joint)?.rotations as Float32Array, track.rotations),
        track.joint,
      ).toBeLessThan(1e-5);
    }
  });

  it('distributes limb twist over the twist bones, keeping bend bones’ twist channel at zero on Genesis 8', () => {
    const rig = tposeRig();
    const input = randomMotion(rig, 30, 50, 3);
    const clip = rigMotionAsClip(rig, input);
    const mapping = mapJoints(
      clip.joints.map((j) => j.name),
      identityConvention(rig),
    );
    const g8 = rigFromDefinition(getSkeletonDefinition('genesis8female'));
    const r8 = retarget(clip, mapping, g8, GENESIS_MAPS.genesis8female, { footLock: false });
    const tracks8 = new Map(r8.motion.tracks.map((t) => [t.joint, t]));
    const bend = tracks8.get('lShldrBend')?.rotations as Float32Array;
    const twist = tracks8.get('lShldrTwist')?.rotations as Float32Array;
    // XYZ order: twist channel is X. For R = Rx(a)·Ry(b)·Rz(c) the X angle is 0 exactly when the quaternion's
    // decomposition has a = 0: check by re-decomposing.
    for (let f = 0; f < 30; f++) {
      const q = Array.from(bend.subarray(f * 4, f * 4 + 4));
      const xAngle = Math.atan2(2 * (q[3] * q[0] - q[1] * q[2]), 1 - 2 * (q[0] ** 2 + q[1] ** 2));
      expect(Math.abs(xAngle)).toBeLessThan(1e-4);
    }
    expect(
      maxRotationDifference(
        twist,
        new Float32Array(twist.length).map((_, i) => (i % 4 === 3 ? 1 : 0)),
      ),
    ).toBeGreaterThan(1e-4);
    const g9 = rigFromDefinition(getSkeletonDefinition('genesis9'));
    const r9 = retarget(clip, mapping, g9, GENESIS_MAPS.genesis9, { footLock: false });
    const t9 = new Map(r9.motion.tracks.map((t) => [t.joint, t]));
    expect(t9.has('l_upperarmtwist1')).toBe(true);
    expect(t9.has('l_upperarmtwist2')).toBe(true);
    // Directions stay exact with twist distributed.
    expect(boneDirectionError(clip, r9, g9, { bodyOnly: true }).max).toBeLessThan(1e-3);
    expect(boneDirectionError(clip, r8, g8, { bodyOnly: true }).max).toBeLessThan(1e-3);
  });
});

describe('retargeting the real captures onto Genesis 8 and 9', () => {
  const clips = new Map<string, BvhClip>();
  beforeAll(() => {
    for (const f of ['cmu_01_01', 'biovision_boxing_toes', 'av_8walk_xyz']) {
      const text = readFileSync(join(FIXTURES, `${f}.bvh`), 'utf8');
      clips.set(f, parseBvh(text, `${f}.bvh`, { frameCountMismatch: 'use-lines' }));
    }
  });

  for (const file of ['cmu_01_01', 'biovision_boxing_toes', 'av_8walk_xyz']) {
    for (const figure of FIGURES) {
      it(`${file} → ${figure}: body bone directions match (mean < 2°, p95 < 5°), hips scale by the leg-length ratio`, () => {
        const clip = clips.get(file) as BvhClip;
        const mapping = detectConvention(clip.joints.map((j) => j.name))[0];
        const rig = rigFromDefinition(getSkeletonDefinition(figure));
        // Without the foot lock the figure's bones point exactly where the capture's do.
        const result = retarget(clip, mapping, rig, GENESIS_MAPS[figure], { footLock: false });
        const step = Math.max(1, Math.floor(clip.frameCount / 200));
        const frames = Array.from({ length: Math.floor(clip.frameCount / step) }, (_, i) => i * step);
        const err = boneDirectionError(clip, result, rig, { bodyOnly: true, frames });
        expect(err.samples).toBeGreaterThan(frames.length * 10);
        expect(err.mean).toBeLessThan(2);
        expect(err.p95).toBeLessThan(5);
        // Hip trajectory: horizontal displacement = source displacement × leg-length ratio (1 %).
        const hipTrack = result.motion.tracks.find((t) => t.joint === 'hip');
        const tr = hipTrack?.translations as Float32Array;
        const last = result.motion.frameCount - 1;
        const target = Math.hypot(tr[last * 3] - tr[0], tr[last * 3 + 2] - tr[2]);
        const root = clip.joints.findIndex((j) => j.parent < 0);
        const c0 = clip.joints[root].channelOffset;
        const channels = clip.joints[root].channels;
        const xi = channels.indexOf('Xposition');
        const zi = channels.indexOf('Zposition');
        const row = (f: number, i: number) => clip.data[f * clip.channelCount + c0 + i];
        const source = Math.hypot(row(last, xi) - row(0, xi), row(last, zi) - row(0, zi));
        const ratio = result.targetLegLength / result.sourceLegLength;
        expect(result.rootScale).toBeCloseTo(ratio, 10);
        if (source > 1e-3) expect(Math.abs(target / (source * ratio) - 1)).toBeLessThan(0.01);
      });
    }
  }
});

describe('resampling', () => {
  it('resamples to another rate by slerp, keeping the end points', () => {
    const rig = tposeRig();
    const m = randomMotion(rig, 31); // 1 s at 30 fps
    const r = resampleMotion(m, 60);
    expect(r.frameCount).toBe(61);
    const a = m.tracks[3].rotations;
    const b = r.tracks[3].rotations;
    for (let c = 0; c < 4; c++) {
      expect(b[c]).toBeCloseTo(a[c], 6);
      expect(b[60 * 4 + c]).toBeCloseTo(a[30 * 4 + c], 6);
      expect(b[2 * 4 + c]).toBeCloseTo(a[1 * 4 + c], 6); // frame 2 at 60 fps is frame 1 at 30
    }
    const mid = Array.from(b.subarray(4, 8));
    expect(Math.hypot(...mid)).toBeCloseTo(1, 6);
  });
});
