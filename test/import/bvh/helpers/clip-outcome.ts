/** What a parse produced, in a form `toEqual` can compare: the clip's contents or the error's message. */
import { expect } from 'vitest';
import {
  type BvhClip,
  BvhParseError,
  type BvhParseOptions,
  BvhStreamParser,
} from '../../../../src/import/bvh/index.js';

export type Outcome =
  | { ok: true; joints: unknown; header: number[]; data: number[] }
  | { ok: false; message: string };

export function clipContents(clip: BvhClip) {
  return {
    ok: true as const,
    joints: clip.joints,
    header: [
      clip.channelCount,
      clip.frameCount,
      clip.declaredFrameCount,
      clip.frameLineCount,
      clip.frameTime,
    ],
    data: Array.from(clip.data),
  };
}

/** Parse `text` pushed in the given pieces; a BvhParseError becomes its message, anything else is rethrown. */
export function outcomeOf(pieces: readonly string[], file: string, options: BvhParseOptions = {}): Outcome {
  try {
    const parser = new BvhStreamParser(file, options);
    for (const piece of pieces) parser.push(piece);
    return clipContents(parser.finish());
  } catch (error) {
    if (error instanceof BvhParseError) return { ok: false, message: error.message };
    throw error;
  }
}

/** `text` cut at the given positions (any order, duplicates allowed). */
export function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => Math.min(text.length, Math.max(0, c))))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** Invariants every clip the reader returns must hold. */
export function expectConsistentClip(clip: BvhClip): void {
  expect(clip.data.length).toBe(clip.frameCount * clip.channelCount);
  let column = 0;
  clip.joints.forEach((joint, index) => {
    expect(joint.parent).toBeLessThan(index);
    expect(joint.channelOffset).toBe(column);
    column += joint.channels.length;
    expect(joint.offset.every(Number.isFinite)).toBe(true);
  });
  expect(column).toBe(clip.channelCount);
  expect(new Set(clip.joints.map((j) => j.name)).size).toBe(clip.joints.length);
  for (const value of clip.data) expect(Number.isFinite(value)).toBe(true);
  expect(clip.frameTime).toBeGreaterThanOrEqual(0);
}
