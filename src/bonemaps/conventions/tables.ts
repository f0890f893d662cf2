/**
 * The source conventions dazport knows, as data: one table per exporter family. Sources: the
 * conventions listed in shared/reference/anchors-skeletons-retargeting.md §6 (CMU/cgspeed,
 * Mixamo, Biovision, 3ds Max Biped, MotionBuilder/HumanIK, Rokoko, LAFAN1, Poser/legacy DAZ),
 * the real captures in fixtures/bvh, and for the families added with issue 12 (Rokoko Newton,
 * Perfume; Bandai-Namco and GAMES-105/OpenSim in dataset-tables.ts) the public files named at
 * each table.
 *
 * Spines are chains (`spine`, see convention.ts): the joints a clip has between the hips and the
 * neck are spread over spineLower … chestUpper, whatever their number.
 */
import type { CanonicalJoint } from '../canonical.js';
import { GENESIS8_MAP_BONES, GENESIS9_MAP_BONES } from '../genesis/genesis-maps.js';
import { leftToRight, type SourceConvention, sided } from './convention.js';
import { BANDAI_NAMCO, GAMES105 } from './dataset-tables.js';

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

/**
 * MotionBuilder-style spines run `Spine`, `Spine1` … `Spine9` (HumanIK characterises up to ten);
 * Mixamo uses the first three. One chain for both, so a clip with `Spine` … `Spine4` and Mixamo
 * limbs maps its whole spine whichever of the two wins.
 */
const SPINE_MOTIONBUILDER = ['Spine', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `Spine${i}`)];

