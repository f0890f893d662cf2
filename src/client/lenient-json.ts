/**
 * JSON as DAZ Studio 4's DazScript Server writes it is not always JSON: NaN and infinities come
 * out as bare `nan`/`inf`/`-inf`, and control characters in printed output go out unescaped.
 * Parse strictly first (fast path); on failure repair exactly those quirks and parse again.
 */
export function parseServerJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (strictError) {
    const repaired = repairQuirks(text);
    if (repaired === text) throw strictError;
    return JSON.parse(repaired, (_key, value) =>
      typeof value === 'string' ? (SENTINELS.get(value) ?? value) : value,
    );
  }
}

// Bare non-finite numbers become sentinel strings the reviver turns back into numbers.
const NAN = '\u0000dazport:nan';
const INF = '\u0000dazport:inf';
const NEG_INF = '\u0000dazport:-inf';
const SENTINELS = new Map<string, number>([
  [NAN, Number.NaN],
  [INF, Number.POSITIVE_INFINITY],
  [NEG_INF, Number.NEGATIVE_INFINITY],
]);

/** Quote bare nan/inf tokens (outside strings) as sentinels and escape raw control characters inside strings. */
export function repairQuirks(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') {
        out += c + (text[i + 1] ?? '');
        i++;
      } else if (c === '"') {
        inString = false;
        out += c;
      } else if (c < ' ') {
        out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      } else {
        out += c;
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const rest = text.slice(i, i + 4);
    if (rest.startsWith('-inf')) {
      out += JSON.stringify(NEG_INF);
      i += 3;
    } else if (rest.startsWith('nan')) {
      out += JSON.stringify(NAN);
      i += 2;
    } else if (rest.startsWith('inf')) {
      out += JSON.stringify(INF);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Whether `text` is the start of a JSON object or array that stops before its end: a string or a
 * bracket left open. What a body that failed to parse (even leniently) looks like when the server
 * sent only part of it, with a Content-Length that counted only that part: HTTP cannot tell, so
 * the client must. A complete value followed by junk, or something that is not JSON at all (an
 * HTML page), is not cut short.
 */
export function isCutShortJson(text: string): boolean {
  let i = 0;
  while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  if (text[i] !== '{' && text[i] !== '[') return false;
  let depth = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return false;
    }
  }
  return true;
}
