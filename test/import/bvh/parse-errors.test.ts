/**
 * Every way a file can be wrong gives a BvhParseError naming file, line, column, what was
 * expected and what was found; never another exception, a crash or a silently shortened clip.
 */
import { describe, expect, it } from 'vitest';
import { isDazportError, suggestionFor } from '../../../src/errors.js';
import { BvhParseError, parseBvh } from '../../../src/import/bvh/index.js';
import { bvh, TWO_JOINT_HIERARCHY, twoJoints } from './helpers/bvh-text.js';

const HEADER = ['MOTION', 'Frames: 1', 'Frame Time: 0.5'];
/** Strict frame counts, so that a mismatch is one of the ways to be wrong (the default reads on). */
const STRICT = { frameCountMismatch: 'error' } as const;
const ROW = '1 2 3 4 5 6 7 8 9';

/** TWO_JOINT_HIERARCHY with line `index` (0-based) replaced by `replacement` lines. */
function editHierarchy(index: number, ...replacement: string[]): string {
  const lines = [...TWO_JOINT_HIERARCHY];
  lines.splice(index, 1, ...replacement);
  return bvh(...lines, ...HEADER, ROW);
}

interface Case {
  what: string;
  text: string;
  line: number;
  column: number;
  message: RegExp;
}

const CASES: Case[] = [
  { what: 'empty file', text: '', line: 1, column: 1, message: /expected HIERARCHY, found an empty file/ },
  { what: 'whitespace only', text: ' \r\n\t\n', line: 3, column: 1, message: /found an empty file/ },
  {
    what: 'not BVH at all',
    text: '{"json": true}',
    line: 1,
    column: 1,
    message: /expected HIERARCHY .*found "\{"/,
  },
  {
    what: 'ROOT missing',
    text: bvh('HIERARCHY', 'JOINT Hips'),
    line: 2,
    column: 1,
    message: /expected ROOT, found "JOINT"/,
  },
  {
    what: 'missing opening brace',
    text: editHierarchy(2),
    line: 3,
    column: 3,
    message: /expected "\{" after joint name "Hips", found "OFFSET"/,
  },
  {
    what: 'missing closing brace',
    text: editHierarchy(14),
    line: 15,
    column: 1,
    message: /expected JOINT, End Site or "\}", found "MOTION" \(joint "Hips" of line 2 is not closed\)/,
  },
  {
    what: 'extra closing brace',
    text: editHierarchy(14, '}', '}'),
    line: 16,
    column: 1,
    message: /expected MOTION or another ROOT, found "\}"/,
  },
  {
    what: 'OFFSET missing a value',
    text: editHierarchy(3, '  OFFSET 0 0'),
    line: 5,
    column: 3,
    message: /expected a number \(OFFSET z\), found "CHANNELS"/,
  },
  {
    what: 'OFFSET missing',
    text: editHierarchy(3),
    line: 4,
    column: 3,
    message: /expected OFFSET, found "CHANNELS"/,
  },
  {
    what: 'channel count larger than the names listed',
    text: editHierarchy(8, '    CHANNELS 4 Zrotation Xrotation Yrotation'),
    line: 10,
    column: 5,
    message: /expected a channel name \(CHANNELS 4 of joint "Spine" lists only 3\), found "End"/,
  },
  {
    what: 'channel count smaller than the names listed',
    text: editHierarchy(8, '    CHANNELS 2 Zrotation Xrotation Yrotation'),
    line: 9,
    column: 36,
    message: /found "Yrotation" \(CHANNELS 2 of joint "Spine" lists more channels than it counts\)/,
  },
  {
    what: 'unknown channel name',
    text: editHierarchy(8, '    CHANNELS 3 Zrotation Xrotaton Yrotation'),
    line: 9,
    column: 26,
    message:
      /expected a channel name \(Xposition, Yposition, Zposition, Xrotation, Yrotation, Zrotation\), found "Xrotaton"/,
  },
  {
    what: 'channel listed twice',
    text: editHierarchy(8, '    CHANNELS 3 Zrotation Xrotation Zrotation'),
    line: 9,
    column: 36,
    message: /expected a channel not yet listed for joint "Spine", found "Zrotation"/,
  },
  {
    what: 'channel count above 6',
    text: editHierarchy(8, '    CHANNELS 7 Zrotation'),
    line: 9,
    column: 14,
    message: /expected a channel count from 0 to 6, found "7"/,
  },
  {
    what: 'misspelt CHANNELS',
    text: editHierarchy(8, '    CHANELS 3 Zrotation Xrotation Yrotation'),
    line: 9,
    column: 5,
    message: /expected CHANNELS, JOINT, End Site or "\}", found "CHANELS"/,
  },
  {
    what: 'End without Site',
    text: editHierarchy(9, '    End', '    Sight'),
    line: 11,
    column: 5,
    message: /expected Site after End, found "Sight"/,
  },
  {
    // The End Site takes the joint's "}", the joint the root's: the root is left open.
    what: 'End Site not closed',
    text: editHierarchy(12),
    line: 15,
    column: 1,
    message: /found "MOTION" \(joint "Hips" of line 2 is not closed\)/,
  },
  {
    what: 'two End Sites on one joint',
    text: editHierarchy(12, '    }', '    End Site { OFFSET 0 1 0 }'),
    line: 14,
    column: 5,
    message: /joint "Spine" already has an End Site/,
  },
  {
    what: 'duplicate joint names',
    text: editHierarchy(5, '  JOINT Hips'),
    line: 6,
    column: 9,
    message: /expected a joint name not used before, found "Hips" \(first used on line 2\)/,
  },
  {
    what: 'missing MOTION section',
    text: bvh(...TWO_JOINT_HIERARCHY),
    line: 16,
    column: 1,
    message: /expected MOTION \(the frame data section\), found end of file/,
  },
  {
    what: 'missing Frames: line',
    text: twoJoints('MOTION', 'Frame Time: 0.5', ROW),
    line: 17,
    column: 1,
    message: /expected "Frames: <count>", found "Frame Time: 0.5"/,
  },
  {
    what: 'Frames: not a whole number',
    text: twoJoints('MOTION', 'Frames: 2.5', 'Frame Time: 0.5', ROW),
    line: 17,
    column: 9,
    message: /expected a whole number of frames, found "2.5"/,
  },
  {
    what: 'Frames: negative',
    text: twoJoints('MOTION', 'Frames:-1', 'Frame Time: 0.5', ROW),
    line: 17,
    column: 8,
    message: /expected a whole number of frames, found "-1"/,
  },
  {
    what: 'negative frame time',
    text: twoJoints('MOTION', 'Frames: 1', 'Frame Time: -0.01', ROW),
    line: 18,
    column: 13,
    message: /expected a frame time in seconds, 0 or more, found "-0.01"/,
  },
  {
    what: 'non-numeric frame time',
    text: twoJoints('MOTION', 'Frames: 1', 'Frame Time: fast', ROW),
    line: 18,
    column: 13,
    message: /expected a frame time in seconds, 0 or more, found "fast"/,
  },
  {
    what: 'file ends before Frame Time',
    text: twoJoints('MOTION', 'Frames: 1'),
    line: 18,
    column: 1,
    message: /expected "Frame Time: <seconds>", found end of file/,
  },
  {
    what: 'short motion line',
    text: twoJoints(...HEADER, '1 2 3 4 5 6 7 8'),
    line: 19,
    column: 16,
    message:
      /expected 9 values on frame line 1 \(next: Spine.Yrotation\), found end of line \(the line has 8 values/,
  },
  {
    what: 'short last line without newline',
    text: twoJoints(...HEADER, '1 2 3').trimEnd(),
    line: 19,
    column: 6,
    message: /expected 9 values on frame line 1 \(next: Hips.Zrotation\), found end of line/,
  },
  {
    what: 'frame wrapped over two lines',
    text: twoJoints(...HEADER, '1 2 3 4 5', '6 7 8 9'),
    line: 19,
    column: 10,
    message: /expected 9 values on frame line 1/,
  },
  {
    what: 'long motion line',
    text: twoJoints(...HEADER, '1 2 3 4 5 6 7 8 9 10'),
    line: 19,
    column: 19,
    message: /expected end of frame line 1 after its 9 values, found "10"/,
  },
  {
    what: 'non-numeric value',
    text: twoJoints(...HEADER, '1 2 3 abc 5 6 7 8 9'),
    line: 19,
    column: 7,
    message: /expected a number \(frame line 1, Hips.Zrotation\), found "abc"/,
  },
  {
    what: 'nan spelled out',
    text: twoJoints(...HEADER, '1 2 3 4 5 6 7 8 nan'),
    line: 19,
    column: 17,
    message: /expected a number \(frame line 1, Spine.Yrotation\), found "nan"/,
  },
  {
    what: 'value beyond float32',
    text: twoJoints(...HEADER, '1 2 3 4 5 6 7 8 1e39'),
    line: 19,
    column: 17,
    message: /expected a number within float32 range/,
  },
  {
    what: 'more frame lines than Frames: (strict)',
    text: twoJoints(...HEADER, ROW, ROW),
    line: 20,
    column: 1,
    message: /expected end of file, found "1" \(Frames: says 1, and this is frame line 2\)/,
  },
  {
    what: 'fewer frame lines than Frames: (strict)',
    text: twoJoints('MOTION', 'Frames: 3', 'Frame Time: 0.5', ROW, ROW),
    line: 21,
    column: 1,
    message: /expected 3 frame lines \(Frames: 3\), found end of file \(after 2 frame lines/,
  },
  {
    what: 'a token without end',
    text: `HIERARCHY ${'x'.repeat(5000)}`,
    line: 1,
    column: 11,
    message: /expected a token of at most 4096 characters/,
  },
];

describe('BvhParseError', () => {
  it.each(CASES)('$what', ({ text, line, column, message }) => {
    let error: unknown;
    try {
      parseBvh(text, 'bad.bvh', STRICT);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BvhParseError);
    const e = error as BvhParseError;
    expect(e.code).toBe('DAZPORT_BVH_PARSE');
    expect(isDazportError(e)).toBe(true);
    expect(e.message).toMatch(message);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message.startsWith(`bad.bvh:${line}:${column}: expected `)).toBe(true);
    expect(e.toJSON()).toMatchObject({
      code: 'DAZPORT_BVH_PARSE',
      context: { file: 'bad.bvh', line, column },
    });
  });

  it('names the file it was given', () => {
    expect(() => parseBvh('', 'C:\\mocap\\walk.bvh')).toThrow(/^C:\\mocap\\walk\.bvh:1:1: /);
  });

  it.each([
    ['more', twoJoints(...HEADER, ROW, ROW)],
    ['fewer', twoJoints('MOTION', 'Frames: 3', 'Frame Time: 0.5', ROW)],
  ])('a strict mismatch (%s lines) advises the option in the library and the flag on the CLI', (_, text) => {
    let error: BvhParseError | undefined;
    try {
      parseBvh(text, 'bad.bvh', STRICT);
    } catch (e) {
      error = e as BvhParseError;
    }
    expect(suggestionFor(error!, 'library')).toMatch(/frameCountMismatch: 'use-lines'/);
    expect(suggestionFor(error!, 'library')).not.toMatch(/--frame-mismatch/);
    expect(suggestionFor(error!, 'cli')).toMatch(/--frame-mismatch use-lines/);
    expect(suggestionFor(error!, 'cli')).not.toMatch(/frameCountMismatch/);
  });

  it('an error whose advice names no option gives the same advice to both', () => {
    let error: BvhParseError | undefined;
    try {
      parseBvh('', 'bad.bvh');
    } catch (e) {
      error = e as BvhParseError;
    }
    expect(error!.cliSuggestion).toBeUndefined();
    expect(suggestionFor(error!, 'cli')).toBe(error!.suggestion);
  });
});
