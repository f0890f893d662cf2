/**
 * USDA value spelling: numbers, strings, asset paths, prim paths and matrices, as the text
 * format reads them (https://openusd.org/release/api/sdf_page_front.html, "Text File Format").
 * Pure functions; the streaming writer (usda-writer.ts) puts them together.
 *
 * CONTRIBUTOR NOTES
 * - Doubles are written with `String(x)`: the shortest text that reads back to the same double
 *   (ECMAScript Number::toString). Its exponent forms (`1e-7`, `1.5e+21`) are valid USDA.
 * - Float32 data (points, normals, UVs, weights) is written with the shortest text that reads back
 *   to the same float32 *through a double* (USD parses every number as a double, then narrows),
 *   which is what {@link formatFloat} checks with `Math.fround(+text)`. The fast path searches the
 *   number of decimals with integer arithmetic (≈0.25 µs a number, 3.5× faster than a
 *   `toPrecision` search and 10-15 % shorter than `toPrecision(9)`); extreme magnitudes fall back
 *   to the `toPrecision` search. Both paths verify the round trip, so the fast path can only
 *   ever be longer than needed, never wrong.
 * - USD has no spelling for NaN or ±Infinity in these types: {@link NonFiniteError} is thrown and
 *   the writer turns it into a DazportError naming the attribute.
 * - Strings: `\\`, `"`, `\n`, `\r`, `\t` get their escapes, other control characters `\xHH`.
 *   TinyUSDZ (0.9) fails on a string whose last character is an escaped backslash (`"a\\"`);
 *   a final backslash is therefore written `\x5c`, which USD reads as the same backslash.
 */

/** A number USD cannot store (NaN, ±Infinity); `index` is its place in the array being written. */
export class NonFiniteError extends Error {
  readonly value: number;
  readonly index: number;
  constructor(value: number, index = 0) {
    super(`${value} is not a finite number`);
    this.value = value;
    this.index = index;
  }
}

const POW10: number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);
const ZEROS = '0000000000000000';

/** A double, shortest round-trip text. */
export function formatDouble(x: number): string {
  if (!Number.isFinite(x)) throw new NonFiniteError(x);
  return String(x);
}

/** The shortest text that reads back (as a double, then narrowed) to float32(x). */
export function formatFloat(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) throw new NonFiniteError(x);
  if (f === 0) return '0';
  const a = Math.abs(f);
  if (a >= 1e-4 && a < 1e8) {
    for (let k = 0; k <= 13; k++) {
      const n = Math.round(a * POW10[k]);
      if (Math.fround(n / POW10[k]) !== a) continue;
      let s = String(n);
      if (k > 0) {
        if (s.length <= k) s = ZEROS.slice(0, k + 1 - s.length) + s;
        const cut = s.length - k;
        s = trimZeros(`${s.slice(0, cut)}.${s.slice(cut)}`);
      }
      return f < 0 ? `-${s}` : s;
    }
  }
  for (let p = 1; p < 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return trimMantissa(s);
  }
  return trimMantissa(f.toPrecision(9));
}

function trimZeros(s: string): string {
  let j = s.length;
  while (s.charCodeAt(j - 1) === 48) j--;
  if (s.charCodeAt(j - 1) === 46) j--;
  return s.slice(0, j);
}

/** `1.50000e-7` → `1.5e-7`, `2.50` → `2.5`. */
function trimMantissa(s: string): string {
  const e = s.indexOf('e');
  const mantissa = e < 0 ? s : s.slice(0, e);
  const trimmed = mantissa.includes('.') ? trimZeros(mantissa) : mantissa;
  return e < 0 ? trimmed : trimmed + s.slice(e);
}

/** A quoted string (also tokens and dictionary keys), escaped. */
export function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += i === s.length - 1 ? '\\x5c' : '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += s[i];
  }
  return `${out}"`;
}

/** An asset path: `@path@`, or `@@@path@@@` when the path holds an `@`. */
export function formatAsset(path: string): string {
  if (path.includes('@@@') || /[\n\r]/.test(path)) {
    throw new Error(`asset path ${JSON.stringify(path)} cannot be written in USDA`);
  }
  return path.includes('@') ? `@@@${path}@@@` : `@${path}@`;
}

/** A prim or property path target: `</A/B.prop>`. */
export function formatPathRef(path: string): string {
  return `<${path}>`;
}

/** `(a, b, c)` from numbers, each through `fmt`. */
export function formatTuple(values: ArrayLike<number>, fmt: (x: number) => string = formatDouble): string {
  let s = '(';
  for (let i = 0; i < values.length; i++) s += (i ? ', ' : '') + fmt(values[i]);
  return `${s})`;
}

/**
 * A 4×4 matrix stored column-major (gl-matrix layout, column vectors: p' = M·p, translation in
 * elements 12..14) as a USD `matrix4d`. USD matrices act on row vectors (p' = p·M), so the USD
 * matrix is the transpose; its rows, which the text lists in order, are the columns of the
 * column-major matrix, i.e. the array's elements 0..3, 4..7, 8..11, 12..15 in order.
 */
export function formatMatrix4d(m: ArrayLike<number>): string {
  const row = (r: number) =>
    `(${formatDouble(m[r * 4])}, ${formatDouble(m[r * 4 + 1])}, ${formatDouble(m[r * 4 + 2])}, ${formatDouble(m[r * 4 + 3])})`;
  return `( ${row(0)}, ${row(1)}, ${row(2)}, ${row(3)} )`;
}

/** A list of quoted strings (token[] / string[] values). */
export function formatStringList(items: readonly string[]): string {
  return `[${items.map(quoteString).join(', ')}]`;
}

/** A prim metadata line `customData = { ... }` from spelled entries (`string dazLabel = "x"`); none if empty. */
export function customDataLines(entries: readonly string[]): string[] {
  if (entries.length === 0) return [];
  return [`customData = {\n${entries.map((e) => `    ${e}`).join('\n')}\n}`];
}
