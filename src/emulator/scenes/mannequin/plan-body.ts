/**
 * Lays the mannequin's parts out on a figure's anatomy: a torso from the crotch up the spine, a
 * neck, a head ellipsoid with eyeballs, an arm tube per arm (collar, upper arm, forearm, palm)
 * with a tube per finger, a leg tube per leg (thigh, shin) and a foot along the floor. Each part
 * follows its bones' joint centres, gets its radius profile from `body-proportions.ts`, and its
 * skin-weight anchors from `skin-weights.ts`.
 */
import type { BoneDefinition } from '../../../bonemaps/genesis/skeleton-definition.js';
import * as sizes from './body-proportions.js';
import type { ArmAnatomy, FigureAnatomy, FingerAnatomy, LegAnatomy } from './figure-anatomy.js';
import type { BodyPlan, ChainPlan, EllipsoidPlan, ProfileKey, SpanPlan, SurfaceName } from './part-plan.js';
import { type AnchorSpan, planChainAnchors } from './skin-weights.js';
import {
  addScaled,
  average,
  clamp,
  cross,
  distance,
  dot,
  normalize,
  sub,
  type Vec3Tuple,
} from './vector-math.js';

/** Bones shorter than this (cm) between their joint and the next are folded into their neighbour. */
const MIN_SPAN_LENGTH = 0.05;
/** Caps hidden inside a neighbouring part are shallow cones this fraction of the end radius deep. */
const HIDDEN_CAP_DEPTH = 0.3;
const UP: Vec3Tuple = [0, 1, 0];
/** Seam angles: torso and arms seam behind/beneath, legs at the back. */
const SEAM_BACK = Math.PI / 2;
const SEAM_LEGS = -Math.PI / 2;

export function planBody(anatomy: FigureAnatomy): BodyPlan {
  const chains: ChainPlan[] = [];
  const ellipsoids: EllipsoidPlan[] = [];
  const torso = planTorso(anatomy);
  if (torso) chains.push(torso);
  const neck = planNeck(anatomy);
  if (neck) chains.push(neck);
  for (const arm of anatomy.arms) chains.push(...planArm(anatomy, arm));
  for (const leg of anatomy.legs) chains.push(...planLeg(anatomy, leg));
  const head = planHead(anatomy);
  if (head) ellipsoids.push(head);
  for (const eye of anatomy.eyes) ellipsoids.push(planEye(anatomy, eye));
  return { chains, ellipsoids, headCentre: head ? head.centre : null, scale: anatomy.scale };
}

/** A chain of bones joint to joint: the path through their origins to `endPoint`, one span each. */
interface JointChain {
  path: Vec3Tuple[];
  spans: SpanPlan[];
  anchorSpans: AnchorSpan[];
  /** The bones that got a span (degenerate ones are folded away), one per span. */
  bones: BoneDefinition[];
}

/**
 * Anatomical segment number per bone: a new segment at every bone except a twist bone continuing
 * its parent in the chain (Genesis 8 `lShldrBend` → `lShldrTwist` is one upper arm).
 */
function segmentIds(bones: readonly BoneDefinition[]): number[] {
  const ids: number[] = [];
  bones.forEach((bone, i) => {
    const previous = bones[i - 1];
    const continuesTwist = previous !== undefined && bone.role === 'twist' && bone.parent === previous.name;
    ids.push(i === 0 ? 0 : continuesTwist ? ids[i - 1] : ids[i - 1] + 1);
  });
  return ids;
}

