/**
 * The Genesis 9 rig: 143 bones, of which the left-side and centre ones are listed here in DAZ's
 * order. Names: DazBridgeUtils `Extras/genesis_9_rig.json`; parents: import_daz
 * `data/parents/genesis_9.json`; rotation orders: import_daz `data/boneprops/genesis9.json`.
 *
 * Unlike Genesis 8, the twist bones are SIDE children, out of the chain: `l_upperarm`'s child is
 * `l_forearm` (its end), while `l_upperarmtwist1/2` hang off `l_upperarm` and lie along it. The face
 * rig is sparse (30 bones incl. the two rig parents) and relies on morphs.
 */

import { DOWN, type EndRule, extend, extendFlat, FORWARD, type RigRow, to, toward, UP } from './rig-spec.js';

/** Face-rig bones are point handles; DAZ gives them identity orientation, i.e. +Z (their long axis) forward. */
const FACE = toward(FORWARD, 1);
/** Head and upperfacerig: up to about the top of the skull. */
const SKULL = toward(UP, 17);
/** Ears reach back and out from the root (DAZ orients them about 60° about Y). */
const EAR = toward([0.5, 0, -0.87], 3);
/** Pectorals point forward, a little out and up; G9's centre sits nearer the chest surface than G8's. */
const PECTORAL = toward([0.35, 0.15, 0.92], 10);
/** Eyelid bones sit at the eye centre; their ends point at the lid each one moves. */
const lid = (y: number): EndRule => toward([0, y, 1], 1.5);

