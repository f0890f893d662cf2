/**
 * The capture's reference pose: the pose that the figure's rest pose stands for. Every bone's
 * motion is measured from it (ΔS = W(frame) · W(reference)⁻¹), and the capture's up, left and
 * facing are read off it.
 *
 * Zero rotations are the reference only when they form a plausible standing skeleton. Many
 * exporters put the rest pose in the rotation channels instead (LAFAN1, Bandai-Namco, anything
 * written with bones along the joint's local X): with zero rotations their skeleton is a straight
 * line, and trusting it turns the whole figure 90–120°. For those, `auto` picks the capture's
 * most upright standing frame; `{ frame: N }` lets the user name one (a T-pose frame, say).
 */
import type { CanonicalJoint } from '../../bonemaps/canonical.js';
import { DazportError } from '../../errors.js';
import { type Quat, quatConjugate, quatRotate } from '../../math/euler.js';
import type { BvhClip } from '../bvh/bvh-clip.js';
import { type BvhPositionMode, createBvhPose, forwardKinematics } from '../bvh/forward-kinematics.js';
import { snapToAxis } from './quat.js';

/** `auto` (default): zero rotations when they stand, else the most upright frame; `zero`; or a frame. */
export type SourceRestChoice = 'auto' | 'zero' | { frame: number };

export interface SourceReference {
  kind: 'zero' | 'frame';
  /** The clip frame used, for `kind: 'frame'`. */
  frame?: number;
  /** Why this reference: for reports. */
  reason: string;
  /** Joint positions, file units and axes, 3 per joint. */
  positions: Float64Array;
  /** World rotation per joint (x, y, z, w): identity for the zero pose. */
  rotations: Float64Array;
  /**
   * For a frame chosen automatically: the pelvis's up in that frame (file axes), from how the
   * pelvis sits whenever the performer stands upright. A frame's own pelvis is pitched a few
   * degrees by the walk it belongs to; the upright frames' average is the performer's stance.
   */
  pelvisUp?: [number, number, number];
}

/** At most this many frames are scored when looking for the most upright one. */
const MAX_SCORED_FRAMES = 600;
/** A leg more than this far from straight down (thigh → ankle against −up) does not stand. */
const MAX_LEG_ANGLE_DEG = 40;

export function chooseSourceReference(
  clip: BvhClip,
  sourceOf: ReadonlyMap<CanonicalJoint, number>,
  choice: SourceRestChoice,
  positionMode: BvhPositionMode,
): SourceReference {
  if (typeof choice === 'object') {
    const frame = choice.frame;
    if (!(Number.isInteger(frame) && frame >= 0 && frame < clip.frameCount)) {
      throw new DazportError(
        'DAZPORT_RETARGET',
        `reference frame ${frame} is outside the clip (0..${clip.frameCount - 1})`,
        {
          context: { file: clip.file },
          suggestion: "name a frame of the clip, or use sourceRest: 'auto'",
          cliSuggestion: 'name a frame of the clip (--source-rest frame:N), or use --source-rest auto',
        },
      );
    }
    return {
      kind: 'frame',
      frame,
      reason: `frame ${frame}, as asked`,
      ...framePose(clip, frame, positionMode),
    };
  }
  const zero = zeroPose(clip);
  if (choice === 'zero') return { kind: 'zero', reason: 'zero rotations, as asked', ...zero };
  const problems = standingProblems(zero.positions, sourceOf);
  if (problems.length === 0)
    return { kind: 'zero', reason: 'zero rotations form a standing skeleton', ...zero };
  const { frame, pelvisUp } = mostUprightFrame(clip, sourceOf, positionMode);
  return {
    kind: 'frame',
    frame,
    reason: `zero rotations do not form a standing skeleton (${problems.join('; ')}): using the most upright frame, ${frame}`,
    ...framePose(clip, frame, positionMode),
    pelvisUp,
  };
}

function zeroPose(clip: BvhClip): { positions: Float64Array; rotations: Float64Array } {
  const n = clip.joints.length;
  const positions = new Float64Array(n * 3);
  const rotations = new Float64Array(n * 4);
  clip.joints.forEach((j, i) => {
    for (let k = 0; k < 3; k++)
      positions[i * 3 + k] = (j.parent >= 0 ? positions[j.parent * 3 + k] : 0) + j.offset[k];
    rotations[i * 4 + 3] = 1;
  });
  return { positions, rotations };
}

function framePose(
  clip: BvhClip,
  frame: number,
  positionMode: BvhPositionMode,
): { positions: Float64Array; rotations: Float64Array } {
  const pose = forwardKinematics(clip, frame, { positionMode });
  return { positions: pose.positions, rotations: pose.rotations };
}

type Vec = [number, number, number];

