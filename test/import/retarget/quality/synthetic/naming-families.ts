/**
 * The synthetic performer in the naming families people's BVH files come in. One body (T-pose,
 * about 173 cm) and one set of landmarks; each family places its own joints on it, with its own
 * names, spine and neck subdivision, clavicle placement, helpers and units:
 *
 * | family    | what is particular                                                              |
 * |-----------|---------------------------------------------------------------------------------|
 * | cmu       | cgspeed names, zero-length LHipJoint / LowerBack / Neck / LeftShoulder, 5.644 cm units |
 * | mixamo    | `mixamorig:` names, Spine..Spine2, cm                                            |
 * | lafan1    | Mixamo names without namespace, `LeftToe`, cm                                   |
 * | biovision | Chest, LeftCollar, LeftShoulder = upper arm, LeftHip = thigh, no toes, inches   |
 * | rokoko    | Newton: Spine1..Spine4, LeftThigh, LeftShin, LeftToe, cm                       |
 * | bandai    | static `joint_Root` above a positioned `Hips`, `UpperArm_L`, `LowerLeg_L`, cm  |
 * | games105  | OpenSim-like `RootJoint`, `lHip`, `lKnee`, `lShoulder` = upper arm, no head joint, m |
 * | perfume   | Chest..Chest4, right side first, cm                                              |
 */
import type { CanonicalJoint } from '../../../../../src/bonemaps/canonical.js';
import type { BodyPoint } from '../body-points.js';
import type { Side } from '../body-track.js';
import type { JointRole, SolePoint, SyntheticJoint, SyntheticSkeleton, Vec3 } from './skeleton-spec.js';

// ─── landmarks of the performer, T-pose, cm (left side; the right mirrors x) ───
const HIPS: Vec3 = [0, 95, 0];
const NECK_BASE_U = 1;
const side = (s: Side, p: Vec3): Vec3 => [s === 'l' ? p[0] : -p[0], p[1], p[2]];
const LEG = {
  thigh: [9, 87, 0.5] as Vec3,
  shin: [9.5, 48, 0.5] as Vec3,
  foot: [10, 8, -2] as Vec3,
  toes: [10.5, 1.5, 11] as Vec3,
  toeTip: [10.5, 1.5, 18] as Vec3,
};
const SOLE = { heel: [10, 0, -5] as Vec3, ball: [10.5, 0, 11] as Vec3, tip: [10.5, 0, 18] as Vec3 };
const ARM = {
  clavicle: [2.5, 139, -0.5] as Vec3,
  upperArm: [17, 141, -1.5] as Vec3,
  forearm: [45, 141, -2] as Vec3,
  hand: [71, 141, -1.5] as Vec3,
  handEnd: [89, 141, -1.5] as Vec3,
};
/** The spine's centre line from the hips (u = 0) to the base of the neck (u = 1), slightly curved. */
const spineAt = (u: number): Vec3 => [0, HIPS[1] + 48 * u, -1.5 * Math.sin(Math.PI * u)];
const NECK_MID: Vec3 = [0, 149, 0.3];
const HEAD: Vec3 = [0, 155, 0.5];
const HEAD_TOP: Vec3 = [0, 173, 0.5];

const SPINE_CANONICAL: Record<number, CanonicalJoint[]> = {
  1: ['chest'],
  2: ['spineLower', 'chest'],
  3: ['spineLower', 'spineMid', 'chest'],
  4: ['spineLower', 'spineMid', 'chest', 'chestUpper'],
};

/** A small builder so that each family reads as its hierarchy. */
class SkeletonBuilder {
  readonly joints: SyntheticJoint[] = [];
  readonly soles: SolePoint[] = [];

  add(
    name: string,
    parent: string | null,
    role: JointRole,
    at: Vec3,
    extra: { side?: Side; end?: Vec3; point?: BodyPoint; canonical?: CanonicalJoint | null } = {},
  ): this {
    this.joints.push({ name, parent, role, at, canonical: extra.canonical ?? null, ...extra });
    return this;
  }

  /** A spine chain of joints at fractions `us` of the hips → neck-base line, canonical names by count. */
  spine(names: string[], us: number[], parent: string): this {
    const canonical = SPINE_CANONICAL[names.length];
    names.forEach((name, i) => {
      this.add(name, i === 0 ? parent : names[i - 1], 'spine', spineAt(us[i]), { canonical: canonical[i] });
    });
    return this;
  }

