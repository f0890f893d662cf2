import { describe, expect, it } from 'vitest';
import { missingBodyJoints } from '../../src/bonemaps/body-coverage.js';
import { CANONICAL_JOINTS } from '../../src/bonemaps/canonical.js';
import { SOURCE_CONVENTIONS } from '../../src/bonemaps/conventions/tables.js';
import { detectConvention, mapJoints } from '../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../src/bonemaps/genesis/genesis-maps.js';
import { getSkeletonDefinition } from '../../src/bonemaps/genesis/index.js';
import { SPINE_SLOTS, spineSlots } from '../../src/bonemaps/spine-slots.js';
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

/**
 * Joint lists as the families' files have them. Where each list comes from is said at its
 * table (src/bonemaps/conventions/tables.ts, dataset-tables.ts); what was not seen in a real
 * file is marked here too.
 */
const sides = (left: string[], toRight: (n: string) => string) => [...left, ...left.map(toRight)];

// Rokoko Newton, in the order an Unreal importer lists them. Unverified: whether `Newton` and
// `Root` are BVH joints or only FBX nodes (they map to nothing either way).
const ROKOKO_FINGER_NAMES = [
  'LeftFinger1Metacarpal',
  'LeftFinger1Proximal',
  'LeftFinger1Distal',
  ...[2, 3, 4, 5].flatMap((f) =>
    ['Metacarpal', 'Proximal', 'Medial', 'Distal'].map((s) => `LeftFinger${f}${s}`),
  ),
];
const ROKOKO_NAMES = [
  'Newton',
  'Root',
  'Hips',
  ...sides(['LeftThigh', 'LeftShin', 'LeftFoot', 'LeftToe'], (n) => n.replace('Left', 'Right')),
  'Spine1',
  'Spine2',
  'Spine3',
  'Spine4',
  ...sides(['LeftShoulder', 'LeftArm', 'LeftForeArm', 'LeftHand', ...ROKOKO_FINGER_NAMES], (n) =>
    n.replace('Left', 'Right'),
  ),
  'Neck',
  'Head',
];
// Bandai-Namco: the body names seen in a map written for the dataset; `joint_Root` from the
// project's reference notes (not seen in a file here); the order is a guess.
const BANDAI_NAMES = [
  'joint_Root',
  'Hips',
  'Spine',
  'Chest',
  'Neck',
  'Head',
  ...sides(['Shoulder_L', 'UpperArm_L', 'LowerArm_L', 'Hand_L'], (n) => n.replace(/_L$/, '_R')),
  ...sides(['UpperLeg_L', 'LowerLeg_L', 'Foot_L', 'Toes_L'], (n) => n.replace(/_L$/, '_R')),
];
// GAMES-105: exactly as a GAMES-105 BVH loader printed them (end sites included).
const GAMES105_NAMES =
  'RootJoint lHip lKnee lAnkle lToeJoint lToeJoint_end rHip rKnee rAnkle rToeJoint rToeJoint_end pelvis_lowerback lowerback_torso torso_head torso_head_end lTorso_Clavicle lShoulder lElbow lWrist lWrist_end rTorso_Clavicle rShoulder rElbow rWrist rWrist_end'.split(
    ' ',
  );
// OpenSim (Rajagopal-style joint names, seen in model code). Unverified: a BVH written from it.
const OPENSIM_NAMES =
  'ground_pelvis hip_r walker_knee_r patellofemoral_r ankle_r subtalar_r mtp_r hip_l walker_knee_l patellofemoral_l ankle_l subtalar_l mtp_l back acromial_r elbow_r radioulnar_r radius_hand_r acromial_l elbow_l radioulnar_l radius_hand_l'.split(
    ' ',
  );
