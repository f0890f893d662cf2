import { describe, expect, it } from 'vitest';
import { parseBvh } from '../../../src/import/bvh/index.js';
import { bvh, TWO_JOINT_HIERARCHY, TWO_JOINTS, twoJoints } from './helpers/bvh-text.js';

const ROW_1 = '1 2 3 4 5 6 7 8 9';
const ROW_2 = '10 11 12 13 14 15 16 17 18';

describe('MOTION header', () => {
  it.each([
    ['Frames: 2', 'Frame Time: 0.5'],
    ['Frames:    2', 'Frame Time:    0.500000'],
    ['Frames:2', 'Frame Time:0.5'],
    ['Frames : 2', 'Frame Time : 0.5'],
    ['frames: 2', 'Frame time: 0.5'],
    ['FRAMES:\t2', 'FRAME TIME:\t5e-1'],
    ['  Frames: 2  ', '\tFrame Time: .5\t'],
    ['Frames: +2', 'FrameTime: 0.5'],
  ])('reads %j / %j', (frames, frameTime) => {
    const clip = parseBvh(twoJoints('MOTION', frames, frameTime, ROW_1, ROW_2), 'h.bvh');
    expect(clip.frameCount).toBe(2);
    expect(clip.frameTime).toBe(0.5);
    expect(clip.frameRate).toBe(2);
    expect(clip.durationSec).toBe(1);
  });

  it('accepts a frame time of 0 and reports the rate as 0 (unknown)', () => {
    const clip = parseBvh(twoJoints('MOTION', 'Frames: 1', 'Frame Time: 0', ROW_1), 'pose.bvh');
    expect(clip.frameTime).toBe(0);
    expect(clip.frameRate).toBe(0);
  });

  it('reads a MOTION section with no frames', () => {
    const clip = parseBvh(twoJoints('MOTION', 'Frames: 0', 'Frame Time: 0.1'), 'empty.bvh');
    expect(clip.frameCount).toBe(0);
    expect(clip.data).toHaveLength(0);
  });
});

