/**
 * Property tests: whatever the input, the reader returns a consistent clip or throws a
 * BvhParseError with a sensible position: never another exception, never a hang.
 *
 * Inputs: (1) the real captures and the own fixtures, cut to their first frames, with 1–4 random
 * edits (delete, insert, replace, duplicate or drop a line, swap lines, change case, break
 * lines); (2) random token streams over BVH's vocabulary. Each input is also parsed in random
 * chunks, which must give the same outcome. Runs are bounded so the file takes a few seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BvhParseError, NotBvhFileError, parseBvh } from '../../../src/import/bvh/index.js';
import {
  CAPTURE_BVH_FIXTURES,
  captureBvhFixture,
  OWN_OTHER_FIXTURES,
  OWN_THREE_COMPATIBLE_FIXTURES,
  ownBvhFixture,
  readText,
} from './helpers/bvh-fixtures.js';
import { expectConsistentClip, outcomeOf, splitAt } from './helpers/clip-outcome.js';

/** A fixture cut to its first `frames` frame lines, with Frames: adjusted. */
function shortened(text: string, frames: number): string {
  const lines = text.split(/(?<=\n)/);
  const motion = lines.findIndex((l) => /^\s*MOTION\s*$/i.test(l));
  const header = lines
    .slice(0, motion + 3)
    .map((l) => (/^\s*Frames\s*:/i.test(l) ? `Frames: ${frames}\n` : l));
  const rows = lines.slice(motion + 3).filter((l) => l.trim() !== '');
  return header.join('') + rows.slice(0, frames).join('');
}

const SEEDS = [
  ...CAPTURE_BVH_FIXTURES.map((name) => shortened(readText(captureBvhFixture(name)), 3)),
  ...[...OWN_THREE_COMPATIBLE_FIXTURES, ...OWN_OTHER_FIXTURES].map((name) => readText(ownBvhFixture(name))),
];

const VOCABULARY = [
  'HIERARCHY',
  'ROOT',
  'JOINT',
  'End',
  'Site',
  '{',
  '}',
  'OFFSET',
  'CHANNELS',
  'MOTION',
  'Frames:',
  'Frame',
  'Time:',
  'Xposition',
  'Yposition',
  'Zposition',
  'Xrotation',
  'Yrotation',
  'Zrotation',
  'Hips',
  'mixamorig:Spine',
  '0',
  '1',
  '3',
  '6',
  '-2.5',
  '1e3',
  '.5',
  '1e400',
  '-0',
  'nan',
  'x',
  '',
  '9'.repeat(30),
];
const SEPARATORS = [' ', '\t', '\n', '\r\n', '\r', '  ', '\u00a0', '\ufeff', '{', '}'];

const snippet = fc.oneof(
  fc.constantFrom(...VOCABULARY, ...SEPARATORS),
  fc.string({ maxLength: 6 }),
  fc.stringMatching(/^[-+.eE0-9 \t\r\n{}]{1,8}$/),
);

/** A random BVH file built from the grammar: random tree, channels, spacing and frame lines. */
interface RandomJoint {
  name: string;
  /** Index of the parent among the joints before this one; ignored for the first (the root). */
  parent: number;
  offset: string[];
  channels: string[];
  endSite: string[] | null;
}

const number = fc.oneof(
  fc.integer({ min: -100, max: 100 }).map(String),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => v.toPrecision(7)),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => v.toExponential(3)),
);
const vector = fc.array(number, { minLength: 3, maxLength: 3 });

const randomJoint: fc.Arbitrary<RandomJoint> = fc.record({
  name: fc.oneof(
    fc.constantFrom('Hips', 'Spine', 'mixamorig:Arm', 'L_Hand'),
    fc.stringMatching(/^[A-Za-z_:][A-Za-z0-9_:]{0,8}$/),
  ),
  parent: fc.nat(),
  offset: vector,
  channels: fc.shuffledSubarray([
    'Xposition',
    'Yposition',
    'Zposition',
    'Xrotation',
    'Yrotation',
    'Zrotation',
  ]),
  endSite: fc.option(vector, { freq: 2 }),
});

