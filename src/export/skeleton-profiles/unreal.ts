/**
 * Genesis → UE5 mannequin (SK_Mannequin / SKM_Manny) bone names: `root` at the floor, `pelvis`,
 * `spine_01`…, `neck_01`/`neck_02`, `head`, `clavicle_l`, `upperarm_l`, `lowerarm_l`, `hand_l`,
 * `thigh_l`, `calf_l`, `foot_l`, `ball_l`, fingers `thumb_01_l`, `index_metacarpal_l`,
 * `index_01_l`…, twist bones `upperarm_twist_01_l`, `lowerarm_twist_01_l`, `thigh_twist_01_l`.
 *
 * Choices:
 * - DAZ's hip is UE's `pelvis` (the bone the legs and spine hang from). DAZ's own `pelvis` bone
 *   (under the hip, carrying the thighs) has no UE counterpart and cannot keep its name: it
 *   becomes `daz_pelvis`.
 * - Genesis has four spine links, the UE5 mannequin five: `spine_01`–`spine_03`, and `spine_05` for
 *   the top link, which carries the clavicles and the neck as UE5's `spine_05` does (so chains
 *   that end there, as the IK Retargeter's spine chain does, find it); `spine_04` is missing.
 * - Genesis 8's twist bones are in the chain (lShldrBend → lShldrTwist → lForearmBend): the
 *   forearm, hand and shin are re-parented to the bend bone (upperarm_l → lowerarm_l, with
 *   upperarm_twist_01_l a side child, as on the mannequin), the twist's rotation folded into
 *   them in every frame (reparent.ts). Genesis 9's twist bones are side children already.
 * - Toes, metatarsals, face rig, eyes, ears, pectorals: no counterpart on the mannequin, DAZ names kept.
 */
import { faceKept8, faceKept9, toesKept8, toesKept9 } from './kept-bones.js';
import { KEEP, type SkeletonProfile } from './profile.js';

const FINGERS_G9 = {
  l_thumb1: 'thumb_01_l',
  l_thumb2: 'thumb_02_l',
  l_thumb3: 'thumb_03_l',
  l_indexmetacarpal: 'index_metacarpal_l',
  l_index1: 'index_01_l',
  l_index2: 'index_02_l',
  l_index3: 'index_03_l',
  l_midmetacarpal: 'middle_metacarpal_l',
  l_mid1: 'middle_01_l',
  l_mid2: 'middle_02_l',
  l_mid3: 'middle_03_l',
  l_ringmetacarpal: 'ring_metacarpal_l',
  l_ring1: 'ring_01_l',
  l_ring2: 'ring_02_l',
  l_ring3: 'ring_03_l',
  l_pinkymetacarpal: 'pinky_metacarpal_l',
  l_pinky1: 'pinky_01_l',
  l_pinky2: 'pinky_02_l',
  l_pinky3: 'pinky_03_l',
};

export const UNREAL_PROFILE: SkeletonProfile = {
  id: 'unreal',
  label: 'UE5 mannequin',
  sources: [
    'a CC-to-UE5 bone conversion table (C++ `CCBoneConvertedNamesUE5`): root, pelvis, spine_01..spine_05, neck_01, neck_02, head, clavicle_l, upperarm_l, lowerarm_l, hand_l, thumb_01..03_l, index/middle/ring/pinky_metacarpal_l, index_01..03_l …, thigh_l, calf_l, foot_l, ball_l, upperarm_twist_01/02_l, lowerarm_twist_02_l, thigh_twist_01_l',
    "a UE 5 project's skeleton probe: spine_04, spine_05, index_metacarpal_l mark the UE5 mannequin (SKM_Manny, 161 bones) against the UE4 one (68 bones)",
    'vespero-group/chiro-ue4 docs/select-bone-group.md: twist bones upperarm/lowerarm/thigh/calf_twist_01_l|r',
    'zH4x/SoT-DLL bones.h and a third-person camera plugin (TPCETypes.cpp): thigh_l, calf_l, foot_l, ball_l, neck_01, head, upperarm_twist_01_l, lowerarm_twist_01_l',
  ],
  rootName: 'root',
  rootBoneByDefault: true,
  hangFromGrandparent: { genesis8: ['lForearmBend', 'lHand', 'lShin'] },
  mirrorName: (name) => name.replace(/_l$/, '_r'),
  genesis9: {
    hip: 'pelvis',
    pelvis: 'daz_pelvis',
    l_thigh: 'thigh_l',
    l_thightwist1: 'thigh_twist_01_l',
    l_thightwist2: 'thigh_twist_02_l',
    l_shin: 'calf_l',
    l_foot: 'foot_l',
    l_toes: 'ball_l',
    ...toesKept9(),
    spine1: 'spine_01',
    spine2: 'spine_02',
    spine3: 'spine_03',
    spine4: 'spine_05',
    l_shoulder: 'clavicle_l',
    l_upperarm: 'upperarm_l',
    l_upperarmtwist1: 'upperarm_twist_01_l',
    l_upperarmtwist2: 'upperarm_twist_02_l',
    l_forearm: 'lowerarm_l',
    l_forearmtwist1: 'lowerarm_twist_01_l',
    l_forearmtwist2: 'lowerarm_twist_02_l',
    l_hand: 'hand_l',
    l_hand_anchor: KEEP,
    ...FINGERS_G9,
    neck1: 'neck_01',
    neck2: 'neck_02',
    head: 'head',
    ...faceKept9(),
  },
  genesis8: {
    hip: 'pelvis',
    pelvis: 'daz_pelvis',
    lThighBend: 'thigh_l',
    lThighTwist: 'thigh_twist_01_l',
    lShin: 'calf_l',
    lFoot: 'foot_l',
    lToe: 'ball_l',
    ...toesKept8(),
    abdomenLower: 'spine_01',
    abdomenUpper: 'spine_02',
    chestLower: 'spine_03',
    chestUpper: 'spine_05',
    lCollar: 'clavicle_l',
    lShldrBend: 'upperarm_l',
    lShldrTwist: 'upperarm_twist_01_l',
    lForearmBend: 'lowerarm_l',
    lForearmTwist: 'lowerarm_twist_01_l',
    lHand: 'hand_l',
    lThumb1: 'thumb_01_l',
    lThumb2: 'thumb_02_l',
    lThumb3: 'thumb_03_l',
    lCarpal1: 'index_metacarpal_l',
    lIndex1: 'index_01_l',
    lIndex2: 'index_02_l',
    lIndex3: 'index_03_l',
    lCarpal2: 'middle_metacarpal_l',
    lMid1: 'middle_01_l',
    lMid2: 'middle_02_l',
    lMid3: 'middle_03_l',
    lCarpal3: 'ring_metacarpal_l',
    lRing1: 'ring_01_l',
    lRing2: 'ring_02_l',
    lRing3: 'ring_03_l',
    lCarpal4: 'pinky_metacarpal_l',
    lPinky1: 'pinky_01_l',
    lPinky2: 'pinky_02_l',
    lPinky3: 'pinky_03_l',
    neckLower: 'neck_01',
    neckUpper: 'neck_02',
    head: 'head',
    ...faceKept8(),
  },
};
