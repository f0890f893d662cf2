import type { DomContext } from '../dom-context.js';
import { Color, DzFloatColor } from '../math/color.js';
import { DzIntProperty } from './dz-int-property.js';
import type { NumericOptions } from './dz-numeric-property.js';

/**
 * DzColorProperty: a colour stored as a packed int, so `getValue()` returns the packed QRgb
 * (a trap for scripts that expect a colour), `getColorValue()` a Color.
 */
export class DzColorProperty extends DzIntProperty {
  protected override readonly classChain: readonly string[] = [
    'DzColorProperty',
    'DzIntProperty',
    'DzNumericProperty',
    'DzProperty',
    'DzBase',
    'QObject',
  ];

  constructor(
    ctx: DomContext,
    name: string,
    label: string,
    color: Color,
    options: Omit<NumericOptions, 'value'> = {},
  ) {
    super(ctx, name, label, { ...options, value: color.rgb });
  }

  getColorValue(time?: number): Color {
    return Color.fromPacked(this.getValue(time) >>> 0);
  }

  getDefaultColorValue(): Color {
    return Color.fromPacked(this.getDefaultValue() >>> 0);
  }

  /** `(color)` or `(time, color)`. */
  setColorValue(a: Color | number, b?: Color): void {
    if (b === undefined) this.setValue((a as Color).rgb);
    else this.setValue(Number(a), b.rgb);
  }

  getKeyColorValue(i: number): Color {
    return Color.fromPacked(this.getKeyValue(i) >>> 0);
  }
}

/**
 * DzFloatColorProperty: Iray colour channels, kept in floating point (values above 1 allowed,
 * e.g. emission); the packed int API still works on the 8-bit rounding.
 */
export class DzFloatColorProperty extends DzColorProperty {
  protected override readonly classChain = [
    'DzFloatColorProperty',
    'DzColorProperty',
    'DzIntProperty',
    'DzNumericProperty',
    'DzProperty',
    'DzBase',
    'QObject',
  ];
  #rgb: [number, number, number];

  constructor(
    ctx: DomContext,
    name: string,
    label: string,
    rgb: [number, number, number],
    options: Omit<NumericOptions, 'value'> = {},
  ) {
    super(ctx, name, label, new Color(...to8bit(rgb)), options);
    this.#rgb = [...rgb];
  }

  getFloatColorValue(): DzFloatColor {
    return new DzFloatColor(this.#rgb[0], this.#rgb[1], this.#rgb[2], 1);
  }

  /** `(DzFloatColor)`, `(Color)` or an `[r, g, b]` array of 0..1 floats (dazpy passes arrays). */
  setFloatColorValue(value: DzFloatColor | Color | number[]): void {
    const c = value instanceof DzFloatColor ? value : new DzFloatColor(value as Color | number[]);
    this.#rgb = [c.red, c.green, c.blue];
    super.setValue(new Color(...to8bit(this.#rgb)).rgb);
  }

  override setColorValue(a: Color | number, b?: Color): void {
    const color = b === undefined ? (a as Color) : b;
    this.#rgb = [color.red / 255, color.green / 255, color.blue / 255];
    super.setColorValue(a, b);
  }
}

function to8bit(rgb: [number, number, number]): [number, number, number] {
  return rgb.map((c) => Math.max(0, Math.min(255, Math.round(c * 255)))) as [number, number, number];
}
