/**
 * Genesis → Mixamo rig names (`mixamorig:Hips`, `mixamorig:Spine`, `Spine1`, `Spine2`, `Neck`,
 * `Head`, `LeftShoulder`, `LeftArm`, `LeftForeArm`, `LeftHand`, `LeftUpLeg`, `LeftLeg`,
 * `LeftFoot`, `LeftToeBase`, `LeftEye`, fingers `LeftHandThumb1..3`, `LeftHandIndex1..3`,
 * `LeftHandMiddle1..3`, `LeftHandRing1..3`, `LeftHandPinky1..3`), so Mixamo clips and tools that
 * key on those names drive the figure.
 *
 * Choices: the same torso and neck links as the Unity profile (Mixamo's Spine / Spine1 / Spine2
 * are Unity's Spine / Chest / UpperChest; the second Genesis link keeps its name); Mixamo has no
 * twist, metacarpal, toe or face bones (kept). In USD, whose names cannot hold `:`, the joint
 * paths read `mixamorig_Hips`; `jointNames` keeps `mixamorig:Hips`.
 */
import { faceKept8, faceKept9, toesKept8, toesKept9 } from './kept-bones.js';
import { KEEP, type SkeletonProfile } from './profile.js';

const FINGERS = ['Thumb', 'Index', 'Middle', 'Ring', 'Pinky'] as const;

function fingers(daz: (finger: number, phalanx: number) => string): Record<string, string> {
  const out: Record<string, string> = {};
  FINGERS.forEach((f, i) => {
    for (let k = 1; k <= 3; k++) out[daz(i, k)] = `mixamorig:LeftHand${f}${k}`;
  });
  return out;
}

const G9_FINGER = ['thumb', 'index', 'mid', 'ring', 'pinky'];
const G8_FINGER = ['Thumb', 'Index', 'Mid', 'Ring', 'Pinky'];

export const MIXAMO_PROFILE: SkeletonProfile = {
  id: 'mixamo',
  label: 'Mixamo',
  sources: [
    'Ready Player Me asset creation guide, Templates: the Mixamo-compatible joint table (docs.readyplayer.me/asset-creation-guide/asset-creation/templates)',
    'axyz-design Anima character specification: LeftUpLeg, LeftLeg, LeftToeBase, LeftHandThumb1.. (docs.axyz-design.com/article/character-specification/)',
    'makehuman makewalk target_rigs/humanik.trg; Godot project skeleton.gd listing mixamorig bones',
  ],
  rootName: 'root',
  rootBoneByDefault: false,
  mirrorName: (name) => name.replace(/^mixamorig:Left/, 'mixamorig:Right'),
  genesis9: {
    hip: 'mixamorig:Hips',
    pelvis: KEEP,
    l_thigh: 'mixamorig:LeftUpLeg',
    l_thightwist1: KEEP,
    l_thightwist2: KEEP,
    l_shin: 'mixamorig:LeftLeg',
    l_foot: 'mixamorig:LeftFoot',
    l_toes: 'mixamorig:LeftToeBase',
    ...toesKept9(),
    spine1: 'mixamorig:Spine',
    spine2: KEEP,
    spine3: 'mixamorig:Spine1',
    spine4: 'mixamorig:Spine2',
    l_shoulder: 'mixamorig:LeftShoulder',
    l_upperarm: 'mixamorig:LeftArm',
    l_upperarmtwist1: KEEP,
    l_upperarmtwist2: KEEP,
    l_forearm: 'mixamorig:LeftForeArm',
    l_forearmtwist1: KEEP,
    l_forearmtwist2: KEEP,
    l_hand: 'mixamorig:LeftHand',
    l_hand_anchor: KEEP,
    l_indexmetacarpal: KEEP,
    l_midmetacarpal: KEEP,
    l_ringmetacarpal: KEEP,
    l_pinkymetacarpal: KEEP,
    ...fingers((f, k) => `l_${G9_FINGER[f]}${k}`),
    neck1: 'mixamorig:Neck',
    neck2: KEEP,
    head: 'mixamorig:Head',
    ...faceKept9(),
    l_eye: 'mixamorig:LeftEye',
  },
  genesis8: {
    hip: 'mixamorig:Hips',
    pelvis: KEEP,
    lThighBend: 'mixamorig:LeftUpLeg',
    lThighTwist: KEEP,
    lShin: 'mixamorig:LeftLeg',
    lFoot: 'mixamorig:LeftFoot',
    lToe: 'mixamorig:LeftToeBase',
    ...toesKept8(),
    abdomenLower: 'mixamorig:Spine',
    abdomenUpper: KEEP,
    chestLower: 'mixamorig:Spine1',
    chestUpper: 'mixamorig:Spine2',
    lCollar: 'mixamorig:LeftShoulder',
    lShldrBend: 'mixamorig:LeftArm',
    lShldrTwist: KEEP,
    lForearmBend: 'mixamorig:LeftForeArm',
    lForearmTwist: KEEP,
    lHand: 'mixamorig:LeftHand',
    lCarpal1: KEEP,
    lCarpal2: KEEP,
    lCarpal3: KEEP,
    lCarpal4: KEEP,
    ...fingers((f, k) => `l${G8_FINGER[f]}${k}`),
    neckLower: 'mixamorig:Neck',
    neckUpper: KEEP,
    head: 'mixamorig:Head',
    ...faceKept8(),
    lEye: 'mixamorig:LeftEye',
  },
};