function jointChain(
  anatomy: FigureAnatomy,
  bones: readonly BoneDefinition[],
  endPoint: Vec3Tuple,
  surfaceOf: (bone: BoneDefinition) => SurfaceName,
  startPoint?: Vec3Tuple,
): JointChain {
  const path: Vec3Tuple[] = [startPoint ?? bones[0].origin];
  const kept: BoneDefinition[] = [];
  for (let i = 0; i < bones.length; i++) {
    const next = i + 1 < bones.length ? bones[i + 1].origin : endPoint;
    if (distance(path[path.length - 1], next) < MIN_SPAN_LENGTH) continue;
    kept.push(bones[i]);
    path.push(next);
  }
  if (kept.length === 0) {
    // Everything degenerate: one short span along the last bone, so the part still exists.
    kept.push(bones[bones.length - 1]);
    path.push(addScaled(path[0], normalize(sub(bones[bones.length - 1].end, path[0]), UP), 1));
  }
  const spans: SpanPlan[] = [];
  const anchorSpans: AnchorSpan[] = [];
  let s = 0;
  kept.forEach((bone, i) => {
    const a = path[i];
    const b = path[i + 1];
    const length = distance(a, b);
    const direction = normalize(sub(b, a));
    const sideTwists = anatomy.sideTwists(bone.name).map((twist) => {
      const middle: Vec3Tuple = [
        (twist.origin[0] + twist.end[0]) / 2,
        (twist.origin[1] + twist.end[1]) / 2,
        (twist.origin[2] + twist.end[2]) / 2,
      ];
      return { bone: twist.name, s: s + clamp(dot(sub(middle, a), direction), 0, length) };
    });
    spans.push({ bone: bone.name, end: s + length, surface: surfaceOf(bone) });
    anchorSpans.push({ bone: bone.name, start: s, end: s + length, sideTwists });
    s += length;
  });
  return { path, spans, anchorSpans, bones: kept };
}

function anchorsFor(
  anatomy: FigureAnatomy,
  chain: JointChain | { anchorSpans: AnchorSpan[] },
  startParent: string | null,
  endChild: string | null,
) {
  return planChainAnchors(chain.anchorSpans, {
    startParent,
    endChild,
    parentOf: (name) => anatomy.bone(name)?.parent ?? null,
    isTwist: (name) => anatomy.bone(name)?.role === 'twist',
  });
}

/**
 * Radius keys for consecutive anatomical segments: each is one table stretched over its s range.
 * Genesis 8's bend + twist bones share one segment, so an upper arm is shaped as one piece.
 */
function segmentProfile(
  chain: JointChain,
  tables: readonly sizes.ProfileTable[],
  scale: number,
): ProfileKey[] {
  const segments: { start: number; end: number }[] = [];
  const ids = segmentIds(chain.bones);
  let start = 0;
  chain.spans.forEach((span, i) => {
    if (i > 0 && ids[i] === ids[i - 1]) segments[segments.length - 1].end = span.end;
    else segments.push({ start, end: span.end });
    start = span.end;
  });
  // Tables are listed from the far end (the hand or shin is always last); extra segments reuse the last table.
  const keys: ProfileKey[] = [];
  segments.forEach((segment, i) => {
    const fromEnd = segments.length - 1 - i;
    const table = tables[Math.min(fromEnd, tables.length - 1)];
    for (const [u, side, depth] of table) {
      keys.push({
        s: segment.start + u * (segment.end - segment.start),
        side: side * scale,
        depth: depth * scale,
      });
    }
  });
  return keys;
}

function tableProfile(table: sizes.ProfileTable, length: number, scale: number): ProfileKey[] {
  return table.map(([u, side, depth]) => ({ s: u * length, side: side * scale, depth: depth * scale }));
}

