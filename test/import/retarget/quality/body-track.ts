/**
 * What the quality measurement compares: the positions of body points over a clip, in DAZ's
 * frame (cm, Y up, facing +Z, left +X), for the capture (scaled to the figure's size) and for
 * the posed figure alike.
 */
import type { BodyPoint } from './body-points.js';

export type Side = 'l' | 'r';

export interface BodyTrack {
  frameCount: number;
  /** Seconds per frame. */
  frameTime: number;
  /** frames × 3 positions for every body point this skeleton has. */
  points: Partial<Record<BodyPoint, Float64Array>>;
  /**
   * Per foot, the points that say where it is (ankle, ball, toe tip ...; frames × 3 each): the
   * lowest of them is the foot's height, the slowest of them its speed (a planted foot rolls
   * over one of them, never slides all of them).
   */
  feet: Record<Side, Float64Array[]>;
  /**
   * The skeleton's own rest (standing reference) positions of its body points, in the same frame
   * and scale: the figure's unposed rig, a synthetic capture's T-pose, a real capture's zero pose.
   * The pelvis rotation is measured from it.
   */
  rest?: Partial<Record<BodyPoint, [number, number, number]>>;
}

/** frames × 3 positions for `count` frames. */
export function createPointTrack(frameCount: number): Float64Array {
  return new Float64Array(frameCount * 3);
}

/** Height (y) of the lowest of a foot's points at `frame`. */
export function footHeight(track: BodyTrack, side: Side, frame: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (const p of track.feet[side]) min = Math.min(min, p[frame * 3 + 1]);
  return min;
}

/** Multiply every position of `track` by `scale` in place (and return it). */
export function scaleTrack(track: BodyTrack, scale: number): BodyTrack {
  const all = [...Object.values(track.points), ...track.feet.l, ...track.feet.r] as Float64Array[];
  for (const p of all) for (let i = 0; i < p.length; i++) p[i] *= scale;
  for (const p of Object.values(track.rest ?? {})) for (let i = 0; i < 3; i++) p[i] *= scale;
  return track;
}

/** Mean length of the two legs (hip socket → knee → ankle) at `frame`, in the track's units. */
export function legLength(track: BodyTrack, frame = 0): number {
  const dist = (a: Float64Array | undefined, b: Float64Array | undefined) => {
    if (!a || !b) throw new Error('leg length needs thigh, shin and foot points');
    const i = frame * 3;
    return Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1], a[i + 2] - b[i + 2]);
  };
  const side = (s: Side) =>
    dist(track.points[`${s}_thigh`], track.points[`${s}_shin`]) +
    dist(track.points[`${s}_shin`], track.points[`${s}_foot`]);
  return (side('l') + side('r')) / 2;
}