  /** Thigh, shin, foot and (optionally) toes of one side under `parent`. */
  leg(s: Side, names: [string, string, string, string?], parent: string): this {
    const [thigh, shin, foot, toes] = names;
    this.add(thigh, parent, 'thigh', side(s, LEG.thigh), {
      side: s,
      point: `${s}_thigh`,
      canonical: `${s}_thigh`,
    });
    this.add(shin, thigh, 'shin', side(s, LEG.shin), { side: s, point: `${s}_shin`, canonical: `${s}_shin` });
    if (toes) {
      this.add(foot, shin, 'foot', side(s, LEG.foot), {
        side: s,
        point: `${s}_foot`,
        canonical: `${s}_foot`,
      });
      this.add(toes, foot, 'toes', side(s, LEG.toes), {
        side: s,
        end: side(s, LEG.toeTip),
        point: `${s}_toes`,
        canonical: `${s}_toes`,
      });
    } else {
      this.add(foot, shin, 'foot', side(s, LEG.foot), {
        side: s,
        end: side(s, LEG.toeTip),
        point: `${s}_foot`,
        canonical: `${s}_foot`,
      });
    }
    this.soles.push(
      { side: s, joint: foot, at: side(s, SOLE.heel) },
      { side: s, joint: foot, at: side(s, SOLE.ball) },
      { side: s, joint: toes ?? foot, at: side(s, SOLE.tip) },
    );
    return this;
  }

  /** Clavicle (starting at `clavicleAt`), upper arm, forearm and hand of one side under `parent`. */
  arm(
    s: Side,
    names: [string, string, string, string],
    parent: string,
    clavicleAt: Vec3 = ARM.clavicle,
  ): this {
    const [clavicle, upperArm, forearm, hand] = names;
    this.add(clavicle, parent, 'clavicle', side(s, clavicleAt), {
      side: s,
      point: `${s}_clavicle`,
      canonical: `${s}_clavicle`,
    });
    this.add(upperArm, clavicle, 'upperArm', side(s, ARM.upperArm), {
      side: s,
      point: `${s}_upperArm`,
      canonical: `${s}_upperArm`,
    });
    this.add(forearm, upperArm, 'forearm', side(s, ARM.forearm), {
      side: s,
      point: `${s}_forearm`,
      canonical: `${s}_forearm`,
    });
    this.add(hand, forearm, 'hand', side(s, ARM.hand), {
      side: s,
      end: side(s, ARM.handEnd),
      point: `${s}_hand`,
      canonical: `${s}_hand`,
    });
    return this;
  }

  build(family: string, label: string, unitCm: number): SyntheticSkeleton {
    return { family, label, unitCm, joints: this.joints, soles: this.soles };
  }
}

/** `LeftArm` → `RightArm` style names for both sides. */
const lr = (s: Side, left: string) => (s === 'l' ? left : left.replace(/^Left/, 'Right'));

function cmu(): SyntheticSkeleton {
  const b = new SkeletonBuilder().add('Hips', null, 'hips', HIPS, { point: 'hips', canonical: 'hips' });
  for (const s of ['l', 'r'] as const) {
    const helper = s === 'l' ? 'LHipJoint' : 'RHipJoint';
    b.add(helper, 'Hips', 'rigid', HIPS);
    b.leg(s, [lr(s, 'LeftUpLeg'), lr(s, 'LeftLeg'), lr(s, 'LeftFoot'), lr(s, 'LeftToeBase')], helper);
  }
  b.spine(['LowerBack', 'Spine', 'Spine1'], [0, 0.45, NECK_BASE_U], 'Hips');
  b.add('Neck', 'Spine1', 'neck', spineAt(NECK_BASE_U), { point: 'neck', canonical: 'neck' });
  b.add('Neck1', 'Neck', 'neck', NECK_MID, { canonical: 'neckUpper' });
  b.add('Head', 'Neck1', 'head', HEAD, { end: HEAD_TOP, point: 'head', canonical: 'head' });
  for (const s of ['l', 'r'] as const)
    b.arm(
      s,
      [lr(s, 'LeftShoulder'), lr(s, 'LeftArm'), lr(s, 'LeftForeArm'), lr(s, 'LeftHand')],
      'Spine1',
      spineAt(NECK_BASE_U),
    );
  return b.build('cmu', 'CMU / cgspeed', 5.644);
}