function planTorso(anatomy: FigureAnatomy): ChainPlan | null {
  const { torso, pelvis, root, scale } = anatomy;
  if (torso.length === 0) return null;
  const bottomBone = pelvis ?? root;
  const topPoint = anatomy.neck[0]?.origin ?? anatomy.head?.origin ?? torso[torso.length - 1].end;
  const legJointY = Math.min(...anatomy.legs.map((leg) => leg.chain[0].origin[1]));
  const lowestBelow = pelvis
    ? Math.min(pelvis.end[1], pelvis.origin[1] - 10 * scale)
    : torso[0].origin[1] - 12 * scale;
  const crotchY = Number.isFinite(legJointY) ? Math.min(lowestBelow, legJointY - 10 * scale) : lowestBelow;
  const crotch: Vec3Tuple = [torso[0].origin[0], crotchY, bottomBone.origin[2]];
  // The bottom span runs from the crotch up to the spine's first joint, owned by the pelvis.
  const chain = jointChain(anatomy, [bottomBone, ...torso], topPoint, () => 'Torso', crotch);
  const length = chain.spans[chain.spans.length - 1].end;
  // Full width up to the shoulder joints, then the shoulders slope in to the neck.
  const shoulderY =
    anatomy.arms.length > 0
      ? anatomy.arms.reduce((sum, arm) => sum + shoulderJoint(arm)[1], 0) / anatomy.arms.length
      : topPoint[1];
  const shoulderS = clamp(sAtHeight(chain.path, shoulderY), 0.5 * length, length);
  const profile = [
    ...tableProfile(sizes.TORSO, shoulderS, scale),
    ...tableProfile(sizes.TORSO_TOP, length - shoulderS, scale).map((k) => ({ ...k, s: k.s + shoulderS })),
  ];
  return {
    kind: 'torso',
    path: chain.path,
    spans: chain.spans,
    profile,
    sideReferences: [[1, 0, 0]],
    startExtension: 0,
    endExtension: 0,
    startCap: { depth: 0.55 * profile[0].depth, rounded: true },
    endCap: { depth: 0.35 * profile[profile.length - 1].depth, rounded: true },
    anchors: anchorsFor(anatomy, chain, null, null),
    heavy: 1,
    seamAngle: SEAM_BACK,
  };
}

/** An arm has a collar when it has four anatomical segments (collar, upper arm, forearm, hand). */
function hasCollar(arm: ArmAnatomy): boolean {
  const ids = segmentIds(arm.chain);
  return ids[ids.length - 1] + 1 >= 4;
}

/** Where the upper arm meets the body: the collar's end, or the arm's first joint without a collar. */
function shoulderJoint(arm: ArmAnatomy): Vec3Tuple {
  return hasCollar(arm) ? arm.chain[0].end : arm.chain[0].origin;
}

/** Path length at which an upward path first reaches height y (the end if it never does). */
function sAtHeight(path: readonly Vec3Tuple[], y: number): number {
  let s = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    const segment = distance(a, b);
    if (b[1] >= y) return s + (b[1] > a[1] ? clamp((y - a[1]) / (b[1] - a[1]), 0, 1) : 0) * segment;
    s += segment;
  }
  return s;
}

function planNeck(anatomy: FigureAnatomy): ChainPlan | null {
  const { neck, head, scale } = anatomy;
  if (neck.length === 0) return null;
  const end = head?.origin ?? neck[neck.length - 1].end;
  const chain = jointChain(anatomy, neck, end, () => 'Torso');
  const length = chain.spans[chain.spans.length - 1].end;
  const profile = tableProfile(sizes.NECK, length, scale);
  return {
    kind: 'neck',
    path: chain.path,
    spans: chain.spans,
    profile,
    sideReferences: [[1, 0, 0]],
    startExtension: 3 * scale,
    endExtension: head ? 4 * scale : 0,
    startCap: { depth: HIDDEN_CAP_DEPTH * profile[0].side, rounded: false },
    endCap: head
      ? { depth: HIDDEN_CAP_DEPTH * profile[profile.length - 1].side, rounded: false }
      : { depth: 0.6 * profile[profile.length - 1].side, rounded: true },
    anchors: anchorsFor(anatomy, chain, neck[0].parent, head?.name ?? null),
    heavy: 0.6,
    seamAngle: SEAM_BACK,
  };
}

