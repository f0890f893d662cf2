import { describe, expect, it } from 'vitest';
import {
  floorContact,
  groundFeet,
  lowestPoints,
  pointLevels,
} from '../../../src/import/retarget/grounding.js';

const FPS = 60;

/**
 * Two feet walking along +Z at 120 cm/s, one point each: a foot is planted (still, at height
 * `stand`) for half a cycle and swings (moving at twice the speed, up to 12 cm high) for the other.
 */
function walk(frames: number, stand: number, dips: Map<number, number> = new Map()): Float32Array {
  const points = new Float32Array(frames * 2 * 3);
  const cycle = FPS; // one second per step cycle
  for (let f = 0; f < frames; f++) {
    for (let foot = 0; foot < 2; foot++) {
      const phase = ((f + foot * (cycle / 2)) % cycle) / cycle; // 0..0.5 planted, 0.5..1 swing
      const steps = Math.floor((f + foot * (cycle / 2)) / cycle);
      const z = 120 * steps + (phase < 0.5 ? 0 : 120 * (phase - 0.5) * 2);
      const y = stand + (phase < 0.5 ? 0 : 12 * Math.sin(Math.PI * (phase - 0.5) * 2)) - (dips.get(f) ?? 0);
      points.set([foot * 20 - 10, y, z], (f * 2 + foot) * 3);
    }
  }
  return points;
}

describe('grounding', () => {
  it('puts planted feet on the floor whatever height the capture left them at', () => {
    for (const stand of [-17, 0, 9.5]) {
      const points = walk(600, stand);
      const g = groundFeet(points, 2, 600, FPS, 0);
      expect(g.offset).toBeCloseTo(-stand, 5);
      expect(g.liftedFrames).toBe(0);
    }
  });

  it('lifts frames that go through the floor, smoothly, and never lowers one', () => {
    const dips = new Map<number, number>();
    for (let f = 200; f < 215; f++) dips.set(f, 6); // the capture sinks 6 cm for a quarter second
    const points = walk(600, 3, dips);
    const g = groundFeet(points, 2, 600, FPS, 0);
    const { height } = lowestPoints(points, 2, 600);
    let steepest = 0;
    for (let f = 0; f < 600; f++) {
      expect(g.lift[f]).toBeGreaterThanOrEqual(0);
      expect(height[f] + g.offset + g.lift[f]).toBeGreaterThanOrEqual(-1 - 1e-6);
      if (f > 0) steepest = Math.max(steepest, Math.abs(g.lift[f] - g.lift[f - 1]));
    }
    expect(g.maxLift).toBeCloseTo(5, 5); // 6 cm deep, 1 cm tolerated
    expect(g.liftedFrames).toBeGreaterThan(15); // eased in and out around the dip
    expect(steepest).toBeLessThan(2.5); // no pop: at most half the lift in one frame
  });

  it('measures floor height and skating on the feet it is given', () => {
    const points = walk(600, 0);
    const planted = floorContact(points, 2, 600, FPS, [0, 0]);
    expect(planted.medianCm).toBeCloseTo(0, 6);
    expect(planted.worstCm).toBeCloseTo(0, 6);
    // A swinging foot near the floor moves at 240 cm/s: lifting off and touching down count as skating,
    // but frames where only a still planted foot is near do not.
    expect(planted.skating).toBeGreaterThan(0);
    expect(planted.skating).toBeLessThan(0.5);
    // The same walk sliding 80 cm/s forward everywhere: every frame near the floor skates.
    const sliding = Float32Array.from(points);
    for (let f = 0; f < 600; f++) for (let p = 0; p < 2; p++) sliding[(f * 2 + p) * 3 + 2] += (80 * f) / FPS;
    expect(floorContact(sliding, 2, 600, FPS, [0, 0]).skating).toBe(1);
    expect(Array.from(pointLevels(points, 2, 600))).toEqual([0, 0]);
  });
});
