/**
 * CONTRIBUTOR NOTES — BVH → Genesis retargeting, rest-pose aware.
 *
 * The reference SDK copies Euler angles bone to bone and ignores rest poses and bone
 * orientations, so a T-pose capture on an A-pose figure points the arms 45° wrong. This module
 * transfers WORLD rotations with a per-bone rest alignment (MakeWalk's method, see
 * shared/reference/anchors-skeletons-retargeting.md §2):
 *
 * 1. Source frame. The capture's rest skeleton (OFFSETs) gives its left, up and forward; one
 *    rotation F turns that frame onto DAZ's (left +X, up +Y, facing +Z), whatever way the
 *    performer faced or which axis was up.
 * 2. Rest alignment. For each mapped bone pair (source joint j → its mapped child j',
 *    target bone b → its mapped child b'), A_b is the shortest rotation taking the target's rest
 *    direction (b → b') onto the source's (j → j'), in DAZ's frame. The hip uses two directions
 *    (up the spine, across the thighs) so its roll is fixed too.
 * 3. Per frame. With ΔS_j = F · S_j · F⁻¹ (the source joint's world rotation from rest, in DAZ's
 *    frame), the target bone's world rotation is T_b = ΔS_j · A_b, so T_b carries b's rest
 *    direction onto the source bone's current direction: bone directions match exactly.
 * 4. Local channels. DAZ composes world = parent · O · R · O⁻¹ (O the bone orientation, R the
 *    rotate channels), so R = O⁻¹ · parent⁻¹ · T_b · O, with `parent` the ALREADY RETARGETED
 *    target parent (never the source parent). Unmapped bones keep R = identity and ride along.
 * 5. Twist. A limb's twist goes where Genesis wants it: G8 bend bones get the swing only and
 *    the in-chain twist bone the twist; G9 limb bones keep a third of the twist and their side
 *    twist bones take two thirds and all of it (see genesis-maps.ts). The next limb bone is
 *    computed from the actual parent, so the hand still ends up exactly where it should.
 * 6. Root. The hip's translation is the source root position, in DAZ's frame, times the root
 *    scale: by default target hip height / source hip height (so feet land where they land),
 *    or a pure unit conversion, or a given factor.
 */
import { CANONICAL_PARENT, type CanonicalJoint, isBodyJoint } from '../../bonemaps/canonical.js';
import type { JointMapping } from '../../bonemaps/detect-convention.js';
import type { GenesisMap } from '../../bonemaps/genesis/genesis-maps.js';
import { DazportError } from '../../errors.js';
import type { JointTrack, Motion } from '../../scene/motion.js';
import type { BvhClip } from '../bvh/bvh-clip.js';
import { createBvhPose, forwardKinematics } from '../bvh/forward-kinematics.js';
import {
  copy,
  frameToFrame,
  fromTo,
  mul,
  mulConjA,
  mulConjB,
  normalize3,
  rotateVec,
  setIdentity,
} from './quat.js';
import { restFloor, type TargetRig } from './target-rig.js';

export const NAME = 'retarget';

export interface RetargetOptions {
  /** `auto`: hip-height ratio; `unit`: only convert units (needs sourceUnitCm); or a factor, cm per source unit. */
  rootScale?: 'auto' | 'unit' | number;
  /** Centimetres per source unit (CMU ≈ 5.644); used by `rootScale: 'unit'` and reported. */
  sourceUnitCm?: number;
  /** First and last source frame (inclusive); default the whole clip. */
  frames?: [number, number];
  /** Write the hip translation (default true). */
  rootMotion?: boolean;
  positionMode?: 'replace' | 'add';
  /** `distribute` (default): spread limb twist over the figure's twist bones; `keep`: leave it on the limb bone. */
  twist?: 'distribute' | 'keep';
}

export const RETARGET_DEFAULTS = {
  rootScale: 'auto',
  rootMotion: true,
  positionMode: 'replace',
  twist: 'distribute',
} as const;

/** One mapped pair, for reports and the quality metric. */
export interface BonePair {
  canonical: CanonicalJoint;
  sourceJoint: number;
  sourceChild: number;
  targetBone: number;
  targetChild: number;
  body: boolean;
}

