/**
 * The Genesis 8 / 8.1 rig, shared by Genesis 8 Female and Male (same bones, hierarchy and rotation
 * orders; only joint centres differ): 170 bones, of which the left-side and centre ones are listed
 * here in DAZ's order. Names and face rig: DazBridgeUtils `Extras/genesis_81_rig.json`; rotation
 * orders: import_daz `data/boneprops/genesis8_*.json`. Twist bones are IN the chain
 * (lShldrBend → lShldrTwist → lForearmBend ...).
 *
 * The face rig (66 bones) hangs flat under two locked rig parents: `lowerFaceRig` (under the jaw,
 * so mouth and chin bones follow it) and `upperFaceRig` (under the head). No public parent table
 * for Genesis 8.1 was available; the grouping follows the DazBridge listing order (the same
 * pattern import_daz's Genesis 9 parent table shows) and import_daz's MHX converter, which
 * restores lowerFaceRig → lowerJaw and tongue01 → lowerTeeth.
 */

import { DOWN, type EndRule, extend, extendFlat, FORWARD, type RigRow, to, toward, UP } from './rig-spec.js';

/** Face-rig bones are point handles; DAZ gives them identity orientation, i.e. +Z (their long axis) forward. */
const FACE = toward(FORWARD, 1);
/** Head and upperFaceRig: up to about the top of the skull. */
const SKULL = toward(UP, 17);
/** Ears reach back and out from the root (DAZ orients them about 60° about Y). */
const EAR = toward([0.5, 0, -0.87], 3);
/** Pectorals point forward, a little out and up, from their centre inside the chest. */
const PECTORAL = toward([0.35, 0.15, 0.92], 15);
/** Eyelid bones sit at the eye centre; their ends point at the part of the lid each one moves. */
const lid = (x: number, y: number): EndRule => toward([x, y, 1], 1.5);

