import { DZ_SERIALIZE } from '../../runtime/json-builder.js';
import type { DzQuat } from './dz-quat.js';

/** DzVec3: a 3D vector value type. `toString()` gives "[ x, y, z ]" as in DAZ Studio. */
export class DzVec3 {
  x = 0;
  y = 0;
  z = 0;

  /** `()`, `(x, y, z)`, `(array)` or `(vec)`. */
  constructor(a?: number | number[] | DzVec3, b?: number, c?: number) {
    if (a instanceof DzVec3) {
      this.x = a.x;
      this.y = a.y;
      this.z = a.z;
    } else if (Array.isArray(a)) {
      this.x = Number(a[0] ?? 0);
      this.y = Number(a[1] ?? 0);
      this.z = Number(a[2] ?? 0);
    } else if (a !== undefined) {
      this.x = Number(a);
      this.y = Number(b ?? 0);
      this.z = Number(c ?? 0);
    }
  }

  add(v: DzVec3): DzVec3 {
    return new DzVec3(this.x + v.x, this.y + v.y, this.z + v.z);
  }

  subtract(v: DzVec3): DzVec3 {
    return new DzVec3(this.x - v.x, this.y - v.y, this.z - v.z);
  }

  /** By a scalar, or component-wise by a vector. */
  multiply(v: number | DzVec3): DzVec3 {
    return typeof v === 'number'
      ? new DzVec3(this.x * v, this.y * v, this.z * v)
      : new DzVec3(this.x * v.x, this.y * v.y, this.z * v.z);
  }

  divide(v: number | DzVec3): DzVec3 {
    return typeof v === 'number'
      ? new DzVec3(this.x / v, this.y / v, this.z / v)
      : new DzVec3(this.x / v.x, this.y / v.y, this.z / v.z);
  }

  dot(v: DzVec3): number {
    return this.x * v.x + this.y * v.y + this.z * v.z;
  }

  cross(v: DzVec3): DzVec3 {
    return new DzVec3(this.y * v.z - this.z * v.y, this.z * v.x - this.x * v.z, this.x * v.y - this.y * v.x);
  }

  length(): number {
    return Math.hypot(this.x, this.y, this.z);
  }

  lengthSquared(): number {
    return this.dot(this);
  }

  /** In place, as in DAZ Studio. */
  normalize(): void {
    const len = this.length();
    if (len > 0) {
      this.x /= len;
      this.y /= len;
      this.z /= len;
    }
  }

  normalized(): DzVec3 {
    const v = new DzVec3(this);
    v.normalize();
    return v;
  }

  /** The shortest rotation turning this direction onto `v`. */
  getRotationTo(v: DzVec3): DzQuat {
    return rotationBetween(this, v);
  }

  toString(): string {
    return `[ ${this.x}, ${this.y}, ${this.z} ]`;
  }

  [DZ_SERIALIZE](): unknown {
    return { x: this.x, y: this.y, z: this.z };
  }
}

/** @internal A DzVec3 from any xyz triple (not a DAZ API, so not a static on the class). */
export function vec3Of(v: ArrayLike<number>): DzVec3 {
  return new DzVec3(v[0], v[1], v[2]);
}

// Set by dz-quat.ts to avoid an import cycle at module evaluation.
let rotationBetween: (a: DzVec3, b: DzVec3) => DzQuat;
export function setRotationBetween(fn: (a: DzVec3, b: DzVec3) => DzQuat): void {
  rotationBetween = fn;
}
