/**
 * The synthetic captures are what they claim: three.js's BVHLoader, reading each written file,
 * finds every joint and End Site where the ground truth puts it (so the OFFSETs, Euler channels,
 * rotation orders and axes are written right), the performer walks with planted feet and
 * crouches, and each joint-frame style has the zero pose it is named after.
 */
import { type quat, vec3 } from 'gl-matrix';
import { describe, expect, it } from 'vitest';
import { threeOracle } from '../bvh/helpers/three-oracle.js';
import { ROTATION_ORDERS } from './quality/synthetic/euler-angles.js';
import { performerToFile } from './quality/synthetic/file-axes.js';
import { type SyntheticCapture, syntheticCapture } from './quality/synthetic/synthetic-capture.js';
import { SYNTHETIC_CASES } from './quality/synthetic/synthetic-cases.js';
import { phaseWeights } from './quality/synthetic/walk-intent.js';

/** Largest distance (file units) between three.js's joints and End Sites and the ground truth. */
function worstThreeDistance(capture: SyntheticCapture, frameStep: number): number {
  const oracle = threeOracle(capture.text);
  const { posed, unitCm } = capture;
  expect(oracle.jointNames).toEqual(posed.skeleton.joints.map((j) => j.name));
  expect(oracle.frameCount).toBe(posed.frameCount);
  const c = performerToFile(capture.options.axes) as unknown as quat;
  const expected = new Float64Array(3) as unknown as vec3;
  let worst = 0;
  const compare = (truth: Float64Array, f: number, got: Float64Array, j: number) => {
    vec3.transformQuat(
      expected,
      [truth[f * 3] / unitCm, truth[f * 3 + 1] / unitCm, truth[f * 3 + 2] / unitCm],
      c,
    );
    worst = Math.max(
      worst,
      Math.hypot(expected[0] - got[j * 3], expected[1] - got[j * 3 + 1], expected[2] - got[j * 3 + 2]),
    );
  };
  for (let f = 0; f < posed.frameCount; f += frameStep) {
    const { joints, endSites } = oracle.worldPositions(f);
    posed.skeleton.joints.forEach((_, j) => {
      compare(posed.positions[j], f, joints, j);
      const end = posed.ends[j];
      if (end) compare(end, f, endSites, j);
    });
  }
  return worst;
}

describe('synthetic captures: three.js reads back the ground truth (< 1e-3 file units)', () => {
  it('covers every rotation order and file axes', () => {
    expect(new Set(SYNTHETIC_CASES.map((c) => c.order)).size).toBe(6);
    expect(new Set(SYNTHETIC_CASES.map((c) => c.axes)).size).toBe(6);
  });

  for (const c of SYNTHETIC_CASES)
    it(`${c.family}, ${c.style} joint frames, ${c.axes}, ${c.order}`, () => {
      expect(worstThreeDistance(syntheticCapture(c), 6)).toBeLessThan(1e-3);
    });

  it('all six rotation orders on the bone-along-X frames, whose rest lives in the rotations', () => {
    for (const order of ROTATION_ORDERS)
      expect(
        worstThreeDistance(
          syntheticCapture({ family: 'lafan1', style: 'bone-x', axes: 'z-up-y', order }),
          12,
        ),
        order,
      ).toBeLessThan(1e-3);
  });
});

