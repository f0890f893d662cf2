/**
 * Unique node names: joints keep their DAZ bone names exactly (claimed first, duplicates allowed
 * across figures, as two Genesis 9 figures both have a `hip`); every other name gets DAZ's own
 * suffix scheme (`Genesis 9 (2)`) when it is taken.
 */
export class UniqueNames {
  readonly #taken = new Set<string>();

  /** Claim a name as is (joints). */
  claim(name: string): string {
    this.#taken.add(name);
    return name;
  }

  /** `name`, or `name (2)`, `name (3)` ... whichever is free first. */
  unique(name: string): string {
    const base = name === '' ? 'node' : name;
    let candidate = base;
    for (let n = 2; this.#taken.has(candidate); n++) candidate = `${base} (${n})`;
    this.#taken.add(candidate);
    return candidate;
  }
}
