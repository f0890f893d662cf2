import type { DomContext } from './dom-context.js';
import { DzBase } from './dz-base.js';
import type { DzProperty } from './properties/dz-property.js';
import { setPropertyOwner } from './properties/dz-property.js';

/**
 * DzElement: a labelled scene element with a property list (nodes, materials, modifiers).
 * `findProperty` matches names, `findPropertyByLabel` labels; both case-sensitive by default.
 */
export abstract class DzElement extends DzBase {
  protected readonly ctx: DomContext;
  #label: string;
  readonly #elementId: number;
  readonly #properties: DzProperty[] = [];

  constructor(ctx: DomContext, name: string, label: string) {
    super(name);
    this.ctx = ctx;
    this.#label = label;
    this.#elementId = ctx.nextElementId();
  }

  get elementID(): number {
    return this.#elementId;
  }

  getLabel(): string {
    return this.#label;
  }

  /** A new name is an edit saved with the scene (see DzScene.needsSave). */
  override setName(name: string): void {
    if (this.getName() !== String(name)) this.ctx.edits++;
    super.setName(name);
  }

  setLabel(label: string): number {
    if (this.#label !== String(label)) this.ctx.edits++;
    this.#label = String(label);
    return 0; // DZ_NO_ERROR
  }

  findProperty(name: string, caseSensitive = true): DzProperty | null {
    return findBy(this.#properties, (p) => p.getName(), String(name), caseSensitive);
  }

  findPropertyByLabel(label: string, caseSensitive = true): DzProperty | null {
    return findBy(this.#properties, (p) => p.getLabel(), String(label), caseSensitive);
  }

  getNumProperties(): number {
    return this.#properties.length;
  }

  getProperty(index: number): DzProperty | null {
    return this.#properties[Math.trunc(index)] ?? null;
  }

  getPropertyList(): DzProperty[] {
    return this.ctx.array(this.#properties);
  }

  clearAllAnimData(): void {
    for (const p of this.#properties) p.deleteAllKeys();
  }

  /** @internal Add a property (emulator-side construction; scripts cannot add properties). */
  protected addProperty<P extends DzProperty>(property: P): P {
    this.#properties.push(property);
    setPropertyOwner(property, this);
    return property;
  }
}

function findBy<T>(items: T[], key: (t: T) => string, wanted: string, caseSensitive: boolean): T | null {
  if (caseSensitive) return items.find((t) => key(t) === wanted) ?? null;
  const lower = wanted.toLowerCase();
  return items.find((t) => key(t).toLowerCase() === lower) ?? null;
}

/** @internal Emulator-side access to `addProperty` for builders that attach properties from outside. */
export function attachProperty<P extends DzProperty>(element: DzElement, property: P): P {
  return (element as unknown as { addProperty(p: P): P }).addProperty(property);
}
