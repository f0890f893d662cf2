/** dazport's hand-written edge cases read as intended (three.js comparisons are in three-oracle.test.ts). */
import { describe, expect, it } from 'vitest';
import { parseBvh } from '../../../src/import/bvh/index.js';
import { ownBvhFixture, readText } from './helpers/bvh-fixtures.js';
import { bvh } from './helpers/bvh-text.js';
import { clipContents } from './helpers/clip-outcome.js';

describe('own edge-case fixtures', () => {
  it('header-variants.bvh reads like the same file written the usual way', () => {
    const variants = parseBvh(readText(ownBvhFixture('header-variants.bvh')), 'variants.bvh');
    const usual = parseBvh(
      bvh(
        'HIERARCHY',
        'ROOT Hips',
        '{',
        '  OFFSET 0 0 0',
        '  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation',
        '  JOINT Left Up Leg',
        '  {',
        '    OFFSET 1 -2 0.5',
        '    CHANNELS 3 Zrotation Xrotation Yrotation',
        '    End Site',
        '    {',
        '      OFFSET 0 -4 0',
        '    }',
        '  }',
        '  JOINT Spine',
        '  {',
        '    OFFSET 0 3 0',
        '    CHANNELS 3 Zrotation Xrotation Yrotation',
        '    End Site',
        '    {',
        '      OFFSET 0 2 0',
        '    }',
        '  }',
        '}',
        'MOTION',
        'Frames: 3',
        'Frame Time: 0.5',
        '0 10 0 0 0 0 15 -20 5 1 2 3',
        '1 10 0 90 0 0 0 0 0 0 0 0',
        '2 10 0 0 90 0 0 0 0 0 0 0',
      ),
      'variants.bvh',
    );
    const { joints: variantJoints, ...variantRest } = clipContents(variants);
    const { joints: usualJoints, ...usualRest } = clipContents(usual);
    expect(variantRest).toEqual(usualRest);
    const withoutLines = (joints: unknown) => (joints as { line: number }[]).map(({ line, ...j }) => j);
    expect(withoutLines(variantJoints)).toEqual(withoutLines(usualJoints));
  });

  it('mixamo-namespaces-crlf.bvh: BOM, CRLF, tabs, no-break spaces, blank lines and exponents', () => {
    const clip = parseBvh(readText(ownBvhFixture('mixamo-namespaces-crlf.bvh')), 'mixamo.bvh', {
      precision: 'float64',
    });
    expect(clip.joints[1].offset).toEqual([0, 10.355, -0.15]);
    expect(clip.joints[2].endSite).toEqual([24, 0, 0]);
    expect(clip.frameTime).toBe(0.041666668);
    expect(clip.frameCount).toBe(4);
    expect(clip.data[0]).toBe(-5.714454);
    expect(clip.data[1]).toBe(7.172686);
  });

  it('zero-channel-joints.bvh: zero-channel joints take no columns', () => {
    const clip = parseBvh(readText(ownBvhFixture('zero-channel-joints.bvh')), 'zero.bvh');
    expect(clip.joints.map((j) => [j.name, j.channels.length, j.channelOffset])).toEqual([
      ['Hips', 6, 0],
      ['LHipJoint', 0, 6],
      ['LeftUpLeg', 3, 6],
      ['LeftFootFixed', 0, 9],
      ['LowerBack', 3, 9],
      ['Spine', 3, 12],
      ['Head', 3, 15],
    ]);
    expect(clip.channelCount).toBe(18);
  });
});
