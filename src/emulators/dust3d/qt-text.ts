/**
 * How Dust3D (Qt 5) turns text into values and values into text, so the emulator's replies read
 * like Dust3D's: `QString::number(float)` and `QTextStream << float` (6 significant digits, `%g`
 * style), `QString::toFloat` (0 for anything that is not a number: Dust3D reports no error),
 * `QUuid(QString)` (null for anything that is not a uuid) and `QColor(name)`.
 *
 * @category Dust3D emulator
 */

/** `%g` with 6 significant digits, as Qt prints a float: `0.51`, `1e-07`, `123457`. */
export function formatQtNumber(value: number): string {
  const v = Math.fround(value);
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? '0' : String(v);
  const [mantissa, exp] = v.toExponential(5).split('e');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 6) {
    const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return `${m}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const fixed = v.toFixed(Math.max(0, 5 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `QString::toFloat`: surrounding whitespace ignored, anything else not a number gives 0. */
export function qtToFloat(text: string): number {
  const t = text.trim();
  return FLOAT.test(t) ? Math.fround(Number(t)) : 0;
}

/** True when `text` is a number `qtToFloat` reads (the emulator's strict mode checks this). */
export function isQtFloat(text: string): boolean {
  return FLOAT.test(text.trim());
}

const UUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const NULL_UUID = '00000000-0000-0000-0000-000000000000';

/** `QUuid(text).toString()`: `{lowercase-uuid}`, or null for Qt's null uuid (bad text, all zeros). */
export function parseQUuid(text: string | undefined): string | null {
  const m = UUID.exec((text ?? '').trim());
  if (!m || m[1] === NULL_UUID) return null;
  return `{${m[1].toLowerCase()}}`;
}

/** Qt's null uuid as `QUuid().toString()` prints it (the root component's id). */
export const QT_NULL_UUID = `{${NULL_UUID}}`;

/** A few of the SVG colour keywords QColor knows (the full list has 148). */
const COLOR_NAMES: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  orange: '#ffa500',
  purple: '#800080',
  brown: '#a52a2a',
  gray: '#808080',
  grey: '#808080',
  pink: '#ffc0cb',
  tan: '#d2b48c',
  chocolate: '#d2691e',
  sienna: '#a0522d',
  saddlebrown: '#8b4513',
  gold: '#ffd700',
  navy: '#000080',
  olive: '#808000',
  teal: '#008080',
  silver: '#c0c0c0',
};

/**
 * `QColor(name).name()`: `#rrggbb` for `#rgb`, `#rrggbb`, `#aarrggbb` or a known keyword; Qt's
 * invalid colour prints `#000000`, which is what Dust3D then stores.
 */
export function qtColorName(name: string): string {
  const t = name.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8}|[0-9a-f]{9}|[0-9a-f]{12})$/.exec(t)?.[1];
  if (hex?.length === 3) return `#${[...hex].map((c) => c + c).join('')}`;
  if (hex?.length === 6) return `#${hex}`;
  if (hex?.length === 8) return `#${hex.slice(2)}`;
  return COLOR_NAMES[t] ?? '#000000';
}