export interface RetargetResult {
  motion: Motion;
  pairs: BonePair[];
  /** Source joints that mapped to nothing (not helpers). */
  unmappedSource: string[];
  /** Canonical joints the source has but the target does not (or the reverse), by name. */
  unmappedTarget: string[];
  rootScale: number;
  sourceHipHeight: number;
  targetHipHeight: number;
  /** Rotation taking the source's frame onto DAZ's ([x, y, z, w]). */
  sourceFrame: [number, number, number, number];
}

interface TwistPlan {
  layout: 'chain' | 'side';
  helpers: number[];
  /** The main bone's long axis and the other two, in its rotation order. */
  i: number;
  j: number;
  k: number;
  /** +1 when (i, j, k) is a cyclic permutation of (x, y, z). */
  s: number;
  /** Each helper's long axis. */
  helperAxes: number[];
}

interface Plan {
  /** Per target bone: the source joint driving it, or -1. */
  driver: Int32Array;
  /** Per target bone: rest alignment quaternion (4 per bone). */
  align: Float64Array;
  /** Per target bone: 0 normal, 1 twist-group main, 2 helper (computed with its main). */
  twistRole: Uint8Array;
  /** Per main bone: its twist group's layout, helpers, and axes (first/second/third, handedness). */
  groups: Map<number, TwistPlan>;
  /** The same, indexed by bone (hot loop: no Map lookups). */
  groupOf: (TwistPlan | undefined)[];
  /** Parent joint per bone. */
  parents: Int32Array;
  /** Scratch space for the twist split (no allocation per frame). */
  scratch: Float64Array;
  /** Bones whose subtree drives nothing: they stay at rest without computing. */
  skip: Uint8Array;
}

