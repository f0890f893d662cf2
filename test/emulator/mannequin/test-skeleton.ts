/**
 * A small but realistic Genesis-like skeleton for the mannequin tests, in DAZ's frame (cm, Y up,
 * facing +Z, figure-left +X, A-pose with the upper arms 48° below horizontal), hip ~105 cm, head
 * top ~171 cm. Two naming/rigging styles: `g8` (in-chain bend → twist bones, carpals) and `g9`
 * (twist bones as side children of the upper arm, forearm and thigh, metacarpals).
 */
import { quat, vec3 } from 'gl-matrix';
import type {
  BoneDefinition,
  BoneRole,
  QuatTuple,
  RotationOrderName,
  SkeletonDefinition,
  Vec3Tuple,
} from '../../../src/bonemaps/genesis/skeleton-definition.js';

export type RigStyle = 'g8' | 'g9';

const ARM_DOWN = (48 * Math.PI) / 180;

function add(a: Vec3Tuple, b: Vec3Tuple, k = 1): Vec3Tuple {
  return [a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k];
}

function unit(v: Vec3Tuple): Vec3Tuple {
  const l = Math.hypot(...v);
  return [v[0] / l, v[1] / l, v[2] / l];
}

function crossV(a: Vec3Tuple, b: Vec3Tuple): Vec3Tuple {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** Rotation taking the order's first (long) axis onto the bone; right-side bones point it back. */
function orientation(
  order: RotationOrderName,
  origin: Vec3Tuple,
  end: Vec3Tuple,
  mirrored: boolean,
): QuatTuple {
  const axis: Vec3Tuple = order[0] === 'X' ? [1, 0, 0] : order[0] === 'Y' ? [0, 1, 0] : [0, 0, 1];
  const dir = unit([end[0] - origin[0], end[1] - origin[1], end[2] - origin[2]]);
  const target = mirrored ? ([-dir[0], -dir[1], -dir[2]] as Vec3Tuple) : dir;
  const q = quat.rotationTo(quat.create(), vec3.fromValues(...axis), vec3.fromValues(...target));
  return [q[0], q[1], q[2], q[3]];
}

interface BoneSpec {
  name: string;
  parent: string | null;
  origin: Vec3Tuple;
  end: Vec3Tuple;
  role: BoneRole;
  order: RotationOrderName;
}

export function buildTestSkeleton(style: RigStyle = 'g8'): SkeletonDefinition {
  const g8 = style === 'g8';
  const specs: BoneSpec[] = [];
  const bone = (
    name: string,
    parent: string | null,
    origin: Vec3Tuple,
    end: Vec3Tuple,
    role: BoneRole,
    order: RotationOrderName = 'YZX',
  ) => {
    specs.push({ name, parent, origin, end, role, order });
  };
  const n = (g8Name: string, g9Name: string) => (g8 ? g8Name : g9Name);

  bone('hip', null, [0, 105, 0.5], [0, 95, 0.5], 'root');
  bone('pelvis', 'hip', [0, 105, 0.5], [0, 90, 0.5], 'body');
  const spine = g8
    ? ['abdomenLower', 'abdomenUpper', 'chestLower', 'chestUpper']
    : ['spine1', 'spine2', 'spine3', 'spine4'];
  const spineJoints: Vec3Tuple[] = [
    [0, 106, 0],
    [0, 114, -0.5],
    [0, 123, -0.8],
    [0, 136, -1.5],
    [0, 148, -2.5],
  ];
  spine.forEach((name, i) => {
    bone(name, i === 0 ? 'hip' : spine[i - 1], spineJoints[i], spineJoints[i + 1], 'body');
  });
  const chest = spine[3];
  const neck = g8 ? ['neckLower', 'neckUpper'] : ['neck1', 'neck2'];
  bone(neck[0], chest, [0, 148, -2.5], [0, 153, -1.8], 'body');
  bone(neck[1], neck[0], [0, 153, -1.8], [0, 158, -1.2], 'body');
  bone('head', neck[1], [0, 158, -1.2], [0, 171.5, -1], 'head');
  bone(n('lowerJaw', 'lowerjaw'), 'head', [0, 157, 3], [0, 153, 9], 'face');
  bone(n('upperFaceRig', 'upperfacerig'), 'head', [0, 164, 4], [0, 166, 8], 'face');

  // Left side; the right side is its mirror image.
  const left: BoneSpec[] = [];
  const side = (
    name: string,
    parent: string | null,
    origin: Vec3Tuple,
    end: Vec3Tuple,
    role: BoneRole,
    order: RotationOrderName,
  ) => {
    left.push({ name, parent, origin, end, role, order });
  };
  const L = (g8Name: string, g9Name: string) => (g8 ? `l${g8Name}` : `l_${g9Name}`);

  side(L('Eye', 'eye'), 'head', [3.2, 163.5, 8.2], [3.2, 163.5, 10.5], 'eye', 'ZYX');
  side(L('Pectoral', 'pectoral'), chest, [6, 130, 6], [9, 130, 12], 'helper', 'ZYX');

  // Arm.
  const shoulder: Vec3Tuple = [16, 145.5, -3.5];
  side(L('Collar', 'shoulder'), chest, [3.2, 146, -2], shoulder, 'body', 'XYZ');
  const upperDir: Vec3Tuple = [Math.cos(ARM_DOWN), -Math.sin(ARM_DOWN), 0];
  const elbow = add(shoulder, upperDir, 28);
  const collar = L('Collar', 'shoulder');
  if (g8) {
    const mid = add(shoulder, upperDir, 13);
    side('lShldrBend', collar, shoulder, mid, 'body', 'XYZ');
    side('lShldrTwist', 'lShldrBend', mid, elbow, 'twist', 'XYZ');
  } else {
    side('l_upperarm', collar, shoulder, elbow, 'body', 'XYZ');
    side(
      'l_upperarmtwist1',
      'l_upperarm',
      add(shoulder, upperDir, 9),
      add(shoulder, upperDir, 18),
      'twist',
      'XYZ',
    );
    side('l_upperarmtwist2', 'l_upperarm', add(shoulder, upperDir, 18), elbow, 'twist', 'XYZ');
  }
  const foreDir = unit([0.66, -0.74, 0.12]);
  const wrist = add(elbow, foreDir, 25);
  const upperArmEnd = g8 ? 'lShldrTwist' : 'l_upperarm';
  if (g8) {
    const mid = add(elbow, foreDir, 11);
    side('lForearmBend', upperArmEnd, elbow, mid, 'body', 'XYZ');
    side('lForearmTwist', 'lForearmBend', mid, wrist, 'twist', 'XYZ');
  } else {
    side('l_forearm', upperArmEnd, elbow, wrist, 'body', 'XYZ');
    side('l_forearmtwist1', 'l_forearm', add(elbow, foreDir, 8), add(elbow, foreDir, 16), 'twist', 'XYZ');
    side('l_forearmtwist2', 'l_forearm', add(elbow, foreDir, 16), wrist, 'twist', 'XYZ');
  }
  const hand = L('Hand', 'hand');
  side(hand, g8 ? 'lForearmTwist' : 'l_forearm', wrist, add(wrist, foreDir, 8), 'hand', 'XYZ');

  // Fingers: knuckles across the palm (index forward), curling slightly towards the palm.
  const across = unit(add([0, 0, 1], foreDir, -foreDir[2]));
  const palmward = unit(crossV(foreDir, across));
  const fingers = [
    { g8: 'Index', g9: 'index', offset: 2.7, reach: 8.6, lengths: [4.2, 2.5, 2.1] },
    { g8: 'Mid', g9: 'mid', offset: 0.9, reach: 8.9, lengths: [4.6, 2.9, 2.2] },
    { g8: 'Ring', g9: 'ring', offset: -0.9, reach: 8.6, lengths: [4.3, 2.8, 2.1] },
    { g8: 'Pinky', g9: 'pinky', offset: -2.6, reach: 8.0, lengths: [3.4, 2.1, 1.9] },
  ];
  fingers.forEach((finger, i) => {
    const knuckle = add(add(wrist, foreDir, finger.reach), across, finger.offset);
    const carpal = g8 ? `lCarpal${i + 1}` : `l_${finger.g9}metacarpal`;
    side(carpal, hand, add(add(wrist, foreDir, 0.8), across, finger.offset * 0.5), knuckle, 'finger', 'XYZ');
    let parent = carpal;
    let origin = knuckle;
    finger.lengths.forEach((length, k) => {
      const dir = unit(add(foreDir, palmward, 0.18 * (k + 1)));
      const end = add(origin, dir, length);
      const name = g8 ? `l${finger.g8}${k + 1}` : `l_${finger.g9}${k + 1}`;
      side(name, parent, origin, end, 'finger', 'XYZ');
      parent = name;
      origin = end;
    });
  });
  let thumbParent = hand;
  let thumbOrigin = add(add(add(wrist, foreDir, 1.8), across, 1.6), palmward, 0.8);
  [4, 3.2, 2.6].forEach((length, k) => {
    const dir = unit(add(add(foreDir, across, 0.9), palmward, 0.4 + 0.15 * k));
    const end = add(thumbOrigin, dir, length);
    const name = g8 ? `lThumb${k + 1}` : `l_thumb${k + 1}`;
    side(name, thumbParent, thumbOrigin, end, 'finger', 'XYZ');
    thumbParent = name;
    thumbOrigin = end;
  });

  // Leg.
  const hipJoint: Vec3Tuple = [8.5, 93, 0.5];
  const knee: Vec3Tuple = [9.6, 50, 1];
  const ankle: Vec3Tuple = [10.2, 9, -2.5];
  const thighMid = add(hipJoint, [knee[0] - hipJoint[0], knee[1] - hipJoint[1], knee[2] - hipJoint[2]], 0.5);
  if (g8) {
    side('lThighBend', 'pelvis', hipJoint, thighMid, 'body', 'YZX');
    side('lThighTwist', 'lThighBend', thighMid, knee, 'twist', 'YZX');
  } else {
    side('l_thigh', 'pelvis', hipJoint, knee, 'body', 'YZX');
    side(
      'l_thightwist1',
      'l_thigh',
      add(hipJoint, [0.4, -14, 0.2]),
      add(hipJoint, [0.7, -28, 0.3]),
      'twist',
      'YZX',
    );
    side('l_thightwist2', 'l_thigh', add(hipJoint, [0.7, -28, 0.3]), knee, 'twist', 'YZX');
  }
  side(L('Shin', 'shin'), g8 ? 'lThighTwist' : 'l_thigh', knee, ankle, 'body', 'YZX');
  const footBone = L('Foot', 'foot');
  const metatarsals = L('Metatarsals', 'metatarsal');
  const toe = L('Toe', 'toes');
  side(footBone, L('Shin', 'shin'), ankle, [10.4, 5, 4], 'foot', 'ZYX');
  side(metatarsals, footBone, [10.4, 5, 4], [10.6, 2.2, 9.5], 'foot', 'ZYX');
  side(toe, metatarsals, [10.6, 2.2, 9.5], [10.9, 1.6, 15.5], 'toe', 'ZYX');
  side(L('Heel', 'heel'), footBone, [10.2, 2, -5], [10.2, 0.5, -6], 'helper', 'ZYX');

  const mirrorName = (name: string) =>
    name.startsWith('l_') ? `r_${name.slice(2)}` : name.startsWith('l') ? `r${name.slice(1)}` : name;
  const mirror = (p: Vec3Tuple): Vec3Tuple => [-p[0], p[1], p[2]];
  const right = left.map((b) => ({
    ...b,
    name: mirrorName(b.name),
    parent: b.parent && left.some((l) => l.name === b.parent) ? mirrorName(b.parent) : b.parent,
    origin: mirror(b.origin),
    end: mirror(b.end),
  }));

  const label = (name: string) =>
    name.startsWith('l_') || /^l[A-Z]/.test(name)
      ? `Left ${name.replace(/^l_?/, '')}`
      : name.startsWith('r_') || /^r[A-Z]/.test(name)
        ? `Right ${name.replace(/^r_?/, '')}`
        : name;
  const bones: BoneDefinition[] = [...specs, ...left, ...right].map((b) => ({
    name: b.name,
    label: label(b.name),
    parent: b.parent,
    rotationOrder: b.order,
    origin: b.origin,
    end: b.end,
    orientation: orientation(b.order, b.origin, b.end, right.includes(b as (typeof right)[number])),
    role: b.role,
  }));
  // Parents before children, as in a DSF.
  const ordered: BoneDefinition[] = [];
  const placed = new Set<string>();
  while (ordered.length < bones.length) {
    for (const b of bones) {
      if (placed.has(b.name) || (b.parent !== null && !placed.has(b.parent))) continue;
      ordered.push(b);
      placed.add(b.name);
    }
  }
  return {
    id: g8 ? 'genesis8female' : 'genesis9',
    figureName: g8 ? 'Genesis8Female' : 'Genesis9',
    figureLabel: g8 ? 'Genesis 8 Female' : 'Genesis 9',
    bones: ordered,
  };
}
