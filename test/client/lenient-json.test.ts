import { describe, expect, it } from 'vitest';
import { isCutShortJson, parseServerJson } from '../../src/client/lenient-json.js';

describe('parseServerJson', () => {
  it('parses valid JSON strictly', () => {
    expect(parseServerJson('{"a":[1,"nan"]}')).toEqual({ a: [1, 'nan'] });
  });
  it('reads bare nan/inf/-inf as numbers, but not inside strings', () => {
    expect(parseServerJson('{"result":[nan,inf,-inf,"inf nan"],"x":1}')).toEqual({
      result: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 'inf nan'],
      x: 1,
    });
  });
  it('accepts raw control characters inside strings', () => {
    expect(parseServerJson('{"output":["tab\there","bell\u0007"]}')).toEqual({
      output: ['tab\there', 'bell\u0007'],
    });
  });
  it('still rejects what is not JSON at all', () => {
    expect(() => parseServerJson('<html>')).toThrow(SyntaxError);
  });
});

describe('isCutShortJson', () => {
  const whole = '{"success":true,"result":{"p":"1,-2,nan","s":"a \\" } ]"},"output":["x\ty"]}';
  it('tells every proper prefix of an answer apart from the whole answer', () => {
    expect(parseServerJson(whole)).toBeTruthy();
    expect(isCutShortJson(whole)).toBe(false);
    for (let n = 1; n < whole.length; n++) {
      expect(isCutShortJson(whole.slice(0, n))).toBe(true);
      expect(() => parseServerJson(whole.slice(0, n))).toThrow(SyntaxError);
    }
  });
  it('does not call other bad bodies cut short', () => {
    expect(isCutShortJson('<html><body>Bad Gateway</body></html>')).toBe(false);
    expect(isCutShortJson('{"a":1}} junk')).toBe(false);
    expect(isCutShortJson('')).toBe(false);
  });
});
