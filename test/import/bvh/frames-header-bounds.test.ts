/**
 * `Frames:` is a claim, not data: the reader checks it against what the file can hold and sizes
 * its work by the frame lines actually there. A few kilobytes claiming a hundred million frames
 * (issue 13, item 5) must neither allocate for them nor hand the retarget a clip that long.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BvhParseError, BvhStreamParser, parseBvh } from '../../../src/import/bvh/index.js';
import { bvh, twoJoints } from './helpers/bvh-text.js';

const ZERO_CHANNEL_HIERARCHY = [
  'HIERARCHY',
  'ROOT Hips',
  '{',
  '  OFFSET 0 0 0',
  '  CHANNELS 0',
  '  JOINT Spine',
  '  {',
  '    OFFSET 0 5 0',
  '    CHANNELS 0',
  '  }',
  '}',
];

/** The input in small: no channels anywhere, a huge Frames:, the header and one empty line. */
const HUGE_ZERO = bvh(...ZERO_CHANNEL_HIERARCHY, 'MOTION', 'Frames: 100000000', 'Frame Time: 0.0083333', '');

describe('a hierarchy without channels: a frame is an empty line, and the file holds as many as it has lines', () => {
  it('by default reads only the frames the file has room for, and says so', () => {
    const clip = parseBvh(HUGE_ZERO, 'huge.bvh');
    // Line 15 is the empty frame line; the final line break leaves line 16 (empty) as the last possible one.
    expect(clip.frameCount).toBe(2);
    expect(clip.frameLineCount).toBe(2);
    expect(clip.declaredFrameCount).toBe(100_000_000);
    expect(clip.data).toHaveLength(0);
    expect(clip.warnings).toHaveLength(1);
    expect(clip.warnings[0]).toContain('Frames: says 100000000');
    expect(clip.warnings[0]).toContain('no channels');
  });

  it.each(['error', 'use-header'] as const)(
    'with %s, refuses the count with a DAZPORT_BVH_PARSE naming file and line',
    (mode) => {
      let error: unknown;
      try {
        parseBvh(HUGE_ZERO, 'huge.bvh', { frameCountMismatch: mode });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BvhParseError);
      const e = error as BvhParseError;
      expect(e.code).toBe('DAZPORT_BVH_PARSE');
      expect(e.message).toMatch(
        /^huge\.bvh:16:1: expected 100000000 frame lines \(Frames: 100000000\), found end of file/,
      );
      expect(e.message).toContain('no channels');
    },
  );

  it('keeps Frames: when the file has a line for every frame, whatever its final line break', () => {
    // Three empty rows joined by line breaks, as a writer joining its rows puts them, with and without a last one.
    const header = bvh(...ZERO_CHANNEL_HIERARCHY, 'MOTION', 'Frames: 3', 'Frame Time: 0.1');
    for (const rows of ['\n\n', '\n\n\n']) {
      const strict = parseBvh(header + rows, 'static.bvh', { frameCountMismatch: 'error' });
      expect(strict.frameCount).toBe(3);
      expect(strict.warnings).toEqual([]);
    }
  });

  it('gives the same clip whatever the chunking', () => {
    const whole = parseBvh(HUGE_ZERO, 'huge.bvh');
    const parser = new BvhStreamParser('huge.bvh');
    for (let i = 0; i < HUGE_ZERO.length; i += 7) parser.push(HUGE_ZERO.slice(i, i + 7));
    const chunked = parser.finish();
    expect(chunked.frameCount).toBe(whole.frameCount);
    expect(chunked.warnings).toEqual(whole.warnings);
  });
});

describe('the frame array is sized by the data, not by Frames:', () => {
  const RealFloat32Array = globalThis.Float32Array;
  let largest = 0;

  /** Record the length of every Float32Array the reader creates (its frame storage in float32). */
  function recordAllocations(): void {
    largest = 0;
    class Recording extends RealFloat32Array {
      // biome-ignore lint/suspicious/noExplicitAny: forwards whatever the real constructor takes
      constructor(...args: any[]) {
        super(...(args as []));
        if (typeof args[0] === 'number') largest = Math.max(largest, args[0]);
      }
    }
    globalThis.Float32Array = Recording as Float32ArrayConstructor;
  }
  afterEach(() => {
    globalThis.Float32Array = RealFloat32Array;
  });

  const HUGE_ONE_LINE = twoJoints('MOTION', 'Frames: 1000000000', 'Frame Time: 0.5', '1 2 3 4 5 6 7 8 9');

  it('parseBvh of a one-line file claiming a billion frames allocates about one frame', () => {
    recordAllocations();
    const clip = parseBvh(HUGE_ONE_LINE, 'one-line.bvh');
    expect(clip.frameCount).toBe(1);
    expect(largest).toBeLessThanOrEqual(9 * 16);
  });

  it('the stream parser, told nothing of the input length, starts small and grows with the lines', () => {
    recordAllocations();
    const parser = new BvhStreamParser('one-line.bvh');
    parser.push(HUGE_ONE_LINE);
    expect(largest).toBeLessThanOrEqual(1 << 16);
    expect(parser.finish().frameCount).toBe(1);
  });

  it('a real file is still allocated once, at its Frames: size', () => {
    const rows = Array.from({ length: 500 }, (_, f) => Array.from({ length: 9 }, (_, c) => f + c).join(' '));
    const text = twoJoints('MOTION', 'Frames: 500', 'Frame Time: 0.5', ...rows);
    recordAllocations();
    const clip = parseBvh(text, 'real.bvh');
    expect(clip.frameCount).toBe(500);
    expect(clip.getValue(499, 8)).toBe(507);
    expect(largest).toBe(500 * 9);
  });
});
