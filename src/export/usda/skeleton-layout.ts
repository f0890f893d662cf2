/**
 * DAZ skeletons in UsdSkel terms (the math; skel.ts writes the prims).
 *
 * DAZ places a bone by W = W_parent · T(t) · T(c) · O · R · O⁻¹ · T(−c) (c: rest origin,
 * O: rest orientation, R: the rotate channels in the bone's rotation order, t: translate
 * channels; src/emulator/dom/node-transform.ts), and skins rest figure-space points with
 * Σ w·W·p. In UsdSkel terms, with skeleton space = figure space:
 *
 * - the bind (rest) frame of joint i is B_i = T(c_i) · O_i, so its skinning transform
 *   F_i · B_i⁻¹ equals W_fig⁻¹ · W_i when the posed frame is F_i = W_fig⁻¹ · W_i · B_i;
 * - its local (parent-relative) transform is A_i = F_p⁻¹ · F_i = T(O_p⁻¹ (c_i − c_p + t)) ·
 *   (O_p⁻¹ · O_i · R): a rotation and a translation, no scale (root: O_p = 1, c_p = 0);
 * - restTransforms are A_i with R = 1, t = 0, i.e. B_p⁻¹ · B_i;
 * - the SkelRoot carries W_fig, the figure's own transform, found from the root bone's world
 *   frame (`worldMatrix · O = W_fig · F_root`), so a moved, turned or scaled figure lands right.
 */
import {
  eulerDegreesToQuat,
  type Quat,
  quatConjugate,
  quatMultiply,
  quatNormalize,
  quatRotate,
} from '../../math/euler.js';
import type { Motion } from '../../scene/motion.js';
import type { Scene } from '../../scene/scene.js';
import type { Joint, Skeleton } from '../../scene/skeleton.js';
import { SiblingNames } from './identifiers.js';
import { fromRotationTranslation, invert, type Mat4, multiply } from './xforms.js';

export interface SkeletonLayout {
  skeleton: Skeleton;
  /** Joint indices in the written (parents-first) order. */
  order: number[];
  /** Written position of each joint index. */
  position: Int32Array;
  /** UsdSkel joint paths (`hip/pelvis/l_thigh`), in written order. */
  paths: string[];
  /** Bind (rest) frames in skeleton (figure) space, in written order. */
  bind: Mat4[];
  /** Rest local transforms B_p⁻¹ · B_i, in written order. */
  rest: Mat4[];
  /** The figure's world transform W_fig (figure space → world). */
  figureWorld: Mat4;
}

/** A joint's local transform as UsdSkel stores it. */
export interface JointLocal {
  translation: [number, number, number];
  /** Unit quaternion [x, y, z, w]. */
  rotation: Quat;
}

const IDENTITY_Q: Quat = [0, 0, 0, 1];

export function layoutSkeleton(scene: Scene, skeleton: Skeleton): SkeletonLayout {
  const joints = skeleton.joints;
  const order = parentsFirst(joints);
  const position = new Int32Array(joints.length).fill(-1);
  order.forEach((j, p) => {
    position[j] = p;
  });
  const namers = new Map<number, SiblingNames>();
  const pathOf: string[] = new Array(joints.length);
  for (const j of order) {
    const parent = joints[j].parent;
    let namer = namers.get(parent);
    if (!namer) {
      namer = new SiblingNames();
      namers.set(parent, namer);
    }
    const name = namer.claim(joints[j].name, 'joint');
    pathOf[j] = parent >= 0 ? `${pathOf[parent]}/${name}` : name;
  }
  const bindOf = (j: number) =>
    fromRotationTranslation(quatNormalize(joints[j].orientation), joints[j].origin);
  const rest = order.map((j) => {
    const l = jointLocal(joints, j, IDENTITY_Q, [0, 0, 0]);
    return fromRotationTranslation(l.rotation, l.translation);
  });
  return {
    skeleton,
    order,
    position,
    paths: order.map((j) => pathOf[j]),
    bind: order.map(bindOf),
    rest,
    figureWorld: figureWorld(scene, skeleton),
  };
}

/** A_i for rotate channels given as quaternion `r` and translate channels `t` (cm). */
export function jointLocal(joints: readonly Joint[], j: number, r: Quat, t: readonly number[]): JointLocal {
  const joint = joints[j];
  const parent = joint.parent >= 0 ? joints[joint.parent] : null;
  const oInvP = parent ? quatConjugate(quatNormalize(parent.orientation)) : IDENTITY_Q;
  const cp = parent ? parent.origin : [0, 0, 0];
  const rotation = quatNormalize(quatMultiply(quatMultiply(oInvP, quatNormalize(joint.orientation)), r));
  const translation = quatRotate(oInvP, [
    joint.origin[0] - cp[0] + t[0],
    joint.origin[1] - cp[1] + t[1],
    joint.origin[2] - cp[2] + t[2],
  ]);
  return { translation, rotation };
}

