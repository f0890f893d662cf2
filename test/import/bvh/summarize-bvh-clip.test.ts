import { describe, expect, it } from 'vitest';
import { formatBvhClipSummary, parseBvh, summarizeBvhClip } from '../../../src/import/bvh/index.js';
import { captureBvhFixture, ownBvhFixture, readText } from './helpers/bvh-fixtures.js';

describe('summarizeBvhClip', () => {
  it('counts joints, End Sites, frames and groups channel layouts (cmu_01_01)', () => {
    const clip = parseBvh(readText(captureBvhFixture('cmu_01_01.bvh')), 'cmu_01_01.bvh');
    const summary = summarizeBvhClip(clip);
    expect(summary).toMatchObject({
      file: 'cmu_01_01.bvh',
      jointCount: 31,
      endSiteCount: 7,
      roots: ['Hips'],
      namespaces: [],
      frameCount: 2752,
      declaredFrameCount: 2752,
      frameLineCount: 2752,
      frameTime: 0.0083333,
      frameRate: 120,
      channelCount: 96,
      warnings: [],
    });
    expect(summary.durationSec).toBeCloseTo(22.933, 3);
    expect(summary.channelLayouts).toEqual([
      {
        channels: 'Zrotation Yrotation Xrotation',
        jointCount: 30,
        examples: ['LHipJoint', 'LeftUpLeg', 'LeftLeg'],
      },
      {
        channels: 'Xposition Yposition Zposition Zrotation Yrotation Xrotation',
        jointCount: 1,
        examples: ['Hips'],
      },
    ]);
  });

  it('prints a few lines for people, with namespaces and zero-channel joints', () => {
    const clip = parseBvh(readText(ownBvhFixture('mixamo-namespaces-crlf.bvh')), 'mixamo.bvh');
    expect(formatBvhClipSummary(summarizeBvhClip(clip))).toBe(
      [
        'file        mixamo.bvh',
        'joints      4 (2 End Sites; 1 root: mixamorig:Hips)',
        'frames      4 @ 24 fps (0.17 s, frame time 0.041666668 s)',
        'channels    15 per frame',
        '  3 joints   Zrotation Xrotation Yrotation  e.g. mixamorig:Spine, mixamorig:LeftArm, mixamorig:LeftUpLeg',
        '  1 joint    Xposition Yposition Zposition Zrotation Xrotation Yrotation  e.g. mixamorig:Hips',
        'namespaces  mixamorig',
      ].join('\n'),
    );
    const zero = summarizeBvhClip(parseBvh(readText(ownBvhFixture('zero-channel-joints.bvh')), 'zero.bvh'));
    expect(formatBvhClipSummary(zero)).toContain('  2 joints   (no channels)  e.g. LHipJoint, LeftFootFixed');
  });

  it('warns when Frames: and the frame lines disagree', () => {
    const text = readText(captureBvhFixture('biovision_boxing_toes.bvh'));
    const summary = summarizeBvhClip(parseBvh(text, 'boxing.bvh'));
    expect(formatBvhClipSummary(summary)).toContain(
      'warning     Frames: says 3069, the file has 3070 frame lines; all 3070 were read',
    );
  });

  it('keeps a rate that is not near a whole number as it is', () => {
    const clip = parseBvh(readText(ownBvhFixture('header-variants.bvh')), 'h.bvh');
    expect(summarizeBvhClip(clip).frameRate).toBe(2);
    const odd = parseBvh(
      readText(ownBvhFixture('multi-root.bvh')).replace('Frame Time: 0.1', 'Frame Time: 0.0417'),
      'odd.bvh',
    );
    expect(summarizeBvhClip(odd).frameRate).toBeCloseTo(23.98, 2);
    expect(formatBvhClipSummary(summarizeBvhClip(odd))).toContain('@ 23.981 fps');
  });
});
