/**
 * What the retargeter's frame loop does for each target bone, decided once per clip:
 *
 * - limbs (clavicles, arms, legs, hands, feet, fingers): driven by one source joint, with a
 *   rest alignment A_b that takes the figure's rest bone direction onto the capture's reference
 *   direction, so the bone points exactly where the capture's does;
 * - hip, chest and head: driven by their source joint, aligned by a frame (left across the
 *   thighs or shoulders, up the figure's up): never by the figure's hip → spine vector, which is
 *   36° off vertical on Genesis 9 and tilted the whole pelvis that much;
 * - spine and neck links: solved as chains between hip, chest and head (torso-chains.ts);
 * - twist bones: their share of the limb twist (genesis-maps.ts);
 * - everything else rides along at rest.
 */
import type { CanonicalJoint } from '../../bonemaps/canonical.js';
import { isBodyJoint } from '../../bonemaps/canonical.js';
import type { GenesisMap } from '../../bonemaps/genesis/genesis-maps.js';
import type { BvhClip } from '../bvh/bvh-clip.js';
import { frameToFrame, fromTo, normalize3 } from './quat.js';
import type { TargetRig } from './target-rig.js';
import { makeChain, type TorsoChain } from './torso-chains.js';

/** One mapped pair, for reports and the limb-direction metric. */
export interface BonePair {
  canonical: CanonicalJoint;
  sourceJoint: number;
  sourceChild: number;
  targetBone: number;
  targetChild: number;
  body: boolean;
}

