import type { DomContext } from '../dom-context.js';
import { DzNumericProperty, type NumericOptions } from './dz-numeric-property.js';

/** DzFloatProperty: transform channels, morph values, material scalars. */
export class DzFloatProperty extends DzNumericProperty {
  protected readonly classChain = [
    'DzFloatProperty',
    'DzNumericProperty',
    'DzProperty',
    'DzBase',
    'QObject',
  ] as const;

  constructor(ctx: DomContext, name: string, label: string, options: NumericOptions = {}) {
    super(ctx, name, label, options);
  }

  getValue(time?: number): number {
    return this.getDoubleValue(time);
  }

  /** `(value)`, `(time, value)` or `(time, value, interpolation)`. */
  setValue(a: number, b?: number, interp?: number): void {
    if (b === undefined) this.setNumber(Number(a));
    else
      this.setNumber(Number(b), Math.trunc(Number(a)), interp === undefined ? undefined : Math.trunc(interp));
  }
}
