/**
 * The animation curve behind an animatable property: a static value, or keys (time in ticks,
 * value) evaluated with each key's interpolation: linear by default (what dazport writes and
 * what its key reduction assumes), constant on request, and TCB (and Hermite, whose tangents
 * the emulator does not store) as a Kochanek–Bartels spline with tension, continuity and bias
 * 0, i.e. Catmull-Rom, the curve DSON gives float channels whose keys name no interpolation
 * (../shared/reference/materials-lights-presets.md §1.3). DAZ does not document its TCB
 * formula; the tangents here are the time-weighted differences of the neighbouring keys (the
 * usual form for unevenly spaced keys), flat beyond the first and last key. What matters for
 * dazport is that such keys are not linear: a reader that interpolated them linearly would be
 * wrong, and the emulator shows it.
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
    if (this.interps[lo] === INTERP_LINEAR) return this.values[lo] + (this.values[hi] - this.values[lo]) * f;
    // Cubic Hermite between the two keys, tangents per tick scaled to the segment.
    const dt = this.times[hi] - this.times[lo];
    const m0 = this.#slope(lo) * dt;
    const m1 = this.#slope(hi) * dt;
    const f2 = f * f;
    const f3 = f2 * f;
    return (
      (2 * f3 - 3 * f2 + 1) * this.values[lo] +
      (f3 - 2 * f2 + f) * m0 +
      (-2 * f3 + 3 * f2) * this.values[hi] +
      (f3 - f2) * m1
    );
  }

  /** Catmull-Rom slope (value per tick) at key i: its neighbours' difference; 0 at the ends. */
  #slope(i: number): number {
    const n = this.times.length;
    if (i <= 0 || i >= n - 1) return 0;
    return (this.values[i + 1] - this.values[i - 1]) / (this.times[i + 1] - this.times[i - 1]);
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