/** Retarget `clip` onto `rig`, through the canonical joint map of the source and the figure. */
export function retarget(
  clip: BvhClip,
  mapping: JointMapping,
  rig: TargetRig,
  figureMap: GenesisMap,
  options: RetargetOptions = {},
): RetargetResult {
  const opts = { ...RETARGET_DEFAULTS, ...options };
  const [first, last] = opts.frames ?? [0, clip.frameCount - 1];
  if (!(first >= 0 && last < clip.frameCount && first <= last)) {
    throw new DazportError(
      'DAZPORT_RETARGET',
      `frames ${first}..${last} are outside the clip (0..${clip.frameCount - 1})`,
      {
        context: { file: clip.file },
      },
    );
  }
  const targetIndex = new Map(rig.joints.map((j, i) => [j.name, i]));
  const sourceOf = new Map<CanonicalJoint, number>();
  for (const [joint, canonical] of mapping.canonical) sourceOf.set(canonical, joint);
  const targetOf = new Map<CanonicalJoint, number>();
  for (const [canonical, bone] of Object.entries(figureMap.bones) as [CanonicalJoint, string][]) {
    const i = targetIndex.get(bone);
    if (i !== undefined) targetOf.set(canonical, i);
  }
  if (!sourceOf.has('hips') || !targetOf.has('hips')) {
    throw new DazportError(
      'DAZPORT_RETARGET_COVERAGE',
      `${clip.file}: no hips joint mapped (convention ${mapping.convention.label})`,
      {
        suggestion: 'pick the convention with --convention, or give a bone map file',
      },
    );
  }

  // ─── source rest skeleton, in file units ───
  const restPos = sourceRestPositions(clip);
  const frame = sourceFrame(restPos, sourceOf);
  const toDaz = (v: number[]) => {
    const out = new Float64Array(3);
    rotateVec(out, 0, frame, 0, v, 0);
    return [out[0], out[1], out[2]];
  };
  const restDaz = restPos.map(toDaz);

  // ─── pairs: canonical joints mapped on both sides, with their primary mapped child ───
  const pairs: BonePair[] = [];
  const both = [...sourceOf.keys()].filter((c) => targetOf.has(c));
  for (const canonical of both) {
    const child = primaryChild(canonical, both);
    pairs.push({
      canonical,
      sourceJoint: sourceOf.get(canonical) as number,
      sourceChild: child ? (sourceOf.get(child) as number) : -1,
      targetBone: targetOf.get(canonical) as number,
      targetChild: child ? (targetOf.get(child) as number) : -1,
      body: isBodyJoint(canonical),
    });
  }

  const plan = buildPlan(
    rig,
    pairs,
    opts.twist === 'keep' ? { ...figureMap, twists: [] } : figureMap,
    restDaz,
  );

  // ─── root scale ───
  const sourceHipHeight =
    restDaz[sourceOf.get('hips') as number][1] -
    Math.min(...restDaz.map((p) => p[1]), ...endSitesDaz(clip, restPos, toDaz));
  const hipBone = targetOf.get('hips') as number;
  const targetHipHeight = rig.joints[hipBone].origin[1] - restFloor(rig);
  let rootScale: number;
  if (typeof opts.rootScale === 'number') rootScale = opts.rootScale;
  else if (opts.rootScale === 'unit') {
    if (!opts.sourceUnitCm) throw new DazportError('DAZPORT_RETARGET', 'rootScale "unit" needs sourceUnitCm');
    rootScale = opts.sourceUnitCm;
  } else rootScale = sourceHipHeight > 0 ? targetHipHeight / sourceHipHeight : 1;

  // ─── frames ───
  const frameCount = last - first + 1;
  const n = rig.joints.length;
  const rotations = new Float64Array(n * 4); // local R per bone this frame
  const world = new Float64Array(n * 4); // world rotation per bone this frame
  const desired = new Float64Array(4);
  const tmp = new Float64Array(8);
  const sourceWorld = new Float64Array(clip.joints.length * 4);
  const pose = createBvhPose(clip.joints.length);
  const out: Float32Array[] = rig.joints.map(() => new Float32Array(0));
  const driven = new Uint8Array(n);
  for (let b = 0; b < n; b++)
    if (!plan.skip[b] && (plan.driver[b] >= 0 || plan.twistRole[b] > 0)) driven[b] = 1;
  for (let b = 0; b < n; b++) if (driven[b]) out[b] = new Float32Array(frameCount * 4);
  const hipTranslations = opts.rootMotion ? new Float32Array(frameCount * 3) : undefined;
  const fInv = new Float64Array([-frame[0], -frame[1], -frame[2], frame[3]]);
  const hipSource = sourceOf.get('hips') as number;
  const hipOrigin = rig.joints[hipBone].origin;
  const orient = new Float64Array(rig.joints.flatMap((j) => j.orientation));
  // ΔS is needed only for the source joints that drive a bone; tracks only for driven bones.
  const drivers = Int32Array.from(new Set([...plan.driver].filter((j) => j >= 0)));
  const outputs = Int32Array.from(rig.joints.map((_, b) => b).filter((b) => driven[b]));
  // Bones whose subtree drives nothing are never read (not output, no driven descendant), so
  // the hot loop visits only the others, parents first.
  const active = Int32Array.from(rig.joints.map((_, b) => b).filter((b) => !plan.skip[b]));

  for (let f = 0; f < frameCount; f++) {
    forwardKinematics(clip, first + f, { target: pose, positionMode: opts.positionMode });
    // ΔS = F · S · F⁻¹ for every source joint.
    for (let k = 0; k < drivers.length; k++) {
      const j = drivers[k];
      mul(tmp, 0, frame, 0, pose.rotations, j * 4);
      mul(sourceWorld, j * 4, tmp, 0, fInv, 0);
    }
    const parents = plan.parents;
    for (let k = 0; k < active.length; k++) {
      const b = active[k];
      const p = parents[b];
      const role = plan.twistRole[b];
      if (role === 2) continue; // helpers are set with their main bone
      const src = plan.driver[b];
      if (src >= 0) {
        mul(desired, 0, sourceWorld, src * 4, plan.align, b * 4);
      } else if (p >= 0) {
        copy(desired, 0, world, p * 4);
      } else {
        setIdentity(desired, 0);
      }
      localFromWorld(rotations, b * 4, world, p, desired, orient, b * 4, tmp);
      // R was solved so that parent · O · R · O⁻¹ = desired: the bone's world rotation is
      // `desired` itself, no need to compose it again.
      if (role === 1) splitTwist(b, plan, rotations, world, desired, orient, tmp);
      else copy(world, b * 4, desired, 0);
    }
    for (let k = 0; k < outputs.length; k++) {
      const b = outputs[k];
      const o = f * 4;
      const arr = out[b];
      // Keep each track on one hemisphere so interpolation never takes the long way round.
      let s = 1;
      if (
        f > 0 &&
        arr[o - 4] * rotations[b * 4] +
          arr[o - 3] * rotations[b * 4 + 1] +
          arr[o - 2] * rotations[b * 4 + 2] +
          arr[o - 1] * rotations[b * 4 + 3] <
          0
      )
        s = -1;
      arr[o] = s * rotations[b * 4];
      arr[o + 1] = s * rotations[b * 4 + 1];
      arr[o + 2] = s * rotations[b * 4 + 2];
      arr[o + 3] = s * rotations[b * 4 + 3];
    }
    if (hipTranslations) {
      rotateVec(tmp, 0, frame, 0, pose.positions, hipSource * 3);
      hipTranslations[f * 3] = tmp[0] * rootScale - hipOrigin[0];
      hipTranslations[f * 3 + 1] = tmp[1] * rootScale - hipOrigin[1];
      hipTranslations[f * 3 + 2] = tmp[2] * rootScale - hipOrigin[2];
    }
  }

  const tracks: JointTrack[] = [];
  for (let b = 0; b < n; b++) {
    if (!driven[b]) continue;
    const track: JointTrack = { joint: rig.joints[b].name, rotations: out[b] };
    if (b === hipBone && hipTranslations) track.translations = hipTranslations;
    tracks.push(track);
  }
  const mappedTarget = new Set([...targetOf.keys()]);
  return {
    motion: {
      name:
        clip.file
          .split(/[\\/]/)
          .pop()
          ?.replace(/\.bvh$/i, '') ?? 'motion',
      frameRate: clip.frameRate,
      frameCount,
      tracks,
    },
    pairs,
    unmappedSource: mapping.unmapped,
    unmappedTarget: [...sourceOf.keys()].filter((c) => !mappedTarget.has(c)),
    rootScale,
    sourceHipHeight,
    targetHipHeight,
    sourceFrame: [frame[0], frame[1], frame[2], frame[3]],
  };
}

