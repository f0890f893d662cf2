/**
 * The real captures in fixtures/bvh with, written out by hand from their hierarchies, which of
 * their joints is each body point (not taken from dazport's convention tables, so a wrong table
 * cannot hide itself). Notes on each:
 * - cmu_01_01: zero-length LHipJoint, LowerBack, Neck and LeftShoulder; the clavicle point is
 *   LeftShoulder, which sits on Spine1 like the neck; frame 0 is a T-pose. A walk.
 * - biovision_boxing_toes: LeftCollar sits at the neck; LeftShoulder is the upper arm, LeftHip the
 *   thigh. Boxing with steps; one motion line more than `Frames:`.
 * - av_8walk_xyz: no neck joint (Spine → Head), so "chest → head" cannot be measured and the base
 *   of the neck is the head joint. A walk in a figure of eight.
 */
import { readFileSync } from 'node:fs';
import { captureBvhFixture } from '../../bvh/helpers/bvh-fixtures.js';
import type { CaptureLabels } from './capture-track.js';

export interface RealCapture {
  file: string;
  /** Is it a walk (the floor bars are for walks)? */
  walking: boolean;
  labels: CaptureLabels;
}

const mixamoLikeSides = (toes: string) => ({
  l_clavicle: 'LeftShoulder',
  l_upperArm: 'LeftArm',
  l_forearm: 'LeftForeArm',
  l_hand: 'LeftHand',
  l_thigh: 'LeftUpLeg',
  l_shin: 'LeftLeg',
  l_foot: 'LeftFoot',
  l_toes: `Left${toes}`,
  r_clavicle: 'RightShoulder',
  r_upperArm: 'RightArm',
  r_forearm: 'RightForeArm',
  r_hand: 'RightHand',
  r_thigh: 'RightUpLeg',
  r_shin: 'RightLeg',
  r_foot: 'RightFoot',
  r_toes: `Right${toes}`,
});

export const REAL_CAPTURES: readonly RealCapture[] = [
  {
    file: 'cmu_01_01.bvh',
    walking: true,
    labels: {
      points: { hips: 'Hips', neck: 'Neck', head: 'Head', ...mixamoLikeSides('ToeBase') },
      feet: {
        l: ['LeftFoot', 'LeftToeBase', 'LeftToeBase/end'],
        r: ['RightFoot', 'RightToeBase', 'RightToeBase/end'],
      },
    },
  },
  {
    file: 'biovision_boxing_toes.bvh',
    walking: false,
    labels: {
      points: {
        hips: 'Hips',
        neck: 'Neck',
        head: 'Head',
        l_clavicle: 'LeftCollar',
        l_upperArm: 'LeftShoulder',
        l_forearm: 'LeftElbow',
        l_hand: 'LeftWrist',
        l_thigh: 'LeftHip',
        l_shin: 'LeftKnee',
        l_foot: 'LeftAnkle',
        l_toes: 'LeftToes',
        r_clavicle: 'RightCollar',
        r_upperArm: 'RightShoulder',
        r_forearm: 'RightElbow',
        r_hand: 'RightWrist',
        r_thigh: 'RightHip',
        r_shin: 'RightKnee',
        r_foot: 'RightAnkle',
        r_toes: 'RightToes',
      },
      feet: {
        l: ['LeftAnkle', 'LeftToes', 'LeftToes/end'],
        r: ['RightAnkle', 'RightToes', 'RightToes/end'],
      },
    },
  },
  {
    file: 'av_8walk_xyz.bvh',
    walking: true,
    labels: {
      points: { hips: 'Hips', neck: 'Head', ...mixamoLikeSides('ToeBase') },
      feet: {
        l: ['LeftFoot', 'LeftToeBase', 'LeftToeBase/end'],
        r: ['RightFoot', 'RightToeBase', 'RightToeBase/end'],
      },
    },
  },
];

/** The fixture's text. */
export function readRealCapture(capture: RealCapture): string {
  return readFileSync(captureBvhFixture(capture.file), 'utf8');
}
