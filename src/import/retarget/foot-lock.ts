/**
 * Foot locking: planted feet stay where they were planted. Bone directions copied from a capture
 * onto legs of other proportions let a planted foot drift a little each frame; an animator sees
 * that as skating. Where a foot is planted (its lowest sole point near the floor and its sole
 * slow), the centre of its sole is pinned to its mean position over the plant, eased in and out
 * over 0.1 s, by a two-bone leg IK (thigh and shin) that leaves the foot's world orientation alone.
 */
import { horizontalSpeed } from './grounding.js';
import * as quat from './quat.js';

// Local bindings for the frame loop (see retarget.ts).
const { fromToInto, mul, rotateVec } = quat;

/** A foot counts as planted within this height of the floor (cm) ... */
const PLANT_HEIGHT_CM = 2.5;
/** ... moving slower than this horizontally (cm/s, over 5 frames) ... */
const PLANT_SPEED = 40;
/** ... for at least this long (s). */
const PLANT_MIN_S = 0.05;
/** Easing in and out of a lock (s). */
const EASE_S = 0.1;

/**
 * Per side (left, right): 4 per frame, where the ankle goes so that the sole stays put (x, y, z,
 * cm) and how much of it applies (w, 0..1); w = 0 where the foot is free. `soles` are the figure's sole points
 * (pointsPerFoot per foot, left first), `ankles` the posed ankle (foot bone origin) per side.
 */
export function footLockTargets(
  soles: Float32Array,
  pointsPerFoot: number,
  ankles: Float32Array,
  frameCount: number,
  fps: number,
  floor: number,
): Float64Array[] {
  const rate = fps > 0 ? fps : 30;
  const minRun = Math.max(3, Math.round(PLANT_MIN_S * rate));
  const ease = Math.max(1, Math.round(EASE_S * rate));
  const perFrame = 2 * pointsPerFoot;
  return [0, 1].map((side) => {
    const targets = new Float64Array(frameCount * 4);
    // Per frame: the centre of this foot's sole points and the lowest of them.
    const centre = new Float32Array(frameCount * 3);
    const low = new Float64Array(frameCount).fill(Number.POSITIVE_INFINITY);
    for (let f = 0; f < frameCount; f++)
      for (let i = 0; i < pointsPerFoot; i++) {
        const at = (f * perFrame + side * pointsPerFoot + i) * 3;
        for (let k = 0; k < 3; k++) centre[f * 3 + k] += soles[at + k] / pointsPerFoot;
        low[f] = Math.min(low[f], soles[at + 1]);
      }
    const planted = new Uint8Array(frameCount);
    for (let f = 0; f < frameCount; f++)
      planted[f] =
        low[f] < floor + PLANT_HEIGHT_CM && horizontalSpeed(centre, 1, frameCount, 0, f, rate) < PLANT_SPEED
          ? 1
          : 0;
    for (let start = 0; start < frameCount; ) {
      if (!planted[start]) {
        start++;
        continue;
      }
      let end = start;
      while (end + 1 < frameCount && planted[end + 1]) end++;
      if (end - start + 1 >= minRun) {
        // The sole's centre stays where it was on average during the plant; the ankle goes
        // wherever that puts it, frame by frame (the foot keeps its own orientation).
        let cx = 0;
        let cz = 0;
        for (let f = start; f <= end; f++) {
          cx += centre[f * 3];
          cz += centre[f * 3 + 2];
        }
        cx /= end - start + 1;
        cz /= end - start + 1;
        for (let f = Math.max(0, start - ease); f <= Math.min(frameCount - 1, end + ease); f++) {
          const w = f < start ? 1 - (start - f) / (ease + 1) : f > end ? 1 - (f - end) / (ease + 1) : 1;
          if (w <= targets[f * 4 + 3]) continue;
          const a = (f * 2 + side) * 3;
          targets.set(
            [ankles[a] + cx - centre[f * 3], ankles[a + 1], ankles[a + 2] + cz - centre[f * 3 + 2], w],
            f * 4,
          );
        }
      }
      start = end + 1;
    }
    return targets;
  });
}