/** R = O⁻¹ · parentWorld⁻¹ · desired · O, into rotations[ro]. */
function localFromWorld(
  rotations: Float64Array,
  ro: number,
  world: Float64Array,
  parent: number,
  desired: Float64Array,
  orient: Float64Array,
  oo: number,
  tmp: Float64Array,
): void {
  if (parent >= 0) mulConjA(tmp, 0, world, parent * 4, desired, 0);
  else copy(tmp, 0, desired, 0);
  mul(tmp, 4, tmp, 0, orient, oo);
  mulConjA(rotations, ro, orient, oo, tmp, 4);
}

/** world[wo] = parentWorld · O · R · O⁻¹. */
function composeWorld(
  world: Float64Array,
  wo: number,
  parentWorld: Float64Array,
  parent: number,
  rotations: Float64Array,
  ro: number,
  orient: Float64Array,
  oo: number,
  tmp: Float64Array,
): void {
  mul(tmp, 0, orient, oo, rotations, ro);
  mulConjB(tmp, 4, tmp, 0, orient, oo);
  if (parent >= 0) mul(world, wo, parentWorld, parent * 4, tmp, 4);
  else copy(world, wo, tmp, 4);
}

/**
 * The main bone of a twist group. Its full rotation R (bone frame) is split into a bend that
 * leaves the twist (first) rotation channel at exactly 0, as DAZ's locked twist axis on bend
 * bones wants, and the twist about the long axis that remains:
 * R = R_bend · twist(θ), R_bend = R_second(β) · R_third(γ) chosen to point the long axis where R
 * points it. G8 (chain): the bend bone keeps R_bend, the in-chain twist bone takes the rest.
 * G9 (side): the limb bone keeps R_bend · twist(θ/(n+1)), twist bone i adds θ·(i+1)/(n+1).
 */
