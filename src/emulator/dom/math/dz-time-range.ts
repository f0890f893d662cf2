import { DZ_SERIALIZE } from '../../runtime/json-builder.js';

/** DzTimeRange: `start` and `end` in ticks (DzTime is a plain number in scripts). */
export class DzTimeRange {
  start: number;
  end: number;

  constructor(start?: number | DzTimeRange, end?: number) {
    if (start instanceof DzTimeRange) {
      this.start = start.start;
      this.end = start.end;
    } else {
      this.start = Math.trunc(Number(start ?? 0));
      this.end = Math.trunc(Number(end ?? start ?? 0));
    }
  }

  getDuration(): number {
    return this.end - this.start;
  }

  include(value: number | DzTimeRange): void {
    const lo = value instanceof DzTimeRange ? value.start : Number(value);
    const hi = value instanceof DzTimeRange ? value.end : Number(value);
    this.start = Math.min(this.start, lo);
    this.end = Math.max(this.end, hi);
  }

  isIncluded(value: number | DzTimeRange): boolean {
    if (value instanceof DzTimeRange) return value.start >= this.start && value.end <= this.end;
    return Number(value) >= this.start && Number(value) <= this.end;
  }

  isEmpty(): boolean {
    return this.end <= this.start;
  }

  overlaps(range: DzTimeRange): boolean {
    return range.start <= this.end && range.end >= this.start;
  }

  toString(): string {
    return `[ ${this.start}, ${this.end} ]`;
  }

  [DZ_SERIALIZE](): unknown {
    return { end: this.end, start: this.start };
  }
}
