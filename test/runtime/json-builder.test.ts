import { describe, expect, it } from 'vitest';
import {
  formatG15,
  quoteString,
  quoteStringStd,
  toServerJson,
} from '../../src/emulator/runtime/json-builder.js';

describe('formatG15 matches C printf("%.15g")', () => {
  // Expected strings are what glibc printf("%.15g") prints for these doubles.
  const table: [number, string][] = [
    [0, '0'],
    [-0, '-0'],
    [42, '42'],
    [-7.5, '-7.5'],
    [0.1 + 0.2, '0.3'],
    [1 / 3, '0.333333333333333'],
    [2 / 3, '0.666666666666667'],
    [1e21, '1e+21'],
    [123456789012345, '123456789012345'],
    [1234567890123456, '1.23456789012346e+15'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [10 - 2 ** -49, '10'], // 9.999999999999998: rounding carries into a new digit
    [100, '100'],
    [1e100, '1e+100'],
    [5e-324, '4.94065645841247e-324'],
    [Number.MAX_VALUE, '1.79769313486232e+308'],
  ];
  for (const [value, expected] of table) {
    it(`${value} → ${expected}`, () => expect(formatG15(value)).toBe(expected));
  }
});

describe('string quoting', () => {
  it('JsonBuilder escapes only the classic seven, leaving other control characters raw', () => {
    expect(quoteString('a"b\\c\n\r\t\b\f\u0001')).toBe('"a\\"b\\\\c\\n\\r\\t\\b\\f\u0001"');
  });
  it('JsonStd escapes every control character, so its output is always valid JSON', () => {
    const quoted = quoteStringStd('a"b\\c\n\r\t\b\f\u0001\u001f');
    expect(quoted).toBe('"a\\"b\\\\c\\n\\r\\t\\u0008\\u000c\\u0001\\u001f"');
    expect(JSON.parse(quoted)).toBe('a"b\\c\n\r\t\b\f\u0001\u001f');
  });
});

describe('toServerJson', () => {
  it('sorts object keys like a QVariantMap and drops functions', () => {
    expect(toServerJson({ b: 1, a: 2, B: 3, f() {} })).toBe('{"B":3,"a":2,"b":1}');
  });
  it('maps undefined and null to null, cuts cycles, serializes dates as ISO strings', () => {
    const cyclic: Record<string, unknown> = { x: 1 };
    cyclic.self = cyclic;
    expect(toServerJson([undefined, null, cyclic])).toBe('[null,null,{"self":null,"x":1}]');
    expect(toServerJson(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('"2026-01-02T03:04:05.000Z"');
  });
  it('makes non-plain objects empty strings', () => {
    class DzThing {
      x = 1;
    }
    expect(toServerJson([new DzThing(), new Map()])).toBe('["",""]');
  });
});