export interface TwistPlan {
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

/** Per-bone roles in the frame loop. */
export const ROLE = { normal: 0, twistMain: 1, twistHelper: 2, chainStart: 3, chainMember: 4 } as const;

export interface Plan {
  /** Per target bone: the source joint driving it, or -1. */
  driver: Int32Array;
  /** Per target bone: rest alignment quaternion (4 per bone). */
  align: Float64Array;
  /** Per target bone: a {@link ROLE}. */
  role: Uint8Array;
  /** Per main bone of a twist group: its layout, helpers and axes. */
  groupOf: (TwistPlan | undefined)[];
  /** Per chain start bone: the chain solved there. */
  chainAt: (TorsoChain | undefined)[];
  /** Source joints whose positions the chains need (DAZ frame, per frame). */
  chainJoints: Int32Array;
  /** Parent joint per bone. */
  parents: Int32Array;
  /** Scratch space for the twist split (no allocation per frame). */
  scratch: Float64Array;
  /** Bones whose subtree drives nothing: they stay at rest without computing. */
  skip: Uint8Array;
}

export interface PlanInput {
  clip: BvhClip;
  rig: TargetRig;
  figureMap: GenesisMap;
  sourceOf: ReadonlyMap<CanonicalJoint, number>;
  targetOf: ReadonlyMap<CanonicalJoint, number>;
  pairs: BonePair[];
  /** Source reference positions in DAZ's frame, 3 per joint. */
  refDaz: Float64Array;
  /** Bones that must be posed every frame even if nothing below them is driven (the feet's path). */
  keep: readonly number[];
  /** The capture's pelvis up in the reference pose, DAZ frame, when it is not simply up (source-reference.ts). */
  pelvisUp?: number[];
}

export function buildPlan(input: PlanInput): Plan {
  const { rig, pairs, figureMap, refDaz } = input;
  const n = rig.joints.length;
  const driver = new Int32Array(n).fill(-1);
  const align = new Float64Array(n * 4);
  for (let b = 0; b < n; b++) align[b * 4 + 3] = 1;
  const aligned = new Uint8Array(n);
  const ref = (j: number) => [refDaz[j * 3], refDaz[j * 3 + 1], refDaz[j * 3 + 2]];
  for (const pair of pairs) {
    const b = pair.targetBone;
    driver[b] = pair.sourceJoint;
    if (pair.sourceChild < 0 || pair.targetChild < 0) continue;
    const dT = sub(rig.joints[pair.targetChild].origin, rig.joints[b].origin);
    const dS = sub(ref(pair.sourceChild), ref(pair.sourceJoint));
    if (Math.hypot(...dS) > 1e-6 && Math.hypot(...dT) > 1e-6) {
      align.set(fromTo(normalize3(dT), normalize3(dS)), b * 4);
      aligned[b] = 1;
    }
  }

  const role = new Uint8Array(n);
  const chainAt: (TorsoChain | undefined)[] = new Array(n).fill(undefined);
  const torso = torsoLayout(input);
  if (torso) {
    const { hip, chest, head, spineLinks, neckLinks, source } = torso;
    const origins = rig.joints.map((j) => j.origin);
    const yawHip = sideAlignment(input, 'thigh', true, input.pelvisUp);
    const yawChest = sideAlignment(input, 'upperArm', false) ?? yawHip;
    const spineMatched = linksMatch(input, source.hips, source.chest, spineLinks);
    const neckMatched = linksMatch(input, source.chest, source.head, neckLinks);
    const ends: [number, number, number[] | null][] = [
      [hip, source.hips, yawHip],
      [head, source.head, yawChest],
    ];
    // A chest driven bone by bone keeps its own direction alignment (to the neck).
    if (!spineMatched || !aligned[chest]) ends.push([chest, source.chest, yawChest]);
    else driver[chest] = source.chest;
    for (const [bone, joint, q] of ends) {
      driver[bone] = joint;
      align.set(q ?? [0, 0, 0, 1], bone * 4);
      aligned[bone] = 1;
    }
    const neckBasePoint = neckLinks.length ? origins[neckLinks[0]] : origins[head];
    const chains: TorsoChain[] = [
      makeChain(
        origins,
        hip,
        spineLinks,
        chest,
        origins[hip],
        neckBasePoint,
        source.hips,
        source.neckBase,
        spineMatched,
      ),
      makeChain(
        origins,
        chest,
        neckLinks,
        head,
        neckBasePoint,
        origins[head],
        source.neckBase,
        source.head,
        neckMatched,
      ),
    ];
    for (const chain of chains) {
      const members = [...chain.links, chain.end];
      for (const b of members) {
        role[b] = ROLE.chainMember;
        if (b !== chain.end && !chain.perBone) driver[b] = -1;
      }
      role[members[0]] = ROLE.chainStart;
      chainAt[members[0]] = chain;
    }
  }
  // A bone with no direction shared by both skeletons (hands without fingers on one side, toes,
  // zero-length source segments) takes its nearest aligned ancestor's alignment: it keeps its rest
  // angle to that bone, and the rule is the same in both directions (A → T → A is exact).
  for (let b = 0; b < n; b++) {
    if (driver[b] < 0 || aligned[b]) continue;
    for (let p = rig.joints[b].parent; p >= 0; p = rig.joints[p].parent) {
      if (aligned[p]) {
        align.set(align.subarray(p * 4, p * 4 + 4), b * 4);
        break;
      }
    }
  }

  const groupOf: (TwistPlan | undefined)[] = new Array(n).fill(undefined);
  const index = new Map(rig.joints.map((j, i) => [j.name, i]));
  for (const g of figureMap.twists) {
    const main = index.get(g.main);
    const helpers = g.twists.map((t) => index.get(t)).filter((i): i is number => i !== undefined);
    if (main === undefined || driver[main] < 0 || role[main] !== ROLE.normal || helpers.length === 0)
      continue;
    role[main] = ROLE.twistMain;
    for (const h of helpers) role[h] = ROLE.twistHelper;
    const [i, j, k] = [0, 1, 2].map((m) => 'XYZ'.indexOf(rig.joints[main].rotationOrder[m]));
    groupOf[main] = {
      layout: g.layout,
      helpers,
      i,
      j,
      k,
      s: (j - i + 3) % 3 === 1 ? 1 : -1,
      helperAxes: helpers.map((h) => 'XYZ'.indexOf(rig.joints[h].rotationOrder[0])),
    };
  }
  // Bones with nothing driven in their subtree stay at rest, uncomputed (fingers, face ...).
  const skip = new Uint8Array(n).fill(1);
  for (let b = n - 1; b >= 0; b--) {
    if (driver[b] >= 0 || role[b] !== ROLE.normal || input.keep.includes(b)) skip[b] = 0;
    if (!skip[b]) for (let p = rig.joints[b].parent; p >= 0 && skip[p]; p = rig.joints[p].parent) skip[p] = 0;
  }
  const chainJoints = torso
    ? Int32Array.from(new Set([torso.source.hips, torso.source.neckBase, torso.source.head]))
    : new Int32Array(0);
  return {
    driver,
    align,
    role,
    groupOf,
    chainAt,
    chainJoints,
    parents: Int32Array.from(rig.joints, (j) => j.parent),
    scratch: new Float64Array(20),
    skip,
  };
}

interface TorsoLayout {
  hip: number;
  chest: number;
  head: number;
  spineLinks: number[];
  neckLinks: number[];
  source: { hips: number; chest: number; neckBase: number; head: number };
}

/**
 * The trunk on both sides: the figure's hip → chest → head bones and the links between, and the
 * capture's hips, chest (the joint its clavicles or upper arms hang from), base of the neck (the
 * next joint up towards the head, wherever it sits) and head. Undefined when either side lacks
 * hips, head or arms: then every bone is driven on its own.
 */
function torsoLayout(input: PlanInput): TorsoLayout | undefined {
  const { clip, rig, sourceOf, targetOf } = input;
  const tHip = targetOf.get('hips');
  const tHead = targetOf.get('head');
  const sHips = sourceOf.get('hips');
  const sHead = sourceOf.get('head');
  if (tHip === undefined || tHead === undefined || sHips === undefined || sHead === undefined)
    return undefined;
  const tPath = pathUp(tHead, tHip, (b) => rig.joints[b].parent);
  const sPath = pathUp(sHead, sHips, (j) => clip.joints[j].parent);
  if (!tPath || !sPath) return undefined;
  const tChest = branchPoint(
    ['l_clavicle', 'l_upperArm', 'r_clavicle', 'r_upperArm'].map((c) => targetOf.get(c as CanonicalJoint)),
    tPath,
    (b) => rig.joints[b].parent,
  );
  const sChest = branchPoint(
    ['l_clavicle', 'l_upperArm', 'r_clavicle', 'r_upperArm'].map((c) => sourceOf.get(c as CanonicalJoint)),
    sPath,
    (j) => clip.joints[j].parent,
  );
  if (tChest === undefined || sChest === undefined || tChest === tHip || tChest === tHead) return undefined;
  // Paths run head → hips; links are listed parents first.
  const tc = tPath.indexOf(tChest);
  const sc = sPath.indexOf(sChest);
  const spineLinks = tPath.slice(tc + 1, tPath.length - 1).reverse();
  const neckLinks = tPath.slice(1, tc).reverse();
  const neckBase = sc > 0 ? sPath[sc - 1] : sHead;
  return {
    hip: tHip,
    chest: tChest,
    head: tHead,
    spineLinks,
    neckLinks,
    source: { hips: sHips, chest: sChest, neckBase, head: sHead },
  };
}

/**
 * Whether the capture's trunk links between two joints pair one to one with the figure's
 * `links` (same canonical joints, in order, none of zero length): then each link is driven by
 * its own joint, exactly, as when a figure's own export comes back onto it. Otherwise (CMU's
 * zero-length LowerBack, one Biovision Chest against four Genesis links) the chain solves them.
 */
function linksMatch(input: PlanInput, fromJoint: number, toJoint: number, links: number[]): boolean {
  const { clip, sourceOf, targetOf, refDaz } = input;
  const path = pathUp(toJoint, fromJoint, (j) => clip.joints[j].parent);
  if (!path) return false;
  const sourceLinks = path.slice(1, path.length - 1).reverse();
  if (sourceLinks.length !== links.length) return false;
  const canonicalOf = new Map([...sourceOf].map(([c, j]) => [j, c]));
  const points = [...sourceLinks, toJoint];
  const span = Math.hypot(...[0, 1, 2].map((i) => refDaz[toJoint * 3 + i] - refDaz[fromJoint * 3 + i]));
  for (let k = 0; k < sourceLinks.length; k++) {
    const c = canonicalOf.get(sourceLinks[k]);
    if (c === undefined || targetOf.get(c) !== links[k]) return false;
    const a = points[k];
    const b = points[k + 1];
    const length = Math.hypot(...[0, 1, 2].map((i) => refDaz[b * 3 + i] - refDaz[a * 3 + i]));
    if (length < 0.01 * span) return false;
  }
  return true;
}

/** Joints from `from` up to and including `to`, or undefined when `to` is not an ancestor. */
function pathUp(from: number, to: number, parent: (j: number) => number): number[] | undefined {
  const path: number[] = [];
  for (let j = from; j >= 0; j = parent(j)) {
    path.push(j);
    if (j === to) return path;
  }
  return undefined;
}

/** The first joint of `path` that any of `limbs` hangs from (through helpers in between). */
function branchPoint(
  limbs: (number | undefined)[],
  path: number[],
  parent: (j: number) => number,
): number | undefined {
  const onPath = new Set(path);
  for (const limb of limbs) {
    if (limb === undefined) continue;
    for (let j = parent(limb); j >= 0; j = parent(j)) if (onPath.has(j)) return j;
  }
  return undefined;
}

/**
 * The rest alignment of a trunk bone: the turn about the vertical (or, with `exact`, the full
 * turn) that takes the figure's left (from the right to the left `part`) onto the capture's in
 * the reference pose. The figure's rest and the capture's reference both stand upright, so
 * nothing but this yaw (and the reference's sideways tilt, for the pelvis) separates them.
 */
function sideAlignment(
  input: PlanInput,
  part: 'thigh' | 'upperArm',
  exact: boolean,
  sourceUp: number[] = [0, 1, 0],
): number[] | null {
  const { rig, refDaz, sourceOf, targetOf } = input;
  const tl = targetOf.get(`l_${part}`);
  const tr = targetOf.get(`r_${part}`);
  const sl = sourceOf.get(`l_${part}`);
  const sr = sourceOf.get(`r_${part}`);
  if (tl === undefined || tr === undefined || sl === undefined || sr === undefined) return null;
  const leftT = sub(rig.joints[tl].origin, rig.joints[tr].origin);
  const leftS = [0, 1, 2].map((i) => refDaz[sl * 3 + i] - refDaz[sr * 3 + i]);
  if (Math.hypot(...leftT) < 1e-6 || Math.hypot(...leftS) < 1e-6) return null;
  const up = [0, 1, 0];
  return exact ? frameToFrame(leftT, up, leftS, sourceUp) : frameToFrame(up, leftT, sourceUp, leftS);
}

/** Mapped pairs: canonical joints on both sides, each with its primary mapped child. */
export function bonePairs(
  sourceOf: ReadonlyMap<CanonicalJoint, number>,
  targetOf: ReadonlyMap<CanonicalJoint, number>,
): BonePair[] {
  const both = [...sourceOf.keys()].filter((c) => targetOf.has(c));
  return both.map((canonical) => {
    const child = primaryChild(canonical, both);
    return {
      canonical,
      sourceJoint: sourceOf.get(canonical) as number,
      sourceChild: child ? (sourceOf.get(child) as number) : -1,
      targetBone: targetOf.get(canonical) as number,
      targetChild: child ? (targetOf.get(child) as number) : -1,
      body: isBodyJoint(canonical),
    };
  });
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

function sub(a: readonly number[], b: readonly number[]): number[] {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
