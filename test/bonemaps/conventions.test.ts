import { describe, expect, it } from 'vitest';
import { CANONICAL_JOINTS } from '../../src/bonemaps/canonical.js';
import { SOURCE_CONVENTIONS } from '../../src/bonemaps/conventions/tables.js';
import { detectConvention, mapJoints } from '../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../src/bonemaps/genesis/genesis-maps.js';
import { getSkeletonDefinition } from '../../src/bonemaps/genesis/index.js';
import { parseUserBoneMap } from '../../src/bonemaps/user-map.js';

const CMU_NAMES =
  'Hips LHipJoint LeftUpLeg LeftLeg LeftFoot LeftToeBase RHipJoint RightUpLeg RightLeg RightFoot RightToeBase LowerBack Spine Spine1 Neck Neck1 Head LeftShoulder LeftArm LeftForeArm LeftHand LeftFingerBase LFingers LThumb RightShoulder RightArm RightForeArm RightHand RightFingerBase RFingers RThumb'.split(
    ' ',
  );
const BIOVISION_NAMES =
  'Hips Ab Chest Neck Head LeftCollar LeftShoulder LeftElbow LeftWrist RightCollar RightShoulder RightElbow RightWrist LeftHip LeftKnee LeftAnkle LeftToes RightHip RightKnee RightAnkle RightToes'.split(
    ' ',
  );
const MIXAMO_NAMES = [
  'Hips',
  'Spine',
  'Spine1',
  'Spine2',
  'Neck',
  'Head',
  'HeadTop_End',
  'LeftShoulder',
  'LeftArm',
  'LeftForeArm',
  'LeftHand',
  'RightShoulder',
  'RightArm',
  'RightForeArm',
  'RightHand',
  'LeftUpLeg',
  'LeftLeg',
  'LeftFoot',
  'LeftToeBase',
  'RightUpLeg',
  'RightLeg',
  'RightFoot',
  'RightToeBase',
];

describe('Genesis maps', () => {
  for (const [id, map] of Object.entries(GENESIS_MAPS)) {
    it(`${id}: every mapped bone and twist bone exists in the figure, in the right place`, () => {
      const def = getSkeletonDefinition(id);
      if (!def) throw new Error(id);
      const byName = new Map(def.bones.map((b) => [b.name, b]));
      for (const [canonical, bone] of Object.entries(map.bones)) {
        expect(byName.has(bone as string), `${canonical} → ${bone}`).toBe(true);
        expect(CANONICAL_JOINTS).toContain(canonical);
      }
      for (const g of map.twists) {
        for (const t of g.twists) {
          const twist = byName.get(t);
          expect(twist?.role, t).toBe('twist');
          if (g.layout === 'side') expect(twist?.parent).toBe(g.main);
        }
        if (g.layout === 'chain') expect(byName.get(g.twists[0])?.parent).toBe(g.main);
      }
      expect(Object.keys(map.bones).length).toBeGreaterThanOrEqual(8 + 8 * 2 + 15 * 2);
    });
  }
});

describe('convention detection', () => {
  it('recognises CMU, Biovision and Mixamo skeletons and maps every body joint', () => {
    const cmu = detectConvention(CMU_NAMES)[0];
    expect(cmu.convention.id).toBe('cmu');
    expect(cmu.unmapped).toEqual([]);
    expect(cmu.canonical.get(CMU_NAMES.indexOf('LowerBack'))).toBe('spineLower');
    expect(cmu.canonical.get(CMU_NAMES.indexOf('RightForeArm'))).toBe('r_forearm');
    const bio = detectConvention(BIOVISION_NAMES)[0];
    expect(bio.convention.id).toBe('biovision');
    expect(bio.canonical.get(BIOVISION_NAMES.indexOf('LeftShoulder'))).toBe('l_upperArm'); // Biovision's "shoulder" is the upper arm
    const mix = detectConvention(MIXAMO_NAMES)[0];
    expect(mix.convention.id).toBe('mixamo');
    expect(mix.unmapped).toEqual([]);
  });

  it('reads Mixamo names with or without the mixamorig: namespace alike', () => {
    const prefixed = MIXAMO_NAMES.map((n) => `mixamorig:${n}`);
    const a = detectConvention(prefixed)[0];
    expect(a.convention.id).toBe('mixamo');
    expect([...a.canonical.values()]).toEqual([...detectConvention(MIXAMO_NAMES)[0].canonical.values()]);
  });

  it('reports joints it cannot map, and scores a foreign skeleton low', () => {
    const names = [...CMU_NAMES, 'Tail1', 'Tail2'];
    expect(detectConvention(names)[0].unmapped).toEqual(['Tail1', 'Tail2']);
    const robot = detectConvention(['base', 'link1', 'link2', 'gripper'])[0];
    expect(robot.score).toBeLessThan(0.2);
  });

  it('maps 3ds Max Biped and Poser names, and DAZ Genesis bone names as a source', () => {
    const biped = mapJoints(
      ['Bip01 Pelvis', 'Bip01 Spine', 'Bip01 L Thigh', 'Bip01 R UpperArm'],
      SOURCE_CONVENTIONS.find((c) => c.id === 'max-biped')!,
    );
    expect([...biped.canonical.values()]).toEqual(['hips', 'spineLower', 'l_thigh', 'r_upperArm']);
    const g9 = detectConvention(getSkeletonDefinition('genesis9').bones.map((b) => b.name))[0];
    expect(g9.convention.id).toBe('genesis9');
  });
});

describe('user bone maps', () => {
  it('builds a convention from JSON, on top of a built-in one', () => {
    const conv = parseUserBoneMap(
      JSON.stringify({ convention: 'mixamo', joints: { Bip_Head: 'head', Tail01: null } }),
      'map.json',
    );
    const m = mapJoints(['Hips', 'Bip_Head', 'Tail01', 'Other'], conv);
    expect([...m.canonical.values()]).toEqual(['hips', 'head']);
    expect(m.unmapped).toEqual(['Other']);
  });

  it('names the file and the entry when the map is wrong', () => {
    expect(() => parseUserBoneMap('{', 'm.json')).toThrowError(/m\.json: not valid JSON/);
    expect(() => parseUserBoneMap('{"joints": {"A": "elbow"}}', 'm.json')).toThrowError(
      /m\.json: joints\.A: expected a canonical joint/,
    );
    expect(() => parseUserBoneMap('{"convention": "x", "joints": {}}', 'm.json')).toThrowError(
      /convention: expected one of cmu, mixamo/,
    );
    expect(() => parseUserBoneMap('[]', 'm.json')).toThrowError(
      expect.objectContaining({ code: 'DAZPORT_BONEMAP_INVALID' }),
    );
  });
});
