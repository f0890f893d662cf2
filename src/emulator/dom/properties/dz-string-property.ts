import type { DomContext } from '../dom-context.js';
import { DzProperty } from './dz-property.js';

/** DzStringProperty: text (not animatable). */
export class DzStringProperty extends DzProperty {
  protected readonly classChain = ['DzStringProperty', 'DzProperty', 'DzBase', 'QObject'] as const;
  #value: string;

  constructor(ctx: DomContext, name: string, label: string, value: string) {
    super(ctx, name, label, null);
    this.#value = value;
  }

  getValue(): string {
    return this.#value;
  }

  setValue(value: string): void {
    this.#value = String(value);
    this.changed();
  }
}
