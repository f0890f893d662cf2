/** What a retarget job reports: the mapping, the timing, the floor contact and each delivery. */
import type { RetargetResult } from '../import/retarget/retarget.js';
import type { Delivery } from './deliver-motion.js';

export interface RetargetFileResult {
  clip: string;
  /** The figure's label (`Genesis 9` for the built-in genesis9). */
  figure: string;
  convention: string;
  conventionLabel: string;
  conventionScore: number;
  unmappedSource: string[];
  unmappedTarget: string[];
  /** Centimetres of hip motion per source unit. */
  rootScale: number;
  frameRate: number;
  frames: number;
  /** What the reader accepted but the user should hear about (a Frames: mismatch...). */
  clipWarnings: string[];
  /** The capture's reference pose and why. */
  reference: RetargetResult['reference'];
  floor: RetargetFloorReport;
  /** What the retarget did that the user should know (reference pose chosen from a frame ...). */
  retargetWarnings: string[];
  /** Keys before and after reduction, when keys were baked (.duf outputs, a live figure). */
  keysBefore?: number;
  keysAfter?: number;
  /** One per output, in the order given, then the live figure's keys if they were written. */
  outputs: Delivery[];
}

/** Floor contact: grounding applied, and feet of the result against the capture's own. */
export interface RetargetFloorReport {
  offsetCm?: number;
  liftedFrames?: number;
  maxLiftCm?: number;
  feetMedianCm?: number;
  feetWorstCm?: number;
  skating?: number;
  captureSkating?: number;
  /** Mean horizontal speed of planted feet, cm/s: the figure's and the capture's. */
  plantedDriftCmS?: number;
  capturePlantedDriftCmS?: number;
  /** With foot lock: frames where each foot (left, right) is pinned. */
  lockedFrames?: number[];
}

export function floorReport(result: RetargetResult): RetargetFloorReport {
  const r = (v: number, d = 2) => Number(v.toFixed(d));
  return {
    offsetCm: result.grounding && r(result.grounding.offsetCm),
    liftedFrames: result.grounding?.liftedFrames,
    maxLiftCm: result.grounding && r(result.grounding.maxLiftCm),
    feetMedianCm: result.contact && r(result.contact.figure.medianCm),
    feetWorstCm: result.contact && r(result.contact.figure.worstCm),
    skating: result.contact && r(result.contact.figure.skating, 4),
    captureSkating: result.contact && r(result.contact.capture.skating, 4),
    plantedDriftCmS: result.contact && r(result.contact.figure.plantedDrift),
    capturePlantedDriftCmS: result.contact && r(result.contact.capture.plantedDrift),
    lockedFrames: result.grounding?.lockedFrames,
  };
}