const randomBvh = fc
  .record({
    joints: fc.array(randomJoint, { minLength: 1, maxLength: 12 }),
    eol: fc.constantFrom('\n', '\r\n'),
    indent: fc.constantFrom('', '\t', '  '),
    frames: fc.nat({ max: 4 }),
    valuesDelta: fc.constantFrom(0, 0, 0, 0, -1, 1),
    values: fc.array(number, { minLength: 64, maxLength: 64 }),
  })
  .map(({ joints, eol, indent, frames, valuesDelta, values }) => {
    const children = joints.map(() => [] as number[]);
    joints.forEach((j, i) => {
      if (i > 0) children[j.parent % i].push(i);
    });
    const lines: string[] = ['HIERARCHY'];
    let channels = 0;
    const seen = new Set<string>();
    const write = (index: number, depth: number) => {
      const j = joints[index];
      const pad = indent.repeat(depth);
      // Unique names: duplicates are a separate, already tested error.
      let name = j.name;
      while (seen.has(name)) name += '_';
      seen.add(name);
      lines.push(
        `${pad}${depth === 0 ? 'ROOT' : 'JOINT'} ${name}`,
        `${pad}{`,
        `${pad}${indent}OFFSET ${j.offset.join(' ')}`,
      );
      lines.push(`${pad}${indent}CHANNELS ${j.channels.length} ${j.channels.join(' ')}`.trimEnd());
      channels += j.channels.length;
      for (const child of children[index]) write(child, depth + 1);
      if (j.endSite) {
        lines.push(
          `${pad}${indent}End Site`,
          `${pad}${indent}{`,
          `${pad}${indent}${indent}OFFSET ${j.endSite.join(' ')}`,
        );
        lines.push(`${pad}${indent}}`);
      }
      lines.push(`${pad}}`);
    };
    write(0, 0);
    lines.push('MOTION', `Frames: ${frames}`, 'Frame Time: 0.0333333');
    for (let f = 0; f < frames; f++) {
      const count = Math.max(0, channels + (f === frames - 1 ? valuesDelta : 0));
      lines.push(Array.from({ length: count }, (_, c) => values[(f * 7 + c) % values.length]).join(' '));
    }
    return lines.join(eol) + eol;
  });

type Edit = (text: string) => string;

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(
    ([at, length]): Edit =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + t.slice(i + length);
      },
  ),
  fc.tuple(fc.nat(), snippet).map(
    ([at, s]): Edit =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + s + t.slice(i);
      },
  ),
  fc.tuple(fc.nat(), snippet).map(
    ([at, s]): Edit =>
      (t) => {
        // Replace the word at a position.
        const words = t.split(/(\s+)/);
        const i = (at % Math.max(1, words.length >> 1)) * 2;
        words[i] = s;
        return words.join('');
      },
  ),
  fc.tuple(fc.nat(), fc.constantFrom('duplicate', 'drop', 'swap', 'upper', 'lower')).map(
    ([at, op]): Edit =>
      (t) => {
        const lines = t.split('\n');
        const i = at % lines.length;
        const j = (at * 7 + 3) % lines.length;
        if (op === 'duplicate') lines.splice(i, 0, lines[i]);
        else if (op === 'drop') lines.splice(i, 1);
        else if (op === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]];
        else lines[i] = op === 'upper' ? lines[i].toUpperCase() : lines[i].toLowerCase();
        return lines.join('\n');
      },
  ),
);

/** Parse, and check the outcome is a consistent clip or a well-formed BvhParseError. */
function checkOutcome(text: string): void {
  let clip: ReturnType<typeof parseBvh> | undefined;
  try {
    clip = parseBvh(text, 'fuzz.bvh', { frameCountMismatch: 'use-lines' });
  } catch (error) {
    // Text that does not start with HIERARCHY may be recognised as another format (a line
    // starting "f " reads as OBJ): a typed error naming it, never before HIERARCHY is missing.
    if (error instanceof NotBvhFileError) {
      expect(error.code).toBe('DAZPORT_INPUT_TYPE');
      expect(text.trimStart().startsWith('HIERARCHY')).toBe(false);
      return;
    }
    if (!(error instanceof BvhParseError)) throw error; // anything else fails the property
    expect(error.code).toBe('DAZPORT_BVH_PARSE');
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.message).toMatch(/^fuzz\.bvh:\d+:\d+: expected .+, found /);
  }
  if (clip) expectConsistentClip(clip);
}

describe('fuzz: the reader never fails except with a BvhParseError', () => {
  it('survives random edits of real and hand-written files', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (seed, edits) => {
          checkOutcome(edits.reduce((t, e) => e(t), seed));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('survives random token streams', () => {
    const stream = fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...VOCABULARY), snippet), fc.constantFrom(...SEPARATORS)), {
        maxLength: 120,
      })
      .map((parts) => parts.map(([word, sep]) => word + sep).join(''));
    const prefixed = stream.map((s) => `HIERARCHY\nROOT Hips\n{\n${s}`);
    fc.assert(fc.property(fc.oneof(stream, prefixed), checkOutcome), { numRuns: 1000 });
  });

  it('survives random hierarchies with random motion, lightly edited', () => {
    fc.assert(
      fc.property(randomBvh, fc.array(edit, { maxLength: 2 }), (text, edits) => {
        checkOutcome(edits.reduce((t, e) => e(t), text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same outcome however an edited file is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(edit, { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (seed, edits, cuts) => {
          const text = edits.reduce((t, e) => e(t), seed);
          const options = { frameCountMismatch: 'use-lines' } as const;
          const pieces = splitAt(
            text,
            cuts.map((c) => c % (text.length + 1)),
          );
          expect(outcomeOf(pieces, 'fuzz.bvh', options)).toEqual(outcomeOf([text], 'fuzz.bvh', options));
        },
      ),
      { numRuns: 600 },
    );
  });
});
