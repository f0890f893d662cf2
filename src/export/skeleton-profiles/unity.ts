/**
 * Genesis → Unity Humanoid names: the `HumanBodyBones` names (Hips, Spine, Chest, UpperChest,
 * Neck, Head, LeftShoulder, LeftUpperArm, LeftLowerArm, LeftHand, LeftUpperLeg, LeftLowerLeg,
 * LeftFoot, LeftToes, LeftEye, Jaw, LeftThumbProximal … LeftLittleDistal), which Unity's
 * Humanoid avatar maps by name when the rig type is set to Humanoid. Written without spaces (the
 * enum's spelling, not HumanTrait.BoneName's "Left Thumb Proximal"), so they are also valid USD
 * and Godot names; Godot's SkeletonProfileHumanoid uses the same names for body, arms and legs.
 *
 * Choices:
 * - Unity's torso has three links (Spine, Chest, UpperChest), Genesis four: the second Genesis
 *   link (spine2 / abdomenUpper) has no counterpart and keeps its name. Unity accepts bones
 *   between humanoid bones, as it does the twist bones (kept) between the arm's.
 * - Only the first of Genesis's two neck links is Unity's Neck.
 * - Metacarpals, toes, face rig, twist bones: kept.
 */
import { faceKept8, faceKept9, toesKept8, toesKept9 } from './kept-bones.js';
import { KEEP, type SkeletonProfile } from './profile.js';

const FINGERS = ['Thumb', 'Index', 'Middle', 'Ring', 'Little'] as const;
const PHALANGES = ['Proximal', 'Intermediate', 'Distal'] as const;

/** `{ l_thumb1: 'LeftThumbProximal', … }` for DAZ finger names made by `daz(finger, 1..3)`. */
function fingers(daz: (finger: number, phalanx: number) => string): Record<string, string> {
  const out: Record<string, string> = {};
  FINGERS.forEach((f, i) => {
    PHALANGES.forEach((p, k) => {
      out[daz(i, k + 1)] = `Left${f}${p}`;
    });
  });
  return out;
}

const G9_FINGER = ['thumb', 'index', 'mid', 'ring', 'pinky'];
const G8_FINGER = ['Thumb', 'Index', 'Mid', 'Ring', 'Pinky'];

export const UNITY_PROFILE: SkeletonProfile = {
  id: 'unity',
  label: 'Unity Humanoid',
  sources: [
    'Unity Scripting API, HumanBodyBones (docs.unity3d.com/ScriptReference/HumanBodyBones.html)',
    'Unity Manual, Importing humanoid animations / Avatar mapping (docs.unity3d.com/Manual/ConfiguringtheAvatar.html)',
    'Godot docs, SkeletonProfileHumanoid (docs.godotengine.org/en/4.5/classes/class_skeletonprofilehumanoid.html)',
  ],
  rootName: 'Root',
  rootBoneByDefault: false,
  mirrorName: (name) => name.replace(/^Left/, 'Right'),
  genesis9: {
    hip: 'Hips',
    pelvis: KEEP,
    l_thigh: 'LeftUpperLeg',
    l_thightwist1: KEEP,
    l_thightwist2: KEEP,
    l_shin: 'LeftLowerLeg',
    l_foot: 'LeftFoot',
    l_toes: 'LeftToes',
    ...toesKept9(),
    spine1: 'Spine',
    spine2: KEEP,
    spine3: 'Chest',
    spine4: 'UpperChest',
    l_shoulder: 'LeftShoulder',
    l_upperarm: 'LeftUpperArm',
    l_upperarmtwist1: KEEP,
    l_upperarmtwist2: KEEP,
    l_forearm: 'LeftLowerArm',
    l_forearmtwist1: KEEP,
    l_forearmtwist2: KEEP,
    l_hand: 'LeftHand',
    l_hand_anchor: KEEP,
    l_indexmetacarpal: KEEP,
    l_midmetacarpal: KEEP,
    l_ringmetacarpal: KEEP,
    l_pinkymetacarpal: KEEP,
    ...fingers((f, k) => `l_${G9_FINGER[f]}${k}`),
    neck1: 'Neck',
    neck2: KEEP,
    head: 'Head',
    ...faceKept9(),
    l_eye: 'LeftEye',
    lowerjaw: 'Jaw',
  },
  genesis8: {
    hip: 'Hips',
    pelvis: KEEP,
    lThighBend: 'LeftUpperLeg',
    lThighTwist: KEEP,
    lShin: 'LeftLowerLeg',
    lFoot: 'LeftFoot',
    lToe: 'LeftToes',
    ...toesKept8(),
    abdomenLower: 'Spine',
    abdomenUpper: KEEP,
    chestLower: 'Chest',
    chestUpper: 'UpperChest',
    lCollar: 'LeftShoulder',
    lShldrBend: 'LeftUpperArm',
    lShldrTwist: KEEP,
    lForearmBend: 'LeftLowerArm',
    lForearmTwist: KEEP,
    lHand: 'LeftHand',
    lCarpal1: KEEP,
    lCarpal2: KEEP,
    lCarpal3: KEEP,
    lCarpal4: KEEP,
    ...fingers((f, k) => `l${G8_FINGER[f]}${k}`),
    neckLower: 'Neck',
    neckUpper: KEEP,
    head: 'Head',
    ...faceKept8(),
    lEye: 'LeftEye',
    lowerJaw: 'Jaw',
  },
};
