/**
 * Reads a Genesis skeleton as a body: which bones form the torso, neck, head, each arm, leg,
 * foot and finger. Bones are recognised by role, parent links and geometry (an arm is a lateral
 * child of the spine that leads to a hand; the spine is the upward midline chain), so Genesis 8's
 * in-chain twist bones and Genesis 9's side-child twist bones both fit. Names are consulted only
 * where structure cannot tell (carpals, thumbs, eyeballs versus other eye-role bones).
 */
import type {
  BoneDefinition,
  BoneRole,
  SkeletonDefinition,
} from '../../../bonemaps/genesis/skeleton-definition.js';
import { DazportError } from '../../../errors.js';
import { distance, normalize, sub } from './vector-math.js';

export interface FingerAnatomy {
  /** Phalanges from the knuckle outwards (carpals/metacarpals left out: the palm covers them). */
  bones: BoneDefinition[];
  isThumb: boolean;
}

export interface ArmAnatomy {
  /** Collar (if any) to hand, following the limb through Genesis 8's in-chain twist bones. */
  chain: BoneDefinition[];
  hand: BoneDefinition;
  fingers: FingerAnatomy[];
}

export interface LegAnatomy {
  /** Thigh to shin (in-chain twist bones included); the foot starts where this ends. */
  chain: BoneDefinition[];
  /** Foot to toe, the bones the foot part is built along; empty when the leg has no foot. */
  foot: BoneDefinition[];
}

export interface FigureAnatomy {
  /** Multiplier from the reference 170 cm figure the proportion tables are written for. */
  scale: number;
  root: BoneDefinition;
  /** The downward bone under the root that carries the legs (`pelvis`), if any. */
  pelvis: BoneDefinition | null;
  /** Spine bones from the bottom up to the chest (the bone the arms hang from). */
  torso: BoneDefinition[];
  neck: BoneDefinition[];
  head: BoneDefinition | null;
  eyes: BoneDefinition[];
  arms: ArmAnatomy[];
  legs: LegAnatomy[];
  bone(name: string): BoneDefinition | undefined;
  children(name: string): readonly BoneDefinition[];
  /** Twist bones hanging off `name` beside the limb chain (Genesis 9 style). */
  sideTwists(name: string): readonly BoneDefinition[];
}

/** Height of the reference figure the radius tables assume, and where its hip and head joints sit. */
const REFERENCE_HEIGHT = 170;
const HIP_HEIGHT_FRACTION = 0.61;
const HEAD_JOINT_HEIGHT_FRACTION = 0.925;
/** Bones this far from the figure's midline (cm at reference scale) are not spine candidates. */
const MIDLINE_TOLERANCE = 4;

/** The only name patterns needed: structure cannot tell a carpal from a phalanx or a thumb from a finger. */
const CARPAL_NAME = /carpal/i;
const THUMB_NAME = /thumb/i;
const EYEBALL_NAME = /eye$/i;
const NECK_NAME = /neck/i;