function planArm(anatomy: FigureAnatomy, arm: ArmAnatomy): ChainPlan[] {
  const { scale } = anatomy;
  const hand = arm.hand;
  const handDirection = normalize(
    sub(hand.end, hand.origin),
    normalize(sub(hand.origin, arm.chain[0].origin)),
  );
  const fingers = arm.fingers.filter((f) => !f.isThumb);
  const knuckles = fingers.map((f) => f.bones[0].origin);
  const mitten = knuckles.length === 0;
  const palmEnd = mitten
    ? addScaled(hand.origin, handDirection, sizes.MITTEN_LENGTH * scale)
    : average(knuckles);

  // The knuckle line gives the palm's width direction; without fingers, the horizontal across the hand.
  let spreadDirection: Vec3Tuple | null = null;
  let spread = 0;
  for (let i = 0; i < knuckles.length; i++) {
    for (let j = i + 1; j < knuckles.length; j++) {
      const d = distance(knuckles[i], knuckles[j]);
      if (d > spread) {
        spread = d;
        spreadDirection = normalize(sub(knuckles[j], knuckles[i]));
      }
    }
  }
  const acrossHand = normalize(cross(handDirection, UP), [0, 0, 1]);
  const side = spreadDirection ?? acrossHand;
  const palmNormal = normalize(cross(handDirection, side), UP);

  // The collar is the top of the shoulder: Torso, as on a DAZ figure.
  const collar = hasCollar(arm);
  const ids = segmentIds(arm.chain);
  const surfaces = new Map(
    arm.chain.map((bone, i): [string, SurfaceName] => [bone.name, collar && ids[i] === 0 ? 'Torso' : 'Arms']),
  );
  const chain = jointChain(anatomy, arm.chain, palmEnd, (bone) => surfaces.get(bone.name) ?? 'Arms');
  const palmHalfWidth = Math.max(4 * scale, spread / 2 + 0.9 * scale) / scale;
  const palm: sizes.ProfileTable = mitten
    ? sizes.MITTEN
    : sizes.PALM.map(([u, w, d], i) => [u, i === 0 ? w : Math.max(w, palmHalfWidth), d] as const);
  const tables = collar
    ? [palm, sizes.FOREARM, sizes.UPPER_ARM, sizes.COLLAR]
    : [palm, sizes.FOREARM, sizes.UPPER_ARM];
  const profile = segmentProfile(chain, tables, scale);
  const first = profile[0];
  const last = profile[profile.length - 1];
  const armPlan: ChainPlan = {
    kind: 'arm',
    path: chain.path,
    spans: chain.spans,
    profile,
    sideReferences: [side, palmNormal],
    startExtension: 0,
    endExtension: 0,
    startCap: { depth: HIDDEN_CAP_DEPTH * first.side, rounded: false },
    endCap: { depth: mitten ? 1.5 * last.depth : 0.9 * last.depth, rounded: true },
    anchors: anchorsFor(anatomy, chain, arm.chain[0].parent, null),
    heavy: 1,
    seamAngle: SEAM_BACK,
  };

  const knuckleGap = smallestGap(knuckles);
  const fingerPlans = arm.fingers.map((finger) => planFinger(anatomy, finger, side, palmNormal, knuckleGap));
  return [armPlan, ...fingerPlans];
}

/** Smallest distance between any two knuckles: fingers must not be fatter than their spacing. */
function smallestGap(points: readonly Vec3Tuple[]): number {
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) gap = Math.min(gap, distance(points[i], points[j]));
  }
  return gap;
}

function planFinger(
  anatomy: FigureAnatomy,
  finger: FingerAnatomy,
  palmSide: Vec3Tuple,
  palmNormal: Vec3Tuple,
  knuckleGap: number,
): ChainPlan {
  const { scale } = anatomy;
  const bones = finger.bones;
  const last = bones[bones.length - 1];
  let tip = last.end;
  if (distance(last.origin, last.end) < 0.3 * scale) {
    // A tip bone without length: continue the finger's direction by a fingertip.
    const previous =
      bones.length > 1 ? bones[bones.length - 2].origin : anatomy.bone(last.parent ?? '')?.origin;
    const direction = previous ? normalize(sub(last.origin, previous)) : UP;
    tip = addScaled(last.origin, direction, 1.5 * scale);
  }
  const chain = jointChain(anatomy, bones, tip, () => 'Arms');
  const radius = finger.isThumb
    ? sizes.THUMB_RADIUS * scale
    : Math.min(sizes.FINGER_RADIUS * scale, 0.5 * knuckleGap);
  const length = chain.spans[chain.spans.length - 1].end;
  const tipRadius = radius * sizes.FINGER_TIP_TAPER;
  return {
    kind: 'finger',
    path: chain.path,
    spans: chain.spans,
    profile: [
      { s: 0, side: radius, depth: radius * 0.9 },
      { s: length, side: tipRadius, depth: tipRadius * 0.9 },
    ],
    sideReferences: finger.isThumb ? [palmNormal, palmSide] : [palmSide, palmNormal],
    startExtension: 1.2 * radius,
    endExtension: 0,
    startCap: { depth: HIDDEN_CAP_DEPTH * radius, rounded: false },
    endCap: { depth: 0.9 * tipRadius, rounded: true, surface: 'Fingernails' },
    anchors: anchorsFor(anatomy, chain, bones[0].parent, null),
    heavy: 0,
    seamAngle: SEAM_BACK,
  };
}

