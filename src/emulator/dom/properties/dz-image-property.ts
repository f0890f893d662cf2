import type { DomContext } from '../dom-context.js';
import { DzTexture } from '../dz-texture.js';
import { DzProperty } from './dz-property.js';

/** DzImageProperty: a texture slot (not animatable); `setValue` takes a path or a DzTexture. */
export class DzImageProperty extends DzProperty {
  protected readonly classChain = ['DzImageProperty', 'DzProperty', 'DzBase', 'QObject'] as const;
  #texture: DzTexture | null;

  constructor(ctx: DomContext, name: string, label: string, file: string | null) {
    super(ctx, name, label, null);
    this.#texture = file ? new DzTexture(file) : null;
  }

  getValue(): DzTexture | null {
    return this.#texture;
  }

  setValue(value: string | DzTexture | null): boolean {
    this.#texture = value instanceof DzTexture ? value : value ? new DzTexture(String(value)) : null;
    this.changed();
    return true;
  }
}