export function readFigureAnatomy(skeleton: SkeletonDefinition): FigureAnatomy {
  const bones = skeleton.bones;
  if (bones.length === 0) {
    throw new DazportError('DAZPORT_SCENE_INVALID', `skeleton "${skeleton.id}" has no bones`);
  }
  const byName = new Map<string, BoneDefinition>();
  const childrenOf = new Map<string, BoneDefinition[]>();
  for (const b of bones) {
    byName.set(b.name, b);
    childrenOf.set(b.name, []);
  }
  for (const b of bones) {
    if (b.parent !== null) childrenOf.get(b.parent)?.push(b);
  }
  const children = (name: string): readonly BoneDefinition[] => childrenOf.get(name) ?? [];

  // Subtree sizes, children after parents in the list, so one reverse pass suffices.
  const subtree = new Map<string, number>();
  for (let i = bones.length - 1; i >= 0; i--) {
    const b = bones[i];
    let n = 0;
    for (const c of children(b.name)) n += 1 + (subtree.get(c.name) ?? 0);
    subtree.set(b.name, n);
  }
  const hasDescendantWithRole = (b: BoneDefinition, role: BoneRole): boolean =>
    children(b.name).some((c) => c.role === role || hasDescendantWithRole(c, role));
  /**
   * The child that carries the rest of the limb: the biggest subtree (twist side-children have
   * none); on a tie (a limb's last bones) a non-twist child, then the one starting nearest the end.
   */
  const mainContinuation = (b: BoneDefinition, roles: readonly BoneRole[]): BoneDefinition | undefined => {
    const rank = (c: BoneDefinition) => [
      subtree.get(c.name) ?? 0,
      c.role === 'twist' ? 0 : 1,
      -distance(c.origin, b.end),
    ];
    const outranks = (x: number[], y: number[]) => (x[0] - y[0] || x[1] - y[1] || x[2] - y[2]) > 0;
    let best: BoneDefinition | undefined;
    for (const c of children(b.name)) {
      if (roles.includes(c.role) && (!best || outranks(rank(c), rank(best)))) best = c;
    }
    return best;
  };

  const root = bones[0];
  // Figure size from the head joint (legs vary more between figures than the whole body does).
  const headBone = bones.find((b) => b.role === 'head');
  const height = headBone
    ? headBone.origin[1] / HEAD_JOINT_HEIGHT_FRACTION
    : root.origin[1] / HIP_HEIGHT_FRACTION;
  const scale = height > 1 ? Math.min(2.5, Math.max(0.3, height / REFERENCE_HEIGHT)) : 1;
  const midlineX = root.origin[0];
  const direction = (b: BoneDefinition) => normalize(sub(b.end, b.origin), [0, 0, 0]);
  const onMidline = (p: readonly number[]) => Math.abs(p[0] - midlineX) < MIDLINE_TOLERANCE * scale;
  /** A leg leads to a foot; failing that (a footless rig), it is a body bone hanging down off the midline. */
  const isLeg = (b: BoneDefinition) =>
    b.role === 'body' &&
    (hasDescendantWithRole(b, 'foot') || (direction(b)[1] < -0.5 && !onMidline(b.origin)));

  // The pelvis hangs down the midline from the root and carries the legs (a thigh is off the midline).
  const pelvis =
    children(root.name).find(
      (c) =>
        c.role === 'body' &&
        direction(c)[1] < -0.5 &&
        onMidline(c.origin) &&
        onMidline(c.end) &&
        children(c.name).some(isLeg),
    ) ?? null;

  // Spine: the upward midline chain from the root to the head.
  const spine: BoneDefinition[] = [];
  const isSpineStep = (c: BoneDefinition) =>
    (c.role === 'body' || c.role === 'head') && c !== pelvis && direction(c)[1] > 0.5 && onMidline(c.origin);
  let cursor: BoneDefinition | undefined = root;
  while (cursor) {
    const candidates: BoneDefinition[] = children(cursor.name).filter(isSpineStep);
    const next: BoneDefinition | undefined =
      candidates.find((c) => c.role === 'head') ??
      candidates.reduce<BoneDefinition | undefined>(
        (best, c) => (!best || direction(c)[1] > direction(best)[1] ? c : best),
        undefined,
      );
    if (!next) break;
    spine.push(next);
    cursor = next.role === 'head' ? undefined : next;
  }
  const head = spine.length > 0 && spine[spine.length - 1].role === 'head' ? spine[spine.length - 1] : null;
  const spineBody = head ? spine.slice(0, -1) : spine;

  // Arms hang from the highest spine bone that has a lateral child leading to a hand.
  const armRootsOf = (b: BoneDefinition) =>
    children(b.name).filter(
      (c) => !spine.includes(c) && c.role === 'body' && hasDescendantWithRole(c, 'hand'),
    );
  let chestIndex = -1;
  for (let i = 0; i < spineBody.length; i++) if (armRootsOf(spineBody[i]).length > 0) chestIndex = i;
  if (chestIndex < 0) {
    // No arms: the neck is what is named so; everything below it is torso.
    const firstNeck = spineBody.findIndex((b) => NECK_NAME.test(b.name));
    chestIndex = firstNeck < 0 ? spineBody.length - 1 : firstNeck - 1;
  }
  const torso = spineBody.slice(0, chestIndex + 1);
  const neck = spineBody.slice(chestIndex + 1);

  const sideTwistMap = new Map<string, BoneDefinition[]>();
  const noteSideTwists = (chain: readonly BoneDefinition[]) => {
    for (const b of chain) {
      const twists = children(b.name).filter((c) => c.role === 'twist' && !chain.includes(c));
      if (twists.length > 0) sideTwistMap.set(b.name, twists);
    }
  };
  noteSideTwists(spine);

  const arms: ArmAnatomy[] = [];
  for (const spineBone of spineBody) {
    for (const armRoot of armRootsOf(spineBone)) {
      const chain: BoneDefinition[] = [armRoot];
      let b: BoneDefinition = armRoot;
      while (b.role !== 'hand') {
        const next = mainContinuation(b, ['body', 'twist', 'hand']);
        if (!next) break;
        chain.push(next);
        b = next;
      }
      if (b.role !== 'hand') continue;
      noteSideTwists(chain);
      arms.push({ chain, hand: b, fingers: readFingers(b, children) });
    }
  }

  const legs: LegAnatomy[] = [];
  const legParents = pelvis ? [pelvis, root] : [root];
  for (const parent of legParents) {
    for (const thigh of children(parent.name)) {
      if (thigh.role !== 'body' || thigh === pelvis || spine.includes(thigh) || !isLeg(thigh)) continue;
      const chain: BoneDefinition[] = [thigh];
      let b = thigh;
      for (;;) {
        const next = mainContinuation(b, ['body', 'twist', 'foot']);
        if (!next || next.role === 'foot') break;
        chain.push(next);
        b = next;
      }
      noteSideTwists(chain);
      legs.push({ chain, foot: readFoot(b, children, mainContinuation) });
    }
  }

  let eyes = bones.filter((b) => b.role === 'eye');
  if (eyes.length > 2) eyes = eyes.filter((b) => EYEBALL_NAME.test(b.name));

  return {
    scale,
    root,
    pelvis,
    torso,
    neck,
    head,
    eyes,
    arms,
    legs,
    bone: (name) => byName.get(name),
    children,
    sideTwists: (name) => sideTwistMap.get(name) ?? [],
  };
}