function splitTwist(
  b: number,
  plan: Plan,
  rotations: Float64Array,
  world: Float64Array,
  desired: Float64Array,
  orient: Float64Array,
  tmp: Float64Array,
): void {
  const group = plan.groupOf[b];
  if (!group) return;
  const { i, j, k, s, helperAxes } = group;
  const scratch = plan.scratch;
  const o = b * 4;
  // d = R · e_i, in bone axes.
  scratch.fill(0, 0, 3);
  scratch[i] = 1;
  rotateVec(scratch, 3, rotations, o, scratch, 0);
  const gamma = Math.asin(Math.max(-1, Math.min(1, s * scratch[3 + j])));
  const beta = Math.atan2(-s * scratch[3 + k], scratch[3 + i]);
  const bend = scratch.subarray(8, 16);
  bend.fill(0);
  bend[j] = Math.sin(beta / 2);
  bend[3] = Math.cos(beta / 2);
  bend[4 + k] = Math.sin(gamma / 2);
  bend[7] = Math.cos(gamma / 2);
  mul(tmp, 0, bend, 0, bend, 4); // R_bend = R_j(β) · R_k(γ)
  // twist = R_bend⁻¹ · R, a rotation about e_i.
  mulConjA(tmp, 4, tmp, 0, rotations, o);
  const theta = 2 * Math.atan2(tmp[4 + i], tmp[7]);
  const share = group.layout === 'chain' ? 0 : 1 / (group.helpers.length + 1);
  const keep = scratch.subarray(16, 20);
  keep.fill(0);
  keep[i] = Math.sin((theta * share) / 2);
  keep[3] = Math.cos((theta * share) / 2);
  mul(rotations, o, tmp, 0, keep, 0);
  composeWorld(world, o, world, plan.parents[b], rotations, o, orient, o, tmp);
  for (let n = 0; n < group.helpers.length; n++) {
    const h = group.helpers[n];
    const hp = plan.parents[h];
    if (group.layout === 'chain') {
      // The in-chain twist bone takes the whole remaining rotation to the desired world.
      localFromWorld(rotations, h * 4, world, hp, desired, orient, h * 4, tmp);
    } else {
      setIdentity(rotations, h * 4);
      const angle = theta * (n + 1) * share;
      rotations[h * 4 + helperAxes[n]] = Math.sin(angle / 2);
      rotations[h * 4 + 3] = Math.cos(angle / 2);
    }
    composeWorld(world, h * 4, world, hp, rotations, h * 4, orient, h * 4, tmp);
  }
}

/** Rest positions of the source joints (OFFSETs accumulated), file units. */
function sourceRestPositions(clip: BvhClip): number[][] {
  const pos: number[][] = [];
  clip.joints.forEach((j, i) => {
    const p = j.parent >= 0 ? pos[j.parent] : [0, 0, 0];
    pos[i] = [p[0] + j.offset[0], p[1] + j.offset[1], p[2] + j.offset[2]];
  });
  return pos;
}

function endSitesDaz(clip: BvhClip, restPos: number[][], toDaz: (v: number[]) => number[]): number[] {
  const ys: number[] = [];
  clip.joints.forEach((j, i) => {
    if (j.endSite)
      ys.push(
        toDaz([restPos[i][0] + j.endSite[0], restPos[i][1] + j.endSite[1], restPos[i][2] + j.endSite[2]])[1],
      );
  });
  return ys;
}

/**
 * The rotation taking the capture's own frame onto DAZ's: left (left thigh − right thigh, else
 * the clavicles or upper arms) onto +X, up (hips → head, else → chest) onto +Y.
 */