describe('frame data', () => {
  it('stores frames × channels row-major in a Float32Array', () => {
    const clip = parseBvh(TWO_JOINTS, 'two.bvh');
    expect(clip.data).toBeInstanceOf(Float32Array);
    expect(Array.from(clip.data)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(clip.getValue(1, 0)).toBe(10);
    expect(Array.from(clip.getFrame(1, new Float64Array(9)))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(clip.getJointValues(1, 0, [0, 0, 0])).toEqual([7, 8, 9]);
    expect(clip.getColumn(1, 'Xrotation')).toBe(7);
    expect(clip.getColumn(1, 'Xposition')).toBe(-1);
    expect(clip.findJoint('Spine')).toBe(1);
    expect(clip.findJoint('spine')).toBe(-1);
    expect(clip.listChildren(-1)).toEqual([0]);
    expect(clip.listChildren(0)).toEqual([1]);
  });

  it('keeps every digit with precision float64, rounds to float32 by default', () => {
    const text = twoJoints('MOTION', 'Frames: 1', 'Frame Time: 0.1', '0.1 2 3 4 5 6 7 8 179.842245');
    expect(parseBvh(text, 'a.bvh', { precision: 'float64' }).data[0]).toBe(0.1);
    expect(parseBvh(text, 'a.bvh', { precision: 'float64' }).data).toBeInstanceOf(Float64Array);
    expect(parseBvh(text, 'a.bvh').data[0]).toBe(Math.fround(0.1));
    expect(parseBvh(text, 'a.bvh').data[8]).toBe(Math.fround(179.842245));
  });

  it('tolerates CRLF, lone CR, tabs, leading/trailing whitespace, blank lines and exponents', () => {
    const lines = [
      ...TWO_JOINT_HIERARCHY,
      'MOTION',
      'Frames: 2',
      'Frame Time: 0.5',
      '',
      '\t 1.0e0  2\t3 4E0 5 6 7 8 9.000 \t ',
      '   ',
      '1e1 11 12 13 14 15 16 17 1.8e+1',
      '',
      '',
    ];
    const expected = Array.from({ length: 18 }, (_, i) => i + 1);
    for (const eol of ['\n', '\r\n', '\r']) {
      const clip = parseBvh(lines.join(eol), `eol-${JSON.stringify(eol)}.bvh`);
      expect(Array.from(clip.data), JSON.stringify(eol)).toEqual(expected);
    }
  });

  it('reads a last frame without a final newline', () => {
    const clip = parseBvh(
      twoJoints('MOTION', 'Frames: 2', 'Frame Time: 0.5', ROW_1, ROW_2).trimEnd(),
      'a.bvh',
    );
    expect(clip.frameCount).toBe(2);
    expect(clip.data[17]).toBe(18);
  });

  it('treats odd Unicode whitespace (no-break space, BOM, ideographic space) as whitespace', () => {
    const text = `\ufeff${twoJoints('MOTION', 'Frames: 1', 'Frame Time: 0.5', '1\u00a02\u30003 4 5 6 7 8 9')}`;
    expect(Array.from(parseBvh(text, 'u.bvh').data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a hierarchy without channels has Frames: frames of nothing', () => {
    const text = bvh(
      'HIERARCHY',
      'ROOT A',
      '{',
      'OFFSET 0 0 0',
      'CHANNELS 0',
      '}',
      'MOTION',
      'Frames: 3',
      'Frame Time: 0.1',
      '',
      '',
    );
    const clip = parseBvh(text, 'static.bvh');
    expect(clip.frameCount).toBe(3);
    expect(clip.channelCount).toBe(0);
    expect(clip.data).toHaveLength(0);
  });
});

describe('frame lines that do not match Frames:', () => {
  const threeLines = twoJoints(
    'MOTION',
    'Frames: 2',
    'Frame Time: 0.5',
    ROW_1,
    ROW_2,
    '19 20 21 22 23 24 25 26 27',
  );
  const oneLine = twoJoints('MOTION', 'Frames: 2', 'Frame Time: 0.5', ROW_1);

  it("'error' (strict) fails on an extra line and on a missing one", () => {
    const strict = { frameCountMismatch: 'error' } as const;
    expect(() => parseBvh(threeLines, 'a.bvh', strict)).toThrow(
      /a\.bvh:21:1: expected end of file, found "19"/,
    );
    expect(() => parseBvh(oneLine, 'a.bvh', strict)).toThrow(
      /expected 2 frame lines \(Frames: 2\), found end of file/,
    );
  });

  it("the default is 'use-lines' with a warning; a consistent file has none", () => {
    const more = parseBvh(threeLines, 'a.bvh');
    expect([more.frameCount, more.declaredFrameCount, more.frameLineCount]).toEqual([3, 2, 3]);
    expect(more.warnings).toEqual(['Frames: says 2, the file has 3 frame lines; all 3 were read']);
    const fewer = parseBvh(oneLine, 'a.bvh');
    expect(fewer.frameCount).toBe(1);
    expect(fewer.warnings).toEqual([
      'Frames: says 2, the file has 1 frame line; all 1 were read, the file may have been cut short',
    ]);
    const none = parseBvh(twoJoints('MOTION', 'Frames: 2', 'Frame Time: 0.5'), 'a.bvh');
    expect(none.frameCount).toBe(0);
    expect(none.warnings[0]).toMatch(/no frame was read, the file may have been cut short/);
    const exact = parseBvh(twoJoints('MOTION', 'Frames: 2', 'Frame Time: 0.5', ROW_1, ROW_2), 'a.bvh');
    expect(exact.warnings).toEqual([]);
  });

  it('a huge Frames: with few lines reads them (the upfront allocation is capped, not Frames: × channels)', () => {
    const clip = parseBvh(twoJoints('MOTION', 'Frames: 999999999999', 'Frame Time: 0.5', ROW_1), 'a.bvh');
    expect(clip.frameCount).toBe(1);
    expect(clip.data).toHaveLength(9);
  });

  it("'use-header' keeps Frames: frames, still checks the extra lines, and fails when lines are missing", () => {
    const clip = parseBvh(threeLines, 'a.bvh', { frameCountMismatch: 'use-header' });
    expect(clip.frameCount).toBe(2);
    expect(clip.declaredFrameCount).toBe(2);
    expect(clip.frameLineCount).toBe(3);
    expect(clip.data).toHaveLength(18);
    expect(() => parseBvh(`${threeLines}1 2 x\n`, 'a.bvh', { frameCountMismatch: 'use-header' })).toThrow(
      /expected a number/,
    );
    expect(() => parseBvh(oneLine, 'a.bvh', { frameCountMismatch: 'use-header' })).toThrow(
      /found end of file/,
    );
  });

  it("'use-lines' keeps every frame line, more or fewer than Frames:", () => {
    const more = parseBvh(threeLines, 'a.bvh', { frameCountMismatch: 'use-lines' });
    expect([more.frameCount, more.declaredFrameCount, more.frameLineCount]).toEqual([3, 2, 3]);
    expect(more.data).toHaveLength(27);
    expect(more.data[26]).toBe(27);
    const fewer = parseBvh(oneLine, 'a.bvh', { frameCountMismatch: 'use-lines' });
    expect([fewer.frameCount, fewer.declaredFrameCount, fewer.frameLineCount]).toEqual([1, 2, 1]);
    expect(fewer.data).toHaveLength(9);
  });

  it("'use-lines' grows past a small Frames: count", () => {
    const rows = Array.from({ length: 500 }, (_, f) =>
      Array.from({ length: 9 }, (_, c) => f * 9 + c).join(' '),
    );
    const clip = parseBvh(twoJoints('MOTION', 'Frames: 1', 'Frame Time: 0.5', ...rows), 'a.bvh', {
      frameCountMismatch: 'use-lines',
    });
    expect(clip.frameCount).toBe(500);
    expect(clip.data[4499]).toBe(4499);
  });
});
