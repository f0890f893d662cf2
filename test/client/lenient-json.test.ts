import { describe, expect, it } from 'vitest';
import { parseServerJson } from '../../src/client/lenient-json.js';

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