function sourceFrame(rest: number[][], sourceOf: Map<CanonicalJoint, number>): Float64Array {
  const at = (c: CanonicalJoint) => (sourceOf.has(c) ? rest[sourceOf.get(c) as number] : undefined);
  const pairsLeft: [CanonicalJoint, CanonicalJoint][] = [
    ['l_thigh', 'r_thigh'],
    ['l_upperArm', 'r_upperArm'],
    ['l_clavicle', 'r_clavicle'],
    ['l_foot', 'r_foot'],
  ];
  let left: number[] | undefined;
  for (const [l, r] of pairsLeft) {
    const a = at(l);
    const b = at(r);
    if (a && b && Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) > 1e-6) {
      left = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
      break;
    }
  }
  const hips = at('hips');
  const top = at('head') ?? at('neck') ?? at('chest') ?? at('chestUpper') ?? at('spineMid');
  if (!left || !hips || !top) {
    throw new DazportError(
      'DAZPORT_RETARGET_COVERAGE',
      'cannot tell the capture’s left and up: map both thighs (or arms) and the head or chest',
    );
  }
  const up = [top[0] - hips[0], top[1] - hips[1], top[2] - hips[2]];
  // Rest skeletons are axis-aligned in practice; snapping keeps a slight lean of the spine (DAZ's
  // own hip → head is 1° off vertical) from tilting the whole capture.
  const snapLeft = snapToAxis(left);
  const snapUp = snapToAxis(up);
  const orthogonal = snapLeft[0] * snapUp[0] + snapLeft[1] * snapUp[1] + snapLeft[2] * snapUp[2] === 0;
  return new Float64Array(
    orthogonal
      ? frameToFrame(snapLeft, snapUp, [1, 0, 0], [0, 1, 0])
      : frameToFrame(left, up, [1, 0, 0], [0, 1, 0]),
  );
}

function snapToAxis(v: number[]): number[] {
  const a = v.map(Math.abs);
  const k = a[0] >= a[1] && a[0] >= a[2] ? 0 : a[1] >= a[2] ? 1 : 2;
  const out = [0, 0, 0];
  out[k] = Math.sign(v[k]) || 1;
  return out;
}

/** The canonical joint that gives a joint's direction: its first mapped descendant along the body. */
function primaryChild(joint: CanonicalJoint, mapped: CanonicalJoint[]): CanonicalJoint | undefined {
  const has = new Set(mapped);
  const chains: Partial<Record<string, string[]>> = {
    hips: ['spineLower', 'spineMid', 'chest', 'chestUpper', 'neck', 'neckUpper', 'head'],
    spineLower: ['spineMid', 'chest', 'chestUpper', 'neck', 'neckUpper', 'head'],
    spineMid: ['chest', 'chestUpper', 'neck', 'neckUpper', 'head'],
    chest: ['chestUpper', 'neck', 'neckUpper', 'head'],
    chestUpper: ['neck', 'neckUpper', 'head'],
    neck: ['neckUpper', 'head'],
    neckUpper: ['head'],
  };
  const side = joint.slice(0, 2);
  const rest = joint.slice(2);
  const sideChains: Partial<Record<string, string[]>> = {
    clavicle: ['upperArm', 'forearm'],
    upperArm: ['forearm', 'hand'],
    forearm: ['hand'],
    hand: ['middle1', 'index1', 'ring1'],
    thigh: ['shin', 'foot'],
    shin: ['foot', 'toes'],
    foot: ['toes'],
  };
  const candidates =
    chains[joint] ??
    (side === 'l_' || side === 'r_' ? (sideChains[rest] ?? []).map((c) => `${side}${c}`) : []);
  if (!candidates.length && /[123]$/.test(rest)) {
    const next = Number(rest.slice(-1)) + 1;
    if (next <= 3) candidates.push(`${side}${rest.slice(0, -1)}${next}`);
  }
  return candidates.find((c) => has.has(c as CanonicalJoint)) as CanonicalJoint | undefined;
}

