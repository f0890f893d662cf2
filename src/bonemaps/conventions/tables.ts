/**
 * The source conventions dazport knows, as data: one table per exporter family. Sources: the
 * conventions listed in shared/reference/anchors-skeletons-retargeting.md §6 (CMU/cgspeed,
 * Mixamo, Biovision, 3ds Max Biped, MotionBuilder/HumanIK, Rokoko, LAFAN1, Poser/legacy DAZ)
 * and the real captures in fixtures/bvh.
 */
import type { CanonicalJoint } from '../canonical.js';
import { GENESIS8_MAP_BONES, GENESIS9_MAP_BONES } from '../genesis/genesis-maps.js';
import { leftToRight, type SourceConvention, sided } from './convention.js';

const FINGERS_MIXAMO = {
  thumb1: ['LeftHandThumb1'],
  thumb2: ['LeftHandThumb2'],
  thumb3: ['LeftHandThumb3'],
  index1: ['LeftHandIndex1'],
  index2: ['LeftHandIndex2'],
  index3: ['LeftHandIndex3'],
  middle1: ['LeftHandMiddle1'],
  middle2: ['LeftHandMiddle2'],
  middle3: ['LeftHandMiddle3'],
  ring1: ['LeftHandRing1'],
  ring2: ['LeftHandRing2'],
  ring3: ['LeftHandRing3'],
  pinky1: ['LeftHandPinky1'],
  pinky2: ['LeftHandPinky2'],
  pinky3: ['LeftHandPinky3'],
};

/** CMU mocap in the cgspeed BVH conversion (MotionBuilder-style names, zero-length hip and back joints). */
export const CMU: SourceConvention = {
  id: 'cmu',
  label: 'CMU (cgspeed BVH)',
  joints: {
    hips: ['Hips'],
    spineLower: ['LowerBack'],
    spineMid: ['Spine'],
    chest: ['Spine1'],
    neck: ['Neck'],
    neckUpper: ['Neck1'],
    head: ['Head'],
    ...sided(
      {
        clavicle: ['LeftShoulder'],
        upperArm: ['LeftArm'],
        forearm: ['LeftForeArm'],
        hand: ['LeftHand'],
        thigh: ['LeftUpLeg'],
        shin: ['LeftLeg'],
        foot: ['LeftFoot'],
        toes: ['LeftToeBase'],
        thumb1: ['LThumb'],
        index1: ['LeftFingerBase'],
        index2: ['LFingers'],
      },
      leftToRight,
    ),
  },
  ignored: ['LHipJoint', 'RHipJoint'],
};

/** Mixamo (with or without the `mixamorig:` namespace); LAFAN1 and Rokoko use the same body names. */
export const MIXAMO: SourceConvention = {
  id: 'mixamo',
  label: 'Mixamo',
  joints: {
    hips: ['Hips'],
    spineLower: ['Spine'],
    spineMid: ['Spine1'],
    chest: ['Spine2'],
    neck: ['Neck'],
    head: ['Head'],
    ...sided(
      {
        clavicle: ['LeftShoulder'],
        upperArm: ['LeftArm'],
        forearm: ['LeftForeArm'],
        hand: ['LeftHand'],
        thigh: ['LeftUpLeg'],
        shin: ['LeftLeg'],
        foot: ['LeftFoot'],
        toes: ['LeftToeBase'],
        ...FINGERS_MIXAMO,
      },
      leftToRight,
    ),
  },
  ignored: [
    'HeadTop_End',
    'LeftToe_End',
    'RightToe_End',
    'LeftHandThumb4',
    'RightHandThumb4',
    'LeftHand_End',
    'RightHand_End',
  ],
};

/** LAFAN1 (Ubisoft): Mixamo-like without prefix, `LeftToe` for the toes. */
export const LAFAN: SourceConvention = {
  id: 'lafan',
  label: 'LAFAN1',
  joints: {
    ...MIXAMO.joints,
    ...sided({ toes: ['LeftToe'] }, leftToRight),
  },
};

/** Rokoko (Newton skeleton exports): Mixamo-like body names, spine up to Spine4. */
export const ROKOKO: SourceConvention = {
  id: 'rokoko',
  label: 'Rokoko',
  joints: {
    ...MIXAMO.joints,
    spineLower: ['Spine'],
    spineMid: ['Spine1', 'Spine2'],
    chest: ['Spine3'],
    chestUpper: ['Spine4'],
    ...sided({ toes: ['LeftToe', 'LeftToeBase'] }, leftToRight),
  },
  ignored: ['newton', 'HeadVertex', 'Props_LeftArm', 'Props_RightArm', 'LeftToeTip', 'RightToeTip'],
};

/** Biovision / Eyes Japan / MocapBank: Ab, Chest, Collar, Shoulder (upper arm), Elbow, Wrist, Hip, Knee, Ankle. */
export const BIOVISION: SourceConvention = {
  id: 'biovision',
  label: 'Biovision',
  joints: {
    hips: ['Hips'],
    spineLower: ['Ab', 'Abdomen'],
    chest: ['Chest'],
    chestUpper: ['Chest2'],
    neck: ['Neck'],
    head: ['Head'],
    ...sided(
      {
        clavicle: ['LeftCollar'],
        upperArm: ['LeftShoulder', 'LeftUpArm'],
        forearm: ['LeftElbow', 'LeftLowArm'],
        hand: ['LeftWrist', 'LeftHand'],
        thigh: ['LeftHip', 'LeftUpLeg'],
        shin: ['LeftKnee', 'LeftLowLeg'],
        foot: ['LeftAnkle', 'LeftFoot'],
        toes: ['LeftToes', 'LeftToe'],
      },
      leftToRight,
    ),
  },
};

