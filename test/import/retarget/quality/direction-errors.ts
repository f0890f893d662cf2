/**
 * Direction errors: for each body direction both skeletons have, the angle between the
 * capture's and the figure's at each measured frame. Directions are unit vectors between joint
 * centres, so bone lengths and the capture's size play no part. The pelvis group also holds the
 * pelvis's turn from its rest (pelvis-rotation.ts), which directions alone cannot see.
 */
import { BODY_DIRECTIONS, type DirectionGroup } from './body-points.js';
import type { BodyTrack } from './body-track.js';
import { pelvisRotationErrors } from './pelvis-rotation.js';
import { type Summary, summarize } from './stats.js';

/** Label of the pelvis-turn entry. */
export const PELVIS_TURN = 'pelvis turn from rest';

export interface DirectionErrors {
  label: string;
  group: DirectionGroup;
  /** Degrees, one per measured frame (frames where the capture's segment has no length are left out). */
  degrees: Float64Array;
}

export interface DirectionReport {
  perDirection: DirectionErrors[];
  /** Every sample of the group pooled. */
  groups: Record<DirectionGroup, Summary>;
  /** Directions the capture cannot show (a body point it lacks), by label. */
  missing: string[];
}

const DEG = 180 / Math.PI;

/** Angle in degrees between (b − a) of one track and (d − c) of another, at one frame each. */
function angleBetween(a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array, f: number): number {
  const i = f * 3;
  const ux = b[i] - a[i];
  const uy = b[i + 1] - a[i + 1];
  const uz = b[i + 2] - a[i + 2];
  const vx = d[i] - c[i];
  const vy = d[i + 1] - c[i + 1];
  const vz = d[i + 2] - c[i + 2];
  const nu = Math.hypot(ux, uy, uz);
  const nv = Math.hypot(vx, vy, vz);
  if (nu < 1e-6 || nv < 1e-6) return Number.NaN;
  // atan2 of |u × v| and u · v stays accurate for small angles, where acos does not.
  const cx = uy * vz - uz * vy;
  const cy = uz * vx - ux * vz;
  const cz = ux * vy - uy * vx;
  return Math.atan2(Math.hypot(cx, cy, cz), ux * vx + uy * vy + uz * vz) * DEG;
}

/** Compare `figure` with `capture` at `frames` (indices valid in both). */
export function directionErrors(
  capture: BodyTrack,
  figure: BodyTrack,
  frames: readonly number[],
): DirectionReport {
  const perDirection: DirectionErrors[] = [];
  const missing: string[] = [];
  const pooled: Record<DirectionGroup, number[]> = { limbs: [], torso: [], pelvis: [] };
  for (const direction of BODY_DIRECTIONS) {
    const a = capture.points[direction.from];
    const b = capture.points[direction.to];
    const c = figure.points[direction.from];
    const d = figure.points[direction.to];
    if (!a || !b) {
      missing.push(direction.label);
      continue;
    }
    if (!c || !d) throw new Error(`the figure has no ${direction.label}`);
    const degrees: number[] = [];
    for (const f of frames) {
      const e = angleBetween(a, b, c, d, f);
      if (!Number.isNaN(e)) degrees.push(e);
    }
    perDirection.push({
      label: direction.label,
      group: direction.group,
      degrees: Float64Array.from(degrees),
    });
    pooled[direction.group].push(...degrees);
  }
  const pelvis = pelvisRotationErrors(capture, figure, frames);
  if (pelvis) {
    perDirection.push({ label: PELVIS_TURN, group: 'pelvis', degrees: pelvis });
    pooled.pelvis.push(...pelvis);
  } else missing.push(PELVIS_TURN);
  return {
    perDirection,
    groups: {
      limbs: summarize(pooled.limbs),
      torso: summarize(pooled.torso),
      pelvis: summarize(pooled.pelvis),
    },
    missing,
  };
}

/** Up to `max` frame indices spread evenly over `count` frames (all of them when fewer). */
export function sampleFrames(count: number, max: number): number[] {
  const step = Math.max(1, Math.ceil(count / max));
  return Array.from({ length: Math.ceil(count / step) }, (_, i) => i * step);
}
