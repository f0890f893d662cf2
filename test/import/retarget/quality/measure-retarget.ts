/**
 * The quality measurement end to end: retarget a BVH text onto a built-in Genesis figure
 * through the library's public entry (`retargetOntoSkeleton`), pose the figure with this
 * folder's own kinematics, read the capture with three.js (or take a synthetic capture's ground
 * truth), and compare: body directions, floor contact and foot skating.
 *
 * The capture is brought to the figure's size by the ratio of leg lengths (hip socket → knee →
 * ankle), measured on both skeletons independently of the retargeter's own root scale.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenesisFigureId } from '../../../../src/bonemaps/genesis/skeleton-definition.js';
import type { BvhClip } from '../../../../src/import/bvh/bvh-clip.js';
import { parseBvh } from '../../../../src/import/bvh/index.js';
import {
  type RetargetOntoOptions,
  type RetargetOntoResult,
  retargetOntoSkeleton,
} from '../../../../src/import/retarget/retarget-onto-skeleton.js';
import { type BodyTrack, legLength, scaleTrack } from './body-track.js';
import { type CaptureLabels, readCaptureTrack, zeroPoseRest } from './capture-track.js';
import { type DirectionReport, directionErrors, sampleFrames } from './direction-errors.js';
import { figureSkeleton } from './figure-skeleton.js';
import { type FigureTrack, figureModel, figureTrack } from './figure-track.js';
import {
  type FloorReport,
  floorReport,
  plantedSlide,
  type SkatingReport,
  skatingReport,
  standingLevel,
} from './floor-contact.js';
import type { Summary } from './stats.js';

export interface QualityInput {
  /** What reports call the clip. */
  name: string;
  bvhText: string;
  labels: CaptureLabels;
  /**
   * For synthetic captures: the ground truth, in DAZ's frame and cm at the performer's size
   * (scale 1), and the rotation from the file's axes to DAZ's that the generator used.
   */
  truth?: { track: (scale: number) => BodyTrack; fileToDaz: readonly [number, number, number, number] };
}

export interface QualityOptions {
  figure: GenesisFigureId;
  /** Options for `retargetOntoSkeleton` (defaults when absent). */
  retarget?: RetargetOntoOptions;
  /** A bone map (the content of a `--bone-map` file) to retarget with. */
  boneMap?: object;
  /** Most frames the direction errors are sampled at (default 240). */
  directionFrames?: number;
}

export interface QualityReport {
  clip: string;
  figure: GenesisFigureId;
  frames: number;
  /** Directions against the capture in DAZ's frame: the ground truth when there is one, else the capture turned by the result's `sourceFrame`. */
  directions: DirectionReport;
  /** Synthetic captures only: the same, with the file read by three.js and turned by `sourceFrame`. */
  directionsViaSourceFrame?: DirectionReport;
  /** Synthetic captures only: angle between the result's `sourceFrame` and the generator's file → DAZ rotation, degrees. */
  sourceFrameErrorDeg?: number;
  floor: FloorReport;
  skating: { figure: SkatingReport; capture: SkatingReport };
  /** The figure's foot speed (m/s) where the capture's foot is planted. */
  plantedSlide: Summary;
  /** The retargeter's root scale, and the leg-length ratio the measurement scales the capture by. */
  rootScale: number;
  sizeScale: number;
  /** Source joints the retarget did not map. */
  unmappedSource: string[];
}

/** What a retarget for the measurement gives: the clip as dazport read it and the library's result. */
export interface QualityRetarget {
  clip: BvhClip;
  result: RetargetOntoResult;
}

/** Retarget `input` onto `options.figure` through `retargetOntoSkeleton`, as the CLI does. */
export function retargetForQuality(input: QualityInput, options: QualityOptions): QualityRetarget {
  const clip = parseBvh(input.bvhText, `${input.name}.bvh`);
  let dir: string | undefined;
  try {
    const retargetOptions: RetargetOntoOptions = { ...options.retarget };
    if (options.boneMap) {
      dir = mkdtempSync(join(tmpdir(), 'dazport-quality-'));
      const file = join(dir, 'bone-map.json');
      writeFileSync(file, JSON.stringify(options.boneMap));
      retargetOptions.boneMapFile = file;
    }
    return { clip, result: retargetOntoSkeleton(clip, figureSkeleton(options.figure), retargetOptions) };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Measure a retarget's result (possibly altered, for tests of the measurement itself). */
export function measureRetargetResult(
  input: QualityInput,
  { clip, result }: QualityRetarget,
  options: QualityOptions,
): QualityReport {
  const figure = figureTrack(figureModel(options.figure), result.motion);
  const zeroPose = zeroPoseRest(clip.joints, input.labels, { toDaz: result.sourceFrame, scale: 1 });
  return measureResult(input, figure, result, zeroPose, options.directionFrames ?? 240);
}

/** Retarget `input` onto `options.figure` and measure the result. */
export function measureRetarget(input: QualityInput, options: QualityOptions): QualityReport {
  return measureRetargetResult(input, retargetForQuality(input, options), options);
}

function measureResult(
  input: QualityInput,
  figure: FigureTrack,
  result: RetargetOntoResult,
  zeroPose: NonNullable<BodyTrack['rest']>,
  directionFrames: number,
): QualityReport {
  const targetLeg = figure.restLegLength;
  const viaSourceFrame = readCaptureTrack(input.bvhText, input.labels, {
    toDaz: result.sourceFrame,
    scale: 1,
  });
  viaSourceFrame.rest = zeroPose;
  const fileScale = targetLeg / legLength(viaSourceFrame);
  scaleTrack(viaSourceFrame, fileScale);
  let capture = viaSourceFrame;
  let sizeScale = fileScale;
  let sourceFrameErrorDeg: number | undefined;
  if (input.truth) {
    const unscaled = input.truth.track(1);
    sizeScale = targetLeg / legLength(unscaled);
    capture = scaleTrack(unscaled, sizeScale);
    // A synthetic capture's rest is its T-pose, whatever its zero pose looks like.
    viaSourceFrame.rest = capture.rest;
    const [a, b, c, d] = input.truth.fileToDaz;
    const [x, y, z, w] = result.sourceFrame;
    const dot = Math.min(1, Math.abs(a * x + b * y + c * z + d * w));
    sourceFrameErrorDeg = (2 * Math.acos(dot) * 180) / Math.PI;
  }
  const frames = Math.min(figure.frameCount, capture.frameCount, viaSourceFrame.frameCount);
  const sampled = sampleFrames(frames, directionFrames);
  return {
    clip: input.name,
    figure: figure.id,
    frames,
    directions: directionErrors(capture, figure, sampled),
    directionsViaSourceFrame: input.truth ? directionErrors(viaSourceFrame, figure, sampled) : undefined,
    sourceFrameErrorDeg,
    floor: floorReport(figure.lowestVertex, figure.standingVertexHeight, capture, frames),
    skating: {
      figure: skatingReport(figure, standingLevel(figure)),
      capture: skatingReport(capture, standingLevel(capture)),
    },
    plantedSlide: plantedSlide(capture, standingLevel(capture), figure),
    rootScale: result.rootScale,
    sizeScale,
    unmappedSource: result.unmappedSource,
  };
}
