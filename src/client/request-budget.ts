/**
 * A shared allowance of requests in flight. The arrays of a mesh are read side by side, and
 * they finish at different times: with a fixed share each, the last array left (usually the
 * facets) would run with one request in flight and DAZ Studio would sit idle for every round
 * trip. With one budget, an array takes the slots the finished ones gave back, and the total
 * stays bounded.
 */
export class RequestBudget {
  #size: number;
  #free: number;
  /** Slots to withhold as they come back, after a shrink. */
  #withheld = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    if (!(size >= 1)) throw new RangeError(`a request budget needs at least 1 slot, got ${size}`);
    this.#size = Math.floor(size);
    this.#free = this.#size;
  }

  /** Slots in all (taken or free). */
  get size(): number {
    return this.#size;
  }

  /**
   * One slot fewer from now on, never below 1: for a server that refuses requests for want of
   * slots of its own (shared with other clients). A taken slot is withheld when it comes back.
   */
  shrink(): void {
    if (this.#size <= 1) return;
    this.#size--;
    if (this.#free > 0) this.#free--;
    else this.#withheld++;
  }

  /** Take a slot if one is free now. */
  tryAcquire(): boolean {
    if (this.#free === 0) return false;
    this.#free--;
    return true;
  }

  /** Take a slot, waiting for one if need be (waiters are served first come, first served). */
  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Give a slot back: to the longest waiter, else to the pool. */
  release(): void {
    if (this.#withheld > 0) {
      this.#withheld--;
      return;
    }
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}
