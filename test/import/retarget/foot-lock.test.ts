import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectConvention } from '../../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../../src/bonemaps/genesis/genesis-maps.js';
import { getSkeletonDefinition } from '../../../src/bonemaps/genesis/index.js';
import { parseBvh } from '../../../src/import/bvh/index.js';
import { boneDirectionError } from '../../../src/import/retarget/bone-direction-error.js';
import { retarget } from '../../../src/import/retarget/retarget.js';
import { rigFromDefinition } from '../../../src/import/retarget/target-rig.js';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'bvh');

describe('foot lock (on by default)', () => {
  for (const [file, frames] of [
    ['cmu_01_01.bvh', [0, 1499]],
    ['biovision_boxing_toes.bvh', [0, 1499]],
  ] as const) {
    it(`${file}: planted feet drift at most 60% as much, skating no worse, limbs still follow`, () => {
      const clip = parseBvh(readFileSync(join(FIXTURES, file), 'utf8'), file);
      const mapping = detectConvention(clip.joints.map((j) => j.name))[0];
      const rig = rigFromDefinition(getSkeletonDefinition('genesis9'));
      const free = retarget(clip, mapping, rig, GENESIS_MAPS.genesis9, {
        frames: [...frames],
        footLock: false,
      });
      const locked = retarget(clip, mapping, rig, GENESIS_MAPS.genesis9, {
        frames: [...frames],
        footLock: true,
      });
      const a = free.contact?.figure;
      const b = locked.contact?.figure;
      if (!a || !b) throw new Error('no floor contact report');
      expect(b.plantedDrift).toBeLessThan(0.6 * a.plantedDrift);
      expect(b.skating).toBeLessThanOrEqual(a.skating + 0.01);
      expect(b.worstCm).toBeGreaterThan(-1.01);
      expect(locked.grounding?.lockedFrames?.every((n) => n > 100)).toBe(true);
      // The legs bend to hold the feet; every other bone is untouched, the legs stay close.
      const sample = Array.from({ length: 50 }, (_, i) => i * 30);
      const err = boneDirectionError(clip, locked, rig, {
        bodyOnly: true,
        frames: sample,
        firstFrame: frames[0],
      });
      expect(err.mean).toBeLessThan(1);
      expect(err.p95).toBeLessThan(5);
    });
  }
});
