/**
 * Result serialization the way the DazScript Server's DS4 `JsonBuilder` does it, quirks included,
 * so clients meet here what they meet against DAZ Studio 4:
 * - numbers are printed with C's `%.15g` (42 stays 42, 0.1+0.2 becomes 0.3);
 * - NaN and infinities come out as bare `nan`, `inf`, `-inf` (not valid JSON: clients must cope);
 * - strings escape only `\\ " \n \r \t \b \f`; other control characters go out raw;
 * - arrays and plain objects map naturally, `undefined` becomes null; object keys come out sorted
 *   (a QVariantMap is ordered by key), not in insertion order;
 * - anything else (a scene object) becomes its QVariant string form, which for a QObject is "".
 *   Value types (DzVec3, DzTime ...) choose their own form through {@link DZ_SERIALIZE}.
 */

/** Objects of the emulated DOM implement this to say how the server serializes them. */
export const DZ_SERIALIZE: unique symbol = Symbol.for('dazport.emulator.serialize');

export interface DzSerializable {
  [DZ_SERIALIZE](): unknown;
}

/**
 * C `printf("%.15g", x)` for finite x. Hot: the emulator prints every vertex coordinate of a
 * scene with it, so the common cases avoid the general path:
 * - integers below 1e15 print as themselves;
 * - in %g's fixed range (1e-4 ≤ |x| < 1e15), when JavaScript's shortest round-trip form has at
 *   most 15 significant digits it is exactly what %.15g prints (rounding x to 15 digits cannot
 *   move it off that shorter decimal, whose error is already under half an ulp), otherwise
 *   toPrecision(15) with trailing zeros stripped is.
 */
export function formatG15(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return Object.is(x, -0) ? '-0' : String(x);
  const ax = Math.abs(x);
  if (ax >= 1e-4 && ax < 1e15) {
    const shortest = String(x);
    if (!shortest.includes('e') && significantDigits(shortest) <= 15) return shortest;
    const fixed = x.toPrecision(15);
    if (!fixed.includes('e')) return stripZeros(fixed);
  }
  return formatG15General(x);
}

function significantDigits(s: string): number {
  let count = 0;
  let leading = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) continue; // sign, point
    if (leading && c === 48) continue;
    leading = false;
    count++;
  }
  return count;
}

function formatG15General(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, expPart] = x.toExponential(14).split('e');
  const exp = Number(expPart);
  if (exp < -4 || exp >= 15) {
    const digits = stripZeros(mantissa);
    const sign = exp < 0 ? '-' : '+';
    return `${digits}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return stripZeros(x.toFixed(14 - exp));
}

function stripZeros(fixed: string): string {
  if (!fixed.includes('.')) return fixed;
  return fixed.replace(/0+$/, '').replace(/\.$/, '');
}

export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  return formatG15(x);
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** Quote a string as JsonBuilder does: only the seven classic escapes. */
export function quoteString(s: string): string {
  return `"${s.replace(/[\\"\n\r\t\b\f]/g, (c) => ESCAPES[c])}"`;
}

/**
 * Quote a string as `JsonStd::escape` does (async results, registry and error bodies): the
 * classic escapes plus `\u00XX` for every other control character, so always valid JSON.
 */
export function quoteStringStd(s: string): string {
  const escaped = s.replace(/[\\"\u0000-\u001f]/g, (c) => STD_ESCAPES[c] ?? unicodeEscape(c));
  return `"${escaped}"`;
}

const STD_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Which of the plugin's two JSON writers to imitate. */
export type JsonDialect = 'builder' | 'std';

function isPlainObject(value: object): boolean {
  // Works across vm realms, where `Object.prototype` differs.
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Serialize a script's completion value to the server's JSON text: `builder` for sync responses
 * (DS4 JsonBuilder), `std` for async results (JsonStd).
 */
export function toServerJson(value: unknown, dialect: JsonDialect = 'builder'): string {
  const parts: string[] = [];
  write(value, parts, new Set(), dialect === 'std' ? quoteStringStd : quoteString);
  return parts.join('');
}

/** QString ordering: UTF-16 code units, which is what JavaScript's default sort compares. */
function sortedKeys(obj: object): string[] {
  return Object.keys(obj).sort();
}

function write(value: unknown, out: string[], open: Set<object>, quote: (s: string) => string): void {
  if (value === undefined || value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      out.push(formatNumber(value));
      return;
    case 'string':
      out.push(quote(value));
      return;
    case 'bigint':
    case 'symbol':
    case 'function':
      out.push('""');
      return;
  }
  const obj = value as object;
  if (DZ_SERIALIZE in obj) {
    const form = (obj as DzSerializable)[DZ_SERIALIZE]();
    if (form !== obj) {
      write(form, out, open, quote);
      return;
    }
  }
  if (open.has(obj)) {
    // A cycle cannot become a QVariant tree; the plugin would recurse forever. Cut it.
    out.push('null');
    return;
  }
  open.add(obj);
  if (Array.isArray(obj)) {
    out.push('[');
    for (let i = 0; i < obj.length; i++) {
      if (i > 0) out.push(',');
      write(obj[i], out, open, quote);
    }
    out.push(']');
  } else if (isPlainObject(obj)) {
    out.push('{');
    let first = true;
    for (const key of sortedKeys(obj)) {
      const member = (obj as Record<string, unknown>)[key];
      if (typeof member === 'function') continue; // QScriptValue::toVariant drops functions
      if (!first) out.push(',');
      first = false;
      out.push(quote(key), ':');
      write(member, out, open, quote);
    }
    out.push('}');
  } else if (obj instanceof Date || Object.prototype.toString.call(obj) === '[object Date]') {
    out.push(quote((obj as Date).toISOString()));
  } else {
    // QObject-backed scene objects: QVariant::toString() of a QObject* is empty.
    out.push('""');
  }
  open.delete(obj);
}