function at(positions: Float64Array, j: number): Vec {
  return [positions[j * 3], positions[j * 3 + 1], positions[j * 3 + 2]];
}
function sub(a: Vec, b: Vec): Vec {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function angleDeg(a: Vec, b: Vec): number {
  const la = Math.hypot(...a);
  const lb = Math.hypot(...b);
  if (la < 1e-9 || lb < 1e-9) return 180;
  const c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (la * lb);
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
}

/** The top of the capture's trunk: head, else neck, else chest. */
export function trunkTop(sourceOf: ReadonlyMap<CanonicalJoint, number>): number | undefined {
  for (const c of ['head', 'neckUpper', 'neck', 'chestUpper', 'chest', 'spineMid'] as const) {
    const j = sourceOf.get(c);
    if (j !== undefined) return j;
  }
  return undefined;
}

/**
 * What keeps a pose from being a standing reference, in words; empty when it stands: thighs
 * apart across the body, legs hanging down, arms not raised above the shoulders.
 */
export function standingProblems(
  positions: Float64Array,
  sourceOf: ReadonlyMap<CanonicalJoint, number>,
): string[] {
  const problems: string[] = [];
  const hips = sourceOf.get('hips');
  const top = trunkTop(sourceOf);
  if (hips === undefined || top === undefined) return ['no hips or trunk joints mapped'];
  const up = sub(at(positions, top), at(positions, hips));
  if (Math.hypot(...up) < 1e-9) return ['the trunk has no length'];
  const lt = sourceOf.get('l_thigh');
  const rt = sourceOf.get('r_thigh');
  if (lt !== undefined && rt !== undefined) {
    const left = sub(at(positions, lt), at(positions, rt));
    const a = angleDeg(left, up);
    if (Math.hypot(...left) < 1e-9 || Math.abs(a - 90) > 30) problems.push('the thighs are not side by side');
  }
  for (const s of ['l', 'r'] as const) {
    const thigh = sourceOf.get(`${s}_thigh`);
    const ankle = sourceOf.get(`${s}_foot`) ?? sourceOf.get(`${s}_shin`);
    if (thigh === undefined || ankle === undefined) continue;
    const leg = sub(at(positions, ankle), at(positions, thigh));
    if (angleDeg(leg, [-up[0], -up[1], -up[2]]) > MAX_LEG_ANGLE_DEG) {
      problems.push(`the ${s === 'l' ? 'left' : 'right'} leg does not hang down`);
    }
    const arm = sourceOf.get(`${s}_upperArm`);
    const hand = sourceOf.get(`${s}_hand`) ?? sourceOf.get(`${s}_forearm`);
    if (arm !== undefined && hand !== undefined) {
      const a = sub(at(positions, hand), at(positions, arm));
      if (angleDeg(a, up) < 45) problems.push(`the ${s === 'l' ? 'left' : 'right'} arm points up`);
    }
  }
  return problems;
}

/**
 * The frame that stands most upright: trunk closest to the capture's up and legs closest to
 * straight down. The capture's up is the mean trunk direction over the clip snapped to the
 * nearest axis (captures are Y- or Z-up; nobody walks on a wall for a whole take).
 */
function mostUprightFrame(
  clip: BvhClip,
  sourceOf: ReadonlyMap<CanonicalJoint, number>,
  positionMode: BvhPositionMode,
): { frame: number; pelvisUp: [number, number, number] } {
  const hips = sourceOf.get('hips') as number;
  const top = trunkTop(sourceOf) as number;
  const step = Math.max(1, Math.ceil(clip.frameCount / MAX_SCORED_FRAMES));
  const pose = createBvhPose(clip.joints.length);
  const frames: number[] = [];
  const poses: Float64Array[] = [];
  const pelvis: Quat[] = [];
  const mean: Vec = [0, 0, 0];
  for (let f = 0; f < clip.frameCount; f += step) {
    forwardKinematics(clip, f, { target: pose, positionMode });
    const up = sub(at(pose.positions, top), at(pose.positions, hips));
    const n = Math.hypot(...up) || 1;
    for (let k = 0; k < 3; k++) mean[k] += up[k] / n;
    frames.push(f);
    poses.push(pose.positions.slice());
    pelvis.push([...pose.rotations.subarray(hips * 4, hips * 4 + 4)] as Quat);
  }
  const axis = snapToAxis(mean);
  const scores = poses.map((positions) => {
    const trunk = sub(at(positions, top), at(positions, hips));
    let score = angleDeg(trunk, axis);
    for (const s of ['l', 'r'] as const) {
      const thigh = sourceOf.get(`${s}_thigh`);
      const ankle = sourceOf.get(`${s}_foot`) ?? sourceOf.get(`${s}_shin`);
      if (thigh === undefined || ankle === undefined) continue;
      score += angleDeg(sub(at(positions, ankle), at(positions, thigh)), [-axis[0], -axis[1], -axis[2]]);
    }
    return score;
  });
  let best = 0;
  // Prefer the earliest of equally good frames: takes often start in a calibration pose.
  scores.forEach((score, i) => {
    if (score < scores[best] - 0.5) best = i;
  });
  // The pelvis's own up (in its joint frame) whenever the performer stands upright: the capture's
  // up seen from the pelvis, averaged over the best-standing fifth of the sampled frames.
  const upright = scores
    .map((score, i) => ({ score, i }))
    .sort((a, b) => a.score - b.score)
    .slice(0, Math.max(1, Math.ceil(scores.length / 5)));
  const local: Vec = [0, 0, 0];
  for (const { i } of upright) {
    const v = quatRotate(quatConjugate(pelvis[i]), axis);
    for (let k = 0; k < 3; k++) local[k] += v[k];
  }
  return { frame: frames[best], pelvisUp: quatRotate(pelvis[best], local) };
}
