/**
 * Where the feet touch the floor, per frame, on the figure and on the capture: the points the
 * retargeter grounds the figure with and reports floor contact and foot skating on.
 *
 * Figure: three sole points per foot, on the rest floor under the heel (a quarter foot behind
 * the ankle), the ball (toes joint) and the toe tip (toes end), carried by the foot and toes
 * bones. Their lowest is a close stand-in for the lowest vertex of the foot mesh, which the
 * retargeter does not have. Capture: ankle, ball and toe tip joints (End Site), which have no
 * sole under them: they are compared with their own lowest level over the clip.
 */
import type { CanonicalJoint } from '../../bonemaps/canonical.js';
import * as quat from './quat.js';

// Local bindings for the frame loop (see retarget.ts).
const { rotateVec } = quat;

import type { TargetRig } from './target-rig.js';

export const SOLE_POINTS_PER_FOOT = 3;

const point = new Float64Array(3);

export interface FigureFeet {
  /** Bones whose posed origins are needed, parents first (the paths from the root to the feet). */
  path: Int32Array;
  /** Per sole point: the bone carrying it. */
  bones: Int32Array;
  /** Per sole point: rest position minus the bone's origin (3 each). */
  offsets: Float64Array;
  /** Height of the figure's standing floor (cm): the soles' rest height. */
  floor: number;
  /** Per rig bone: rest origin minus its parent's origin (3 each). */
  deltas: Float64Array;
}

/** The figure's sole points, or undefined when its feet are not mapped. */
export function figureFeet(
  rig: TargetRig,
  targetOf: ReadonlyMap<CanonicalJoint, number>,
): FigureFeet | undefined {
  const bones: number[] = [];
  const points: number[][] = [];
  let lowest = Number.POSITIVE_INFINITY;
  for (const s of ['l', 'r'] as const) {
    const foot = targetOf.get(`${s}_foot`);
    if (foot === undefined) return undefined;
    const toes = targetOf.get(`${s}_toes`);
    const ankle = rig.joints[foot].origin;
    const ball = toes !== undefined ? rig.joints[toes].origin : rig.joints[foot].end;
    const tip = toes !== undefined ? rig.joints[toes].end : ball;
    lowest = Math.min(lowest, ankle[1], ball[1], tip[1]);
    const heel = [ankle[0] - 0.25 * (ball[0] - ankle[0]), 0, ankle[2] - 0.25 * (ball[2] - ankle[2])];
    bones.push(foot, foot, toes ?? foot);
    points.push(heel, [ball[0], 0, ball[2]], [tip[0], 0, tip[2]]);
  }
  // DAZ figures stand on y = 0 with the soles there; a skeleton placed elsewhere keeps its own floor
  // at its lowest foot joint.
  const floor = lowest >= 0 && lowest < 8 ? 0 : lowest;
  const offsets = new Float64Array(points.length * 3);
  points.forEach((p, i) => {
    const o = rig.joints[bones[i]].origin;
    offsets[i * 3] = p[0] - o[0];
    offsets[i * 3 + 1] = floor - o[1];
    offsets[i * 3 + 2] = p[2] - o[2];
  });
  const needed = new Set<number>();
  for (const b of bones) for (let j = b; j >= 0; j = rig.joints[j].parent) needed.add(j);
  const path = Int32Array.from([...needed].sort((a, b) => a - b));
  const deltas = new Float64Array(rig.joints.length * 3);
  rig.joints.forEach((j, b) => {
    if (j.parent >= 0)
      for (let i = 0; i < 3; i++) deltas[b * 3 + i] = j.origin[i] - rig.joints[j.parent].origin[i];
  });
  return { path, bones: Int32Array.from(bones), offsets, floor, deltas };
}

/**
 * Posed origins of `bones` (parents first, every ancestor listed before its children) into
 * `posed` (3 per rig bone), from the bones' world rotations (rest → posed), the rest offsets
 * from each parent (`deltas`, 3 per bone) and the root's translation.
 */
export function poseOrigins(
  bones: Int32Array,
  parents: Int32Array,
  origins: Float64Array,
  deltas: Float64Array,
  world: Float64Array,
  rootTranslation: ArrayLike<number>,
  rootOffset: number,
  posed: Float64Array,
): void {
  for (let k = 0; k < bones.length; k++) {
    const b = bones[k];
    const p = parents[b];
    if (p < 0) {
      posed[b * 3] = origins[b * 3] + rootTranslation[rootOffset];
      posed[b * 3 + 1] = origins[b * 3 + 1] + rootTranslation[rootOffset + 1];
      posed[b * 3 + 2] = origins[b * 3 + 2] + rootTranslation[rootOffset + 2];
      continue;
    }
    rotateVec(posed, b * 3, world, p * 4, deltas, b * 3);
    posed[b * 3] += posed[p * 3];
    posed[b * 3 + 1] += posed[p * 3 + 1];
    posed[b * 3 + 2] += posed[p * 3 + 2];
  }
}

/**
 * Posed sole points into `out` (3 per point) from the bones' world rotations (rest → posed) and
 * the root's translation. `origins` holds the rest origins (3 per bone), `posed` is scratch for
 * the posed origins of the path's bones.
 */
export function poseSolePoints(
  feet: FigureFeet,
  parents: Int32Array,
  origins: Float64Array,
  world: Float64Array,
  rootTranslation: ArrayLike<number>,
  rootOffset: number,
  posed: Float64Array,
  out: Float32Array,
  outOffset: number,
): void {
  poseOrigins(feet.path, parents, origins, feet.deltas, world, rootTranslation, rootOffset, posed);
  for (let i = 0; i < feet.bones.length; i++) {
    const b = feet.bones[i];
    const o = outOffset + i * 3;
    rotateVec(point, 0, world, b * 4, feet.offsets, i * 3);
    out[o] = point[0] + posed[b * 3];
    out[o + 1] = point[1] + posed[b * 3 + 1];
    out[o + 2] = point[2] + posed[b * 3 + 2];
  }
}
