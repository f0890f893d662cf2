import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapJoints } from '../../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../../src/bonemaps/genesis/genesis-maps.js';
import { getSkeletonDefinition } from '../../../src/bonemaps/genesis/index.js';
import { bakeMotion } from '../../../src/import/bake/bake-motion.js';
import { eulerTrack } from '../../../src/import/bake/euler-track.js';
import { reduceKeys } from '../../../src/import/bake/reduce-keys.js';
import { dufPreset, serializeDuf } from '../../../src/import/duf/write-duf.js';
import { retarget } from '../../../src/import/retarget/retarget.js';
import { rigMotionAsClip } from '../../../src/import/retarget/rig-motion-as-clip.js';
import { rigFromDefinition } from '../../../src/import/retarget/target-rig.js';
import { eulerDegreesToQuat } from '../../../src/math/euler.js';
import { ROTATION_ORDERS } from '../../../src/math/rotation-order.js';
import { identityConvention, randomMotion, tposeRig } from '../retarget/synthetic-rig.js';

function g9Motion(frames = 90) {
  const rig = tposeRig();
  const clip = rigMotionAsClip(rig, randomMotion(rig, frames, 60, 11));
  const g9 = rigFromDefinition(getSkeletonDefinition('genesis9'));
  const result = retarget(
    clip,
    mapJoints(
      clip.joints.map((j) => j.name),
      identityConvention(rig),
    ),
    g9,
    GENESIS_MAPS.genesis9,
  );
  return { g9, motion: result.motion };
}

describe('Euler tracks', () => {
  it('round-trips quaternions through each bone’s rotation order without ±180° flips', () => {
    const { g9, motion } = g9Motion();
    for (const track of motion.tracks) {
      const order = g9.joints.find((j) => j.name === track.joint)?.rotationOrder ?? 'XYZ';
      const [x, y, z] = eulerTrack(track.rotations, order);
      for (let f = 0; f < motion.frameCount; f++) {
        const q = eulerDegreesToQuat(order, x[f], y[f], z[f]);
        const r = track.rotations.subarray(f * 4, f * 4 + 4);
        const dot = Math.abs(q[0] * r[0] + q[1] * r[1] + q[2] * r[2] + q[3] * r[3]);
        expect(1 - dot).toBeLessThan(1e-6);
        if (f > 0) for (const a of [x, y, z]) expect(Math.abs(a[f] - a[f - 1])).toBeLessThan(180);
      }
    }
  });

  it('follows a spin past 180° continuously in every rotation order', () => {
    for (const order of ROTATION_ORDERS) {
      const frames = 40;
      const rotations = new Float32Array(frames * 4);
      for (let f = 0; f < frames; f++) rotations.set(eulerDegreesToQuat(order, f * 12, 10, -20), f * 4); // X goes to 468°
      const [x] = eulerTrack(rotations, order);
      for (let f = 1; f < frames; f++) expect(x[f] - x[f - 1]).toBeCloseTo(12, 3);
    }
  });
});

