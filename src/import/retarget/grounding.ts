/**
 * Floor contact: put the retargeted figure's planted feet on its floor, keep every frame's feet
 * out of it, and measure what is left (floor height of the lowest foot point, foot skating).
 *
 * The capture's floor and the figure's rarely agree after scaling: hip-to-thigh drop and ankle
 * height differ in proportion from the leg, and performers sit, kneel and jump. `auto` finds the
 * frames where a foot is planted (its lowest point slow horizontally), moves the whole motion up
 * or down so that those feet stand on the figure's floor (median), then lifts the few frames
 * still below the floor, smoothly (a raised-cosine envelope ±0.1 s), never lowering any frame.
 */

/** `auto`: ground on planted feet; `keep`: the capture's height as scaled; a number: ground on a floor at that height (cm). */
export type FloorChoice = 'auto' | 'keep' | number;

/** Horizontal speed under which a foot's lowest point counts as planted, cm/s. */
const PLANTED_SPEED = 50;
/** Foot skating: a foot near the floor moving faster than this horizontally (cm/s), over 5 frames. */
export const SKATING_SPEED = 50;
/** "Planted": within this height of the floor, cm. */
export const PLANTED_CM = 1.5;
/** "Near the floor": within this height of it, cm. */
export const NEAR_FLOOR_CM = 5;
/** Feet this little below the floor are left alone: half the planted frames sit a hair under the median. */
const LIFT_TOLERANCE_CM = 1;
/** The lift envelope's half width, seconds. */
const LIFT_HALF_WIDTH_S = 0.1;

/** Per frame, the lowest of the given points and which point it is. */
export function lowestPoints(
  points: Float32Array,
  pointCount: number,
  frameCount: number,
): { height: Float64Array; index: Int32Array } {
  const height = new Float64Array(frameCount);
  const index = new Int32Array(frameCount);
  for (let f = 0; f < frameCount; f++) {
    let best = Number.POSITIVE_INFINITY;
    let at = 0;
    for (let i = 0; i < pointCount; i++) {
      const y = points[(f * pointCount + i) * 3 + 1];
      if (y < best) {
        best = y;
        at = i;
      }
    }
    height[f] = best;
    index[f] = at;
  }
  return { height, index };
}

/** Horizontal speed (cm/s) of point i at frame f, over a 5-frame window (shorter at the ends). */
export function horizontalSpeed(
  points: Float32Array,
  pointCount: number,
  frameCount: number,
  i: number,
  f: number,
  fps: number,
): number {
  const a = Math.max(0, f - 2);
  const b = Math.min(frameCount - 1, f + 2);
  if (b === a || fps <= 0) return 0;
  const pa = (a * pointCount + i) * 3;
  const pb = (b * pointCount + i) * 3;
  return (Math.hypot(points[pb] - points[pa], points[pb + 2] - points[pa + 2]) * fps) / (b - a);
}

export interface GroundingResult {
  /** Constant vertical shift of the whole motion, cm. */
  offset: number;
  /** Per frame: extra lift (≥ 0, cm) keeping the feet out of the floor. */
  lift: Float64Array;
  /** Frames that were lifted. */
  liftedFrames: number;
  maxLift: number;
}

/**
 * The vertical correction that grounds the figure. `points` are the figure's sole points per
 * frame (pointCount per frame, 3 floats each), `floor` the height its soles should stand at.
 */
export function groundFeet(
  points: Float32Array,
  pointCount: number,
  frameCount: number,
  fps: number,
  floor: number,
): GroundingResult {
  const { height, index } = lowestPoints(points, pointCount, frameCount);
  const planted: number[] = [];
  for (let f = 0; f < frameCount; f++)
    if (horizontalSpeed(points, pointCount, frameCount, index[f], f, fps) < PLANTED_SPEED)
      planted.push(height[f]);
  // A take that never plants a foot (all running, or a single frame) still grounds on all frames.
  const sample = planted.length >= Math.max(1, 0.1 * frameCount) ? planted : Array.from(height);
  const offset = floor - median(sample);
  const raw = new Float64Array(frameCount);
  for (let f = 0; f < frameCount; f++) raw[f] = Math.max(0, floor - LIFT_TOLERANCE_CM - (height[f] + offset));
  const lift = smoothEnvelope(raw, Math.max(1, Math.round(LIFT_HALF_WIDTH_S * (fps > 0 ? fps : 30))));
  let liftedFrames = 0;
  let maxLift = 0;
  for (let f = 0; f < frameCount; f++) {
    if (lift[f] > 1e-6) liftedFrames++;
    maxLift = Math.max(maxLift, lift[f]);
  }
  return { offset, lift, liftedFrames, maxLift };
}