/** CMU mocap in the cgspeed BVH conversion (MotionBuilder-style names, zero-length hip and back joints). */
export const CMU: SourceConvention = {
  id: 'cmu',
  label: 'CMU (cgspeed BVH)',
  joints: {
    hips: ['Hips'],
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
  spine: ['LowerBack', 'Spine', 'Spine1'],
  ignored: ['LHipJoint', 'RHipJoint'],
};

/** Mixamo (with or without the `mixamorig:` namespace); LAFAN1 and Rokoko use the same body names. */
export const MIXAMO: SourceConvention = {
  id: 'mixamo',
  label: 'Mixamo',
  joints: {
    hips: ['Hips'],
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
  spine: SPINE_MOTIONBUILDER,
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
  spine: MIXAMO.spine,
};

/** Rokoko fingers: finger 1 is the thumb, 2 index … 5 little; thumbs have three joints, fingers four. */
const ROKOKO_FINGERS = (() => {
  const out: Record<string, string[]> = {
    thumb1: ['LeftFinger1Metacarpal'],
    thumb2: ['LeftFinger1Proximal'],
    thumb3: ['LeftFinger1Distal'],
  };
  (['index', 'middle', 'ring', 'pinky'] as const).forEach((finger, i) => {
    out[`${finger}1`] = [`LeftFinger${i + 2}Metacarpal`];
    out[`${finger}2`] = [`LeftFinger${i + 2}Proximal`];
    out[`${finger}3`] = [`LeftFinger${i + 2}Medial`];
  });
  return out;
})();

/**
 * Rokoko Studio exports of the Newton skeleton: `Hips`, `Spine1` … `Spine4`, `Neck`, `Head`,
 * `LeftShoulder` (clavicle), `LeftArm`, `LeftForeArm`, `LeftHand`, `LeftThigh`, `LeftShin`,
 * `LeftFoot`, `LeftToe`, fingers `LeftFinger1Metacarpal` … `LeftFinger5Distal`, with `Newton`
 * and `Root` above the hips. Seen: this joint list in several Newton users' code (an Unreal
 * plugin's bone list, a MotionBuilder characterisation script, a Python pipeline, Maya rig
 * files with joint paths `|Root|Hips|Spine1|…|Spine4|LeftShoulder|…`); not seen: a Rokoko BVH
 * itself. The earlier table's "Mixamo-like legs" were an assumption and are gone: Newton legs
 * are Thigh/Shin.
 *
 * Fingers are the least certain: in the one Newton rig seen with offsets, `Finger2Metacarpal`
 * sits about 11 cm from the wrist, at the knuckle, so it turns the first phalanx (index1), and
 * `Distal` is a short extra segment near the tip; two independent Rokoko → Mixamo/Unity maps
 * also put the first finger joint on `Metacarpal` and the second on `Proximal`.
 * `LeftFinger{2..5}Distal` are therefore helpers. Check this on a real Rokoko clip with fingers
 * before trusting finger curls.
 */
export const ROKOKO: SourceConvention = {
  id: 'rokoko',
  label: 'Rokoko (Newton skeleton)',
  joints: {
    hips: ['Hips'],
    neck: ['Neck'],
    head: ['Head'],
    ...sided(
      {
        clavicle: ['LeftShoulder'],
        upperArm: ['LeftArm'],
        forearm: ['LeftForeArm'],
        hand: ['LeftHand'],
        thigh: ['LeftThigh'],
        shin: ['LeftShin'],
        foot: ['LeftFoot'],
        toes: ['LeftToe'],
        ...ROKOKO_FINGERS,
      },
      leftToRight,
    ),
  },
  // `Spine` first in case an export has it below Spine1 (not seen): five joints spread to four slots.
  spine: ['Spine', 'Spine1', 'Spine2', 'Spine3', 'Spine4'],
  ignored: [
    'Newton',
    'Root',
    'HeadVertex',
    'Props_LeftArm',
    'Props_RightArm',
    ...['Left', 'Right'].flatMap((side) => [
      `${side}ToeTip`,
      ...[1, 2, 3, 4, 5].map((f) => `${side}Finger${f}Tip`),
      ...[2, 3, 4, 5].map((f) => `${side}Finger${f}Distal`),
    ]),
  ],
};

/** Biovision / Eyes Japan / MocapBank: Ab, Chest, Collar, Shoulder (upper arm), Elbow, Wrist, Hip, Knee, Ankle. */
export const BIOVISION: SourceConvention = {
  id: 'biovision',
  label: 'Biovision',
  joints: {
    hips: ['Hips'],
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
  // `Ab`, `Chest` (Eyes Japan) or `Chest`, `Chest2` (MocapBank): the lowest drives spineLower.
  spine: ['Ab', 'Abdomen', 'Chest', 'Chest2'],
};

/**
 * Perfume (Nakata / Rhizomatiks "perfume-dev" captures) and other extended Biovision exports:
 * Biovision limbs (`LeftCollar`, `LeftShoulder` = upper arm, `LeftElbow`, `LeftWrist`, `LeftHip`,
 * `LeftKnee`, `LeftAnkle`, `LeftToe`) under a four-joint chest chain `Chest` … `Chest4`, the
 * clavicles hanging from `Chest4`. Seen: this exact hierarchy in UniVRM's BVH test file and in
 * a generator labelled "xsens_hierarchy" (so Xsens exports may use it too); that it is the
 * Perfume files' hierarchy is from memory of those files, not seen here.
 */
export const PERFUME: SourceConvention = {
  id: 'perfume',
  label: 'Perfume / extended Biovision (Chest … Chest4)',
  joints: BIOVISION.joints,
  spine: ['Chest', 'Chest2', 'Chest3', 'Chest4'],
};

/** 3ds Max Biped: "Bip01 Pelvis", "Bip01 L UpperArm" ... (the "Bip01 " prefix is part of the name). */
export const MAX_BIPED: SourceConvention = {
  id: 'max-biped',
  label: '3ds Max Biped',
  joints: {
    hips: ['Bip01 Pelvis', 'Bip01'],
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
  // Biped allows up to ten spine links.
  spine: ['Bip01 Spine', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `Bip01 Spine${i}`)],
  ignored: ['Bip01 Footsteps', 'Bip01 HeadNub', 'Bip01 L Toe0Nub', 'Bip01 R Toe0Nub'],
};

/** MotionBuilder / HumanIK: Hips, Spine, Spine1..Spine9, LeftShoulder, LeftArm, LeftForeArm ... */
export const HUMANIK: SourceConvention = {
  id: 'humanik',
  label: 'MotionBuilder / HumanIK',
  joints: {
    hips: ['Hips'],
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
  spine: SPINE_MOTIONBUILDER,
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
  spine: ['abdomen', 'abdomenLower', 'abdomenUpper', 'chest', 'chestLower', 'chestUpper'],
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

/** Every built-in convention; on equal scores detection prefers the earlier one. */
export const SOURCE_CONVENTIONS: readonly SourceConvention[] = [
  CMU,
  MIXAMO,
  LAFAN,
  ROKOKO,
  BIOVISION,
  PERFUME,
  MAX_BIPED,
  HUMANIK,
  POSER,
  BANDAI_NAMCO,
  GAMES105,
  DAZ_GENESIS8,
  DAZ_GENESIS9,
];