// Perfume / extended Biovision: the hierarchy of UniVRM's BVH test ("mocap2"), in file order.
const PERFUME_NAMES =
  'Hips Chest Chest2 Chest3 Chest4 Neck Head RightCollar RightShoulder RightElbow RightWrist LeftCollar LeftShoulder LeftElbow LeftWrist RightHip RightKnee RightAnkle RightToe LeftHip LeftKnee LeftAnkle LeftToe'.split(
    ' ',
  );
// MocapBank / mocapdata.com: Biovision with Chest, Chest2 and no toes (UniVRM's test file).
const MOCAPBANK_NAMES =
  'Hips LeftHip LeftKnee LeftAnkle RightHip RightKnee RightAnkle Chest Chest2 LeftCollar LeftShoulder LeftElbow LeftWrist RightCollar RightShoulder RightElbow RightWrist Neck Head'.split(
    ' ',
  );

function best(names: readonly string[]) {
  const mapping = detectConvention(names)[0];
  const of = (name: string) => mapping.canonical.get(names.indexOf(name));
  return { mapping, of };
}

describe('issue 12 conventions', () => {
  it.each([
    ['rokoko', ROKOKO_NAMES],
    ['bandai', BANDAI_NAMES],
    ['games105', GAMES105_NAMES],
    ['perfume', PERFUME_NAMES],
    ['biovision', MOCAPBANK_NAMES],
  ])('%s: detected best and body-complete, every joint placed', (id, names) => {
    const { mapping } = best(names);
    expect(mapping.convention.id).toBe(id);
    expect(missingBodyJoints(mapping)).toEqual([]);
    expect(mapping.unmapped).toEqual([]);
  });

  it('Rokoko Newton: Thigh/Shin legs, Spine1 … Spine4 over the four spine slots, Shoulder is the clavicle', () => {
    const { mapping, of } = best(ROKOKO_NAMES);
    expect([of('LeftThigh'), of('RightShin'), of('LeftToe')]).toEqual(['l_thigh', 'r_shin', 'l_toes']);
    expect(['Spine1', 'Spine2', 'Spine3', 'Spine4'].map(of)).toEqual([
      'spineLower',
      'spineMid',
      'chest',
      'chestUpper',
    ]);
    expect([of('LeftShoulder'), of('LeftArm'), of('Neck'), of('Head')]).toEqual([
      'l_clavicle',
      'l_upperArm',
      'neck',
      'head',
    ]);
    // Thumb: three joints; fingers: the knuckle joint is named Metacarpal, Distal is a helper.
    expect(['LeftFinger1Metacarpal', 'LeftFinger1Proximal', 'LeftFinger1Distal'].map(of)).toEqual([
      'l_thumb1',
      'l_thumb2',
      'l_thumb3',
    ]);
    expect(['RightFinger5Metacarpal', 'RightFinger5Proximal', 'RightFinger5Medial'].map(of)).toEqual([
      'r_pinky1',
      'r_pinky2',
      'r_pinky3',
    ]);
    expect(of('LeftFinger2Distal')).toBeUndefined();
    expect(mapping.canonical.size).toBe(1 + 4 + 2 + 2 * (8 + 15));
  });

  it('Bandai-Namco: Shoulder_L is the clavicle, the top spine joint the chest, joint_Root a helper', () => {
    const { of } = best(BANDAI_NAMES);
    expect(['Hips', 'Spine', 'Chest', 'Neck', 'Head'].map(of)).toEqual([
      'hips',
      'spineLower',
      'chest',
      'neck',
      'head',
    ]);
    expect(['Shoulder_L', 'UpperArm_L', 'LowerArm_R', 'Hand_R'].map(of)).toEqual([
      'l_clavicle',
      'l_upperArm',
      'r_forearm',
      'r_hand',
    ]);
    expect(['UpperLeg_R', 'LowerLeg_L', 'Foot_L', 'Toes_R'].map(of)).toEqual([
      'r_thigh',
      'l_shin',
      'l_foot',
      'r_toes',
    ]);
    expect(of('joint_Root')).toBeUndefined();
  });

  it('GAMES-105: lShoulder is the upper arm, torso_head the head, the clavicles hang from the chest', () => {
    const { of } = best(GAMES105_NAMES);
    expect(['RootJoint', 'pelvis_lowerback', 'lowerback_torso', 'torso_head'].map(of)).toEqual([
      'hips',
      'spineLower',
      'chest',
      'head',
    ]);
    expect(['lTorso_Clavicle', 'lShoulder', 'lElbow', 'lWrist'].map(of)).toEqual([
      'l_clavicle',
      'l_upperArm',
      'l_forearm',
      'l_hand',
    ]);
    expect(['rHip', 'rKnee', 'rAnkle', 'rToeJoint'].map(of)).toEqual([
      'r_thigh',
      'r_shin',
      'r_foot',
      'r_toes',
    ]);
  });

  it('OpenSim joint names land in the same family; they have no head, which coverage reports', () => {
    const { mapping, of } = best(OPENSIM_NAMES);
    expect(mapping.convention.id).toBe('games105');
    expect(['hip_l', 'walker_knee_r', 'acromial_l', 'radius_hand_r', 'back'].map(of)).toEqual([
      'l_thigh',
      'r_shin',
      'l_upperArm',
      'r_hand',
      'spineLower',
    ]);
    expect(missingBodyJoints(mapping)).toEqual(['head']);
    expect(mapping.unmapped).toEqual([]);
  });

  it('Perfume: Chest … Chest4 fill the four spine slots; Biovision limb names (Shoulder = upper arm)', () => {
    const { of } = best(PERFUME_NAMES);
    expect(['Chest', 'Chest2', 'Chest3', 'Chest4'].map(of)).toEqual([
      'spineLower',
      'spineMid',
      'chest',
      'chestUpper',
    ]);
    expect(['LeftCollar', 'LeftShoulder', 'RightWrist', 'RightToe'].map(of)).toEqual([
      'l_clavicle',
      'l_upperArm',
      'r_hand',
      'r_toes',
    ]);
    // A two-joint chest chain: the lowest is the lower back, the one the collars hang from the chest.
    const bank = best(MOCAPBANK_NAMES);
    expect(['Chest', 'Chest2'].map(bank.of)).toEqual(['spineLower', 'chest']);
  });

  it('a spine longer than the canonical one keeps its ends and marks the extra joints as helpers', () => {
    const names = [...MIXAMO_NAMES.slice(0, 4), 'Spine3', 'Spine4', ...MIXAMO_NAMES.slice(4)];
    const { mapping, of } = best(names);
    expect(['Spine', 'Spine1', 'Spine3', 'Spine4'].map(of)).toEqual([
      'spineLower',
      'spineMid',
      'chest',
      'chestUpper',
    ]);
    expect(mapping.helpers).toEqual(['Spine2']);
    expect(mapping.unmapped).toEqual([]);
    expect(missingBodyJoints(mapping)).toEqual([]);
  });
});

