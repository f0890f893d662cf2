import type { DomContext } from '../dom-context.js';
import { DzNumericProperty, type NumericOptions } from './dz-numeric-property.js';

/** DzIntProperty: whole-number channels; also the base of bool, enum and colour properties. */
export class DzIntProperty extends DzNumericProperty {
  protected readonly classChain: readonly string[] = [
    'DzIntProperty',
    'DzNumericProperty',
    'DzProperty',
    'DzBase',
    'QObject',
  ];

  constructor(ctx: DomContext, name: string, label: string, options: NumericOptions = {}) {
    super(ctx, name, label, options);
  }

  getValue(time?: number): number {
    return Math.round(this.getDoubleValue(time));
  }

  /** `(value)` or `(time, value)`. */
  setValue(a: number, b?: number): void {
    if (b === undefined) this.setNumber(Math.round(Number(a)));
    else this.setNumber(Math.round(Number(b)), Math.trunc(Number(a)));
  }

  setRawValue(a: number, b?: number): void {
    this.setValue(a, b);
  }
}

/** DzBoolProperty: `getValue()` is still a number (0/1), as in DAZ Studio. */
export class DzBoolProperty extends DzIntProperty {
  protected override readonly classChain = [
    'DzBoolProperty',
    'DzIntProperty',
    'DzNumericProperty',
    'DzProperty',
    'DzBase',
    'QObject',
  ];

  constructor(ctx: DomContext, name: string, label: string, value: boolean) {
    super(ctx, name, label, { value: value ? 1 : 0, min: 0, max: 1, clamped: true });
  }

  getBoolValue(time?: number): boolean {
    return this.getValue(time) !== 0;
  }

  setBoolValue(a: boolean | number, b?: boolean): void {
    if (b === undefined) this.setValue(a ? 1 : 0);
    else this.setValue(Number(a), b ? 1 : 0);
  }
}

/** DzEnumProperty: an index into a list of item names. */
export class DzEnumProperty extends DzIntProperty {
  protected override readonly classChain = [
    'DzEnumProperty',
    'DzIntProperty',
    'DzNumericProperty',
    'DzProperty',
    'DzBase',
    'QObject',
  ];
  readonly #items: string[];

  constructor(ctx: DomContext, name: string, label: string, items: string[], value = 0) {
    super(ctx, name, label, { value, min: 0, max: Math.max(0, items.length - 1), clamped: true });
    this.#items = items;
  }

  getNumItems(): number {
    return this.#items.length;
  }

  getItem(i: number): string {
    return this.#items[Math.trunc(i)] ?? '';
  }

  getStringValue(time?: number): string {
    return this.#items[this.getValue(time)] ?? '';
  }

  /** `(string)` or `(time, string)`; false if no item has that name. */
  setValueFromString(a: string | number, b?: string): boolean {
    const text = b === undefined ? String(a) : String(b);
    const index = this.#items.indexOf(text);
    if (index < 0) return false;
    if (b === undefined) this.setValue(index);
    else this.setValue(Number(a), index);
    return true;
  }
}
