/**
 * The pelvis's turn from its rest: the rotation taking the pelvis frame at rest to the pelvis
 * frame at a frame, compared between capture and figure. Directions alone miss a pelvis pitched
 * forward when the thighs and spine bend back to compensate (issue 12's 30° tilt): the line
 * between the hip sockets does not move and the hip → chest line can still be right. The pelvis
 * frame is built from that line (x) and from the hip sockets' midpoint up to the hips joint (y,
 * made perpendicular to x), so it sees pitch, roll and yaw; each skeleton is compared with its
 * own rest, so how far its hips joint sits behind or above its sockets does not matter.
 */
import type { BodyPoint } from './body-points.js';
import type { BodyTrack } from './body-track.js';

type Mat3 = [number, number, number, number, number, number, number, number, number];

/** Rows x, y, z of the pelvis frame from hips and hip sockets, or undefined when degenerate. */
function pelvisFrame(
  hips: ArrayLike<number>,
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  at: number,
): Mat3 | undefined {
  let xx = left[at] - right[at];
  let xy = left[at + 1] - right[at + 1];
  let xz = left[at + 2] - right[at + 2];
  const nx = Math.hypot(xx, xy, xz);
  if (nx < 1e-9) return undefined;
  xx /= nx;
  xy /= nx;
  xz /= nx;
  let yx = hips[at] - (left[at] + right[at]) / 2;
  let yy = hips[at + 1] - (left[at + 1] + right[at + 1]) / 2;
  let yz = hips[at + 2] - (left[at + 2] + right[at + 2]) / 2;
  const d = yx * xx + yy * xy + yz * xz;
  yx -= d * xx;
  yy -= d * xy;
  yz -= d * xz;
  const ny = Math.hypot(yx, yy, yz);
  if (ny < 1e-9) return undefined;
  yx /= ny;
  yy /= ny;
  yz /= ny;
  return [xx, xy, xz, yx, yy, yz, xy * yz - xz * yy, xz * yx - xx * yz, xx * yy - xy * yx];
}

/** Rotation taking frame `a` to frame `b` (both as rows): R = bᵀ · a. */
function turn(a: Mat3, b: Mat3): Mat3 {
  const r = new Array(9).fill(0) as Mat3;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) r[i * 3 + j] += b[k * 3 + i] * a[k * 3 + j];
  return r;
}

/** Angle of the rotation p · qᵀ, degrees. */
function angleBetweenRotations(p: Mat3, q: Mat3): number {
  let trace = 0;
  for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) trace += p[i * 3 + k] * q[i * 3 + k];
  return (Math.acos(Math.max(-1, Math.min(1, (trace - 1) / 2))) * 180) / Math.PI;
}

const NEEDED: BodyPoint[] = ['hips', 'l_thigh', 'r_thigh'];

/**
 * Per frame in `frames`, degrees between the capture's and the figure's pelvis turn from rest;
 * undefined when either track has no rest or lacks the points.
 */
export function pelvisRotationErrors(
  capture: BodyTrack,
  figure: BodyTrack,
  frames: readonly number[],
): Float64Array | undefined {
  const restFrame = (t: BodyTrack) => {
    const r = t.rest;
    if (!r || NEEDED.some((p) => !r[p])) return undefined;
    return pelvisFrame(r.hips as number[], r.l_thigh as number[], r.r_thigh as number[], 0);
  };
  const cRest = restFrame(capture);
  const fRest = restFrame(figure);
  if (!cRest || !fRest || NEEDED.some((p) => !capture.points[p] || !figure.points[p])) return undefined;
  const out: number[] = [];
  for (const f of frames) {
    const at = f * 3;
    const c = pelvisFrame(
      capture.points.hips as Float64Array,
      capture.points.l_thigh as Float64Array,
      capture.points.r_thigh as Float64Array,
      at,
    );
    const g = pelvisFrame(
      figure.points.hips as Float64Array,
      figure.points.l_thigh as Float64Array,
      figure.points.r_thigh as Float64Array,
      at,
    );
    if (c && g) out.push(angleBetweenRotations(turn(cRest, c), turn(fRest, g)));
  }
  return Float64Array.from(out);
}