function planLeg(anatomy: FigureAnatomy, leg: LegAnatomy): ChainPlan[] {
  const { scale } = anatomy;
  const lastLegBone = leg.chain[leg.chain.length - 1];
  const ankle = leg.foot[0]?.origin ?? lastLegBone.end;
  const chain = jointChain(anatomy, leg.chain, ankle, () => 'Legs');
  const rootOverlap = 5 * scale;
  const thighRoot = segmentProfile(chain, [sizes.SHIN, sizes.THIGH], scale);
  const root = thighRoot[0];
  const profile = [
    { s: -rootOverlap, side: root.side * sizes.THIGH_ROOT_TAPER, depth: root.depth * sizes.THIGH_ROOT_TAPER },
    ...thighRoot,
  ];
  const endRadius = profile[profile.length - 1].side;
  const legPlan: ChainPlan = {
    kind: 'leg',
    path: chain.path,
    spans: chain.spans,
    profile,
    sideReferences: [
      [1, 0, 0],
      [0, 0, 1],
    ],
    startExtension: rootOverlap,
    endExtension: 1.5 * scale,
    startCap: { depth: HIDDEN_CAP_DEPTH * profile[0].side, rounded: false },
    endCap: { depth: 0.6 * endRadius, rounded: true },
    anchors: anchorsFor(anatomy, chain, leg.chain[0].parent, leg.foot[0]?.name ?? null),
    heavy: 1,
    seamAngle: SEAM_LEGS,
  };
  const foot = planFoot(anatomy, leg.foot);
  return foot ? [legPlan, foot] : [legPlan];
}

/**
 * The foot runs along the floor (y = 0) from behind the heel to the toe tip; its bones own the
 * stretches between their joints' projections on that line. Its centre line rises and falls with
 * the foot's half-height so the sole stays flat.
 */
function planFoot(anatomy: FigureAnatomy, bones: readonly BoneDefinition[]): ChainPlan | null {
  if (bones.length === 0) return null;
  const { scale } = anatomy;
  const floor = 0;
  const ankle = bones[0].origin;
  const toeTip = bones[bones.length - 1].end;
  const forward = normalize([toeTip[0] - ankle[0], 0, toeTip[2] - ankle[2]], [0, 0, 1]);
  const heel = addScaled([ankle[0], floor, ankle[2]], forward, -sizes.HEEL_BEHIND_ANKLE * scale);
  const footLength = Math.max(dot(sub(toeTip, heel), forward), 4 * scale);
  const table = sizes.FOOT;
  const path: Vec3Tuple[] = table.map(([u, , depth]) => {
    const p = addScaled(heel, forward, u * footLength);
    return [p[0], floor + depth * scale, p[2]];
  });
  const rowS: number[] = [0];
  for (let i = 1; i < path.length; i++) rowS.push(rowS[i - 1] + distance(path[i - 1], path[i]));
  const sAtU = (u: number): number => {
    if (u <= 0) return 0;
    let i = 0;
    while (i < table.length - 2 && u >= table[i + 1][0]) i++;
    const t = clamp((u - table[i][0]) / (table[i + 1][0] - table[i][0]), 0, 1);
    return rowS[i] + t * (rowS[i + 1] - rowS[i]);
  };
  const length = rowS[rowS.length - 1];

  const spans: SpanPlan[] = [];
  const anchorSpans: AnchorSpan[] = [];
  let start = 0;
  bones.forEach((bone, i) => {
    const isLast = i === bones.length - 1;
    // A bone's stretch ends between the next bone's joint and its own end (they differ on some rigs).
    const along = (p: Vec3Tuple) => dot(sub(p, heel), forward) / footLength;
    const boundary = isLast ? length : sAtU(0.5 * (along(bones[i + 1].origin) + along(bone.end)));
    const end = isLast
      ? length
      : clamp(boundary, start + 0.5 * scale, length - 0.5 * scale * (bones.length - 1 - i));
    spans.push({ bone: bone.name, end, surface: 'Legs' });
    anchorSpans.push({ bone: bone.name, start, end, sideTwists: [] });
    start = end;
  });
  const profile: ProfileKey[] = table.map(([, side, depth], i) => ({
    s: rowS[i],
    side: side * scale,
    depth: depth * scale,
  }));
  return {
    kind: 'foot',
    path,
    spans,
    profile,
    sideReferences: [
      [1, 0, 0],
      [0, 1, 0],
    ],
    startExtension: 0,
    endExtension: 0,
    startCap: { depth: 2.5 * scale, rounded: true },
    endCap: { depth: 0.9 * profile[profile.length - 1].depth, rounded: true },
    anchors: anchorsFor(anatomy, { anchorSpans }, null, null),
    heavy: 0,
    seamAngle: SEAM_LEGS,
  };
}

