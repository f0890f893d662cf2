/**
 * Issue 12's "Done when" as numbers, and the check of a quality report against them:
 * - limb, torso and pelvis directions within 2° mean and 5° p95 of the capture's;
 * - the lowest foot point's median within ±1.5 cm of the figure's standing foot height;
 * - no frame more than 3 cm below the floor, except where the capture itself goes below its own;
 * - foot skating no worse than the capture's own, with a slack of 0.02 (two frames in a hundred)
 *   for what the figure's feet cannot copy exactly: different foot bones (a capture without toe
 *   joints), a sole of a different length.
 *
 * One bar depends on the file: the pelvis's turn from rest needs the capture's rest pose, and a
 * file with bone-along-X joint frames does not carry one (with zero rotations its skeleton is a
 * straight line). dazport then takes the performer's upright stance for the rest pelvis. The
 * synthetic performer stands with a constant 4° forward pelvic tilt (walk-intent.ts) that no
 * reading of such a file can see, so there the pelvis turn is held to that 4° plus the 2° bar,
 * and the pelvis group's mean and p95 are taken over the thigh-to-thigh direction alone.
 */
import type { DirectionGroup } from './body-points.js';
import { PELVIS_TURN } from './direction-errors.js';
import type { QualityReport } from './measure-retarget.js';
import { summarize } from './stats.js';

export const ACCEPTANCE_BARS = {
  directionMeanDeg: 2,
  directionP95Deg: 5,
  floorMedianCm: 1.5,
  belowFloorCm: 3,
  skatingSlack: 0.02,
  /** Files without their rest pose: the synthetic performer's stance tilt (4°) plus the 2° bar. */
  pelvisTurnWithoutRestDeg: 6,
} as const;

const GROUPS: DirectionGroup[] = ['limbs', 'torso', 'pelvis'];

/**
 * What in `report` misses a bar, one line each with the numbers; empty when all are met.
 * `restInFile: false` for captures whose file has no rest pose (bone-along-X joint frames).
 */
export function missedBars(report: QualityReport, options: { restInFile?: boolean } = {}): string[] {
  const bars = ACCEPTANCE_BARS;
  const missed: string[] = [];
  const f = (x: number, digits = 2) => x.toFixed(digits);
  const restInFile = options.restInFile ?? true;
  const turn = report.directions.perDirection.find((d) => d.label === PELVIS_TURN);
  if (!restInFile && turn) {
    const worst = Math.max(...turn.degrees);
    if (!(worst <= bars.pelvisTurnWithoutRestDeg))
      missed.push(
        `pelvis turn from rest: ${f(worst, 1)}° at worst (bar ${bars.pelvisTurnWithoutRestDeg}° without a rest pose in the file)`,
      );
  }
  for (const group of GROUPS) {
    const s =
      !restInFile && group === 'pelvis'
        ? summarize(
            report.directions.perDirection
              .filter((d) => d.group === 'pelvis' && d.label !== PELVIS_TURN)
              .flatMap((d) => [...d.degrees]),
          )
        : report.directions.groups[group];
    if (s.count === 0) missed.push(`${group}: nothing measured`);
    else if (!(s.mean < bars.directionMeanDeg && s.p95 < bars.directionP95Deg)) {
      const worst = report.directions.perDirection
        .filter((d) => d.group === group)
        .map((d) => ({ label: d.label, max: Math.max(...d.degrees) }))
        .sort((a, b) => b.max - a.max)[0];
      missed.push(
        `${group}: mean ${f(s.mean)}° p95 ${f(s.p95)}° (bars ${bars.directionMeanDeg}° / ${bars.directionP95Deg}°; worst ${worst.label} ${f(worst.max, 1)}°)`,
      );
    }
  }
  const { floor } = report;
  const offset = floor.median - floor.standing;
  if (!(Math.abs(offset) <= bars.floorMedianCm))
    missed.push(
      `floor: median lowest foot ${f(offset)} cm from standing height (bar ±${bars.floorMedianCm} cm)`,
    );
  if (!(floor.worstWhileCaptureOnFloor >= -bars.belowFloorCm))
    missed.push(
      `floor: ${f(floor.worstWhileCaptureOnFloor)} cm at worst while the capture is on its floor (bar −${bars.belowFloorCm} cm)`,
    );
  const { figure, capture } = report.skating;
  if (!(figure.ratio <= capture.ratio + bars.skatingSlack))
    missed.push(
      `skating: ${f(figure.ratio, 3)} against the capture's ${f(capture.ratio, 3)} (slack ${bars.skatingSlack})`,
    );
  return missed;
}