/** 3ds Max Biped: "Bip01 Pelvis", "Bip01 L UpperArm" ... (the "Bip01 " prefix is part of the name). */
export const MAX_BIPED: SourceConvention = {
  id: 'max-biped',
  label: '3ds Max Biped',
  joints: {
    hips: ['Bip01 Pelvis', 'Bip01'],
    spineLower: ['Bip01 Spine'],
    spineMid: ['Bip01 Spine1'],
    chest: ['Bip01 Spine2'],
    chestUpper: ['Bip01 Spine3'],
    neck: ['Bip01 Neck'],
    neckUpper: ['Bip01 Neck1'],
    head: ['Bip01 Head'],
    ...sided(
      {
        clavicle: ['Bip01 L Clavicle'],
        upperArm: ['Bip01 L UpperArm'],
        forearm: ['Bip01 L Forearm'],
        hand: ['Bip01 L Hand'],
        thigh: ['Bip01 L Thigh'],
        shin: ['Bip01 L Calf'],
        foot: ['Bip01 L Foot'],
        toes: ['Bip01 L Toe0'],
        thumb1: ['Bip01 L Finger0'],
        thumb2: ['Bip01 L Finger01'],
        thumb3: ['Bip01 L Finger02'],
        index1: ['Bip01 L Finger1'],
        index2: ['Bip01 L Finger11'],
        index3: ['Bip01 L Finger12'],
        middle1: ['Bip01 L Finger2'],
        middle2: ['Bip01 L Finger21'],
        middle3: ['Bip01 L Finger22'],
        ring1: ['Bip01 L Finger3'],
        ring2: ['Bip01 L Finger31'],
        ring3: ['Bip01 L Finger32'],
        pinky1: ['Bip01 L Finger4'],
        pinky2: ['Bip01 L Finger41'],
        pinky3: ['Bip01 L Finger42'],
      },
      (n) => n.replace(' L ', ' R '),
    ),
  },
  ignored: ['Bip01 Footsteps', 'Bip01 HeadNub', 'Bip01 L Toe0Nub', 'Bip01 R Toe0Nub'],
};

/** MotionBuilder / HumanIK: Hips, Spine, Spine1..Spine9, LeftShoulder, LeftArm, LeftForeArm ... */
export const HUMANIK: SourceConvention = {
  id: 'humanik',
  label: 'MotionBuilder / HumanIK',
  joints: {
    hips: ['Hips'],
    spineLower: ['Spine'],
    spineMid: ['Spine1'],
    chest: ['Spine2'],
    chestUpper: ['Spine3'],
    neck: ['Neck'],
    neckUpper: ['Neck1'],
    head: ['Head'],
    ...sided(
      {
        clavicle: ['LeftShoulder'],
        upperArm: ['LeftArm'],
        forearm: ['LeftForeArm'],
        hand: ['LeftHand'],
        thigh: ['LeftUpLeg'],
        shin: ['LeftLeg'],
        foot: ['LeftFoot'],
        toes: ['LeftToeBase'],
        ...FINGERS_MIXAMO,
      },
      leftToRight,
    ),
  },
  ignored: [
    'Reference',
    'LeftArmRoll',
    'RightArmRoll',
    'LeftForeArmRoll',
    'RightForeArmRoll',
    'LeftUpLegRoll',
    'RightUpLegRoll',
    'LeftLegRoll',
    'RightLegRoll',
  ],
};

/** Poser / legacy DAZ BVH: hip, abdomen, chest, neck, head, lCollar, lShldr, lForeArm, lHand, lThigh, lShin, lFoot. */
export const POSER: SourceConvention = {
  id: 'poser',
  label: 'Poser / legacy DAZ',
  joints: {
    hips: ['hip'],
    spineLower: ['abdomen', 'abdomenLower'],
    spineMid: ['abdomenUpper'],
    chest: ['chest', 'chestLower'],
    chestUpper: ['chestUpper'],
    neck: ['neck', 'neckLower'],
    neckUpper: ['neckUpper'],
    head: ['head'],
    ...sided(
      {
        clavicle: ['lCollar'],
        upperArm: ['lShldr', 'lShldrBend'],
        forearm: ['lForeArm', 'lForearmBend'],
        hand: ['lHand'],
        thigh: ['lThigh', 'lThighBend'],
        shin: ['lShin'],
        foot: ['lFoot'],
        toes: ['lToe'],
      },
      leftToRight,
    ),
  },
  ignored: ['lButtock', 'rButtock', 'pelvis'],
};

/** A BVH exported from a Genesis figure (or a retargeted motion written back out): DAZ's own bone names. */
function fromGenesis(
  id: string,
  label: string,
  bones: Partial<Record<CanonicalJoint, string>>,
): SourceConvention {
  const joints: Partial<Record<CanonicalJoint, string[]>> = {};
  for (const [canonical, bone] of Object.entries(bones) as [CanonicalJoint, string][])
    joints[canonical] = [bone];
  return { id, label, joints };
}

export const DAZ_GENESIS9 = fromGenesis('genesis9', 'DAZ Genesis 9 bones', GENESIS9_MAP_BONES);
export const DAZ_GENESIS8 = fromGenesis('genesis8', 'DAZ Genesis 8 bones', GENESIS8_MAP_BONES);

export const SOURCE_CONVENTIONS: readonly SourceConvention[] = [
  CMU,
  MIXAMO,
  LAFAN,
  ROKOKO,
  BIOVISION,
  MAX_BIPED,
  HUMANIK,
  POSER,
  DAZ_GENESIS8,
  DAZ_GENESIS9,
];
