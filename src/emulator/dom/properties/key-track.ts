/**
 * The animation curve behind an animatable property: a static value, or keys (time in ticks,
 * value) evaluated with each key's interpolation: linear by default (what dazport writes and
 * what its key reduction assumes), constant on request.
 */
export const INTERP_CONSTANT = 0;
export const INTERP_LINEAR = 1;
export const INTERP_TCB = 2;
export const INTERP_HERMITE = 3;

export class KeyTrack {
  staticValue: number;
  readonly times: number[] = [];
  readonly values: number[] = [];
  readonly interps: number[] = [];

  constructor(value: number) {
    this.staticValue = value;
  }

  get hasKeys(): boolean {
    return this.times.length > 0;
  }

  /** Index of the key at exactly `time`, or -1. */
  indexOf(time: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = this.times[mid];
      if (t === time) return mid;
      if (t < time) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Insert or replace the key at `time`. */
  setKey(time: number, value: number, interp = INTERP_LINEAR): void {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] < time) lo = mid + 1;
      else hi = mid;
    }
    if (this.times[lo] === time) {
      this.values[lo] = value;
      this.interps[lo] = interp;
    } else {
      this.times.splice(lo, 0, time);
      this.values.splice(lo, 0, value);
      this.interps.splice(lo, 0, interp);
    }
  }

  /** The curve's value at `time` (ticks). */
  evaluate(time: number): number {
    const n = this.times.length;
    if (n === 0) return this.staticValue;
    if (time <= this.times[0]) return this.values[0];
    if (time >= this.times[n - 1]) return this.values[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] <= time) lo = mid;
      else hi = mid;
    }
    if (this.interps[lo] === INTERP_CONSTANT) return this.values[lo];
    const f = (time - this.times[lo]) / (this.times[hi] - this.times[lo]);
    return this.values[lo] + (this.values[hi] - this.values[lo]) * f;
  }

  deleteAll(): void {
    this.times.length = 0;
    this.values.length = 0;
    this.interps.length = 0;
  }

  /** Delete keys with start ≤ time ≤ end; returns how many. */
  deleteRange(start: number, end: number): number {
    let removed = 0;
    for (let i = this.times.length - 1; i >= 0; i--) {
      if (this.times[i] >= start && this.times[i] <= end) {
        this.times.splice(i, 1);
        this.values.splice(i, 1);
        this.interps.splice(i, 1);
        removed++;
      }
    }
    return removed;
  }
}
