import { describe, expect, it } from 'vitest';
import { parseBvh } from '../../../src/import/bvh/index.js';
import { bvh, TWO_JOINTS } from './helpers/bvh-text.js';

/** A hierarchy between HIERARCHY and a zero-frame MOTION section. */
function hierarchy(...lines: string[]) {
  return parseBvh(bvh('HIERARCHY', ...lines, 'MOTION', 'Frames: 0', 'Frame Time: 0.1'), 'test.bvh');
}

describe('HIERARCHY', () => {
  it('reads joints parents first with offsets, channels, columns, End Sites and lines', () => {
    const clip = parseBvh(TWO_JOINTS, 'two.bvh');
    expect(clip.joints).toEqual([
      {
        name: 'Hips',
        parent: -1,
        offset: [0, 0, 0],
        channels: ['Xposition', 'Yposition', 'Zposition', 'Zrotation', 'Xrotation', 'Yrotation'],
        channelOffset: 0,
        endSite: null,
        line: 2,
      },
      {
        name: 'Spine',
        parent: 0,
        offset: [0, 5, 0],
        channels: ['Zrotation', 'Xrotation', 'Yrotation'],
        channelOffset: 6,
        endSite: [0, 2, 0],
        line: 6,
      },
    ]);
    expect(clip.channelCount).toBe(9);
  });

  it('keeps any channel order, interleaved positions included, and spells channels canonically', () => {
    const clip = hierarchy(
      'ROOT Hips',
      '{',
      'OFFSET 0 0 0',
      'CHANNELS 6 yrotation XPOSITION Zrotation Yposition xRotation ZPosition',
      '}',
    );
    expect(clip.joints[0].channels).toEqual([
      'Yrotation',
      'Xposition',
      'Zrotation',
      'Yposition',
      'Xrotation',
      'Zposition',
    ]);
    expect(Array.from(clip.channelKinds)).toEqual([4, 0, 5, 1, 3, 2]);
  });

  it('reads 6-channel, position-only, subset and zero-channel non-root joints with their columns', () => {
    const clip = hierarchy(
      'ROOT Hips',
      '{',
      '  OFFSET 0 0 0',
      '  CHANNELS 3 Zrotation Xrotation Yrotation',
      '  JOINT Six { OFFSET 1 2 3',
      '    CHANNELS 6 Xposition Yposition Zposition Xrotation Yrotation Zrotation',
      '    JOINT Zero { OFFSET 0 0 0 CHANNELS 0',
      '      JOINT PositionOnly { OFFSET 0 1 0 CHANNELS 3 Xposition Yposition Zposition }',
      '    }',
      '  }',
      '  JOINT NoChannelsLine { OFFSET 0 0 0',
      '    JOINT Subset { OFFSET 0 0 1 CHANNELS 2 Yposition Zrotation }',
      '  }',
      '}',
    );
    const summary = clip.joints.map((j) => [j.name, j.parent, j.channels.length, j.channelOffset]);
    expect(summary).toEqual([
      ['Hips', -1, 3, 0],
      ['Six', 0, 6, 3],
      ['Zero', 1, 0, 9],
      ['PositionOnly', 2, 3, 9],
      ['NoChannelsLine', 0, 0, 12],
      ['Subset', 4, 2, 12],
    ]);
    expect(clip.channelCount).toBe(14);
    expect(clip.getColumnLabel(13)).toBe('Subset.Zrotation');
  });

  it('keeps zero-length joints and zero End Site offsets', () => {
    const clip = hierarchy(
      'ROOT Hips',
      '{',
      'OFFSET 0 0 0',
      'CHANNELS 3 Zrotation Yrotation Xrotation',
      'JOINT LHipJoint',
      '{',
      'OFFSET 0 0 0',
      'CHANNELS 3 Zrotation Yrotation Xrotation',
      'End Site',
      '{',
      'OFFSET 0 0 0',
      '}',
      '}',
      '}',
    );
    expect(clip.joints[1].offset).toEqual([0, 0, 0]);
    expect(clip.joints[1].endSite).toEqual([0, 0, 0]);
  });

  it('keeps namespaces in names and joins a name of several words with one space', () => {
    const clip = hierarchy(
      'ROOT mixamorig:Hips',
      '{',
      'OFFSET 0 0 0',
      'JOINT   Left \t Up Leg',
      '{',
      'OFFSET 1 0 0',
      '}',
      '}',
    );
    expect(clip.joints.map((j) => j.name)).toEqual(['mixamorig:Hips', 'Left Up Leg']);
  });

  it('reads keywords in any case, braces glued to words, and ignores a name after End Site', () => {
    const clip = hierarchy('root Hips{offset 1 2 3 channels 1 Zrotation end site Tip{OFFSET 0 1 0}}');
    expect(clip.joints).toHaveLength(1);
    expect(clip.joints[0]).toMatchObject({ name: 'Hips', offset: [1, 2, 3], endSite: [0, 1, 0] });
  });

  it('reads several roots, each a tree of its own', () => {
    const clip = hierarchy(
      'ROOT A',
      '{',
      'OFFSET 0 0 0',
      'CHANNELS 1 Xposition',
      'JOINT A1 { OFFSET 1 0 0 CHANNELS 1 Zrotation }',
      '}',
      'ROOT B',
      '{',
      'OFFSET 5 0 0',
      'CHANNELS 1 Yrotation',
      '}',
    );
    expect(clip.joints.map((j) => [j.name, j.parent, j.channelOffset])).toEqual([
      ['A', -1, 0],
      ['A1', 0, 1],
      ['B', -1, 2],
    ]);
  });

  it('reads numbers with exponents and signs in OFFSETs', () => {
    const clip = hierarchy('ROOT Hips', '{', 'OFFSET 1.5e+01 -2E-1 +.5', '}');
    expect(clip.joints[0].offset).toEqual([15, -0.2, 0.5]);
  });

  it('handles nesting thousands of joints deep without recursion', () => {
    const depth = 5000;
    const lines: string[] = [];
    for (let i = 0; i < depth; i++)
      lines.push(`${i === 0 ? 'ROOT' : 'JOINT'} j${i}`, '{', 'OFFSET 0 1 0', 'CHANNELS 1 Xrotation');
    for (let i = 0; i < depth; i++) lines.push('}');
    const clip = hierarchy(...lines);
    expect(clip.joints).toHaveLength(depth);
    expect(clip.joints[depth - 1].parent).toBe(depth - 2);
    expect(clip.channelCount).toBe(depth);
  });
});