describe('synthetic captures: the performer', () => {
  const capture = syntheticCapture({ family: 'mixamo', style: 'tpose', axes: 'y-up+z', order: 'ZXY' });
  const { posed } = capture;
  const joint = (name: string) => posed.skeleton.joints.findIndex((j) => j.name === `mixamorig:${name}`);
  const y = (j: number, f: number) => posed.positions[j][f * 3 + 1];

  it('walks with the stance foot planted: its ball does not move while it bears the weight', () => {
    let planted = 0;
    for (let f = 1; f < posed.frameCount; f++) {
      const side = posed.stance[f];
      if (posed.stance[f - 1] !== side) continue;
      const toes = posed.ends[joint(side === 'l' ? 'LeftToeBase' : 'RightToeBase')];
      const ball = posed.positions[joint(side === 'l' ? 'LeftToeBase' : 'RightToeBase')];
      if (!toes) throw new Error('no toe End Site');
      // The ball joint sits above the anchored sole point; with the foot flat it stays put.
      const moved = Math.hypot(ball[f * 3] - ball[(f - 1) * 3], ball[f * 3 + 2] - ball[(f - 1) * 3 + 2]);
      if (moved < 0.05) planted++;
    }
    expect(planted / posed.frameCount).toBeGreaterThan(0.8);
  });

  it('covers ground: about 3 m forward (+Z) in the walk, no drift sideways', () => {
    const hips = posed.positions[joint('Hips')];
    const last = posed.frameCount - 1;
    expect(hips[last * 3 + 2] - hips[2]).toBeGreaterThan(250);
    expect(Math.abs(hips[last * 3] - hips[0])).toBeLessThan(30);
  });

  it('crouches: the hips drop below 65 cm (from 95 standing) and come back up', () => {
    const hips = joint('Hips');
    const heights = Array.from({ length: posed.frameCount }, (_, f) => y(hips, f));
    expect(heights[0]).toBeGreaterThan(90);
    expect(Math.min(...heights)).toBeLessThan(65);
    expect(heights[posed.frameCount - 1]).toBeGreaterThan(90);
    const crouchFrame = heights.indexOf(Math.min(...heights));
    expect(phaseWeights(crouchFrame * posed.frameTime).crouch).toBeGreaterThan(0.9);
  });

  it('always has a foot on the floor and never one under it', () => {
    for (let f = 0; f < posed.frameCount; f++) {
      const feet = ['LeftToeBase', 'RightToeBase'].flatMap((n) => {
        const e = posed.ends[joint(n)] as Float64Array;
        return [e[f * 3 + 1], y(joint(n), f)];
      });
      // Toe tips and balls sit 1.5 cm above the sole (a little less with the toes bent).
      expect(Math.min(...feet)).toBeGreaterThan(1.4);
      expect(Math.min(...feet)).toBeLessThan(6);
    }
  });
});

describe('synthetic captures: joint-frame styles have the zero pose they are named after', () => {
  /** Joint positions with every rotation zero, from the written OFFSETs. */
  function zeroPose(text: string): Map<string, number[]> {
    const out = new Map<string, number[]>();
    const stack: number[][] = [];
    let name = '';
    for (const line of text.split('\n')) {
      const t = line.trim().split(/\s+/);
      if (t[0] === 'ROOT' || t[0] === 'JOINT') name = t[1];
      else if (t[0] === 'End') name = '';
      else if (t[0] === 'OFFSET') {
        const parent = stack[stack.length - 1] ?? [0, 0, 0];
        const p = [1, 2, 3].map((i) => parent[i - 1] + Number(t[i]));
        stack.push(p);
        if (name) out.set(name, p);
      } else if (t[0] === '}') stack.pop();
      else if (t[0] === 'MOTION') break;
    }
    return out;
  }
  const angleDown = (a: number[], b: number[]) =>
    (Math.atan2(a[1] - b[1], Math.hypot(b[0] - a[0], b[2] - a[2])) * 180) / Math.PI;

  it('tpose: the arms are level; apose: 45° down; both Y up with the legs below the hips', () => {
    for (const [style, down] of [
      ['tpose', 0],
      ['apose', 45],
    ] as const) {
      const p = zeroPose(syntheticCapture({ family: 'biovision', style, axes: 'y-up+z', order: 'ZXY' }).text);
      expect(angleDown(p.get('LeftShoulder') as number[], p.get('LeftElbow') as number[])).toBeCloseTo(
        down,
        0,
      );
      expect((p.get('LeftAnkle') as number[])[1]).toBeLessThan((p.get('Hips') as number[])[1] - 30);
    }
  });

  it('bone-x: every single child lies on its parent’s +X, and the zero pose is no standing skeleton', () => {
    const capture = syntheticCapture({ family: 'lafan1', style: 'bone-x', axes: 'y-up+z', order: 'ZYX' });
    const lines = capture.text.split('\n');
    let checked = 0;
    for (const j of capture.posed.skeleton.joints) {
      const children = capture.posed.skeleton.joints.filter((c) => c.parent === j.name);
      if (children.length !== 1) continue;
      const at = lines.findIndex((l) => l.trim() === `JOINT ${children[0].name}`);
      const [, x, yy, z] = lines[at + 2].trim().split(/\s+/).map(Number);
      expect(x, children[0].name).toBeGreaterThan(1);
      expect(Math.hypot(yy, z), children[0].name).toBeLessThan(1e-5);
      checked++;
    }
    expect(checked).toBeGreaterThan(12);
    const p = zeroPose(capture.text);
    // With zero rotations the legs do not hang below the hips.
    expect((p.get('LeftFoot') as number[])[1]).toBeGreaterThan((p.get('Hips') as number[])[1] - 30);
  });
});