function mixamoLike(family: string, label: string, prefix: string, toes: string): SyntheticSkeleton {
  const n = (x: string) => prefix + x;
  const b = new SkeletonBuilder().add(n('Hips'), null, 'hips', HIPS, { point: 'hips', canonical: 'hips' });
  for (const s of ['l', 'r'] as const)
    b.leg(s, [n(lr(s, 'LeftUpLeg')), n(lr(s, 'LeftLeg')), n(lr(s, 'LeftFoot')), n(lr(s, toes))], n('Hips'));
  b.spine([n('Spine'), n('Spine1'), n('Spine2')], [0.2, 0.45, 0.7], n('Hips'));
  b.add(n('Neck'), n('Spine2'), 'neck', spineAt(NECK_BASE_U), { point: 'neck', canonical: 'neck' });
  b.add(n('Head'), n('Neck'), 'head', HEAD, { end: HEAD_TOP, point: 'head', canonical: 'head' });
  for (const s of ['l', 'r'] as const)
    b.arm(
      s,
      [n(lr(s, 'LeftShoulder')), n(lr(s, 'LeftArm')), n(lr(s, 'LeftForeArm')), n(lr(s, 'LeftHand'))],
      n('Spine2'),
    );
  return b.build(family, label, 1);
}

function biovision(): SyntheticSkeleton {
  const b = new SkeletonBuilder().add('Hips', null, 'hips', HIPS, { point: 'hips', canonical: 'hips' });
  b.spine(['Chest'], [0.4], 'Hips');
  b.add('Neck', 'Chest', 'neck', spineAt(NECK_BASE_U), { point: 'neck', canonical: 'neck' });
  b.add('Head', 'Neck', 'head', HEAD, { end: HEAD_TOP, point: 'head', canonical: 'head' });
  for (const s of ['l', 'r'] as const)
    b.arm(
      s,
      [lr(s, 'LeftCollar'), lr(s, 'LeftShoulder'), lr(s, 'LeftElbow'), lr(s, 'LeftWrist')],
      'Chest',
      spineAt(NECK_BASE_U),
    );
  for (const s of ['l', 'r'] as const)
    b.leg(s, [lr(s, 'LeftHip'), lr(s, 'LeftKnee'), lr(s, 'LeftAnkle')], 'Hips');
  return b.build('biovision', 'Biovision', 2.54);
}

function rokoko(): SyntheticSkeleton {
  const b = new SkeletonBuilder().add('Hips', null, 'hips', HIPS, { point: 'hips', canonical: 'hips' });
  b.spine(['Spine1', 'Spine2', 'Spine3', 'Spine4'], [0.15, 0.4, 0.6, 0.8], 'Hips');
  b.add('Neck', 'Spine4', 'neck', spineAt(NECK_BASE_U), { point: 'neck', canonical: 'neck' });
  b.add('Head', 'Neck', 'head', HEAD, { end: HEAD_TOP, point: 'head', canonical: 'head' });
  for (const s of ['l', 'r'] as const)
    b.arm(s, [lr(s, 'LeftShoulder'), lr(s, 'LeftArm'), lr(s, 'LeftForeArm'), lr(s, 'LeftHand')], 'Spine4');
  for (const s of ['l', 'r'] as const)
    b.leg(s, [lr(s, 'LeftThigh'), lr(s, 'LeftShin'), lr(s, 'LeftFoot'), lr(s, 'LeftToe')], 'Hips');
  return b.build('rokoko', 'Rokoko Newton', 1);
}