export const GENESIS9_RIG: readonly RigRow[] = [
  ['hip', 'Hip', null, 'YZX', 'root', toward(DOWN, 10)],
  ['pelvis', 'Pelvis', 'hip', 'YZX', 'body', toward(DOWN, 12)],
  // Leg
  ['l_thigh', 'Left Thigh', 'pelvis', 'YZX', 'body', to('l_shin')],
  ['l_shin', 'Left Shin', 'l_thigh', 'YZX', 'body', to('l_foot')],
  ['l_foot', 'Left Foot', 'l_shin', 'ZYX', 'foot', to('l_toes')],
  ['l_toes', 'Left Toes', 'l_foot', 'ZYX', 'toe', extendFlat(5)],
  ['l_bigtoe1', 'Left Big Toe 1', 'l_toes', 'ZYX', 'toe', to('l_bigtoe2')],
  ['l_bigtoe2', 'Left Big Toe 2', 'l_bigtoe1', 'ZYX', 'toe', extend(2)],
  ['l_indextoe1', 'Left Index Toe 1', 'l_toes', 'ZYX', 'toe', to('l_indextoe2')],
  ['l_indextoe2', 'Left Index Toe 2', 'l_indextoe1', 'ZYX', 'toe', extend(1.6)],
  ['l_midtoe1', 'Left Mid Toe 1', 'l_toes', 'ZYX', 'toe', to('l_midtoe2')],
  ['l_midtoe2', 'Left Mid Toe 2', 'l_midtoe1', 'ZYX', 'toe', extend(1.5)],
  ['l_ringtoe1', 'Left Ring Toe 1', 'l_toes', 'ZYX', 'toe', to('l_ringtoe2')],
  ['l_ringtoe2', 'Left Ring Toe 2', 'l_ringtoe1', 'ZYX', 'toe', extend(1.4)],
  ['l_pinkytoe1', 'Left Pinky Toe 1', 'l_toes', 'ZYX', 'toe', to('l_pinkytoe2')],
  ['l_pinkytoe2', 'Left Pinky Toe 2', 'l_pinkytoe1', 'ZYX', 'toe', extend(1.2)],
  // Starts at the ankle with the foot and spans the same ankle → ball line.
  ['l_metatarsal', 'Left Metatarsal', 'l_foot', 'ZYX', 'foot', to('l_toes')],
  ['l_thightwist1', 'Left Thigh Twist 1', 'l_thigh', 'YZX', 'twist', to('l_thightwist2')],
  ['l_thightwist2', 'Left Thigh Twist 2', 'l_thigh', 'YZX', 'twist', to('l_shin')],
  // Spine
  ['spine1', 'Spine 1', 'hip', 'YZX', 'body', to('spine2')],
  ['spine2', 'Spine 2', 'spine1', 'YZX', 'body', to('spine3')],
  ['spine3', 'Spine 3', 'spine2', 'YZX', 'body', to('spine4')],
  ['spine4', 'Spine 4', 'spine3', 'YZX', 'body', to('neck1')],
  // Arm and hand
  ['l_shoulder', 'Left Shoulder', 'spine4', 'XYZ', 'body', to('l_upperarm')],
  ['l_upperarm', 'Left Upper Arm', 'l_shoulder', 'XYZ', 'body', to('l_forearm')],
  ['l_forearm', 'Left Forearm', 'l_upperarm', 'XZY', 'body', to('l_hand')],
  ['l_hand', 'Left Hand', 'l_forearm', 'XYZ', 'hand', to('l_mid1')],
  // Attachment point in the palm (UE5 `weapon_l`); not a deforming bone.
  ['l_hand_anchor', 'Left Hand Anchor', 'l_hand', 'ZYX', 'helper', toward(FORWARD, 3)],
  ['l_thumb1', 'Left Thumb 1', 'l_hand', 'XZY', 'finger', to('l_thumb2')],
  ['l_thumb2', 'Left Thumb 2', 'l_thumb1', 'XZY', 'finger', to('l_thumb3')],
  ['l_thumb3', 'Left Thumb 3', 'l_thumb2', 'XZY', 'finger', extend(2.5)],
  ['l_indexmetacarpal', 'Left Index Metacarpal', 'l_hand', 'XYZ', 'hand', to('l_index1')],
  ['l_index1', 'Left Index 1', 'l_indexmetacarpal', 'XYZ', 'finger', to('l_index2')],
  ['l_index2', 'Left Index 2', 'l_index1', 'XYZ', 'finger', to('l_index3')],
  ['l_index3', 'Left Index 3', 'l_index2', 'XYZ', 'finger', extend(2)],
  ['l_midmetacarpal', 'Left Mid Metacarpal', 'l_hand', 'XYZ', 'hand', to('l_mid1')],
  ['l_mid1', 'Left Mid 1', 'l_midmetacarpal', 'XYZ', 'finger', to('l_mid2')],
  ['l_mid2', 'Left Mid 2', 'l_mid1', 'XYZ', 'finger', to('l_mid3')],
  ['l_mid3', 'Left Mid 3', 'l_mid2', 'XYZ', 'finger', extend(2.2)],
  ['l_ringmetacarpal', 'Left Ring Metacarpal', 'l_hand', 'XYZ', 'hand', to('l_ring1')],
  ['l_ring1', 'Left Ring 1', 'l_ringmetacarpal', 'XYZ', 'finger', to('l_ring2')],
  ['l_ring2', 'Left Ring 2', 'l_ring1', 'XYZ', 'finger', to('l_ring3')],
  ['l_ring3', 'Left Ring 3', 'l_ring2', 'XYZ', 'finger', extend(2.1)],
  ['l_pinkymetacarpal', 'Left Pinky Metacarpal', 'l_hand', 'XYZ', 'hand', to('l_pinky1')],
  ['l_pinky1', 'Left Pinky 1', 'l_pinkymetacarpal', 'XYZ', 'finger', to('l_pinky2')],
  ['l_pinky2', 'Left Pinky 2', 'l_pinky1', 'XYZ', 'finger', to('l_pinky3')],
  ['l_pinky3', 'Left Pinky 3', 'l_pinky2', 'XYZ', 'finger', extend(1.8)],
  ['l_forearmtwist1', 'Left Forearm Twist 1', 'l_forearm', 'XZY', 'twist', to('l_forearmtwist2')],
  ['l_forearmtwist2', 'Left Forearm Twist 2', 'l_forearm', 'XZY', 'twist', to('l_hand')],
  ['l_upperarmtwist1', 'Left Upper Arm Twist 1', 'l_upperarm', 'XYZ', 'twist', to('l_upperarmtwist2')],
  ['l_upperarmtwist2', 'Left Upper Arm Twist 2', 'l_upperarm', 'XYZ', 'twist', to('l_forearm')],
  // Neck and head
  ['neck1', 'Neck 1', 'spine4', 'YZX', 'body', to('neck2')],
  ['neck2', 'Neck 2', 'neck1', 'YZX', 'body', to('head')],
  ['head', 'Head', 'neck2', 'YZX', 'head', SKULL],
  ['upperteeth', 'Upper Teeth', 'head', 'ZYX', 'face', toward(FORWARD, 2)],
  // Upper face rig: 1 parent + 20 bones
  ['upperfacerig', 'Upper Face Rig', 'head', 'YZX', 'helper', SKULL],
  ['l_browinner', 'Left Brow Inner', 'upperfacerig', 'ZYX', 'face', FACE],
  ['l_browouter', 'Left Brow Outer', 'upperfacerig', 'ZYX', 'face', FACE],
  ['centerbrow', 'Center Brow', 'upperfacerig', 'ZYX', 'face', FACE],
  ['l_squint', 'Left Squint', 'upperfacerig', 'ZYX', 'face', FACE],
  ['l_cheek', 'Left Cheek', 'upperfacerig', 'ZYX', 'face', FACE],
  ['l_nostril', 'Left Nostril', 'upperfacerig', 'ZYX', 'face', FACE],
  ['l_infraorbital', 'Left Infraorbital', 'upperfacerig', 'ZYX', 'face', FACE],
  // Eyelids pivot at the eye centre and, like the eyes, use ZXY (import_daz boneprops).
  ['l_eyelidupper', 'Left Eyelid Upper', 'upperfacerig', 'ZXY', 'face', lid(0.25)],
  ['l_eyelidlower', 'Left Eyelid Lower', 'upperfacerig', 'ZXY', 'face', lid(-0.35)],
  ['lipuppermiddle', 'Lip Upper Middle', 'upperfacerig', 'ZYX', 'face', FACE],
  ['l_lipupper', 'Left Lip Upper', 'upperfacerig', 'ZYX', 'face', FACE],
  ['l_ear', 'Left Ear', 'head', 'XYZ', 'head', EAR],
  // Jaw, teeth, tongue
  ['lowerjaw', 'Lower Jaw', 'head', 'ZYX', 'face', to('chin')],
  ['lowerteeth', 'Lower Teeth', 'lowerjaw', 'ZYX', 'face', toward(FORWARD, 2)],
  ['tongue01', 'Tongue 1', 'lowerteeth', 'ZYX', 'face', to('tongue02')],
  ['tongue02', 'Tongue 2', 'tongue01', 'ZYX', 'face', to('tongue03')],
  ['tongue03', 'Tongue 3', 'tongue02', 'ZYX', 'face', to('tongue04')],
  ['tongue04', 'Tongue 4', 'tongue03', 'ZYX', 'face', to('tongue05')],
  ['tongue05', 'Tongue 5', 'tongue04', 'ZYX', 'face', extend(1)],
  // Lower face rig: 1 parent + 8 bones
  ['lowerfacerig', 'Lower Face Rig', 'lowerjaw', 'ZYX', 'helper', to('chin')],
  ['chin', 'Chin', 'lowerfacerig', 'ZYX', 'face', FACE],
  ['l_lipcorner', 'Left Lip Corner', 'lowerfacerig', 'ZYX', 'face', FACE],
  ['l_liplower', 'Left Lip Lower', 'lowerfacerig', 'ZYX', 'face', FACE],
  ['liplowermiddle', 'Lip Lower Middle', 'lowerfacerig', 'ZYX', 'face', FACE],
  ['l_cheeklower', 'Left Cheek Lower', 'lowerfacerig', 'ZYX', 'face', FACE],
  // Eyes and pectorals
  ['l_eye', 'Left Eye', 'head', 'ZXY', 'eye', toward(FORWARD, 2)],
  ['l_pectoral', 'Left Pectoral', 'spine3', 'ZYX', 'body', PECTORAL],
];
