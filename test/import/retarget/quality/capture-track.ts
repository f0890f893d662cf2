/**
 * A BVH capture's body points over its frames, computed by three.js's BVHLoader (its own
 * parser, Euler handling and Object3D matrix chain), not by dazport's reader or forward
 * kinematics, then turned into DAZ's frame and scaled: `daz = scale · (toDaz · p)`.
 */
import { threeOracle } from '../../bvh/helpers/three-oracle.js';
import type { BodyPoint } from './body-points.js';
import { type BodyTrack, createPointTrack, type Side } from './body-track.js';

/**
 * Which joint of the capture is each body point, and which joints (or End Sites, written
 * `Joint/end`) mark each foot. Points the capture lacks are left out.
 */
export interface CaptureLabels {
  points: Partial<Record<BodyPoint, string>>;
  feet: Record<Side, string[]>;
}

export interface CaptureFrameOptions {
  /** Rotation [x, y, z, w] taking the file's axes onto DAZ's. */
  toDaz: readonly [number, number, number, number];
  /** Centimetres (at the figure's size) per file unit. */
  scale: number;
  /** Read at most this many frames (three.js reads exactly `Frames:` lines). */
  frameCount?: number;
}

/** The capture's body track, through three.js. */
export function readCaptureTrack(
  bvhText: string,
  labels: CaptureLabels,
  options: CaptureFrameOptions,
): BodyTrack {
  const oracle = threeOracle(bvhText);
  const frameTime = Number(/Frame Time:\s*([-+.\deE]+)/i.exec(bvhText)?.[1]);
  if (!(frameTime > 0)) throw new Error('the capture has no usable Frame Time');
  const jointIndex = new Map(oracle.jointNames.map((n, i) => [n, i]));
  const locate = (name: string): { joint: number; end: boolean } => {
    const end = name.endsWith('/end');
    const joint = jointIndex.get(end ? name.slice(0, -4) : name);
    if (joint === undefined) throw new Error(`the capture has no joint "${name}"`);
    return { joint, end };
  };
  const frameCount = Math.min(oracle.frameCount, options.frameCount ?? Number.POSITIVE_INFINITY);
  const pointEntries = Object.entries(labels.points).map(([p, name]) => ({
    point: p as BodyPoint,
    at: locate(name as string),
    track: createPointTrack(frameCount),
  }));
  const footEntries = (['l', 'r'] as const).flatMap((side) =>
    labels.feet[side].map((name) => ({ side, at: locate(name), track: createPointTrack(frameCount) })),
  );
  const put = (src: Float64Array, j: number, dst: Float64Array, f: number) =>
    rotateScaled(options.toDaz, options.scale, src, j * 3, dst, f * 3);
  for (let f = 0; f < frameCount; f++) {
    const { joints, endSites } = oracle.worldPositions(f);
    for (const e of [...pointEntries, ...footEntries]) {
      if (e.at.end && Number.isNaN(endSites[e.at.joint * 3]))
        throw new Error(`joint ${oracle.jointNames[e.at.joint]} has no End Site`);
      put(e.at.end ? endSites : joints, e.at.joint, e.track, f);
    }
  }
  const points: BodyTrack['points'] = {};
  for (const e of pointEntries) points[e.point] = e.track;
  return {
    frameCount,
    frameTime,
    points,
    feet: {
      l: footEntries.filter((e) => e.side === 'l').map((e) => e.track),
      r: footEntries.filter((e) => e.side === 'r').map((e) => e.track),
    },
  };
}

/** dst[at..] = scale · (q · src[from..] · q*), q = [x, y, z, w]. */
function rotateScaled(
  q: readonly number[],
  scale: number,
  src: ArrayLike<number>,
  from: number,
  dst: Float64Array | number[],
  at: number,
): void {
  const [qx, qy, qz, qw] = q;
  const x = src[from];
  const y = src[from + 1];
  const z = src[from + 2];
  // v' = v + w t + q × t with t = 2 q × v.
  const tx = 2 * (qy * z - qz * y);
  const ty = 2 * (qz * x - qx * z);
  const tz = 2 * (qx * y - qy * x);
  dst[at] = scale * (x + qw * tx + (qy * tz - qz * ty));
  dst[at + 1] = scale * (y + qw * ty + (qz * tx - qx * tz));
  dst[at + 2] = scale * (z + qw * tz + (qx * ty - qy * tx));
}

/**
 * The capture's zero pose (every rotation zero: the OFFSETs added up) as its rest, for the body
 * points of `labels`, turned into DAZ's frame and scaled like the track. Only right for captures
 * whose zero pose is a standing rest (the real fixtures); the synthetic ones know their T-pose.
 */
export function zeroPoseRest(
  joints: readonly { name: string; parent: number; offset: readonly number[] }[],
  labels: CaptureLabels,
  options: Pick<CaptureFrameOptions, 'toDaz' | 'scale'>,
): NonNullable<BodyTrack['rest']> {
  const positions: number[][] = [];
  joints.forEach((j, i) => {
    const p = j.parent >= 0 ? positions[j.parent] : [0, 0, 0];
    positions[i] = [p[0] + j.offset[0], p[1] + j.offset[1], p[2] + j.offset[2]];
  });
  const rest: NonNullable<BodyTrack['rest']> = {};
  for (const [point, name] of Object.entries(labels.points)) {
    const i = joints.findIndex((j) => j.name === name);
    if (i < 0) throw new Error(`the capture has no joint "${name}"`);
    const out: [number, number, number] = [0, 0, 0];
    rotateScaled(options.toDaz, options.scale, positions[i], 0, out, 0);
    rest[point as BodyPoint] = out;
  }
  return rest;
}