function planHead(anatomy: FigureAnatomy): EllipsoidPlan | null {
  const { head, scale } = anatomy;
  if (!head) return null;
  const [sideSemi, heightSemi, depthSemi] = sizes.HEAD_SEMI_AXES.map((v) => v * scale);
  const axis: Vec3Tuple = [0, Math.cos(sizes.HEAD_TILT), -Math.sin(sizes.HEAD_TILT)];
  const depthAxis = cross(axis, [1, 0, 0]);
  // Highest point of the leaning ellipsoid sits at the head bone's end (the top of the skull).
  const top = head.end[1] - head.origin[1] > 8 * scale ? head.end[1] : head.origin[1] + 15 * scale;
  const reach = Math.hypot(heightSemi * axis[1], depthSemi * depthAxis[1]);
  const centre: Vec3Tuple = [head.origin[0], top - reach, head.origin[2] + scale];
  /** Implicit ellipsoid value at p for a centre moved to depth z: 1 on the surface, less inside. */
  const inside = (p: Vec3Tuple, z: number) => {
    const d = sub(p, [centre[0], centre[1], z]);
    return (d[0] / sideSemi) ** 2 + (dot(d, axis) / heightSemi) ** 2 + (dot(d, depthAxis) / depthSemi) ** 2;
  };
  if (anatomy.eyes.length > 0) {
    // Slide the head along Z until the face passes just behind the front of the eyeballs, so the
    // eyes (centred on their bones) show through.
    const eyeRadius = sizes.EYE_RADIUS * scale;
    const fronts = anatomy.eyes.map(
      (eye): Vec3Tuple => addScaled(eye.origin, [0, 0, 1], (1 - sizes.EYE_PROTRUSION) * eyeRadius),
    );
    const score = (z: number) => fronts.reduce((sum, p) => sum + inside(p, z), 0) / fronts.length;
    let lo = head.origin[2] - 5 * scale;
    let hi = head.origin[2] + 4 * scale;
    if (score(lo) <= 1) hi = lo;
    else if (score(hi) >= 1) lo = hi;
    for (let i = 0; i < 40 && hi - lo > 1e-4; i++) {
      const mid = 0.5 * (lo + hi);
      if (score(mid) > 1) lo = mid;
      else hi = mid;
    }
    centre[2] = 0.5 * (lo + hi);
  }
  return {
    kind: 'head',
    bone: head.name,
    surface: 'Face',
    centre,
    axis,
    side: [1, 0, 0],
    semiAxes: [sideSemi, heightSemi, depthSemi],
    startNarrowing: sizes.JAW_NARROWING,
  };
}

function planEye(anatomy: FigureAnatomy, eye: BoneDefinition): EllipsoidPlan {
  const r = sizes.EYE_RADIUS * anatomy.scale;
  return {
    kind: 'eye',
    bone: eye.name,
    surface: 'Eyes',
    centre: [...eye.origin],
    // Poles front and back: the front pole is where an iris would be painted.
    axis: [0, 0, 1],
    side: [1, 0, 0],
    semiAxes: [r, r, r],
    startNarrowing: 0,
  };
}