export const GENESIS8_RIG: readonly RigRow[] = [
  ['hip', 'Hip', null, 'YZX', 'root', toward(DOWN, 10)],
  ['pelvis', 'Pelvis', 'hip', 'YZX', 'body', toward(DOWN, 12)],
  // Leg
  ['lThighBend', 'Left Thigh Bend', 'pelvis', 'YZX', 'body', to('lThighTwist')],
  ['lThighTwist', 'Left Thigh Twist', 'lThighBend', 'YZX', 'twist', to('lShin')],
  ['lShin', 'Left Shin', 'lThighTwist', 'YZX', 'body', to('lFoot')],
  // The metatarsals bone starts at the ankle too; the foot spans ankle → ball of the foot.
  ['lFoot', 'Left Foot', 'lShin', 'ZYX', 'foot', to('lToe')],
  ['lMetatarsals', 'Left Metatarsals', 'lFoot', 'ZYX', 'foot', to('lToe')],
  ['lToe', 'Left Toes', 'lMetatarsals', 'ZYX', 'toe', extendFlat(5)],
  ['lSmallToe4', 'Left Small Toe 4', 'lToe', 'ZYX', 'toe', to('lSmallToe4_2')],
  ['lSmallToe4_2', 'Left Small Toe 4_2', 'lSmallToe4', 'ZYX', 'toe', extend(1.2)],
  ['lSmallToe3', 'Left Small Toe 3', 'lToe', 'ZYX', 'toe', to('lSmallToe3_2')],
  ['lSmallToe3_2', 'Left Small Toe 3_2', 'lSmallToe3', 'ZYX', 'toe', extend(1.4)],
  ['lSmallToe2', 'Left Small Toe 2', 'lToe', 'ZYX', 'toe', to('lSmallToe2_2')],
  ['lSmallToe2_2', 'Left Small Toe 2_2', 'lSmallToe2', 'ZYX', 'toe', extend(1.5)],
  ['lSmallToe1', 'Left Small Toe 1', 'lToe', 'ZYX', 'toe', to('lSmallToe1_2')],
  ['lSmallToe1_2', 'Left Small Toe 1_2', 'lSmallToe1', 'ZYX', 'toe', extend(1.6)],
  ['lBigToe', 'Left Big Toe', 'lToe', 'ZYX', 'toe', to('lBigToe_2')],
  ['lBigToe_2', 'Left Big Toe_2', 'lBigToe', 'ZYX', 'toe', extend(2)],
  // Spine
  ['abdomenLower', 'Abdomen Lower', 'hip', 'YZX', 'body', to('abdomenUpper')],
  ['abdomenUpper', 'Abdomen Upper', 'abdomenLower', 'YZX', 'body', to('chestLower')],
  ['chestLower', 'Chest Lower', 'abdomenUpper', 'YZX', 'body', to('chestUpper')],
  ['chestUpper', 'Chest Upper', 'chestLower', 'YZX', 'body', to('neckLower')],
  // Arm and hand
  ['lCollar', 'Left Collar', 'chestUpper', 'XYZ', 'body', to('lShldrBend')],
  ['lShldrBend', 'Left Shoulder Bend', 'lCollar', 'XYZ', 'body', to('lShldrTwist')],
  ['lShldrTwist', 'Left Shoulder Twist', 'lShldrBend', 'XYZ', 'twist', to('lForearmBend')],
  ['lForearmBend', 'Left Forearm Bend', 'lShldrTwist', 'XZY', 'body', to('lForearmTwist')],
  ['lForearmTwist', 'Left Forearm Twist', 'lForearmBend', 'XZY', 'twist', to('lHand')],
  ['lHand', 'Left Hand', 'lForearmTwist', 'XYZ', 'hand', to('lMid1')],
  ['lThumb1', 'Left Thumb 1', 'lHand', 'XZY', 'finger', to('lThumb2')],
  ['lThumb2', 'Left Thumb 2', 'lThumb1', 'XZY', 'finger', to('lThumb3')],
  ['lThumb3', 'Left Thumb 3', 'lThumb2', 'XZY', 'finger', extend(2.5)],
  ['lCarpal1', 'Left Carpal 1', 'lHand', 'XYZ', 'hand', to('lIndex1')],
  ['lIndex1', 'Left Index 1', 'lCarpal1', 'XYZ', 'finger', to('lIndex2')],
  ['lIndex2', 'Left Index 2', 'lIndex1', 'XYZ', 'finger', to('lIndex3')],
  ['lIndex3', 'Left Index 3', 'lIndex2', 'XYZ', 'finger', extend(2)],
  ['lCarpal2', 'Left Carpal 2', 'lHand', 'XYZ', 'hand', to('lMid1')],
  ['lMid1', 'Left Mid 1', 'lCarpal2', 'XYZ', 'finger', to('lMid2')],
  ['lMid2', 'Left Mid 2', 'lMid1', 'XYZ', 'finger', to('lMid3')],
  ['lMid3', 'Left Mid 3', 'lMid2', 'XYZ', 'finger', extend(2.2)],
  ['lCarpal3', 'Left Carpal 3', 'lHand', 'XYZ', 'hand', to('lRing1')],
  ['lRing1', 'Left Ring 1', 'lCarpal3', 'XYZ', 'finger', to('lRing2')],
  ['lRing2', 'Left Ring 2', 'lRing1', 'XYZ', 'finger', to('lRing3')],
  ['lRing3', 'Left Ring 3', 'lRing2', 'XYZ', 'finger', extend(2.1)],
  ['lCarpal4', 'Left Carpal 4', 'lHand', 'XYZ', 'hand', to('lPinky1')],
  ['lPinky1', 'Left Pinky 1', 'lCarpal4', 'XYZ', 'finger', to('lPinky2')],
  ['lPinky2', 'Left Pinky 2', 'lPinky1', 'XYZ', 'finger', to('lPinky3')],
  ['lPinky3', 'Left Pinky 3', 'lPinky2', 'XYZ', 'finger', extend(1.8)],
  // Neck and head
  ['neckLower', 'Neck Lower', 'chestUpper', 'YZX', 'body', to('neckUpper')],
  ['neckUpper', 'Neck Upper', 'neckLower', 'YZX', 'body', to('head')],
  ['head', 'Head', 'neckUpper', 'YZX', 'head', SKULL],
  ['upperTeeth', 'Upper Teeth', 'head', 'ZYX', 'face', toward(FORWARD, 2)],
  ['lowerJaw', 'Lower Jaw', 'head', 'ZYX', 'face', to('Chin')],
  ['lowerTeeth', 'Lower Teeth', 'lowerJaw', 'ZYX', 'face', toward(FORWARD, 2)],
  ['tongue01', 'Tongue 1', 'lowerTeeth', 'ZYX', 'face', to('tongue02')],
  ['tongue02', 'Tongue 2', 'tongue01', 'ZYX', 'face', to('tongue03')],
  ['tongue03', 'Tongue 3', 'tongue02', 'ZYX', 'face', to('tongue04')],
  ['tongue04', 'Tongue 4', 'tongue03', 'ZYX', 'face', extend(1.2)],
  // Lower face rig: 1 parent + 18 bones
  ['lowerFaceRig', 'Lower Face Rig', 'lowerJaw', 'ZYX', 'helper', to('Chin')],
  ['lNasolabialLower', 'Left Nasolabial Lower', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['lNasolabialMouthCorner', 'Left Nasolabial Mouth Corner', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['lLipCorner', 'Left Lip Corner', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['lLipLowerOuter', 'Left Lip Lower Outer', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['lLipLowerInner', 'Left Lip Lower Inner', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['LipLowerMiddle', 'Lip Lower Middle', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['LipBelow', 'Lip Below', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['Chin', 'Chin', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['lCheekLower', 'Left Cheek Lower', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['BelowJaw', 'Below Jaw', 'lowerFaceRig', 'ZYX', 'face', FACE],
  ['lJawClench', 'Left Jaw Clench', 'lowerFaceRig', 'ZYX', 'face', FACE],
  // Upper face rig: 1 parent + 46 bones
  ['upperFaceRig', 'Upper Face Rig', 'head', 'YZX', 'helper', SKULL],
  ['lBrowInner', 'Left Brow Inner', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lBrowMid', 'Left Brow Mid', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lBrowOuter', 'Left Brow Outer', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['CenterBrow', 'Center Brow', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['MidNoseBridge', 'Mid Nose Bridge', 'upperFaceRig', 'ZYX', 'face', FACE],
  // Eyelids pivot at the eye centre and, like the eyes, use ZXY (import_daz boneprops).
  ['lEyelidInner', 'Left Eyelid Inner', 'upperFaceRig', 'ZXY', 'face', lid(-0.6, 0)],
  ['lEyelidUpperInner', 'Left Eyelid Upper Inner', 'upperFaceRig', 'ZXY', 'face', lid(-0.3, 0.25)],
  ['lEyelidUpper', 'Left Eyelid Upper', 'upperFaceRig', 'ZXY', 'face', lid(0, 0.25)],
  ['lEyelidUpperOuter', 'Left Eyelid Upper Outer', 'upperFaceRig', 'ZXY', 'face', lid(0.3, 0.25)],
  ['lEyelidOuter', 'Left Eyelid Outer', 'upperFaceRig', 'ZXY', 'face', lid(0.7, 0)],
  ['lEyelidLowerOuter', 'Left Eyelid Lower Outer', 'upperFaceRig', 'ZXY', 'face', lid(0.3, -0.35)],
  ['lEyelidLower', 'Left Eyelid Lower', 'upperFaceRig', 'ZXY', 'face', lid(0, -0.35)],
  ['lEyelidLowerInner', 'Left Eyelid Lower Inner', 'upperFaceRig', 'ZXY', 'face', lid(-0.3, -0.35)],
  ['lSquintInner', 'Left Squint Inner', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lSquintOuter', 'Left Squint Outer', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lCheekUpper', 'Left Cheek Upper', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['Nose', 'Nose', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lNostril', 'Left Nostril', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lLipBelowNose', 'Left Lip Below Nose', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lLipNasolabialCrease', 'Left Lip Nasolabial Crease', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lNasolabialUpper', 'Left Nasolabial Upper', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lNasolabialMiddle', 'Left Nasolabial Middle', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['LipUpperMiddle', 'Lip Upper Middle', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lLipUpperOuter', 'Left Lip Upper Outer', 'upperFaceRig', 'ZYX', 'face', FACE],
  ['lLipUpperInner', 'Left Lip Upper Inner', 'upperFaceRig', 'ZYX', 'face', FACE],
  // Head extras
  ['lEye', 'Left Eye', 'head', 'ZXY', 'eye', toward(FORWARD, 2)],
  ['lEar', 'Left Ear', 'head', 'XYZ', 'head', EAR],
  ['lPectoral', 'Left Pectoral', 'chestLower', 'ZYX', 'body', PECTORAL],
];
