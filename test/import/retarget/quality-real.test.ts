/**
 * Acceptance (issue 12, "Done when"), the real captures in fixtures/bvh retargeted with the
 * defaults onto Genesis 9 and Genesis 8 Female: the same direction, floor and skating bars as
 * the synthetic captures, the capture read by three.js and turned into DAZ's frame by the
 * result's `sourceFrame`, the figure posed by test/import/retarget/quality's own kinematics.
 */
import { describe, expect, it } from 'vitest';
import { missedBars } from './quality/acceptance-bars.js';
import { measureRetarget } from './quality/measure-retarget.js';
import { REAL_CAPTURES, readRealCapture } from './quality/real-captures.js';

describe('retarget quality on the real captures', () => {
  for (const capture of REAL_CAPTURES)
    for (const figure of ['genesis9', 'genesis8female'] as const)
      it(`${capture.file} → ${figure}`, () => {
        const report = measureRetarget(
          { name: capture.file, bvhText: readRealCapture(capture), labels: capture.labels },
          { figure },
        );
        expect(report.frames).toBeGreaterThan(1000);
        expect(missedBars(report)).toEqual([]);
      });
});
