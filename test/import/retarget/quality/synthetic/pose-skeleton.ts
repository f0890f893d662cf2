/**
 * Ground truth: a family's skeleton posed by the walk intent at every frame. Each joint's world
 * rotation S (relative to the T-pose, performer frame) composes its parent's with the local
 * rotation its role gets; positions follow by forward kinematics from the T-pose. The hips are
 * then placed so that the lowest sole point touches the floor (y = 0) and the stance foot (the
 * lower one) stays where it is horizontally: the feet are planted, as in a clean capture.
 */
import { quat, vec3 } from 'gl-matrix';
import type { SyntheticSkeleton, Vec3 } from './skeleton-spec.js';
import { type BodyIntent, CLIP_SECONDS, type Quat, rot, walkIntent } from './walk-intent.js';

export interface PosedSkeleton {
  skeleton: SyntheticSkeleton;
  frameCount: number;
  /** Seconds per frame. */
  frameTime: number;
  /** Per joint: world rotation from the T-pose, frames × 4 ([x, y, z, w]). */
  rotations: Float64Array[];
  /** Per joint: world position, frames × 3, performer frame, cm. */
  positions: Float64Array[];
  /** Per joint with an End Site: its world position, frames × 3, cm. */
  ends: (Float64Array | undefined)[];
  /** Frame index → which foot was the stance foot ('l' / 'r'). */
  stance: ('l' | 'r')[];
}

/** Below this difference (cm) the two feet count as level and the stance foot stays the same. */
const STANCE_HYSTERESIS_CM = 0.05;

function localRotation(
  skeleton: SyntheticSkeleton,
  joint: number,
  intent: BodyIntent,
  counts: { spine: number; neck: number },
): Quat {
  const j = skeleton.joints[joint];
  switch (j.role) {
    case 'hips':
      return intent.pelvis;
    case 'static':
    case 'rigid':
      return rot();
    case 'spine': {
      const n = counts.spine;
      return rot(
        ['x', intent.spine.flex / n],
        ['z', intent.spine.lateral / n],
        ['y', intent.spine.twist / n],
      );
    }
    case 'neck':
      return rot(['x', intent.neck.flex / counts.neck], ['y', intent.neck.twist / counts.neck]);
    case 'neckHead': {
      const q = rot(['x', intent.neck.flex / counts.neck], ['y', intent.neck.twist / counts.neck]);
      return quat.multiply(
        new Float64Array(4) as unknown as quat,
        q as unknown as quat,
        intent.head as unknown as quat,
      ) as unknown as Quat;
    }
    case 'head':
      return intent.head;
    default: {
      if (!j.side) throw new Error(`${j.name}: a ${j.role} needs a side`);
      return intent.sides[j.side][j.role];
    }
  }
}

/** Pose `skeleton` over the whole synthetic clip at `fps` frames per second. */
export function poseSkeleton(skeleton: SyntheticSkeleton, fps: number): PosedSkeleton {
  const joints = skeleton.joints;
  const index = new Map(joints.map((j, i) => [j.name, i]));
  const parent = joints.map((j) => (j.parent === null ? -1 : (index.get(j.parent) as number)));
  const counts = {
    spine: joints.filter((j) => j.role === 'spine').length,
    neck: joints.filter((j) => j.role === 'neck' || j.role === 'neckHead').length,
  };
  const frameCount = Math.round(CLIP_SECONDS * fps) + 1;
  const rotations = joints.map(() => new Float64Array(frameCount * 4));
  const positions = joints.map(() => new Float64Array(frameCount * 3));
  const ends = joints.map((j) => (j.end ? new Float64Array(frameCount * 3) : undefined));
  // The ball of the foot (each side's second sole point) anchors a planted foot.
  const soles = skeleton.soles.map((s, k) => ({
    ...s,
    joint: index.get(s.joint) as number,
    ball: skeleton.soles.filter((x, i) => x.side === s.side && i < k).length === 1,
  }));
  const stance: ('l' | 'r')[] = [];
  const v = new Float64Array(3) as unknown as vec3;
  const place = (
    out: Float64Array,
    at: number,
    base: ArrayLike<number>,
    baseAt: number,
    q: ArrayLike<number>,
    from: Vec3,
    to: Vec3,
  ) => {
    vec3.set(v, to[0] - from[0], to[1] - from[1], to[2] - from[2]);
    vec3.transformQuat(v, v, q as unknown as quat);
    out[at] = base[baseAt] + v[0];
    out[at + 1] = base[baseAt + 1] + v[1];
    out[at + 2] = base[baseAt + 2] + v[2];
  };
  const sole = new Float64Array(3);
  let anchor: { side: 'l' | 'r'; x: number; z: number } | undefined;
  let hipsXZ = [0, 0];
  for (let f = 0; f < frameCount; f++) {
    const intent = walkIntent(f / fps);
    // Forward kinematics with the hips at the origin.
    for (let j = 0; j < joints.length; j++) {
      const q = localRotation(skeleton, j, intent, counts);
      const p = parent[j];
      const s = rotations[j].subarray(f * 4, f * 4 + 4) as unknown as quat;
      if (p < 0) quat.copy(s, q as unknown as quat);
      else quat.multiply(s, rotations[p].subarray(f * 4, f * 4 + 4) as unknown as quat, q as unknown as quat);
      quat.normalize(s, s);
      if (p >= 0)
        place(
          positions[j],
          f * 3,
          positions[p],
          f * 3,
          rotations[p].subarray(f * 4, f * 4 + 4),
          joints[p].at,
          joints[j].at,
        );
    }
    // Lowest sole point of each foot, hips still at the origin.
    const low = { l: Number.POSITIVE_INFINITY, r: Number.POSITIVE_INFINITY };
    const ball = { l: [0, 0], r: [0, 0] };
    for (const s of soles) {
      place(
        sole,
        0,
        positions[s.joint],
        f * 3,
        rotations[s.joint].subarray(f * 4, f * 4 + 4),
        joints[s.joint].at,
        s.at,
      );
      low[s.side] = Math.min(low[s.side], sole[1]);
      if (s.ball) ball[s.side] = [sole[0], sole[2]];
    }
    let side: 'l' | 'r' = low.l <= low.r ? 'l' : 'r';
    if (anchor && Math.abs(low.l - low.r) < STANCE_HYSTERESIS_CM) side = anchor.side;
    if (!anchor) anchor = { side, x: ball[side][0], z: ball[side][1] };
    // Keep the old stance foot planted this frame; a new stance foot is planted where it lands.
    hipsXZ = [anchor.x - ball[anchor.side][0], anchor.z - ball[anchor.side][1]];
    if (side !== anchor.side) anchor = { side, x: hipsXZ[0] + ball[side][0], z: hipsXZ[1] + ball[side][1] };
    stance.push(side);
    const hips = [hipsXZ[0], -Math.min(low.l, low.r), hipsXZ[1]];
    for (let j = 0; j < joints.length; j++) {
      const pos = positions[j];
      if (joints[j].role === 'static') {
        pos.fill(0, f * 3, f * 3 + 3);
        continue;
      }
      for (let c = 0; c < 3; c++) pos[f * 3 + c] += hips[c];
    }
    joints.forEach((j, k) => {
      const end = ends[k];
      if (end && j.end)
        place(end, f * 3, positions[k], f * 3, rotations[k].subarray(f * 4, f * 4 + 4), j.at, j.end);
    });
  }
  return { skeleton, frameCount, frameTime: 1 / fps, rotations, positions, ends, stance };
}
