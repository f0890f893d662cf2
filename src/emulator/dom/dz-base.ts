/**
 * Root of the emulated DAZ object model. Every scriptable object answers `className()` and
 * `inherits(name)` from its real DAZ class chain (QObject > DzBase > DzElement > ...), which
 * client scripts use to tell figures, cameras and lights apart.
 *
 * Only methods DAZ Studio has are public: anything the emulator needs internally is private
 * (`#`) or reached through module functions, so a script calling a method DAZ lacks fails with
 * a TypeError here as it would there.
 */
export abstract class DzBase {
  /** The class chain, most derived first, e.g. `['DzNode', 'DzElement', 'DzBase', 'QObject']`. */
  protected abstract readonly classChain: readonly string[];
  #name: string;

  constructor(name: string) {
    this.#name = name;
  }

  className(): string {
    return this.classChain[0];
  }

  inherits(className: string): boolean {
    return this.classChain.includes(String(className));
  }

  getName(): string {
    return this.#name;
  }

  setName(name: string): void {
    this.#name = String(name);
  }

  /** Qt exposes `name` and `objectName` as script properties too. */
  get name(): string {
    return this.#name;
  }

  get objectName(): string {
    return this.#name;
  }
}

/** Class chains shared by several classes. */
export const CHAIN = {
  element: ['DzElement', 'DzBase', 'QObject'],
  node: ['DzNode', 'DzElement', 'DzBase', 'QObject'],
} as const;
