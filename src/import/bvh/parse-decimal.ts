/**
 * Strict decimal numbers as BVH exporters write them: optional sign, digits with an optional
 * fraction (`12`, `-0.5`, `.0083333`, `5.`), optional exponent (`1.5e+01`, `-2E-3`).
 * Anything else (`nan`, `inf`, `-1.#IND`, `0x10`, `1,5`, `12abc`) is not a number here.
 *
 * CONTRIBUTOR NOTES. Frame data is millions of numbers, so this runs on the characters in place
 * instead of slicing a token and calling `parseFloat` (which would also accept `12abc` as 12).
 * It is exact, not approximate: with at most 15 significant digits and a decimal exponent within
 * ±22, both the digits and the power of ten are exact doubles, so one multiplication or division
 * rounds correctly (Clinger's fast path, W. D. Clinger, "How to Read Floating Point Numbers
 * Accurately", PLDI 1990) and the result is bit-identical to `Number(token)`. Longer numbers fall
 * back to `Number()` on the already validated text. A property test checks the identity.
 */

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/** Most significant digits for which the digits alone are an exact double (10^15 < 2^53). */
const MAX_EXACT_DIGITS = 15;

/**
 * The number written in `text[start, end)`, or NaN if those characters are not a strict decimal.
 * Never NaN for valid input; may be ±Infinity for huge exponents (`1e999`).
 */
export function parseDecimal(text: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === 45 /* - */) {
    negative = true;
    i++;
  } else if (c === 43 /* + */) {
    i++;
  }
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let exponent = 0;
  while (i < end) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    digits++;
    if (mantissa !== 0 || d !== 0) {
      mantissa = mantissa * 10 + d;
      significant++;
    }
    i++;
  }
  if (i < end && text.charCodeAt(i) === 46 /* . */) {
    i++;
    while (i < end) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      digits++;
      if (mantissa !== 0 || d !== 0) {
        mantissa = mantissa * 10 + d;
        significant++;
      }
      exponent--;
      i++;
    }
  }
  if (digits === 0) return Number.NaN;
  if (i < end) {
    c = text.charCodeAt(i);
    if (c !== 101 /* e */ && c !== 69 /* E */) return Number.NaN;
    i++;
    let exponentNegative = false;
    c = text.charCodeAt(i);
    if (c === 45) {
      exponentNegative = true;
      i++;
    } else if (c === 43) {
      i++;
    }
    let written = 0;
    let exponentDigits = 0;
    while (i < end) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      // Saturate: beyond 1e6 the value is 0 or Infinity anyway, and the fallback decides which.
      if (written < 1e6) written = written * 10 + d;
      exponentDigits++;
      i++;
    }
    if (exponentDigits === 0) return Number.NaN;
    exponent += exponentNegative ? -written : written;
  }
  if (significant > MAX_EXACT_DIGITS || exponent < -22 || exponent > 22) {
    return Number(text.slice(start, end));
  }
  const value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
  return negative ? -value : value;
}

/** Whole token as a strict decimal (see {@link parseDecimal}), NaN if it is not one. */
export function parseDecimalToken(token: string): number {
  return token.length === 0 ? Number.NaN : parseDecimal(token, 0, token.length);
}
