import { describe, expect, it } from 'vitest';
import {
  type BoneDefinition,
  GENESIS8_FEMALE,
  GENESIS8_MALE,
  GENESIS9,
  getSkeletonDefinition,
  mirrorBoneName,
  SKELETON_DEFINITIONS,
  type SkeletonDefinition,
  type Vec3Tuple,
} from '../../src/bonemaps/genesis/index.js';

type V = Vec3Tuple;

const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const len = (v: V): number => Math.hypot(v[0], v[1], v[2]);
const dist = (a: V, b: V): number => len(sub(a, b));
const deg = (rad: number): number => (rad * 180) / Math.PI;

/** Rotates v by unit quaternion [x, y, z, w] via its rotation matrix (independent of the builder's code). */
function rotate(q: [number, number, number, number], v: V): V {
  const [x, y, z, w] = q;
  const m = [
    [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
    [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
    [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
  ];
  return [0, 1, 2].map((r) => m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2]) as V;
}

function bones(def: SkeletonDefinition): Map<string, BoneDefinition> {
  return new Map(def.bones.map((b) => [b.name, b]));
}

function bone(def: SkeletonDefinition, name: string): BoneDefinition {
  const b = bones(def).get(name);
  if (!b) throw new Error(`${def.id}: no bone ${name}`);
  return b;
}

const isRight = (name: string): boolean => name.startsWith('r_') || /^r[A-Z]/.test(name);

/** Figure-specific names for the measurements of §5. */
interface Measure {
  def: SkeletonDefinition;
  hip: number;
  eye: number;
  upperArmAngle: number;
  splay: number;
  thigh: number;
  shin: number;
  upperArm: number;
  forearm: number;
  n: {
    thigh: string;
    shin: string;
    foot: string;
    upperArm: string;
    forearm: string;
    hand: string;
    eye: string;
  };
}

const G8_NAMES = {
  thigh: 'lThighBend',
  shin: 'lShin',
  foot: 'lFoot',
  upperArm: 'lShldrBend',
  forearm: 'lForearmBend',
  hand: 'lHand',
  eye: 'lEye',
};
const G9_NAMES = {
  thigh: 'l_thigh',
  shin: 'l_shin',
  foot: 'l_foot',
  upperArm: 'l_upperarm',
  forearm: 'l_forearm',
  hand: 'l_hand',
  eye: 'l_eye',
};

// Reference §5 "Rest pose (measured from S1 heads)".
const MEASURES: Measure[] = [
  {
    def: GENESIS8_FEMALE,
    hip: 105.2,
    eye: 168.6,
    upperArmAngle: 48.1,
    splay: 8.1,
    thigh: 46.3,
    shin: 42.9,
    upperArm: 26.1,
    forearm: 26.4,
    n: G8_NAMES,
  },
  {
    def: GENESIS8_MALE,
    hip: 103.6,
    eye: 169.7,
    upperArmAngle: 48.5,
    splay: 8.8,
    thigh: 45.1,
    shin: 42.6,
    upperArm: 26.0,
    forearm: 28.4,
    n: G8_NAMES,
  },
  {
    def: GENESIS9,
    hip: 97.1,
    eye: 159.1,
    upperArmAngle: 47.2,
    splay: 2.3,
    thigh: 40.5,
    shin: 41.9,
    upperArm: 24.8,
    forearm: 25.8,
    n: G9_NAMES,
  },
];

// Reference §5 joint-centre tables: [bone, parent, rotation order, G8F head, G8M head].
const G8_TABLE: [string, string | null, string, V, V][] = [
  ['hip', null, 'YZX', [0.0, 105.2, 1.8], [0.0, 103.6, 1.9]],
  ['pelvis', 'hip', 'YZX', [0.0, 107.0, 1.9], [0.0, 105.5, 1.8]],
  ['abdomenLower', 'hip', 'YZX', [0.0, 106.9, 0.3], [0.0, 105.4, 0.2]],
  ['abdomenUpper', 'abdomenLower', 'YZX', [0.0, 115.1, 1.5], [0.0, 113.8, 0.7]],
  ['chestLower', 'abdomenUpper', 'YZX', [0.0, 123.0, 1.1], [0.0, 122.1, 0]],
  ['chestUpper', 'chestLower', 'YZX', [0.0, 136.1, -2.5], [0.0, 135.2, -3.5]],
  ['neckLower', 'chestUpper', 'YZX', [0.0, 154.3, -4.0], [0.0, 154.2, -4.3]],
  ['neckUpper', 'neckLower', 'YZX', [0.0, 157.6, -2.0], [0.0, 157.7, -2.1]],
  ['head', 'neckUpper', 'YZX', [0.0, 162.6, -1.8], [0.0, 163.2, -1.9]],
  ['lowerJaw', 'head', 'ZYX', [0.0, 164.1, 0.1], [0.0, 164.9, 0.2]],
  ['lEye', 'head', 'ZXY', [3.3, 168.6, 6.2], [3.3, 169.7, 6.3]],
  ['lEar', 'head', 'XYZ', [6.9, 166.6, -1.3], [6.8, 167.6, -1.1]],
  ['lPectoral', 'chestLower', 'ZYX', [3.1, 131.8, -7.5], [3.7, 130.4, -9.3]],
  ['lCollar', 'chestUpper', 'XYZ', [3.5, 147.0, -4.1], [4.1, 146.5, -4.6]],
  ['lShldrBend', 'lCollar', 'XYZ', [15.4, 145.6, -4.9], [18.0, 145.6, -5.7]],
  ['lShldrTwist', 'lShldrBend', 'XYZ', [23.2, 136.9, -4.7], [26.2, 136.4, -5.2]],
  ['lForearmBend', 'lShldrTwist', 'XZY', [32.9, 126.2, -4.9], [35.2, 126.1, -5.0]],
  ['lForearmTwist', 'lForearmBend', 'XZY', [41.2, 118.1, -1.5], [44.3, 117.2, -1.7]],
  ['lHand', 'lForearmTwist', 'XYZ', [51.0, 108.5, 2.2], [54.7, 106.6, 2.0]],
  ['lThumb1', 'lHand', 'XZY', [51.5, 106.9, 3.8], [55.2, 104.9, 3.7]],
  ['lCarpal1', 'lHand', 'XYZ', [51.5, 108.5, 3.3], [55.3, 106.6, 3.2]],
  ['lIndex1', 'lCarpal1', 'XYZ', [56.4, 103.0, 5.3], [60.7, 100.7, 5.7]],
  ['lMid1', 'lCarpal2', 'XYZ', [56.9, 102.9, 3.2], [61.2, 100.5, 3.4]],
  ['lThighBend', 'pelvis', 'YZX', [7.9, 96.4, 0.4], [7.6, 94.5, 0.8]],
  ['lThighTwist', 'lThighBend', 'YZX', [10.8, 75.7, 0], [10.2, 73.8, 0.3]],
  ['lShin', 'lThighTwist', 'YZX', [14.3, 50.6, -1.8], [14.5, 50.0, -2.0]],
  ['lFoot', 'lShin', 'ZYX', [20.5, 8.3, -4.7], [21.1, 8.0, -4.6]],
  ['lMetatarsals', 'lFoot', 'ZYX', [20.6, 7.8, -5.4], [20.8, 7.4, -5.2]],
  ['lToe', 'lMetatarsals', 'ZYX', [24.6, 3.1, 7.0], [24.9, 2.9, 8.1]],
  ['lBigToe', 'lToe', 'ZYX', [21.5, 3.2, 8.1], [21.6, 3.0, 9.2]],
  ['lSmallToe1', 'lToe', 'ZYX', [23.9, 3.5, 8.0], [24.2, 3.5, 9.2]],
];

const G9_TABLE: [string, string | null, string, V][] = [
  ['hip', null, 'YZX', [0.0, 97.1, 0.5]],
  ['pelvis', 'hip', 'YZX', [0.0, 99.0, -0.3]],
  ['spine1', 'hip', 'YZX', [0.0, 98.9, -0.8]],
  ['spine2', 'spine1', 'YZX', [0.0, 106.8, -1.1]],
  ['spine3', 'spine2', 'YZX', [0.0, 114.3, -2.3]],
  ['spine4', 'spine3', 'YZX', [0.0, 126.8, -3.5]],
  ['neck1', 'spine4', 'YZX', [0.0, 140.7, -3.0]],
  ['neck2', 'neck1', 'YZX', [0.0, 146.7, -0.7]],
  ['head', 'neck2', 'YZX', [0.0, 153.3, -0.6]],
  ['lowerjaw', 'head', 'ZYX', [0.0, 154.5, 2.0]],
  ['l_eye', 'head', 'ZXY', [3.0, 159.1, 7.4]],
  ['l_ear', 'head', 'XYZ', [6.5, 157.3, -0.2]],
  ['l_pectoral', 'spine3', 'ZYX', [4.9, 125.3, 0.3]],
  ['l_shoulder', 'spine4', 'XYZ', [3.5, 135.5, -3.6]],
  ['l_upperarm', 'l_shoulder', 'XYZ', [16.2, 134.7, -4.4]],
  ['l_upperarmtwist1', 'l_upperarm', 'XYZ', [19.4, 131.2, -4.2]],
  ['l_forearm', 'l_upperarm', 'XZY', [33.0, 116.6, -3.9]],
  ['l_forearmtwist1', 'l_forearm', 'XZY', [37.2, 112.7, -2.5]],
  ['l_hand', 'l_forearm', 'XYZ', [51.5, 99.8, 2.3]],
  ['l_hand_anchor', 'l_hand', 'ZYX', [54.1, 93.1, 2.8]],
  ['l_thumb1', 'l_hand', 'XZY', [51.7, 97.9, 4.1]],
  ['l_indexmetacarpal', 'l_hand', 'XYZ', [51.9, 99.5, 3.6]],
  ['l_index1', 'l_indexmetacarpal', 'XYZ', [56.7, 94.0, 5.8]],
  ['l_mid1', 'l_midmetacarpal', 'XYZ', [57.2, 93.8, 3.7]],
  ['l_thigh', 'pelvis', 'YZX', [7.6, 88.7, -0.4]],
  ['l_thightwist1', 'l_thigh', 'YZX', [8.2, 75.6, -0.8]],
  ['l_shin', 'l_thigh', 'YZX', [9.3, 48.2, -1.8]],
  ['l_foot', 'l_shin', 'ZYX', [11.0, 6.4, -4.6]],
  ['l_metatarsal', 'l_foot', 'ZYX', [11.1, 6.4, -4.4]],
  ['l_toes', 'l_foot', 'ZYX', [14.4, 1.7, 8.3]],
  ['l_bigtoe1', 'l_toes', 'ZYX', [11.6, 2.0, 9.4]],
  ['l_indextoe1', 'l_toes', 'ZYX', [13.7, 2.3, 9.3]],
];

describe('Genesis skeleton definitions: structure', () => {
  it('has the real bone counts (G8/G8.1: 170, G9: 143)', () => {
    expect(GENESIS8_FEMALE.bones).toHaveLength(170);
    expect(GENESIS8_MALE.bones).toHaveLength(170);
    expect(GENESIS9.bones).toHaveLength(143);
  });

  it('identifies the figures and looks them up by id', () => {
    expect(SKELETON_DEFINITIONS.map((d) => d.id)).toEqual(['genesis8female', 'genesis8male', 'genesis9']);
    expect(getSkeletonDefinition('genesis8female')).toBe(GENESIS8_FEMALE);
    expect(getSkeletonDefinition('genesis8male')).toBe(GENESIS8_MALE);
    expect(getSkeletonDefinition('genesis9')).toBe(GENESIS9);
    expect(getSkeletonDefinition('genesis3female')).toBeUndefined();
    expect(GENESIS8_FEMALE.figureName).toBe('Genesis8Female');
    expect(GENESIS8_MALE.figureLabel).toBe('Genesis 8 Male');
    expect(GENESIS9.figureName).toBe('Genesis9');
  });

  it('G8 Female and Male share names, hierarchy and rotation orders', () => {
    const shape = (d: SkeletonDefinition) =>
      d.bones.map((b) => [b.name, b.parent, b.rotationOrder, b.label, b.role]);
    expect(shape(GENESIS8_MALE)).toEqual(shape(GENESIS8_FEMALE));
  });

  for (const def of SKELETON_DEFINITIONS) {
    describe(def.id, () => {
      it('has unique names and labels', () => {
        expect(new Set(def.bones.map((b) => b.name)).size).toBe(def.bones.length);
        expect(new Set(def.bones.map((b) => b.label)).size).toBe(def.bones.length);
      });

      it('lists parents first, with hip as the only root', () => {
        expect(def.bones[0].name).toBe('hip');
        expect(def.bones[0].parent).toBeNull();
        expect(def.bones[0].role).toBe('root');
        const seen = new Set<string>();
        for (const b of def.bones) {
          if (b !== def.bones[0]) {
            expect(b.parent, b.name).not.toBeNull();
            expect(seen.has(b.parent as string), `${b.name}'s parent ${b.parent} comes first`).toBe(true);
          }
          seen.add(b.name);
        }
      });

      it('mirrors every right bone from its left bone', () => {
        const map = bones(def);
        let pairs = 0;
        for (const left of def.bones) {
          const twin = mirrorBoneName(left.name);
          if (twin === undefined) continue;
          const right = map.get(twin);
          expect(right, `${twin} exists`).toBeDefined();
          if (!right) continue;
          pairs++;
          expect(right.origin).toEqual([-left.origin[0], left.origin[1], left.origin[2]]);
          expect(right.end).toEqual([-left.end[0], left.end[1], left.end[2]]);
          expect(right.rotationOrder).toBe(left.rotationOrder);
          expect(right.role).toBe(left.role);
          expect(right.parent).toBe(
            left.parent === null ? null : (mirrorBoneName(left.parent) ?? left.parent),
          );
          expect(right.label).toBe(left.label.replace('Left', 'Right'));
          const [x, y, z, w] = left.orientation;
          const [rx, ry, rz, rw] = right.orientation;
          expect([rx, ry, rz, rw]).toEqual([x, y === 0 ? 0 : -y, z === 0 ? 0 : -z, w]);
          // Mirrored orientation maps the mirrored direction as DAZ does: X long axes point back.
          const dir = sub(right.end, right.origin);
          const axis = rotate(right.orientation, [1, 0, 0]);
          if (right.rotationOrder[0] === 'X')
            expect(axis[0] * dir[0] + axis[1] * dir[1] + axis[2] * dir[2]).toBeLessThan(0);
        }
        const rights = def.bones.filter((b) => isRight(b.name)).length;
        expect(pairs).toBe(rights);
        expect(def.bones.length - 2 * pairs).toBe(def.id === 'genesis9' ? 23 : 26);
        for (const b of def.bones) {
          if (mirrorBoneName(b.name) === undefined && !isRight(b.name)) expect(b.origin[0], b.name).toBe(0);
        }
      });

      it('has left labels starting with "Left" and right labels with "Right"', () => {
        for (const b of def.bones) {
          if (mirrorBoneName(b.name) !== undefined) expect(b.label, b.name).toMatch(/^Left /);
          else if (isRight(b.name)) expect(b.label, b.name).toMatch(/^Right /);
          else expect(b.label, b.name).not.toMatch(/Left|Right/);
        }
      });
    });
  }
});

describe('Genesis skeleton definitions: §5 joint centres', () => {
  it('matches the G8 Female and Male tables exactly (bone, parent, order, head)', () => {
    for (const [name, parent, order, female, male] of G8_TABLE) {
      for (const [def, head] of [
        [GENESIS8_FEMALE, female],
        [GENESIS8_MALE, male],
      ] as const) {
        const b = bone(def, name);
        expect(b.parent, name).toBe(parent);
        expect(b.rotationOrder, name).toBe(order);
        expect(b.origin, `${def.id} ${name}`).toEqual(head);
      }
    }
  });

  it('matches the G9 table exactly (bone, parent, order, head)', () => {
    for (const [name, parent, order, head] of G9_TABLE) {
      const b = bone(GENESIS9, name);
      expect(b.parent, name).toBe(parent);
      expect(b.rotationOrder, name).toBe(order);
      expect(b.origin, name).toEqual(head);
    }
  });
});

describe('Genesis skeleton definitions: rest pose', () => {
  for (const m of MEASURES) {
    describe(m.def.id, () => {
      const o = (name: string): V => bone(m.def, name).origin;

      it(`has the hip at ${m.hip} cm and the eyes at ${m.eye} cm`, () => {
        expect(bone(m.def, 'hip').origin[1]).toBeCloseTo(m.hip, 6);
        expect(Math.abs(o(m.n.eye)[1] - m.eye)).toBeLessThan(0.05);
      });

      it(`has the upper arm ${m.upperArmAngle}° below horizontal (±1°), an A-pose`, () => {
        const d = sub(o(m.n.forearm), o(m.n.upperArm));
        const angle = deg(Math.atan2(-d[1], Math.hypot(d[0], d[2])));
        expect(Math.abs(angle - m.upperArmAngle)).toBeLessThan(1);
      });

      it(`has the thigh → foot splay ${m.splay}° from vertical (±1°)`, () => {
        const d = sub(o(m.n.foot), o(m.n.thigh));
        expect(Math.abs(deg(Math.atan2(d[0], -d[1])) - m.splay)).toBeLessThan(1);
      });

      it('has the §5 segment lengths (±1 cm)', () => {
        expect(Math.abs(dist(o(m.n.thigh), o(m.n.shin)) - m.thigh)).toBeLessThan(1);
        expect(Math.abs(dist(o(m.n.shin), o(m.n.foot)) - m.shin)).toBeLessThan(1);
        expect(Math.abs(dist(o(m.n.upperArm), o(m.n.forearm)) - m.upperArm)).toBeLessThan(1);
        expect(Math.abs(dist(o(m.n.forearm), o(m.n.hand)) - m.forearm)).toBeLessThan(1);
      });

      it('keeps the fingers beyond the wrist, the toes ahead of the ankle and the face in the head', () => {
        const handX = o(m.n.hand)[0];
        const footZ = o(m.n.foot)[2];
        const head = bone(m.def, 'head');
        for (const b of m.def.bones) {
          if (b.origin[0] < 0) continue;
          if (b.role === 'finger') expect(b.origin[0], b.name).toBeGreaterThan(handX);
          if (b.role === 'toe') expect(b.origin[2], b.name).toBeGreaterThan(footZ + 5);
          if (b.role === 'face' || b.role === 'eye') {
            expect(b.origin[1], b.name).toBeGreaterThan(head.origin[1] - 6);
            expect(b.origin[1], b.name).toBeLessThan(head.end[1]);
            expect(Math.abs(b.origin[0]), b.name).toBeLessThan(8);
          }
        }
      });
    });
  }
});

describe('Genesis skeleton definitions: rotation orders', () => {
  // The pattern of §5, identical in G8 and G9; twist bones share their bend bone's order.
  const RULES: [RegExp, string][] = [
    [/^(hip|pelvis|abdomen\w+|chest\w+|spine\d|neck\w+|head)$/, 'YZX'],
    [/^(l|l_)(Thigh\w*|thigh\w*|Shin|shin)$/, 'YZX'],
    [/^(l|l_)(Foot|foot|Metatarsals|metatarsal|Toe|toes|BigToe\w*|SmallToe\w*|\w+toe\d)$/, 'ZYX'],
    [/^(l|l_)(Collar|shoulder|ShldrBend|ShldrTwist|upperarm|upperarmtwist\d|Hand|hand)$/, 'XYZ'],
    [/^(l|l_)(Carpal\d|\w+metacarpal|Index\d|index\d|Mid\d|mid\d|Ring\d|ring\d|Pinky\d|pinky\d)$/, 'XYZ'],
    [/^(l|l_)(Forearm\w+|forearm|forearmtwist\d|Thumb\d|thumb\d)$/, 'XZY'],
    [/^(l|l_)(Eye|eye)$/, 'ZXY'],
    [/^(lowerJaw|lowerjaw)$/, 'ZYX'],
    [/^(l|l_)(Ear|ear)$/, 'XYZ'],
    [/^(l|l_)(Pectoral|pectoral)$/, 'ZYX'],
    [/^l_hand_anchor$/, 'ZYX'],
    [/^(l|l_)(Eyelid\w+|eyelid\w+)$/, 'ZXY'],
    [/^(upperFaceRig|upperfacerig)$/, 'YZX'],
    [/^(lowerFaceRig|lowerfacerig|upperTeeth|upperteeth|lowerTeeth|lowerteeth|tongue\d\d)$/, 'ZYX'],
  ];

  for (const def of SKELETON_DEFINITIONS) {
    it(`${def.id} follows the DAZ pattern`, () => {
      let checked = 0;
      for (const b of def.bones) {
        if (isRight(b.name)) continue;
        const rule = RULES.find(([re]) => re.test(b.name));
        if (rule) {
          checked++;
          expect(b.rotationOrder, b.name).toBe(rule[1]);
        } else {
          // The remaining bones are face-rig handles: ZYX like DAZ's.
          expect(b.role, b.name).toBe('face');
          expect(b.rotationOrder, b.name).toBe('ZYX');
        }
      }
      expect(checked).toBeGreaterThan(40);
    });
  }
});

describe('Genesis skeleton definitions: orientation and end points', () => {
  const AXIS: Record<string, V> = { X: [1, 0, 0], Y: [0, 1, 0], Z: [0, 0, 1] };

  for (const def of SKELETON_DEFINITIONS) {
    describe(def.id, () => {
      it('has unit quaternions turning the long axis onto origin → end (left and centre bones)', () => {
        for (const b of def.bones) {
          const q = b.orientation;
          expect(Math.hypot(...q), b.name).toBeCloseTo(1, 12);
          if (isRight(b.name)) continue;
          const d = sub(b.end, b.origin);
          const l = len(d);
          expect(l, b.name).toBeGreaterThan(0.5);
          const dir: V = [d[0] / l, d[1] / l, d[2] / l];
          const axis = AXIS[b.rotationOrder[0]];
          // Bones pointing more than 90° from their +axis (legs: Y up, pointing down) align −axis.
          const sign = axis[0] * dir[0] + axis[1] * dir[1] + axis[2] * dir[2] < 0 ? -1 : 1;
          const mapped = rotate(q, [axis[0] * sign, axis[1] * sign, axis[2] * sign]);
          for (let i = 0; i < 3; i++)
            expect(Math.abs(mapped[i] - dir[i]), `${b.name}[${i}]`).toBeLessThan(1e-6);
          // Shortest arc within 90°: w ≥ cos 45°.
          expect(q[3], b.name).toBeGreaterThanOrEqual(Math.SQRT1_2 - 1e-9);
        }
      });

      it('keeps vertical bones near identity (legs are Y-up although they point down)', () => {
        for (const name of def.id === 'genesis9'
          ? ['l_thigh', 'l_shin', 'spine2']
          : ['lThighBend', 'lShin', 'abdomenUpper']) {
          expect(bone(def, name).orientation[3], name).toBeGreaterThan(0.99);
        }
      });

      it('ends chain bones at their chain child and leaves reach plausibly', () => {
        const chains =
          def.id === 'genesis9'
            ? [
                ['l_shoulder', 'l_upperarm'],
                ['l_upperarm', 'l_forearm'],
                ['l_forearm', 'l_hand'],
                ['l_thigh', 'l_shin'],
                ['l_shin', 'l_foot'],
                ['l_index1', 'l_index2'],
                ['spine4', 'neck1'],
                ['neck2', 'head'],
              ]
            : [
                ['lCollar', 'lShldrBend'],
                ['lShldrBend', 'lShldrTwist'],
                ['lShldrTwist', 'lForearmBend'],
                ['lForearmBend', 'lForearmTwist'],
                ['lForearmTwist', 'lHand'],
                ['lThighBend', 'lThighTwist'],
                ['lThighTwist', 'lShin'],
                ['lShin', 'lFoot'],
                ['lIndex1', 'lIndex2'],
                ['chestUpper', 'neckLower'],
                ['neckUpper', 'head'],
              ];
        for (const [parent, child] of chains)
          expect(bone(def, parent).end, parent).toEqual(bone(def, child).origin);

        const head = bone(def, 'head');
        expect(head.end[1] - head.origin[1]).toBeGreaterThanOrEqual(15);
        expect(head.end[1] - head.origin[1]).toBeLessThanOrEqual(20);
        const eye = bone(def, def.id === 'genesis9' ? 'l_eye' : 'lEye');
        expect(eye.end[2] - eye.origin[2]).toBeCloseTo(2, 6);
        for (const tip of def.id === 'genesis9'
          ? ['l_index3', 'l_mid3', 'l_pinky3']
          : ['lIndex3', 'lMid3', 'lPinky3']) {
          const b = bone(def, tip);
          expect(dist(b.end, b.origin), tip).toBeGreaterThan(1.5);
          expect(dist(b.end, b.origin), tip).toBeLessThan(2.5);
          expect(b.end[0], tip).toBeGreaterThan(b.origin[0]);
        }
      });
    });
  }
});

describe('Genesis skeleton definitions: twist bones and hierarchy details', () => {
  it('G8 twist bones are in the chain', () => {
    for (const def of [GENESIS8_FEMALE, GENESIS8_MALE]) {
      expect(bone(def, 'lShldrTwist').parent).toBe('lShldrBend');
      expect(bone(def, 'lForearmBend').parent).toBe('lShldrTwist');
      expect(bone(def, 'lForearmTwist').parent).toBe('lForearmBend');
      expect(bone(def, 'lHand').parent).toBe('lForearmTwist');
      expect(bone(def, 'lThighTwist').parent).toBe('lThighBend');
      expect(bone(def, 'lShin').parent).toBe('lThighTwist');
      expect(bone(def, 'rForearmBend').parent).toBe('rShldrTwist');
      expect(def.bones.filter((b) => b.role === 'twist')).toHaveLength(6);
    }
  });

  it('G9 twist bones are side children lying along their limb', () => {
    const twists = GENESIS9.bones.filter((b) => b.role === 'twist');
    expect(twists).toHaveLength(12);
    const limbs: [string, string, string][] = [
      ['l_upperarm', 'l_forearm', 'l_upperarmtwist'],
      ['l_forearm', 'l_hand', 'l_forearmtwist'],
      ['l_thigh', 'l_shin', 'l_thightwist'],
    ];
    for (const [limb, next, twist] of limbs) {
      expect(bone(GENESIS9, next).parent).toBe(limb);
      const a = bone(GENESIS9, limb).origin;
      const axis = sub(bone(GENESIS9, next).origin, a);
      for (const n of [1, 2]) {
        const t = bone(GENESIS9, `${twist}${n}`);
        expect(t.parent).toBe(limb);
        expect(GENESIS9.bones.some((b) => b.parent === t.name)).toBe(false);
        // Distance of the twist origin from the limb line, relative to the limb length.
        const v = sub(t.origin, a);
        const along = (v[0] * axis[0] + v[1] * axis[1] + v[2] * axis[2]) / len(axis) ** 2;
        expect(along, t.name).toBeGreaterThan(0);
        expect(along, t.name).toBeLessThan(1);
        const off = sub(v, [axis[0] * along, axis[1] * along, axis[2] * along]);
        expect(len(off), t.name).toBeLessThan(0.5);
      }
      expect(bone(GENESIS9, `r_${twist.slice(2)}1`).parent).toBe(`r_${limb.slice(2)}`);
    }
  });

  it('G9 hand anchors hang off the hands', () => {
    expect(bone(GENESIS9, 'l_hand_anchor').parent).toBe('l_hand');
    expect(bone(GENESIS9, 'r_hand_anchor').parent).toBe('r_hand');
  });

  it('has the face rigs of §5 (G8.1: 66 incl. 2 parents, G9: 30 incl. 2 parents)', () => {
    const faceRig = (def: SkeletonDefinition, parents: string[]): number => {
      const inRig = new Set(parents);
      for (const b of def.bones) if (b.parent !== null && inRig.has(b.parent)) inRig.add(b.name);
      return inRig.size;
    };
    expect(faceRig(GENESIS8_FEMALE, ['lowerFaceRig', 'upperFaceRig'])).toBe(66);
    expect(faceRig(GENESIS8_MALE, ['lowerFaceRig', 'upperFaceRig'])).toBe(66);
    expect(faceRig(GENESIS9, ['lowerfacerig', 'upperfacerig'])).toBe(30);
    expect(bone(GENESIS8_FEMALE, 'lowerFaceRig').parent).toBe('lowerJaw');
    expect(bone(GENESIS8_FEMALE, 'upperFaceRig').parent).toBe('head');
    expect(bone(GENESIS9, 'lowerfacerig').parent).toBe('lowerjaw');
    expect(bone(GENESIS9, 'upperfacerig').parent).toBe('head');
  });

  it('has the head extras (jaw, teeth, tongue, eyes, ears) and pectorals', () => {
    const g8 = [
      'upperTeeth',
      'lowerJaw',
      'lowerTeeth',
      'tongue01',
      'tongue04',
      'lEye',
      'rEye',
      'lEar',
      'rEar',
    ];
    for (const name of [...g8, 'lPectoral', 'rPectoral']) expect(bone(GENESIS8_FEMALE, name).name).toBe(name);
    const g9 = [
      'upperteeth',
      'lowerjaw',
      'lowerteeth',
      'tongue01',
      'tongue05',
      'l_eye',
      'r_eye',
      'l_ear',
      'r_ear',
    ];
    for (const name of [...g9, 'l_pectoral', 'r_pectoral']) expect(bone(GENESIS9, name).name).toBe(name);
    expect(bone(GENESIS9, 'tongue01').parent).toBe('lowerteeth');
    expect(bone(GENESIS8_FEMALE, 'tongue01').parent).toBe('lowerTeeth');
  });

  it('counts the §5 body groups', () => {
    const count = (def: SkeletonDefinition, role: string): number =>
      def.bones.filter((b) => b.role === role).length;
    for (const def of [GENESIS8_FEMALE, GENESIS9]) {
      expect(count(def, 'finger')).toBe(30);
      expect(count(def, 'toe') - 2).toBe(20); // 20 toe segments plus the two toe-base bones
    }
    expect(GENESIS8_FEMALE.bones.filter((b) => /^[lr]Carpal\d$/.test(b.name))).toHaveLength(8);
    expect(GENESIS9.bones.filter((b) => /metacarpal$/.test(b.name))).toHaveLength(8);
  });
});
