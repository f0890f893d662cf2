/**
 * Floor and contact: where the posed figure's feet are relative to its floor (y = 0), whether
 * the capture itself went below its own floor, and foot skating.
 *
 * Definitions (the acceptance bars of issue 12 rest on them):
 * - Lowest foot point (figure): the lowest skinned mannequin vertex of either foot, per frame.
 *   The figure's standing foot height is the same on the unposed figure (about −0.1 cm).
 * - The capture's floor: its lowest foot point (foot and toe joints, toe End Sites) per frame;
 *   its standing level is the median of that over the clip (a walk or a standing clip has a foot
 *   on the ground most of the time; a file's own y = 0 is not reliable, its root OFFSET may move it).
 *   The capture "goes below its floor" at a frame where it is more than {@link BELOW_FLOOR_CM} under that level.
 * - Skating (the foot-skating ratio of the motion-synthesis literature): a foot is in contact
 *   when the lowest of its points (ankle and ball joints, toe tip) is within
 *   {@link SKATING_DEFAULTS}.nearFloorCm of the skeleton's contact level, the median over the clip
 *   of its lowest foot point (figure and capture alike, so a figure floating a little is compared
 *   on equal terms; floating is the floor report's business); it skates when, in contact, even the
 *   slowest of its points moves faster than `speedMps` horizontally across a `window`-frame window
 *   centred on the frame. The ratio is the share of frames where a foot skates. A swinging foot
 *   skims the floor by a centimetre or two, so a normal walk has a ratio well above zero: compare
 *   a retarget's ratio with its capture's, not with zero. Slides slower than `speedMps` do not
 *   count: a root that travels 30% too far for the legs makes a 1 m/s walk's planted feet slide at
 *   about 0.3 m/s, which the ratio barely sees. {@link plantedSlide} measures that.
 * - Planted-foot slide: at the frames where the capture's foot is planted (in contact and its
 *   slowest point under {@link PLANTED_MPS}), how fast the figure's same foot moves (its slowest
 *   point, same window): median and p95, m/s.
 */
import { type BodyTrack, footHeight, type Side } from './body-track.js';
import { quantileSorted, type Summary, summarize } from './stats.js';

/** How far under its standing level the capture's feet must go to count as under its floor, cm. */
export const BELOW_FLOOR_CM = 3;

/** A capture foot in contact moving slower than this (m/s) is planted. */
export const PLANTED_MPS = 0.15;

export const SKATING_DEFAULTS = { nearFloorCm: 5, speedMps: 0.5, window: 5 } as const;
export type SkatingOptions = typeof SKATING_DEFAULTS;

export interface FloorReport {
  /** The unposed figure's lowest foot vertex, cm. */
  standing: number;
  /** Median over frames of the lowest foot vertex, cm. */
  median: number;
  /** The lowest foot vertex over all frames, cm. */
  worst: number;
  /** The same over frames where the capture stays on its floor, cm. */
  worstWhileCaptureOnFloor: number;
  /** Frames where the capture itself goes below its floor. */
  captureBelowFloorFrames: number;
  frames: number;
}

export interface SkatingReport {
  /** Share of evaluated frames where a foot skates. */
  ratio: number;
  skatingFrames: number;
  /** Frames where at least one foot is in contact. */
  contactFrames: number;
  /** Frames with a full window. */
  frames: number;
}

/** Per frame, the lower of the two feet's lowest points. */
export function lowestFootSeries(track: BodyTrack): Float64Array {
  const out = new Float64Array(track.frameCount);
  for (let f = 0; f < track.frameCount; f++)
    out[f] = Math.min(footHeight(track, 'l', f), footHeight(track, 'r', f));
  return out;
}

/** A skeleton's contact level: the median over the clip of its lowest foot point. */
export function standingLevel(track: BodyTrack): number {
  return quantileSorted(lowestFootSeries(track).sort(), 0.5);
}

/**
 * Floor report of the figure: `lowestVertex` per foot and frame, its standing height, and the
 * capture (already scaled to the figure) to tell where it goes below its own floor.
 */
export function floorReport(
  lowestVertex: Record<Side, Float64Array>,
  standing: number,
  capture: BodyTrack,
  frames: number,
): FloorReport {
  const lowest = new Float64Array(frames);
  for (let f = 0; f < frames; f++) lowest[f] = Math.min(lowestVertex.l[f], lowestVertex.r[f]);
  const captureLowest = lowestFootSeries(capture);
  const level = quantileSorted(Float64Array.from(captureLowest).sort(), 0.5);
  let worst = Number.POSITIVE_INFINITY;
  let worstOnFloor = Number.POSITIVE_INFINITY;
  let below = 0;
  for (let f = 0; f < frames; f++) {
    worst = Math.min(worst, lowest[f]);
    if (captureLowest[f] < level - BELOW_FLOOR_CM) below++;
    else worstOnFloor = Math.min(worstOnFloor, lowest[f]);
  }
  return {
    standing,
    median: quantileSorted(Float64Array.from(lowest).sort(), 0.5),
    worst,
    worstWhileCaptureOnFloor: worstOnFloor,
    captureBelowFloorFrames: below,
    frames,
  };
}

/** Horizontal speed (m/s) of the slowest of a foot's points across the window centred on `f`. */
function footSpeed(track: BodyTrack, side: Side, f: number, half: number): number {
  const seconds = 2 * half * track.frameTime;
  let slowest = Number.POSITIVE_INFINITY;
  for (const p of track.feet[side]) {
    const a = (f - half) * 3;
    const b = (f + half) * 3;
    slowest = Math.min(slowest, Math.hypot(p[b] - p[a], p[b + 2] - p[a + 2]) / 100 / seconds);
  }
  return slowest;
}

/** Foot skating of `track`, whose planted feet stand at `standing` cm (see {@link standingLevel}). */
export function skatingReport(
  track: BodyTrack,
  standing: number,
  options: SkatingOptions = SKATING_DEFAULTS,
): SkatingReport {
  const half = Math.floor(options.window / 2);
  let skating = 0;
  let contact = 0;
  let frames = 0;
  for (let f = half; f < track.frameCount - half; f++) {
    frames++;
    let anyContact = false;
    let anySkate = false;
    for (const side of ['l', 'r'] as const) {
      if (footHeight(track, side, f) - standing > options.nearFloorCm) continue;
      anyContact = true;
      if (footSpeed(track, side, f, half) > options.speedMps) anySkate = true;
    }
    if (anyContact) contact++;
    if (anySkate) skating++;
  }
  return { ratio: frames ? skating / frames : 0, skatingFrames: skating, contactFrames: contact, frames };
}

/**
 * How fast the figure's feet move where the capture's are planted: the figure's foot speed
 * (m/s) at every foot-frame where the capture's foot is in contact and slower than {@link PLANTED_MPS}.
 */
export function plantedSlide(
  capture: BodyTrack,
  captureLevel: number,
  figure: BodyTrack,
  options: SkatingOptions = SKATING_DEFAULTS,
): Summary {
  const half = Math.floor(options.window / 2);
  const speeds: number[] = [];
  const frames = Math.min(capture.frameCount, figure.frameCount);
  for (let f = half; f < frames - half; f++)
    for (const side of ['l', 'r'] as const) {
      if (footHeight(capture, side, f) - captureLevel > options.nearFloorCm) continue;
      if (footSpeed(capture, side, f, half) >= PLANTED_MPS) continue;
      speeds.push(footSpeed(figure, side, f, half));
    }
  return summarize(speeds);
}
