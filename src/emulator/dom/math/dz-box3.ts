import { DZ_SERIALIZE } from '../../runtime/json-builder.js';
import type { DzMatrix3 } from './dz-matrix3.js';
import { DzVec3 } from './dz-vec3.js';

/**
 * @internal How a node asks its object for the box of its posed (morphed, skinned, world-space)
 * mesh at the current time, without touching the cache scripts see through getCachedGeom().
 */
export const POSED_BOX: unique symbol = Symbol('dazport.emulator.posedBox');

const EMPTY_MIN = Number.POSITIVE_INFINITY;
const EMPTY_MAX = Number.NEGATIVE_INFINITY;

/**
 * DzBox3: an axis-aligned box, `min`/`max` DzVec3s, with the members DAZ documents (Object Index
 * "DzBox3"): `minX..maxZ`, `getCenter`, `getSize` (corner to corner), `include`, `isValid`,
 * `containsPoint`, `closestPoint`, `getTransformedBox`, `translate`, `toString`. DAZ has no
 * width/height/depth: `max.x - min.x` is how scripts get them. A new box is empty (invalid)
 * until something is included.
 */
export class DzBox3 {
  min: DzVec3;
  max: DzVec3;

  /** `()`, `(min, max)`, `(box)`, `(xMin, yMin, zMin, xMax, yMax, zMax)` or `("[[x,y,z],[x,y,z]]")`. */
  constructor(...args: unknown[]) {
    const [a, b] = args;
    if (a instanceof DzBox3) {
      this.min = new DzVec3(a.min);
      this.max = new DzVec3(a.max);
    } else if (a instanceof DzVec3 && b instanceof DzVec3) {
      this.min = new DzVec3(a);
      this.max = new DzVec3(b);
    } else if (args.length === 6) {
      const n = args.map(Number);
      this.min = new DzVec3(n[0], n[1], n[2]);
      this.max = new DzVec3(n[3], n[4], n[5]);
    } else if (typeof a === 'string') {
      const n = (a.match(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi) ?? []).map(Number);
      this.min = n.length === 6 ? new DzVec3(n[0], n[1], n[2]) : new DzVec3(EMPTY_MIN, EMPTY_MIN, EMPTY_MIN);
      this.max = n.length === 6 ? new DzVec3(n[3], n[4], n[5]) : new DzVec3(EMPTY_MAX, EMPTY_MAX, EMPTY_MAX);
    } else {
      this.min = new DzVec3(EMPTY_MIN, EMPTY_MIN, EMPTY_MIN);
      this.max = new DzVec3(EMPTY_MAX, EMPTY_MAX, EMPTY_MAX);
    }
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
    if (value instanceof DzBox3 && !value.isValid()) return;
    const lo = value instanceof DzBox3 ? value.min : value;
    const hi = value instanceof DzBox3 ? value.max : value;
    this.min = new DzVec3(Math.min(this.min.x, lo.x), Math.min(this.min.y, lo.y), Math.min(this.min.z, lo.z));
    this.max = new DzVec3(Math.max(this.max.x, hi.x), Math.max(this.max.y, hi.y), Math.max(this.max.z, hi.z));
  }

  /** False for a box nothing was included in. */
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

  /** The corner-to-corner distance. */
  getSize(): number {
    return this.isValid() ? this.max.subtract(this.min).length() : 0;
  }

  containsPoint(p: DzVec3): boolean {
    return (
      p.x >= this.min.x &&
      p.x <= this.max.x &&
      p.y >= this.min.y &&
      p.y <= this.max.y &&
      p.z >= this.min.z &&
      p.z <= this.max.z
    );
  }

  /** The point of the box closest to `p` (`p` itself when it is inside). */
  closestPoint(p: DzVec3): DzVec3 {
    const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
    return new DzVec3(
      clamp(p.x, this.min.x, this.max.x),
      clamp(p.y, this.min.y, this.max.y),
      clamp(p.z, this.min.z, this.max.z),
    );
  }

  /** A new box around this box's eight corners transformed by `matrix`. */
  getTransformedBox(matrix: DzMatrix3): DzBox3 {
    const out = new DzBox3();
    if (!this.isValid()) return out;
    for (const x of [this.min.x, this.max.x])
      for (const y of [this.min.y, this.max.y])
        for (const z of [this.min.z, this.max.z]) out.include(matrix.multVec(new DzVec3(x, y, z)));
    return out;
  }

  translate(v: DzVec3): void {
    this.min = this.min.add(v);
    this.max = this.max.add(v);
  }

  /** "[[ minX, minY, minZ ],[ maxX, maxY, maxZ ]]", as DAZ documents it. */
  toString(): string {
    const { min: a, max: b } = this;
    return `[[ ${a.x}, ${a.y}, ${a.z} ],[ ${b.x}, ${b.y}, ${b.z} ]]`;
  }

  [DZ_SERIALIZE](): unknown {
    return { max: this.max, min: this.min };
  }
}

/** @internal The box around xyz triples. */
export function boxAround(positions: ArrayLike<number>): DzBox3 {
  const lo = [EMPTY_MIN, EMPTY_MIN, EMPTY_MIN];
  const hi = [EMPTY_MAX, EMPTY_MAX, EMPTY_MAX];
  for (let i = 0; i < positions.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = positions[i + k];
      if (v < lo[k]) lo[k] = v;
      if (v > hi[k]) hi[k] = v;
    }
  }
  return new DzBox3(new DzVec3(lo[0], lo[1], lo[2]), new DzVec3(hi[0], hi[1], hi[2]));
}