function buildPlan(rig: TargetRig, pairs: BonePair[], figureMap: GenesisMap, restDaz: number[][]): Plan {
  const n = rig.joints.length;
  const driver = new Int32Array(n).fill(-1);
  const align = new Float64Array(n * 4);
  for (let b = 0; b < n; b++) align[b * 4 + 3] = 1;
  const aligned = new Uint8Array(n);
  for (const pair of pairs) {
    const b = pair.targetBone;
    driver[b] = pair.sourceJoint;
    const t = rig.joints[b];
    let q: number[] | null = null;
    if (pair.canonical === 'hips') {
      q = hipAlignment(pair, pairs, rig, restDaz);
    } else if (pair.sourceChild >= 0 && pair.targetChild >= 0) {
      const dT = sub(rig.joints[pair.targetChild].origin, t.origin);
      const dS = sub(restDaz[pair.sourceChild], restDaz[pair.sourceJoint]);
      if (Math.hypot(...dS) > 1e-6 && Math.hypot(...dT) > 1e-6) q = fromTo(normalize3(dT), normalize3(dS));
    }
    if (q) {
      align.set(q, b * 4);
      aligned[b] = 1;
    }
  }
  // A bone with no direction shared by both skeletons (hands without fingers on one side, head,
  // toes, zero-length source segments) takes its nearest aligned ancestor's alignment: it keeps
  // its rest angle to that bone, and the rule is the same in both directions (A → T → A is exact).
  for (let b = 0; b < n; b++) {
    if (driver[b] < 0 || aligned[b]) continue;
    for (let p = rig.joints[b].parent; p >= 0; p = rig.joints[p].parent) {
      if (aligned[p]) {
        align.set(align.subarray(p * 4, p * 4 + 4), b * 4);
        break;
      }
    }
  }
  const twistRole = new Uint8Array(n);
  const groups = new Map<number, TwistPlan>();
  const index = new Map(rig.joints.map((j, i) => [j.name, i]));
  for (const g of figureMap.twists) {
    const main = index.get(g.main);
    const helpers = g.twists.map((t) => index.get(t)).filter((i): i is number => i !== undefined);
    if (main === undefined || driver[main] < 0 || helpers.length === 0) continue;
    twistRole[main] = 1;
    for (const h of helpers) twistRole[h] = 2;
    const [i, j, k] = [0, 1, 2].map((n) => 'XYZ'.indexOf(rig.joints[main].rotationOrder[n]));
    groups.set(main, {
      layout: g.layout,
      helpers,
      i,
      j,
      k,
      s: (j - i + 3) % 3 === 1 ? 1 : -1,
      helperAxes: helpers.map((h) => 'XYZ'.indexOf(rig.joints[h].rotationOrder[0])),
    });
  }
  // Bones with nothing driven in their subtree stay at rest, uncomputed (fingers, face ...).
  const skip = new Uint8Array(n).fill(1);
  for (let b = n - 1; b >= 0; b--) {
    if (driver[b] >= 0 || twistRole[b] > 0) skip[b] = 0;
    if (!skip[b]) for (let p = rig.joints[b].parent; p >= 0 && skip[p]; p = rig.joints[p].parent) skip[p] = 0;
  }
  const groupOf: (TwistPlan | undefined)[] = Array.from({ length: n }, (_, b) => groups.get(b));
  const parents = Int32Array.from(rig.joints, (j) => j.parent);
  return { driver, align, twistRole, groups, groupOf, parents, skip, scratch: new Float64Array(20) };
}

/** The hip's rest alignment fixes roll too: up the spine and across the thighs. */
function hipAlignment(
  hip: BonePair,
  pairs: BonePair[],
  rig: TargetRig,
  restDaz: number[][],
): number[] | null {
  const find = (c: CanonicalJoint) => pairs.find((p) => p.canonical === c);
  const lt = find('l_thigh');
  const rt = find('r_thigh');
  const upChild = hip.targetChild;
  if (!lt || !rt || upChild < 0 || hip.sourceChild < 0) return null;
  const upT = sub(rig.joints[upChild].origin, rig.joints[hip.targetBone].origin);
  const leftT = sub(rig.joints[lt.targetBone].origin, rig.joints[rt.targetBone].origin);
  let upS = sub(restDaz[hip.sourceChild], restDaz[hip.sourceJoint]);
  if (Math.hypot(...upS) < 1e-6) {
    // CMU's LowerBack sits on the hips: look further up the chain for a usable direction.
    const next = pairs.find(
      (p) =>
        CANONICAL_PARENT[p.canonical] ===
        find(hip.canonical === 'hips' ? 'spineLower' : hip.canonical)?.canonical,
    );
    if (next) upS = sub(restDaz[next.sourceJoint], restDaz[hip.sourceJoint]);
  }
  const leftS = sub(restDaz[lt.sourceJoint], restDaz[rt.sourceJoint]);
  if (Math.hypot(...upS) < 1e-6 || Math.hypot(...leftS) < 1e-6) return null;
  return frameToFrame(upT, leftT, upS, leftS);
}

function sub(a: readonly number[], b: readonly number[]): number[] {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
