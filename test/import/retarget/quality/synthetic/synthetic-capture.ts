/**
 * One synthetic capture: a naming family's skeleton posed by the walk intent and written as BVH
 * in a joint-frame style, file axes and rotation order, with everything the measurement needs to
 * judge a retarget of it: the ground truth in the performer (= DAZ) frame, the rotation from the
 * file's axes to DAZ's, which joint is which body point, and the bone map a user would write.
 */
import type { BodyPoint } from '../body-points.js';
import { type BodyTrack, createPointTrack } from '../body-track.js';
import type { CaptureLabels } from '../capture-track.js';
import type { RotationOrder } from './euler-angles.js';
import { type FileAxes, fileToDaz } from './file-axes.js';
import type { JointFrameStyle } from './joint-frames.js';
import { familySkeleton, type NamingFamily } from './naming-families.js';
import { type PosedSkeleton, poseSkeleton } from './pose-skeleton.js';
import { writeSyntheticBvh } from './write-bvh.js';

export interface SyntheticCaseOptions {
  family: NamingFamily;
  style: JointFrameStyle;
  axes: FileAxes;
  order: RotationOrder;
  /** Frames per second (default 30). */
  fps?: number;
}

export interface SyntheticCapture {
  /** `family-style-axes-order`, also the clip's file name without `.bvh`. */
  name: string;
  options: Required<SyntheticCaseOptions>;
  text: string;
  posed: PosedSkeleton;
  /** Rotation [x, y, z, w] from the file's axes onto DAZ's (the generator knows it). */
  fileToDaz: [number, number, number, number];
  /** Centimetres per file unit. */
  unitCm: number;
  /** Body points and foot points by joint name, for reading the file with three.js. */
  labels: CaptureLabels;
  /** A `--bone-map` file's content naming every joint (null for helpers). */
  boneMap: { joints: Record<string, string | null> };
}

const cache = new Map<string, SyntheticCapture>();

export function syntheticCapture(options: SyntheticCaseOptions): SyntheticCapture {
  const full: Required<SyntheticCaseOptions> = { fps: 30, ...options };
  const name = `${full.family}-${full.style}-${full.axes}-${full.order}-${full.fps}fps`;
  const cached = cache.get(name);
  if (cached) return cached;
  const skeleton = familySkeleton(full.family);
  const posed = poseSkeleton(skeleton, full.fps);
  const text = writeSyntheticBvh(posed, full);
  const points: CaptureLabels['points'] = {};
  for (const j of skeleton.joints) if (j.point) points[j.point] = j.name;
  const footOf = (side: 'l' | 'r') => {
    const names = skeleton.joints.filter((j) => j.side === side && (j.role === 'foot' || j.role === 'toes'));
    return [...names.map((j) => j.name), ...names.filter((j) => j.end).map((j) => `${j.name}/end`)];
  };
  const capture: SyntheticCapture = {
    name,
    options: full,
    text,
    posed,
    fileToDaz: fileToDaz(full.axes),
    unitCm: skeleton.unitCm,
    labels: { points, feet: { l: footOf('l'), r: footOf('r') } },
    boneMap: { joints: Object.fromEntries(skeleton.joints.map((j) => [j.name, j.canonical])) },
  };
  cache.set(name, capture);
  return capture;
}

/**
 * The capture's ground truth as a body track: the posed skeleton's points in the performer
 * frame (which is DAZ's), times `scale` (cm at the figure's size per performer cm).
 */
export function truthTrack(capture: SyntheticCapture, scale: number): BodyTrack {
  const { posed } = capture;
  const joints = posed.skeleton.joints;
  const byName = new Map(joints.map((j, i) => [j.name, i]));
  const copy = (src: Float64Array) => {
    const out = createPointTrack(posed.frameCount);
    for (let i = 0; i < out.length; i++) out[i] = src[i] * scale;
    return out;
  };
  const track = (label: string) => {
    const end = label.endsWith('/end');
    const j = byName.get(end ? label.slice(0, -4) : label) as number;
    const src = end ? posed.ends[j] : posed.positions[j];
    if (!src) throw new Error(`${label}: no such point`);
    return copy(src);
  };
  const points: BodyTrack['points'] = {};
  const rest: BodyTrack['rest'] = {};
  for (const [point, joint] of Object.entries(capture.labels.points)) {
    points[point as BodyPoint] = track(joint as string);
    const at = joints[byName.get(joint as string) as number].at;
    rest[point as BodyPoint] = [at[0] * scale, at[1] * scale, at[2] * scale];
  }
  return {
    rest,
    frameCount: posed.frameCount,
    frameTime: posed.frameTime,
    points,
    feet: { l: capture.labels.feet.l.map(track), r: capture.labels.feet.r.map(track) },
  };
}
