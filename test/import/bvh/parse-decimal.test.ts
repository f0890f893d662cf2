import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, parseDecimalToken } from '../../../src/import/bvh/parse-decimal.js';

describe('parseDecimal', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    ['-0.5', -0.5],
    ['+3.25', 3.25],
    ['.0083333', 0.0083333],
    ['5.', 5],
    ['-.5', -0.5],
    ['1.5e+01', 15],
    ['-2E-3', -0.002],
    ['4.1666668e-02', 0.041666668],
    ['0.000000e+00', 0],
    ['179.842245', 179.842245],
    ['12345678901234567890', 1.2345678901234567e19], // 20 digits: past the exact fast path
    ['1e400', Number.POSITIVE_INFINITY],
    ['1e-400', 0],
  ])('reads %s', (text, value) => {
    expect(parseDecimalToken(text)).toBe(value);
  });

  it('keeps the sign of zero, as Number() does', () => {
    expect(Object.is(parseDecimalToken('-0.0000'), -0)).toBe(true);
    expect(Object.is(parseDecimalToken('0.0'), 0)).toBe(true);
  });

  it.each([
    '',
    '-',
    '+',
    '.',
    '-.',
    'e5',
    '1e',
    '1e+',
    '1.2.3',
    '1,5',
    '12abc',
    'nan',
    'NaN',
    'inf',
    'Infinity',
    '-1.#IND',
    '0x10',
    '1_000',
    '--1',
    '+-1',
    '1e5.5',
    ' 1',
  ])('rejects %j', (text) => {
    expect(parseDecimalToken(text)).toBeNaN();
  });

  it('reads a number inside a longer string without slicing it', () => {
    const line = 'x 91.753342 y';
    expect(parseDecimal(line, 2, 11)).toBe(91.753342);
  });

  it('is bit-identical to Number() for every way exporters print a double', () => {
    const formats = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => String(v)),
      fc
        .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 12 }))
        .map(([v, d]) => v.toFixed(d)),
      fc
        .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }))
        .map(([v, d]) => v.toExponential(d)),
      fc
        .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 21 }))
        .map(([v, d]) => v.toPrecision(d)),
      fc
        .tuple(
          fc.constantFrom('', '+', '-'),
          fc.stringMatching(/^[0-9]{0,20}$/),
          fc.constantFrom('', '.'),
          fc.stringMatching(/^[0-9]{0,20}$/),
          fc.constantFrom('', 'e', 'E', 'e+', 'e-', 'E-'),
          fc.stringMatching(/^[0-9]{1,3}$/),
        )
        .filter(([, a, , b]) => a.length + b.length > 0)
        .map(([s, a, dot, b, e, x]) => `${s}${a}${b.length > 0 ? '.' : dot}${b}${e ? e + x : ''}`),
    );
    fc.assert(
      fc.property(formats, (text) => {
        expect(Object.is(parseDecimalToken(text), Number(text)), text).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