/**
 * The smallest raised-cosine envelope over `raw`: every frame at least its own value, neighbours
 * within `half` frames eased towards it, so a lift never pops in or out.
 */
function smoothEnvelope(raw: Float64Array, half: number): Float64Array {
  const out = new Float64Array(raw.length);
  for (let f = 0; f < raw.length; f++) {
    const v = raw[f];
    if (v <= 0) continue;
    for (let d = -half; d <= half; d++) {
      const g = f + d;
      if (g < 0 || g >= raw.length) continue;
      const w = 0.5 * (1 + Math.cos((Math.PI * d) / (half + 1)));
      if (v * w > out[g]) out[g] = v * w;
    }
  }
  return out;
}

export interface FloorContactReport {
  /** Median over frames of the lowest foot point's height above the floor, cm. */
  medianCm: number;
  /** The lowest frame's lowest foot point above the floor (negative: below), cm. */
  worstCm: number;
  /** Frames with a foot near the floor that slides faster than {@link SKATING_SPEED}, over frames with a foot near the floor. */
  skating: number;
  /** Mean horizontal speed (cm/s) of foot points within {@link PLANTED_CM} of the floor: the slow drift of planted feet. */
  plantedDrift: number;
}

/**
 * Floor height and skating of a set of foot points. `levels` gives each point's own floor
 * level (the figure: its sole floor for every point; the capture: each joint's lowest level).
 */
export function floorContact(
  points: Float32Array,
  pointCount: number,
  frameCount: number,
  fps: number,
  levels: ArrayLike<number>,
): FloorContactReport {
  const lows = new Float64Array(frameCount);
  let worst = Number.POSITIVE_INFINITY;
  let near = 0;
  let skating = 0;
  let driftSum = 0;
  let driftCount = 0;
  for (let f = 0; f < frameCount; f++) {
    let low = Number.POSITIVE_INFINITY;
    let nearHere = false;
    let skatesHere = false;
    for (let i = 0; i < pointCount; i++) {
      const h = points[(f * pointCount + i) * 3 + 1] - levels[i];
      low = Math.min(low, h);
      if (h < NEAR_FLOOR_CM) {
        nearHere = true;
        const speed = horizontalSpeed(points, pointCount, frameCount, i, f, fps);
        if (speed > SKATING_SPEED) skatesHere = true;
        if (h < PLANTED_CM) {
          driftSum += speed;
          driftCount++;
        }
      }
    }
    lows[f] = low;
    worst = Math.min(worst, low);
    if (nearHere) near++;
    if (nearHere && skatesHere) skating++;
  }
  return {
    medianCm: median(lows),
    worstCm: worst,
    skating: near ? skating / near : 0,
    plantedDrift: driftCount ? driftSum / driftCount : 0,
  };
}

/** Each point's own lowest level over the clip (5th percentile, so a glitch frame does not set it). */
export function pointLevels(points: Float32Array, pointCount: number, frameCount: number): Float64Array {
  const levels = new Float64Array(pointCount);
  const ys = new Float64Array(frameCount);
  for (let i = 0; i < pointCount; i++) {
    for (let f = 0; f < frameCount; f++) ys[f] = points[(f * pointCount + i) * 3 + 1];
    ys.sort();
    levels[i] = ys[Math.min(frameCount - 1, Math.floor(0.05 * frameCount))];
  }
  return levels;
}

function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return 0;
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}