/**
 * Finger chains under a hand: carpals (inside the palm) are stepped through, each phalanx chain
 * is followed out to its tip.
 */
function readFingers(
  hand: BoneDefinition,
  children: (name: string) => readonly BoneDefinition[],
): FingerAnatomy[] {
  const fingers: FingerAnatomy[] = [];
  const visit = (parent: BoneDefinition) => {
    for (const c of children(parent.name)) {
      if (CARPAL_NAME.test(c.name)) {
        visit(c);
        continue;
      }
      if (c.role !== 'finger') continue;
      const chain: BoneDefinition[] = [c];
      let b = c;
      for (;;) {
        const next = children(b.name).find((k) => k.role === 'finger' && !CARPAL_NAME.test(k.name));
        if (!next) break;
        chain.push(next);
        b = next;
      }
      fingers.push({ bones: chain, isThumb: THUMB_NAME.test(c.name) });
    }
  };
  visit(hand);
  if (fingers.length > 0 && !fingers.some((f) => f.isThumb)) {
    // Unnamed thumb: the finger rooted nearest the wrist.
    let nearest = fingers[0];
    const d = (f: FingerAnatomy) => Math.hypot(...sub(f.bones[0].origin, hand.origin));
    for (const f of fingers) if (d(f) < d(nearest)) nearest = f;
    if (fingers.length >= 5) nearest.isThumb = true;
  }
  return fingers;
}

/**
 * Foot bones from the ankle to the toe: the main continuation is followed until the chain splits
 * into separate toes (Genesis 8 `lToe`, Genesis 9 `l_toes`) or ends.
 */
function readFoot(
  lastLegBone: BoneDefinition,
  children: (name: string) => readonly BoneDefinition[],
  mainContinuation: (b: BoneDefinition, roles: readonly BoneRole[]) => BoneDefinition | undefined,
): BoneDefinition[] {
  const foot = children(lastLegBone.name).find((c) => c.role === 'foot');
  if (!foot) return [];
  const chain = [foot];
  let b = foot;
  for (;;) {
    const next = mainContinuation(b, ['foot', 'toe']);
    if (!next) break;
    chain.push(next);
    b = next;
    if (b.role === 'toe' && children(b.name).filter((c) => c.role === 'toe').length !== 1) break;
  }
  return chain;
}
