import {
  axisQuat,
  eulerDegreesToQuat,
  type Quat,
  quatConjugate,
  quatMultiply,
  quatNormalize,
  quatRotate,
  quatToEulerDegrees,
} from '../../../math/euler.js';
import { type Axis, orderFromAxes } from '../../../math/rotation-order.js';
import { DZ_SERIALIZE } from '../../runtime/json-builder.js';
import { DzRotationOrder, rotationOrderName } from './dz-rotation-order.js';
import { DzVec3, setRotationBetween, vec3Of } from './dz-vec3.js';

/** DzQuat: a rotation (x, y, z, w). Math-class angles are radians, as in DAZ Studio. */
export class DzQuat {
  x = 0;
  y = 0;
  z = 0;
  w = 1;

  /**
   * `()`, `(x, y, z, w[, normalize])`, `(axis: DzVec3, radians)`,
   * `(order: DzRotationOrder, anglesRadians: DzVec3)`.
   */
  constructor(
    a?: number | DzVec3 | DzRotationOrder,
    b?: number | DzVec3,
    c?: number,
    d?: number,
    normalize?: boolean,
  ) {
    if (a instanceof DzVec3 && typeof b === 'number') {
      this.#set(axisAngle(a, b));
    } else if (a instanceof DzRotationOrder && b instanceof DzVec3) {
      const r = 180 / Math.PI;
      this.#set(eulerDegreesToQuat(rotationOrderName(a), b.x * r, b.y * r, b.z * r));
    } else if (typeof a === 'number') {
      const q: Quat = [a, Number(b ?? 0), Number(c ?? 0), Number(d ?? 1)];
      this.#set(normalize ? quatNormalize(q) : q);
    }
  }

  #set(q: Quat): void {
    [this.x, this.y, this.z, this.w] = q;
  }

  /** this · q (post-multiply). */
  multiply(q: DzQuat): DzQuat {
    return quatOf(quatMultiply(quatTuple(this), quatTuple(q)));
  }

  multVec(v: DzVec3): DzVec3 {
    return vec3Of(quatRotate(quatTuple(this), [v.x, v.y, v.z]));
  }

  inverse(): DzQuat {
    const n = this.x ** 2 + this.y ** 2 + this.z ** 2 + this.w ** 2 || 1;
    const c = quatConjugate(quatTuple(this));
    return new DzQuat(c[0] / n, c[1] / n, c[2] / n, c[3] / n);
  }

  /** In place. */
  invert(): void {
    this.#set(quatTuple(this.inverse()));
  }

  normalize(): void {
    this.#set(quatNormalize(quatTuple(this)));
  }

  /** Spherical interpolation between rot0 and rot1, stored in this. */
  slerp(rot0: DzQuat, rot1: DzQuat, t: number): void {
    this.#set(slerp(quatTuple(rot0), quatTuple(rot1), t));
  }

  /** Euler angles (radians) for the rotation order given by its three axes, per axis (x, y, z). */
  getValue(axis1: number, axis2: number, axis3: number): DzVec3 {
    const order = orderFromAxes(axis1 as Axis, axis2 as Axis, axis3 as Axis);
    if (!order) return new DzVec3();
    const deg = quatToEulerDegrees(order, quatTuple(this));
    const r = Math.PI / 180;
    return new DzVec3(deg[0] * r, deg[1] * r, deg[2] * r);
  }

  /** `(axis: number, radians)` about a principal axis, or `(axis: DzVec3, radians)`. */
  setValue(axis: number | DzVec3, radians: number): void {
    if (axis instanceof DzVec3) this.#set(axisAngle(axis, radians));
    else this.#set(axisQuat(Math.trunc(axis) as Axis, radians));
  }

  getAngleOfRotation(): number {
    return 2 * Math.acos(Math.min(1, Math.abs(this.w)));
  }

  getXAxis(): DzVec3 {
    return this.multVec(new DzVec3(1, 0, 0));
  }

  getYAxis(): DzVec3 {
    return this.multVec(new DzVec3(0, 1, 0));
  }

  getZAxis(): DzVec3 {
    return this.multVec(new DzVec3(0, 0, 1));
  }

  toString(): string {
    return `[ ${this.x}, ${this.y}, ${this.z}, ${this.w} ]`;
  }

  [DZ_SERIALIZE](): unknown {
    return { w: this.w, x: this.x, y: this.y, z: this.z };
  }
}

/** @internal A DzQuat from an [x, y, z, w] tuple. */
export function quatOf(q: Quat): DzQuat {
  return new DzQuat(q[0], q[1], q[2], q[3]);
}

/** @internal The [x, y, z, w] tuple of a DzQuat. */
export function quatTuple(q: DzQuat): Quat {
  return [q.x, q.y, q.z, q.w];
}

function axisAngle(axis: DzVec3, radians: number): Quat {
  const len = axis.length() || 1;
  const s = Math.sin(radians / 2) / len;
  return [axis.x * s, axis.y * s, axis.z * s, Math.cos(radians / 2)];
}

export function slerp(a: Quat, b: Quat, t: number): Quat {
  let cos = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
  const bb: Quat = cos < 0 ? [-b[0], -b[1], -b[2], -b[3]] : [...b];
  cos = Math.abs(cos);
  if (cos > 0.9995) {
    return quatNormalize([0, 1, 2, 3].map((i) => a[i] + (bb[i] - a[i]) * t) as Quat);
  }
  const theta = Math.acos(cos);
  const sa = Math.sin((1 - t) * theta) / Math.sin(theta);
  const sb = Math.sin(t * theta) / Math.sin(theta);
  return [0, 1, 2, 3].map((i) => a[i] * sa + bb[i] * sb) as Quat;
}

setRotationBetween((from, to) => {
  const a = from.normalized();
  const b = to.normalized();
  const d = a.dot(b);
  if (d < -1 + 1e-12) {
    // Opposite: any perpendicular axis.
    const axis = Math.abs(a.x) < 0.9 ? new DzVec3(1, 0, 0).cross(a) : new DzVec3(0, 1, 0).cross(a);
    return quatOf(axisAngle(axis, Math.PI));
  }
  const c = a.cross(b);
  return quatOf(quatNormalize([c.x, c.y, c.z, 1 + d]));
});
