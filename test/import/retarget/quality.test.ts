/**
 * Acceptance (issue 12, "Done when"), synthetic captures: every naming family, in T-pose,
 * A-pose and bone-along-X joint frames, all rotation orders and file axes, retargeted with the
 * defaults onto Genesis 9 and Genesis 8 Female, measured against the ground truth by
 * test/import/retarget/quality (own kinematics, not the retargeter's). Each test lists every
 * bar it misses with the numbers.
 */
import { describe, expect, it } from 'vitest';
import { missedBars } from './quality/acceptance-bars.js';
import { measureRetarget } from './quality/measure-retarget.js';
import { syntheticCapture, truthTrack } from './quality/synthetic/synthetic-capture.js';
import { SYNTHETIC_CASES } from './quality/synthetic/synthetic-cases.js';

const FIGURES = ['genesis9', 'genesis8female'] as const;

describe('retarget quality on synthetic captures (limbs, torso, pelvis, floor, skating)', () => {
  for (const c of SYNTHETIC_CASES)
    for (const figure of FIGURES)
      it(`${c.family}, ${c.style} joint frames (${c.axes}, ${c.order}) → ${figure}`, () => {
        const capture = syntheticCapture(c);
        const report = measureRetarget(
          {
            name: capture.name,
            bvhText: capture.text,
            labels: capture.labels,
            truth: { track: (scale) => truthTrack(capture, scale), fileToDaz: capture.fileToDaz },
          },
          { figure, directionFrames: 120 },
        );
        expect(missedBars(report, { restInFile: c.style !== 'bone-x' })).toEqual([]);
      });
});
