/**
 * DAZ labels ("Genesis 9 (2)", "Spotlight 1", "l_thigh") as USD prim names: identifiers
 * `[A-Za-z_][A-Za-z0-9_]*`, unique among siblings. The original label is kept by the caller
 * (in `customData`), so the mapping only has to be valid and stable, not reversible.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

/**
 * A valid identifier from any text: each run of other characters becomes one `_`, a trailing
 * `_` is dropped, a leading digit gets a `_` in front; nothing usable gives `fallback`.
 */
export function makeIdentifier(text: string, fallback = '_'): string {
  let s = text.replace(/[^A-Za-z0-9_]+/g, '_');
  if (s.length > 1 && s.endsWith('_') && !text.endsWith('_')) s = s.slice(0, -1);
  if (s === '' || s === '_') return fallback;
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** Hands out identifiers unique within one parent: `Torso`, `Torso_1`, `Torso_2` ... */
export class SiblingNames {
  readonly #taken = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    for (const r of reserved) this.#taken.add(r);
  }

  /** A unique identifier made from `label`. */
  claim(label: string, fallback?: string): string {
    const base = makeIdentifier(label, fallback);
    let name = base;
    for (let n = 1; this.#taken.has(name); n++) name = `${base}_${n}`;
    this.#taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.#taken.has(name);
  }
}