describe('key reduction', () => {
  it('never moves the curve by more than the tolerance, and keeps the ends', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: 2, maxLength: 200 }),
        fc.double({ min: 0.001, max: 5, noNaN: true }),
        (values, tolerance) => {
          const times = values.map((_, i) => i / 30);
          const keep = reduceKeys(times, values, { tolerance });
          expect(keep[0]).toBe(0);
          expect(keep.at(-1)).toBe(values.length - 1);
          for (let k = 0; k + 1 < keep.length; k++) {
            const [a, b] = [keep[k], keep[k + 1]];
            for (let i = a; i <= b; i++) {
              const u = (times[i] - times[a]) / (times[b] - times[a]);
              expect(Math.abs(values[i] - (values[a] + (values[b] - values[a]) * u))).toBeLessThanOrEqual(
                tolerance + 1e-9,
              );
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('bakes a retargeted motion with fewer keys, every channel within 0.05° / 0.01 cm', () => {
    const { g9, motion } = g9Motion(120);
    const full = bakeMotion(motion, g9, { reduce: false, onlyDriven: true });
    const reduced = bakeMotion(motion, g9, { onlyDriven: true });
    expect(full.keysAfter).toBe(full.keysBefore);
    expect(reduced.keysAfter).toBeLessThan(reduced.keysBefore * 0.9);
    for (let c = 0; c < full.channels.length; c++) {
      const a = full.channels[c];
      const b = reduced.channels[c];
      expect([b.bone, b.kind, b.axis]).toEqual([a.bone, a.kind, a.axis]);
      const tol = a.kind === 'rotation' ? 0.05 : 0.01;
      for (let i = 0; i < a.values.length; i++) {
        const t = a.times[i];
        let k = 0;
        while (k + 1 < b.times.length - 1 && b.times[k + 1] <= t) k++;
        const u = b.times.length > 1 ? (t - b.times[k]) / (b.times[k + 1] - b.times[k]) : 0;
        const v =
          b.times.length > 1
            ? b.values[k] + (b.values[k + 1] - b.values[k]) * Math.min(1, Math.max(0, u))
            : b.values[0];
        expect(Math.abs(v - a.values[i])).toBeLessThanOrEqual(tol + 1e-9);
      }
    }
    const hip = reduced.channels.filter((c) => c.bone === 'hip' && c.kind === 'translation');
    expect(hip.map((c) => c.axis)).toEqual(['x', 'y', 'z']);
  });
});

describe('DAZ .duf presets', () => {
  it('writes a preset_pose with one LINEAR-keyed channel per bone axis, gzipped like DAZ Studio', () => {
    const { g9, motion } = g9Motion(30);
    const baked = bakeMotion(motion, g9);
    const doc = dufPreset(baked, {
      assetId: '/Presets/Poses/dazport/test.duf',
      modified: '2026-01-02T03:04:05Z',
    });
    const bytes = serializeDuf(doc);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const parsed = JSON.parse(gunzipSync(bytes).toString('utf8'));
    expect(parsed.file_version).toBe('0.6.0.0');
    expect(parsed.asset_info).toEqual({
      id: '/Presets/Poses/dazport/test.duf',
      type: 'preset_pose',
      contributor: { author: 'dazport', email: '', website: '' },
      revision: '1.0',
      modified: '2026-01-02T03:04:05Z',
    });
    const animations = parsed.scene.animations as { url: string; keys: [number, number, string[]][] }[];
    expect(animations).toHaveLength(baked.channels.length);
    for (const [i, a] of animations.entries()) {
      const c = baked.channels[i];
      expect(a.url).toBe(`name://@selection/${c.bone}:?${c.kind}/${c.axis}/value`);
      expect(a.url).toMatch(/^name:\/\/@selection\/[A-Za-z0-9_%]+:\?(rotation|translation)\/[xyz]\/value$/);
      for (let k = 0; k < a.keys.length; k++) {
        expect(a.keys[k][2]).toEqual(['LINEAR']);
        if (k > 0) expect(a.keys[k][0]).toBeGreaterThan(a.keys[k - 1][0]);
        expect(a.keys[k][1]).toBeCloseTo(c.values[k], 5);
        expect(a.keys[k][0]).toBeCloseTo(c.times[k], 6);
      }
    }
    expect(JSON.parse(serializeDuf(doc, { gzip: false }).toString('utf8'))).toEqual(parsed);
  });

  it('keys every bone of the figure by default: the driven channels, and one rest key on every other', () => {
    const { g9, motion } = g9Motion(30);
    expect(g9.joints).toHaveLength(143); // Genesis 9's bones
    const driven = new Set(motion.tracks.map((t) => t.joint));
    expect(driven.size).toBeLessThan(143);
    const baked = bakeMotion(motion, g9);
    const animations = dufPreset(baked).scene.animations;
    const channels = new Map(animations.map((a) => [a.url, a.keys]));
    expect(channels.size).toBe(animations.length); // no channel twice
    for (const joint of g9.joints) {
      for (const kind of ['rotation', 'translation']) {
        for (const axis of ['x', 'y', 'z']) {
          const keys = channels.get(`name://@selection/${joint.name}:?${kind}/${axis}/value`);
          expect(keys, `${joint.name} ${kind} ${axis}`).toBeDefined();
          const isDriven = driven.has(joint.name) && (kind === 'rotation' || joint.name === 'hip');
          if (!isDriven) expect(keys).toEqual([[0, 0, ['LINEAR']]]);
          else expect(keys!.length).toBeGreaterThan(1);
        }
      }
    }
    expect(animations).toHaveLength(143 * 6);
    expect(baked.restChannels).toBe(143 * 6 - (driven.size * 3 + 3));
    expect(baked.keysAfter - bakeMotion(motion, g9, { onlyDriven: true }).keysAfter).toBe(baked.restChannels);
  });

  it('keys only the driven bones with onlyDriven', () => {
    const { g9, motion } = g9Motion(30);
    const baked = bakeMotion(motion, g9, { onlyDriven: true });
    const bones = new Set(
      dufPreset(baked).scene.animations.map((a) => /@selection\/([^:]+):/.exec(a.url)![1]),
    );
    expect(bones).toEqual(new Set(motion.tracks.map((t) => t.joint)));
    expect(baked.restChannels).toBe(0);
  });

  it('gives every output its own asset id: another file name, figure or content changes it', () => {
    const { g9, motion } = g9Motion(30);
    const baked = bakeMotion(motion, g9);
    const id = (b: typeof baked, fileName: string, figure: string) =>
      dufPreset(b, { fileName, figure }).asset_info.id;
    const walk = id(baked, 'out/walk.duf', 'Genesis 9');
    expect(walk).toMatch(/^\/Presets\/Poses\/dazport\/Genesis%209\/walk-[0-9a-f]{12}\.duf$/);
    expect(id(baked, 'elsewhere/walk.duf', 'Genesis 9')).toBe(walk); // the same asset: same id
    const others = [
      id(baked, 'out/run.duf', 'Genesis 9'),
      id(baked, 'out/walk.duf', 'Genesis 8 Female'),
      id(bakeMotion(motion, g9, { onlyDriven: true }), 'out/walk.duf', 'Genesis 9'),
      id(bakeMotion(g9Motion(31).motion, g9), 'out/walk.duf', 'Genesis 9'),
    ];
    expect(new Set([walk, ...others]).size).toBe(5);
  });
});