const LEFT = new Float64Array([1, 0, 0]);

/** Scratch for {@link reachWithLeg}. */
export function createLegScratch(): Float64Array {
  return new Float64Array(40);
}

/**
 * Two-bone IK on world rotations (rest → posed): turn the thigh (`thigh`, 4 at to) and the shin
 * (`shin`, 4 at so) so that the ankle moves from where they put it towards `goal` by `weight`.
 * `hip` holds the posed thigh origin at `hipOffset`; the rest segments thigh → knee and knee → ankle are `upper`
 * and `lower`. The knee bends in the leg's own plane (about the thigh's left axis when straight),
 * then the whole leg swings about the hip onto the goal.
 */
export function reachWithLeg(
  thigh: Float64Array,
  to: number,
  shin: Float64Array,
  so: number,
  hip: ArrayLike<number>,
  hipOffset: number,
  upper: ArrayLike<number>,
  lower: ArrayLike<number>,
  goal: ArrayLike<number>,
  goalOffset: number,
  weight: number,
  s: Float64Array,
): void {
  // u1 = knee − hip, u2 = ankle − knee, as posed now.
  rotateVec(s, 0, thigh, to, upper, 0);
  rotateVec(s, 3, shin, so, lower, 0);
  const a = Math.hypot(s[0], s[1], s[2]);
  const b = Math.hypot(s[3], s[4], s[5]);
  if (a < 1e-9 || b < 1e-9) return;
  // Only the horizontal position is pinned: the height stays the capture's, so a lock never
  // pushes a heel or toe into the floor the grounding kept it out of. Target relative to the hip:
  const tx = s[0] + s[3] + weight * (goal[goalOffset] - (hip[hipOffset] + s[0] + s[3]));
  const ty = s[1] + s[4];
  const tz = s[2] + s[5] + weight * (goal[goalOffset + 2] - (hip[hipOffset + 2] + s[2] + s[5]));
  const want = Math.hypot(tx, ty, tz);
  const d = Math.min(a + b - 1e-3, Math.max(Math.abs(a - b) + 1e-3, want));
  // Knee: current bend φ (0 = straight) and the bend that spans d.
  const cosNow = (s[0] * s[3] + s[1] * s[4] + s[2] * s[5]) / (a * b);
  const phiNow = Math.acos(Math.max(-1, Math.min(1, cosNow)));
  const phiWant = Math.acos(Math.max(-1, Math.min(1, (d * d - a * a - b * b) / (2 * a * b))));
  let nx = s[1] * s[5] - s[2] * s[4];
  let ny = s[2] * s[3] - s[0] * s[5];
  let nz = s[0] * s[4] - s[1] * s[3];
  let nl = Math.hypot(nx, ny, nz);
  if (nl < 1e-6 * a * b) {
    // Straight leg: bend about the thigh's left axis (knees bend forward on DAZ figures).
    rotateVec(s, 6, thigh, to, LEFT, 0);
    nx = s[6];
    ny = s[7];
    nz = s[8];
    nl = Math.hypot(nx, ny, nz);
  }
  const half = (phiWant - phiNow) / 2;
  const sn = Math.sin(half) / nl;
  s[10] = nx * sn;
  s[11] = ny * sn;
  s[12] = nz * sn;
  s[13] = Math.cos(half);
  mul(shin, so, s, 10, shin, so);
  // Swing the leg about the hip so the new ankle lands on the target.
  rotateVec(s, 3, shin, so, lower, 0);
  s[20] = s[0] + s[3];
  s[21] = s[1] + s[4];
  s[22] = s[2] + s[5];
  s[23] = tx;
  s[24] = ty;
  s[25] = tz;
  fromToInto(s, 28, s, 20, s, 23);
  mul(thigh, to, s, 28, thigh, to);
  mul(shin, so, s, 28, shin, so);
}
