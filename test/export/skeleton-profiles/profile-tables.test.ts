/**
 * The engine profile tables against the Genesis rigs: every bone of Genesis 8 and Genesis 9 is
 * listed (renamed or deliberately kept), no table names a bone the rig does not have, and over
 * the whole skeleton (right side mirrored) no two bones end up with the same name.
 */
import { describe, expect, it } from 'vitest';
import { GENESIS8_RIG } from '../../../src/bonemaps/genesis/genesis8-rig.js';
import { GENESIS9_RIG } from '../../../src/bonemaps/genesis/genesis9-rig.js';
import { GENESIS8_FEMALE, GENESIS9 } from '../../../src/bonemaps/genesis/index.js';
import { expandTable, SKELETON_PROFILES } from '../../../src/export/skeleton-profiles/profiles.js';

const RIGS = {
  genesis8: { rows: GENESIS8_RIG, skeleton: GENESIS8_FEMALE },
  genesis9: { rows: GENESIS9_RIG, skeleton: GENESIS9 },
} as const;

describe.each(SKELETON_PROFILES.map((p) => [p.id, p] as const))('skeleton profile %s', (_, profile) => {
  for (const generation of ['genesis8', 'genesis9'] as const) {
    const { rows, skeleton } = RIGS[generation];
    it(`lists every ${generation} bone of the rig, and no other`, () => {
      const listed = Object.keys(profile[generation]).sort();
      expect(listed).toEqual(rows.map((r) => r[0]).sort());
    });
    it(`gives every ${generation} bone one name no other bone has`, () => {
      const table = expandTable(profile, profile[generation]);
      const names = skeleton.bones.map((b) => table.get(b.name));
      expect(names.filter((n) => n === undefined)).toEqual([]);
      const seen = new Map<string, string>();
      const clashes: string[] = [];
      skeleton.bones.forEach((b, i) => {
        const n = names[i] as string;
        if (seen.has(n)) clashes.push(`${seen.get(n)} and ${b.name} → ${n}`);
        seen.set(n, b.name);
      });
      expect(clashes).toEqual([]);
      expect(seen.has(profile.rootName), 'the root bone name is free').toBe(false);
    });
  }
});

describe('profile names', () => {
  const names = (id: string, generation: 'genesis8' | 'genesis9') => {
    const profile = SKELETON_PROFILES.find((p) => p.id === id);
    if (!profile) throw new Error(id);
    return expandTable(profile, profile[generation]);
  };
  it('unreal: the UE5 mannequin names, both sides', () => {
    const g9 = names('unreal', 'genesis9');
    expect(
      [
        'hip',
        'spine1',
        'neck1',
        'head',
        'l_shoulder',
        'r_upperarm',
        'l_forearm',
        'r_hand',
        'l_thigh',
        'r_shin',
      ].map((b) => g9.get(b)),
    ).toEqual([
      'pelvis',
      'spine_01',
      'neck_01',
      'head',
      'clavicle_l',
      'upperarm_r',
      'lowerarm_l',
      'hand_r',
      'thigh_l',
      'calf_r',
    ]);
    expect(
      ['l_foot', 'r_toes', 'l_thumb1', 'r_index2', 'l_upperarmtwist1', 'r_forearmtwist2'].map((b) =>
        g9.get(b),
      ),
    ).toEqual(['foot_l', 'ball_r', 'thumb_01_l', 'index_02_r', 'upperarm_twist_01_l', 'lowerarm_twist_02_r']);
    const g8 = names('unreal', 'genesis8');
    expect(
      ['lShldrBend', 'rShldrTwist', 'lForearmBend', 'rThighTwist', 'lCarpal2', 'pelvis'].map((b) =>
        g8.get(b),
      ),
    ).toEqual([
      'upperarm_l',
      'upperarm_twist_01_r',
      'lowerarm_l',
      'thigh_twist_01_r',
      'middle_metacarpal_l',
      'daz_pelvis',
    ]);
  });
  it('unity: HumanBodyBones names', () => {
    const g8 = names('unity', 'genesis8');
    expect(
      [
        'hip',
        'abdomenLower',
        'chestLower',
        'chestUpper',
        'neckLower',
        'head',
        'rCollar',
        'lShldrBend',
        'rForearmBend',
      ].map((b) => g8.get(b)),
    ).toEqual([
      'Hips',
      'Spine',
      'Chest',
      'UpperChest',
      'Neck',
      'Head',
      'RightShoulder',
      'LeftUpperArm',
      'RightLowerArm',
    ]);
    expect(
      ['lThighBend', 'rShin', 'lFoot', 'rToe', 'lThumb1', 'rPinky3', 'lEye', 'lowerJaw'].map((b) =>
        g8.get(b),
      ),
    ).toEqual([
      'LeftUpperLeg',
      'RightLowerLeg',
      'LeftFoot',
      'RightToes',
      'LeftThumbProximal',
      'RightLittleDistal',
      'LeftEye',
      'Jaw',
    ]);
  });
  it('mixamo: mixamorig names', () => {
    const g9 = names('mixamo', 'genesis9');
    expect(
      [
        'hip',
        'spine1',
        'spine3',
        'spine4',
        'neck1',
        'head',
        'l_shoulder',
        'r_upperarm',
        'l_forearm',
        'r_hand',
      ].map((b) => g9.get(b)),
    ).toEqual([
      'mixamorig:Hips',
      'mixamorig:Spine',
      'mixamorig:Spine1',
      'mixamorig:Spine2',
      'mixamorig:Neck',
      'mixamorig:Head',
      'mixamorig:LeftShoulder',
      'mixamorig:RightArm',
      'mixamorig:LeftForeArm',
      'mixamorig:RightHand',
    ]);
    expect(['l_thigh', 'r_shin', 'l_foot', 'r_toes', 'l_thumb1', 'r_mid3'].map((b) => g9.get(b))).toEqual([
      'mixamorig:LeftUpLeg',
      'mixamorig:RightLeg',
      'mixamorig:LeftFoot',
      'mixamorig:RightToeBase',
      'mixamorig:LeftHandThumb1',
      'mixamorig:RightHandMiddle3',
    ]);
  });
});