/** The current pose (the joints' rotate and translate channels), in written order. */
export function posedLocals(layout: SkeletonLayout): JointLocal[] {
  const joints = layout.skeleton.joints;
  return layout.order.map((j) => {
    const { rotationOrder: order, rotation: d } = joints[j];
    return jointLocal(joints, j, eulerDegreesToQuat(order, d[0], d[1], d[2]), joints[j].translation);
  });
}

/**
 * One frame of a motion, in written order: tracked joints take the track's rotation (and
 * translation), the others keep the current pose.
 */
export function motionLocals(
  layout: SkeletonLayout,
  tracks: MotionTracks,
  frame: number,
  pose: JointLocal[],
): JointLocal[] {
  const joints = layout.skeleton.joints;
  return layout.order.map((j, p) => {
    const track = tracks.byJoint[j];
    if (!track) return pose[p];
    const q = track.rotations;
    const r: Quat = [q[frame * 4], q[frame * 4 + 1], q[frame * 4 + 2], q[frame * 4 + 3]];
    const tr = track.translations;
    const t = tr ? [tr[frame * 3], tr[frame * 3 + 1], tr[frame * 3 + 2]] : joints[j].translation;
    return jointLocal(joints, j, quatNormalize(r), t);
  });
}

export interface MotionTracks {
  motion: Motion;
  /** Track per joint index (undefined: not animated). */
  byJoint: (Motion['tracks'][number] | undefined)[];
  /** Track joint names the skeleton does not have. */
  unmatched: string[];
}

export function matchTracks(skeleton: Skeleton, motion: Motion): MotionTracks {
  const index = new Map(skeleton.joints.map((j, i) => [j.name, i]));
  const byJoint: MotionTracks['byJoint'] = new Array(skeleton.joints.length).fill(undefined);
  const unmatched: string[] = [];
  for (const track of motion.tracks) {
    const j = index.get(track.joint);
    if (j === undefined) unmatched.push(track.joint);
    else byJoint[j] = track;
  }
  return { motion, byJoint, unmatched };
}

/** Which skeleton a motion drives: its own index, else the one sharing the most joint names. */
export function motionSkeleton(scene: Scene, motion: Motion): number | undefined {
  if (motion.skeleton !== undefined && scene.skeletons[motion.skeleton]) return motion.skeleton;
  let best: number | undefined;
  let bestCount = 0;
  scene.skeletons.forEach((s, i) => {
    const names = new Set(s.joints.map((j) => j.name));
    const count = motion.tracks.filter((t) => names.has(t.joint)).length;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  return best;
}

/** Joint indices with every parent before its children (stable: keeps a valid order as is). */
function parentsFirst(joints: readonly Joint[]): number[] {
  if (joints.every((j, i) => j.parent < i)) return joints.map((_, i) => i);
  const children = new Map<number, number[]>();
  joints.forEach((j, i) => {
    const p = j.parent >= 0 && j.parent < joints.length ? j.parent : -1;
    children.set(p, [...(children.get(p) ?? []), i]);
  });
  const out: number[] = [];
  const seen = new Uint8Array(joints.length);
  const visit = (i: number) => {
    if (seen[i]) return;
    seen[i] = 1;
    out.push(i);
    for (const c of children.get(i) ?? []) visit(c);
  };
  for (const r of children.get(-1) ?? []) visit(r);
  // A cycle (bad input) would leave joints out: add them as roots rather than drop them.
  for (let i = 0; i < joints.length; i++) visit(i);
  return out;
}

/** W_fig from the root bone's world frame; the figure node's own frame if there is no bone node. */
function figureWorld(scene: Scene, skeleton: Skeleton): Mat4 {
  const rootIndex = skeleton.joints.findIndex((j) => j.parent < 0);
  const root = skeleton.joints[rootIndex];
  const node = root ? scene.nodes[root.node] : undefined;
  if (!root || !node) return Float64Array.from(scene.nodes[skeleton.node]?.worldMatrix ?? identity16());
  const { rotationOrder: order, rotation: d } = root;
  const pose = jointLocal(
    skeleton.joints,
    rootIndex,
    eulerDegreesToQuat(order, d[0], d[1], d[2]),
    root.translation,
  );
  const frame = multiply(
    node.worldMatrix,
    fromRotationTranslation(quatNormalize(root.orientation), [0, 0, 0]),
  );
  const poseInv = invert(fromRotationTranslation(pose.rotation, pose.translation)) as Mat4;
  return multiply(frame, poseInv);
}

function identity16(): Float64Array {
  return new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
}
