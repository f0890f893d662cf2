import { DZ_SERIALIZE } from '../../runtime/json-builder.js';
import { DzVec3 } from './dz-vec3.js';

/** DzBox3: an axis-aligned box, `min`/`max` DzVec3s. */
export class DzBox3 {
  min: DzVec3;
  max: DzVec3;

  constructor(min?: DzVec3, max?: DzVec3) {
    this.min = min
      ? new DzVec3(min)
      : new DzVec3(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    this.max = max
      ? new DzVec3(max)
      : new DzVec3(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY);
  }

  get minX(): number {
    return this.min.x;
  }
  get minY(): number {
    return this.min.y;
  }
  get minZ(): number {
    return this.min.z;
  }
  get maxX(): number {
    return this.max.x;
  }
  get maxY(): number {
    return this.max.y;
  }
  get maxZ(): number {
    return this.max.z;
  }

  include(value: DzVec3 | DzBox3): void {
    const lo = value instanceof DzBox3 ? value.min : value;
    const hi = value instanceof DzBox3 ? value.max : value;
    this.min = new DzVec3(Math.min(this.min.x, lo.x), Math.min(this.min.y, lo.y), Math.min(this.min.z, lo.z));
    this.max = new DzVec3(Math.max(this.max.x, hi.x), Math.max(this.max.y, hi.y), Math.max(this.max.z, hi.z));
  }

  isValid(): boolean {
    return this.min.x <= this.max.x && this.min.y <= this.max.y && this.min.z <= this.max.z;
  }

  getCenter(): DzVec3 {
    return new DzVec3(
      (this.min.x + this.max.x) / 2,
      (this.min.y + this.max.y) / 2,
      (this.min.z + this.max.z) / 2,
    );
  }

  [DZ_SERIALIZE](): unknown {
    return { max: this.max, min: this.min };
  }
}

/** @internal The box around xyz triples. */
export function boxAround(positions: ArrayLike<number>): DzBox3 {
  const lo = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  const hi = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (let i = 0; i < positions.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = positions[i + k];
      if (v < lo[k]) lo[k] = v;
      if (v > hi[k]) hi[k] = v;
    }
  }
  return new DzBox3(new DzVec3(lo[0], lo[1], lo[2]), new DzVec3(hi[0], hi[1], hi[2]));
}