describe('spineSlots', () => {
  it('keeps the ends and the order for chains of 1 to 12 joints', () => {
    expect(spineSlots(1)).toEqual(['spineLower']);
    expect(spineSlots(2)).toEqual(['spineLower', 'chest']);
    expect(spineSlots(3)).toEqual(['spineLower', 'spineMid', 'chest']);
    expect(spineSlots(4)).toEqual(['spineLower', 'spineMid', 'chest', 'chestUpper']);
    for (let n = 1; n <= 12; n++) {
      const slots = spineSlots(n);
      const used = slots.filter((s) => s !== null);
      expect(slots).toHaveLength(n);
      expect(slots[0]).toBe('spineLower');
      expect(slots[n - 1]).toBe(n >= 4 ? 'chestUpper' : n === 1 ? 'spineLower' : 'chest');
      expect(new Set(used).size).toBe(used.length);
      const order = used.map((s) => SPINE_SLOTS.indexOf(s as (typeof SPINE_SLOTS)[number]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(used).toHaveLength(Math.min(n, 4));
    }
  });
});

describe('tolerant detection', () => {
  it('reads Mixamo names under MotionBuilder and Blender prefixes and with separators alike', () => {
    const plain = detectConvention(MIXAMO_NAMES)[0];
    for (const spell of [
      (n: string) => `Character1_${n}`,
      (n: string) => `Armature|${n}`,
      (n: string) => `mixamorig1:${n.replace(/(?<=[a-z])(?=[A-Z])/g, '_')}`,
    ]) {
      const names = MIXAMO_NAMES.map(spell);
      const m = detectConvention(names)[0];
      expect(m.convention.id, names[15]).toBe('mixamo');
      expect([...m.canonical.values()]).toEqual([...plain.canonical.values()]);
    }
    // Unambiguous names keep their meaning: Mixamo's LeftLeg is the shin.
    expect(plain.canonical.get(MIXAMO_NAMES.indexOf('LeftLeg'))).toBe('l_shin');
  });

  it('reads Bandai-style names with any side spelling, and Unity humanoid names', () => {
    const reference = [...best(BANDAI_NAMES).mapping.canonical.values()];
    const variants = [
      (n: string) => n.replace(/^(\w+)_([LR])$/, '$2_$1'), // L_UpperArm
      (n: string) => n.replace(/_([LR])$/, '.$1').toLowerCase(), // upperarm.l
      (n: string) => n.replace(/^(\w+)_L$/, 'Left$1').replace(/^(\w+)_R$/, 'Right$1'), // LeftUpperArm
      (n: string) => n.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase(), // upper_arm_l
    ];
    for (const variant of variants) {
      const names = BANDAI_NAMES.map(variant);
      const m = detectConvention(names)[0];
      expect(m.convention.id, names.join(' ')).toBe('bandai');
      expect([...m.canonical.values()]).toEqual(reference);
    }
  });

  it('reads 3ds Max Biped names with Bip001 and underscores', () => {
    const names = [
      'Bip001 Pelvis',
      'Bip001_Spine',
      'Bip001_Spine1',
      'Bip001 L Thigh',
      'Bip001_R_Calf',
      'Bip001 R UpperArm',
    ];
    const m = detectConvention(names)[0];
    expect(m.convention.id).toBe('max-biped');
    expect([...m.canonical.values()]).toEqual([
      'hips',
      'spineLower',
      'chest',
      'l_thigh',
      'r_shin',
      'r_upperArm',
    ]);
  });

  it('still maps Genesis 8 bone names (lShldrBend is the upper arm)', () => {
    const names = getSkeletonDefinition('genesis8female').bones.map((b) => b.name);
    const m = detectConvention(names)[0];
    expect(m.convention.id).toBe('genesis8');
    expect(m.canonical.get(names.indexOf('lShldrBend'))).toBe('l_upperArm');
    expect(m.canonical.get(names.indexOf('rThighBend'))).toBe('r_thigh');
    expect(missingBodyJoints(m)).toEqual([]);
  });
});

describe('user bone maps over a base convention', () => {
  it('an entry of the user wins over the base: a new meaning, or null to leave a joint out', () => {
    const conv = parseUserBoneMap(
      JSON.stringify({
        convention: 'mixamo',
        joints: { LeftShoulder: 'l_upperArm', LeftArm: null, Spine1: null },
      }),
      'map.json',
    );
    const m = mapJoints(MIXAMO_NAMES, conv);
    const of = (n: string) => m.canonical.get(MIXAMO_NAMES.indexOf(n));
    expect([of('LeftShoulder'), of('RightShoulder'), of('LeftArm')]).toEqual([
      'l_upperArm',
      'r_clavicle',
      undefined,
    ]);
    // Spine1 is out of the chain: Spine and Spine2 are a two-joint spine now.
    expect([of('Spine'), of('Spine1'), of('Spine2')]).toEqual(['spineLower', undefined, 'chest']);
    expect(m.unmapped).toEqual([]);
  });
});
