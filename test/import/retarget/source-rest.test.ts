import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectConvention } from '../../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../../src/bonemaps/genesis/genesis-maps.js';
import { getSkeletonDefinition } from '../../../src/bonemaps/genesis/index.js';
import { forwardKinematics } from '../../../src/import/bvh/forward-kinematics.js';
import { parseBvh } from '../../../src/import/bvh/index.js';
import { boneDirectionError } from '../../../src/import/retarget/bone-direction-error.js';
import { retarget } from '../../../src/import/retarget/retarget.js';
import { chooseSourceReference, standingProblems } from '../../../src/import/retarget/source-reference.js';
import { targetJointPositions } from '../../../src/import/retarget/target-pose.js';
import { rigFromDefinition } from '../../../src/import/retarget/target-rig.js';
import { boneAlongX } from './helpers/bone-along-x.js';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'bvh');
const cmu = parseBvh(readFileSync(join(FIXTURES, 'cmu_01_01.bvh'), 'utf8'), 'cmu_01_01.bvh');
const sourceOf = (clip: typeof cmu) =>
  new Map([...detectConvention(clip.joints.map((j) => j.name))[0].canonical].map(([j, c]) => [c, j]));

describe('the capture’s reference pose', () => {
  const along = boneAlongX(cmu);

  it('the bone-along-X copy is the same motion: world positions agree at every sampled frame', () => {
    for (const f of [0, 500, 1700]) {
      const a = forwardKinematics(cmu, f).positions;
      const b = forwardKinematics(along, f).positions;
      for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 6);
    }
  });

  it('takes zero rotations when they stand (CMU), and refuses them when the skeleton is a straight line', () => {
    const zero = chooseSourceReference(cmu, sourceOf(cmu), 'auto', 'replace');
    expect(zero.kind).toBe('zero');
    const line = chooseSourceReference(along, sourceOf(along), 'auto', 'replace');
    expect(line.kind).toBe('frame');
    expect(line.reason).toMatch(/leg does not hang down/);
    expect(standingProblems(line.positions, sourceOf(along))).toEqual([]);
  });

  it('honours a named frame and rejects one outside the clip', () => {
    expect(chooseSourceReference(along, sourceOf(along), { frame: 7 }, 'replace').frame).toBe(7);
    expect(() => chooseSourceReference(along, sourceOf(along), { frame: cmu.frameCount }, 'replace')).toThrow(
      /outside the clip/,
    );
  });

  for (const figure of ['genesis9', 'genesis8female'] as const) {
    it(`a bone-along-X capture retargets onto ${figure} like the same capture with a standing rest`, () => {
      const rig = rigFromDefinition(getSkeletonDefinition(figure));
      const mapping = (clip: typeof cmu) => detectConvention(clip.joints.map((j) => j.name))[0];
      const frames: [number, number] = [0, 599];
      const a = retarget(cmu, mapping(cmu), rig, GENESIS_MAPS[figure], { frames, footLock: false });
      const b = retarget(along, mapping(along), rig, GENESIS_MAPS[figure], { frames, footLock: false });
      expect(b.reference.kind).toBe('frame');
      expect(b.warnings.join('\n')).toMatch(/reference pose/);
      // Same bone lengths, same scale; limbs point where the capture's do.
      expect(b.rootScale).toBeCloseTo(a.rootScale, 6);
      const sample = Array.from({ length: 30 }, (_, i) => i * 20);
      expect(boneDirectionError(along, b, rig, { bodyOnly: true, frames: sample }).max).toBeLessThan(1e-3);
      // The whole figure stands and faces as with the standing rest: joint positions within a few cm.
      const worstJointDistance = (x: typeof a, y: typeof a) => {
        let worst = 0;
        for (const f of sample) {
          const pa = targetJointPositions(rig, x.motion, f);
          const pb = targetJointPositions(rig, y.motion, f);
          for (const i of index)
            worst = Math.max(
              worst,
              Math.hypot(pa[i * 3] - pb[i * 3], pa[i * 3 + 1] - pb[i * 3 + 1], pa[i * 3 + 2] - pb[i * 3 + 2]),
            );
        }
        return worst;
      };
      const names = [
        'hip',
        'head',
        figure === 'genesis9' ? 'l_hand' : 'lHand',
        figure === 'genesis9' ? 'r_foot' : 'rFoot',
      ];
      const index = names.map((n) => rig.joints.findIndex((j) => j.name === n));
      expect(worstJointDistance(a, b)).toBeLessThan(3);
      // Trusting the straight-line zero pose instead is what turned such captures 90–120°.
      const trusted = retarget(along, mapping(along), rig, GENESIS_MAPS[figure], {
        frames,
        sourceRest: 'zero',
      });
      expect(worstJointDistance(a, trusted)).toBeGreaterThan(30);
    });
  }
});
