import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BvhParseError, BvhStreamParser, parseBvh } from '../../../src/import/bvh/index.js';
import {
  OWN_OTHER_FIXTURES,
  OWN_THREE_COMPATIBLE_FIXTURES,
  ownBvhFixture,
  readText,
} from './helpers/bvh-fixtures.js';
import { TWO_JOINTS, twoJoints } from './helpers/bvh-text.js';
import { outcomeOf, splitAt } from './helpers/clip-outcome.js';

const OWN = [...OWN_THREE_COMPATIBLE_FIXTURES, ...OWN_OTHER_FIXTURES];

describe('BvhStreamParser: chunks of any size', () => {
  it('gives the same clip however the text is cut (own fixtures)', () => {
    for (const name of OWN) {
      const text = readText(ownBvhFixture(name));
      const whole = outcomeOf([text], name);
      expect(whole.ok, name).toBe(true);
      fc.assert(
        fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: 40 }), (cuts) => {
          expect(outcomeOf(splitAt(text, cuts), name)).toEqual(whole);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('gives the same result one character at a time, through CRLF, BOM and no-break spaces', () => {
    const text = readText(ownBvhFixture('mixamo-namespaces-crlf.bvh'));
    expect(outcomeOf([...text], 'm.bvh')).toEqual(outcomeOf([text], 'm.bvh'));
  });

  it('gives the same error, at the same line and column, however the text is cut', () => {
    const bad = twoJoints(
      'MOTION',
      'Frames: 2',
      'Frame Time: 0.5',
      '1 2 3 4 5 6 7 8 9',
      '1 2 3 4 5 6 7 8 9.9.9',
    );
    const whole = outcomeOf([bad], 'bad.bvh');
    expect(whole).toEqual({
      ok: false,
      message: expect.stringMatching(/^bad\.bvh:20:17: expected a number/),
    });
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bad.length }), { maxLength: 20 }), (cuts) => {
        expect(outcomeOf(splitAt(bad, cuts), 'bad.bvh')).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('fails on the chunk that holds the error, without waiting for the rest of the file', () => {
    const parser = new BvhStreamParser('stream.bvh', { frameCountMismatch: 'error' });
    const [head, tail] = [TWO_JOINTS.slice(0, 200), TWO_JOINTS.slice(200)];
    parser.push(head);
    expect(() => parser.push(`${tail}1 2 x`)).toThrow(BvhParseError);
  });

  it('joins a keyword, a name and a number cut in the middle', () => {
    const cuts = [
      TWO_JOINTS.indexOf('CHANNELS') + 4,
      TWO_JOINTS.indexOf('Spine') + 2,
      TWO_JOINTS.lastIndexOf('18') + 1,
    ];
    const parser = new BvhStreamParser('cut.bvh');
    for (const piece of splitAt(TWO_JOINTS, cuts)) parser.push(piece);
    const clip = parser.finish();
    expect(clip.joints[1].name).toBe('Spine');
    expect(clip.joints[0].channels).toHaveLength(6);
    expect(clip.data[17]).toBe(18);
  });

  it('is what parseBvh does', () => {
    const parser = new BvhStreamParser('two.bvh');
    parser.push(TWO_JOINTS);
    expect(parser.finish()).toEqual(parseBvh(TWO_JOINTS, 'two.bvh'));
  });

  it('stays failed after an error: later calls throw the same error', () => {
    const parser = new BvhStreamParser('bad.bvh');
    let first: unknown;
    try {
      parser.push('HIERARCHY ROOT Hips { OFFSET 0 0 x ');
    } catch (e) {
      first = e;
    }
    expect(first).toBeInstanceOf(BvhParseError);
    expect(() => parser.push(' 0 }')).toThrow(first as Error);
    expect(() => parser.finish()).toThrow(first as Error);
  });

  it('refuses to be used after finish()', () => {
    const parser = new BvhStreamParser('two.bvh');
    parser.push(TWO_JOINTS);
    parser.finish();
    expect(() => parser.push('1')).toThrow(/after finish/);
    expect(() => parser.finish()).toThrow(/twice/);
  });
});
