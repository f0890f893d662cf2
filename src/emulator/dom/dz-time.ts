import { DZ_SERIALIZE } from '../runtime/json-builder.js';

/**
 * DzTime: an integer tick count (4800 per second). Scene methods return plain numbers, which
 * behave the same in arithmetic; `new DzTime(t)` exists for scripts that construct one.
 */
export class DzTime {
  readonly #ticks: number;

  constructor(ticks = 0) {
    this.#ticks = Math.trunc(Number(ticks) || 0);
  }

  valueOf(): number {
    return this.#ticks;
  }

  toString(): string {
    return String(this.#ticks);
  }

  [DZ_SERIALIZE](): unknown {
    return this.#ticks;
  }
}
