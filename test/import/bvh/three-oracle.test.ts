/**
 * World joint positions against an independent reader, three.js's BVHLoader (see
 * helpers/three-oracle.ts for what it can and cannot read). For every real capture and every
 * three-compatible edge case: 20 frames spread over the clip, every joint and End Site,
 * tolerance 1e-4 file units.
 *
 * three.js adds position channels to OFFSET; dazport's default replaces. So 'add' is compared with
 * three.js directly; 'replace' is compared with three.js after taking each positioned joint's
 * OFFSET back out of three's translation (the definition of the difference), and with hand values
 * in forward-kinematics.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  type BvhClip,
  type BvhPositionMode,
  createBvhPose,
  forwardKinematics,
  parseBvh,
} from '../../../src/import/bvh/index.js';
import {
  CAPTURE_BVH_FIXTURES,
  captureBvhFixture,
  OWN_THREE_COMPATIBLE_FIXTURES,
  ownBvhFixture,
  readText,
  sampleFrames,
} from './helpers/bvh-fixtures.js';
import { maxAbsDifference, threeMixerWorldPositions, threeOracle } from './helpers/three-oracle.js';

const TOLERANCE = 1e-4;

/** three.js reads `Frames:` lines and ignores the rest; read the same frames. */
const READ_LIKE_THREE = { frameCountMismatch: 'use-header' } as const;

const CASES = [
  ...CAPTURE_BVH_FIXTURES.map((name) => ({ name, path: captureBvhFixture(name) })),
  ...OWN_THREE_COMPATIBLE_FIXTURES.map((name) => ({ name, path: ownBvhFixture(name) })),
];

/**
 * The file rewritten so that three.js's 'add' computes dazport's 'replace': each position channel
 * value minus its joint's OFFSET on that axis ('replace' works axis by axis, so does this).
 */
function threeReplaceText(clip: BvhClip, text: string): string {
  const lines = text.split(/\r?\n/);
  const motion = lines.findIndex((l) => l.trim().toUpperCase() === 'MOTION');
  const out = lines.slice(0, motion + 3);
  let kept = 0;
  for (const line of lines.slice(motion + 3)) {
    if (line.trim() === '') continue;
    if (kept++ >= clip.frameCount) break;
    const values = line.trim().split(/\s+/).map(Number);
    for (const joint of clip.joints) {
      joint.channels.forEach((channel, i) => {
        const axis = ['Xposition', 'Yposition', 'Zposition'].indexOf(channel);
        if (axis >= 0) values[joint.channelOffset + i] -= joint.offset[axis];
      });
    }
    out.push(values.join(' '));
  }
  return out.join('\n');
}

function compareWithThree(clip: BvhClip, threeText: string, mode: BvhPositionMode) {
  const oracle = threeOracle(threeText);
  expect(oracle.jointNames).toEqual(clip.joints.map((j) => j.name));
  expect(oracle.frameCount).toBe(clip.frameCount);
  const pose = createBvhPose(clip.joints.length, true);
  let maxJoint = 0;
  let maxEndSite = 0;
  for (const frame of sampleFrames(clip.frameCount)) {
    forwardKinematics(clip, frame, { positionMode: mode, target: pose });
    const three = oracle.worldPositions(frame);
    const jointError = maxAbsDifference(pose.positions, three.joints);
    const endSiteError = maxAbsDifference(pose.endSitePositions!, three.endSites);
    expect(jointError, `frame ${frame} joints`).toBeLessThan(TOLERANCE);
    expect(endSiteError, `frame ${frame} End Sites`).toBeLessThan(TOLERANCE);
    maxJoint = Math.max(maxJoint, jointError);
    maxEndSite = Math.max(maxEndSite, endSiteError);
  }
  return { maxJoint, maxEndSite };
}

const maxErrors: string[] = [];
afterAll(() => {
  // The numbers for the record (the issue asks for the max error per fixture).
  console.info(`three.js oracle, max |error| over 20 frames:\n${maxErrors.join('\n')}`);
});

describe('forward kinematics against three.js BVHLoader', () => {
  for (const { name, path } of CASES) {
    const text = readText(path);
    const clip = parseBvh(text, name, READ_LIKE_THREE);

    it(`${name}: 'add' mode matches three.js for every joint and End Site on 20 frames`, () => {
      const { maxJoint, maxEndSite } = compareWithThree(clip, text, 'add');
      maxErrors.push(
        `  ${name} add: joints ${maxJoint.toExponential(2)}, End Sites ${maxEndSite.toExponential(2)}`,
      );
    });

    it(`${name}: 'replace' mode matches three.js given replaced translations`, () => {
      const { maxJoint, maxEndSite } = compareWithThree(clip, threeReplaceText(clip, text), 'replace');
      maxErrors.push(
        `  ${name} replace: joints ${maxJoint.toExponential(2)}, End Sites ${maxEndSite.toExponential(2)}`,
      );
    });
  }

  it('the modes differ exactly where a joint with position channels has a non-zero OFFSET', () => {
    // av_8walk_xyz's root OFFSET is (11.2666, 35.4190, -54.3259): 'add' shifts the whole figure by it.
    const clip = parseBvh(readText(captureBvhFixture('av_8walk_xyz.bvh')), 'av_8walk_xyz.bvh');
    const replace = forwardKinematics(clip, 100, { positionMode: 'replace' });
    const add = forwardKinematics(clip, 100, { positionMode: 'add' });
    const offset = clip.joints[0].offset;
    for (let j = 0; j < clip.joints.length; j++) {
      for (let a = 0; a < 3; a++) {
        expect(add.positions[j * 3 + a] - replace.positions[j * 3 + a]).toBeCloseTo(offset[a], 9);
      }
    }
    // The cmu capture has a zero root OFFSET: both modes agree there.
    const cmu = parseBvh(readText(captureBvhFixture('cmu_01_01.bvh')), 'cmu_01_01.bvh');
    expect(forwardKinematics(cmu, 5, { positionMode: 'add' }).positions).toEqual(
      forwardKinematics(cmu, 5, { positionMode: 'replace' }).positions,
    );
  });

  it('three.js through its AnimationMixer agrees with its keyframe tracks (cmu_01_01, boxing)', () => {
    for (const name of ['cmu_01_01.bvh', 'biovision_boxing_toes.bvh']) {
      const text = readText(captureBvhFixture(name));
      const clip = parseBvh(text, name, READ_LIKE_THREE);
      const frames = sampleFrames(clip.frameCount, 5);
      const viaMixer = threeMixerWorldPositions(text, frames);
      const pose = createBvhPose(clip.joints.length);
      frames.forEach((frame, i) => {
        forwardKinematics(clip, frame, { positionMode: 'add', target: pose });
        expect(maxAbsDifference(pose.positions, viaMixer[i]), `${name} frame ${frame}`).toBeLessThan(
          TOLERANCE,
        );
      });
    }
  });
});
