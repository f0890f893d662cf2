import { describe, expect, it } from 'vitest';
import { buildSkeleton } from '../../src/bonemaps/genesis/build-skeleton.js';
import { mirrorBoneName, mirrorLabel, mirrorQuaternion } from '../../src/bonemaps/genesis/mirror.js';
import { extend, type FigureSpec, type RigRow, to, toward, UP } from '../../src/bonemaps/genesis/rig-spec.js';

const RIG: RigRow[] = [
  ['hip', 'Hip', null, 'YZX', 'root', toward(UP, 10)],
  ['lArm', 'Left Arm', 'hip', 'XYZ', 'body', to('lHand')],
  ['lHand', 'Left Hand', 'lArm', 'XYZ', 'hand', extend(5)],
  ['head', 'Head', 'hip', 'YZX', 'head', toward(UP, 20)],
];

const spec = (patch: Partial<FigureSpec> = {}): FigureSpec => ({
  id: 'genesis9',
  figureName: 'Test',
  figureLabel: 'Test',
  rig: RIG,
  origins: { hip: [0, 100, 0], lArm: [10, 140, 0], lHand: [40, 110, 0], head: [0, 150, 0] },
  ...patch,
});

describe('mirror helpers', () => {
  it('swaps the side prefix of both naming conventions and leaves centre bones alone', () => {
    expect(mirrorBoneName('lShldrBend')).toBe('rShldrBend');
    expect(mirrorBoneName('lSmallToe1_2')).toBe('rSmallToe1_2');
    expect(mirrorBoneName('l_upperarm')).toBe('r_upperarm');
    expect(mirrorBoneName('l_hand_anchor')).toBe('r_hand_anchor');
    for (const centre of ['lowerJaw', 'LipLowerMiddle', 'lowerjaw', 'liplowermiddle', 'hip', 'head']) {
      expect(mirrorBoneName(centre), centre).toBeUndefined();
    }
    expect(mirrorLabel('Left Upper Arm Twist 1')).toBe('Right Upper Arm Twist 1');
    expect(mirrorQuaternion([0.1, 0.2, -0.3, 0.9])).toEqual([0.1, -0.2, 0.3, 0.9]);
    expect(Object.is(mirrorQuaternion([0, 0, 0, 1])[1], -0)).toBe(false);
  });
});

describe('buildSkeleton', () => {
  it('mirrors the left side and lists bones depth-first, right after left', () => {
    const def = buildSkeleton(spec());
    expect(def.bones.map((b) => b.name)).toEqual(['hip', 'lArm', 'lHand', 'rArm', 'rHand', 'head']);
    const rHand = def.bones.find((b) => b.name === 'rHand');
    expect(rHand?.parent).toBe('rArm');
    expect(rHand?.origin).toEqual([-40, 110, 0]);
    // extend(5) continues lArm → lHand (30, −30, 0) by 5 cm, mirrored.
    expect(rHand?.end[0]).toBeCloseTo(-40 - 5 * Math.SQRT1_2, 3);
    expect(rHand?.end[1]).toBeCloseTo(110 - 5 * Math.SQRT1_2, 3);
    expect(def.bones.find((b) => b.name === 'lArm')?.end).toEqual([40, 110, 0]);
  });

  it('rejects inconsistent tables', () => {
    const origins = spec().origins;
    expect(() =>
      buildSkeleton(spec({ rig: [...RIG, ['lFoot', 'Left Foot', 'lLeg', 'ZYX', 'foot', extend(1)]] })),
    ).toThrow(/unknown parent lLeg/);
    expect(() => buildSkeleton(spec({ origins: { ...origins, lHnad: [1, 1, 1] } }))).toThrow(
      /unknown bone lHnad/,
    );
    const { lHand: _dropped, ...missing } = origins;
    expect(() => buildSkeleton(spec({ origins: missing }))).toThrow(/no joint centre for lHand/);
    expect(() =>
      buildSkeleton(spec({ rig: [...RIG, ['nose', 'Nose', 'lArm', 'ZYX', 'face', extend(1)]] })),
    ).toThrow(/centre bone nose under side bone lArm/);
    expect(() =>
      buildSkeleton(spec({ rig: [...RIG, ['rArm', 'Right Arm', 'hip', 'XYZ', 'body', extend(1)]] })),
    ).toThrow(/left-side bones only/);
    expect(() =>
      buildSkeleton(spec({ rig: [...RIG, ['lEye', 'Left Eye', 'head', 'ZXY', 'eye', to('lEyes')]] })),
    ).toThrow();
  });
});