function bandai(): SyntheticSkeleton {
  const x = (s: Side, base: string) => `${base}_${s === 'l' ? 'L' : 'R'}`;
  const b = new SkeletonBuilder()
    .add('joint_Root', null, 'static', HIPS)
    .add('Hips', 'joint_Root', 'hips', HIPS, { point: 'hips', canonical: 'hips' });
  b.spine(['Spine', 'Chest'], [0.3, 0.65], 'Hips');
  b.add('Neck', 'Chest', 'neck', spineAt(NECK_BASE_U), { point: 'neck', canonical: 'neck' });
  b.add('Head', 'Neck', 'head', HEAD, { end: HEAD_TOP, point: 'head', canonical: 'head' });
  for (const s of ['l', 'r'] as const)
    b.arm(s, [x(s, 'Shoulder'), x(s, 'UpperArm'), x(s, 'LowerArm'), x(s, 'Hand')], 'Chest');
  for (const s of ['l', 'r'] as const)
    b.leg(s, [x(s, 'UpperLeg'), x(s, 'LowerLeg'), x(s, 'Foot'), x(s, 'Toes')], 'Hips');
  return b.build('bandai', 'Bandai-Namco', 1);
}

function games105(): SyntheticSkeleton {
  const b = new SkeletonBuilder().add('RootJoint', null, 'hips', HIPS, { point: 'hips', canonical: 'hips' });
  for (const s of ['l', 'r'] as const)
    b.leg(s, [`${s}Hip`, `${s}Knee`, `${s}Ankle`, `${s}ToeJoint`], 'RootJoint');
  b.spine(['pelvis_lowerback', 'lowerback_torso'], [0.15, 0.5], 'RootJoint');
  b.add('torso_head', 'lowerback_torso', 'neckHead', spineAt(NECK_BASE_U), {
    end: HEAD_TOP,
    point: 'neck',
    canonical: 'neck',
  });
  for (const s of ['l', 'r'] as const)
    b.arm(s, [`${s}Torso_Clavicle`, `${s}Shoulder`, `${s}Elbow`, `${s}Wrist`], 'lowerback_torso');
  return b.build('games105', 'GAMES-105 / OpenSim-like', 100);
}

function perfume(): SyntheticSkeleton {
  const b = new SkeletonBuilder().add('Hips', null, 'hips', HIPS, { point: 'hips', canonical: 'hips' });
  b.spine(['Chest', 'Chest2', 'Chest3', 'Chest4'], [0.15, 0.35, 0.55, 0.75], 'Hips');
  b.add('Neck', 'Chest4', 'neck', spineAt(NECK_BASE_U), { point: 'neck', canonical: 'neck' });
  b.add('Head', 'Neck', 'head', HEAD, { end: HEAD_TOP, point: 'head', canonical: 'head' });
  for (const s of ['r', 'l'] as const)
    b.arm(s, [lr(s, 'LeftCollar'), lr(s, 'LeftShoulder'), lr(s, 'LeftElbow'), lr(s, 'LeftWrist')], 'Chest4');
  for (const s of ['r', 'l'] as const)
    b.leg(s, [lr(s, 'LeftHip'), lr(s, 'LeftKnee'), lr(s, 'LeftAnkle'), lr(s, 'LeftToe')], 'Hips');
  return b.build('perfume', 'Perfume', 1);
}

export const NAMING_FAMILIES = {
  cmu,
  mixamo: () => mixamoLike('mixamo', 'Mixamo', 'mixamorig:', 'LeftToeBase'),
  lafan1: () => mixamoLike('lafan1', 'LAFAN1', '', 'LeftToe'),
  biovision,
  rokoko,
  bandai,
  games105,
  perfume,
} as const;

export type NamingFamily = keyof typeof NAMING_FAMILIES;
export const FAMILY_IDS = Object.keys(NAMING_FAMILIES) as NamingFamily[];

/** The synthetic skeleton of a family, checked: parents first, names unique, leaves with End Sites. */
export function familySkeleton(family: NamingFamily): SyntheticSkeleton {
  const skeleton = NAMING_FAMILIES[family]();
  const seen = new Set<string>();
  const parents = new Set(skeleton.joints.map((j) => j.parent));
  for (const j of skeleton.joints) {
    if (seen.has(j.name)) throw new Error(`${family}: joint ${j.name} twice`);
    if (j.parent !== null && !seen.has(j.parent)) throw new Error(`${family}: ${j.name} before its parent`);
    if (!parents.has(j.name) && !j.end) throw new Error(`${family}: leaf ${j.name} has no End Site`);
    seen.add(j.name);
  }
  return skeleton;
}
