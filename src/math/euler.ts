/**
 * Euler angles ↔ quaternions for all six rotation orders, in DAZ's convention (intrinsic,
 * first axis first: q = q(first) · q(second) · q(third)). Quaternions are [x, y, z, w].
 *
 * Decomposition goes through the rotation matrix with the standard closed forms for
 * Tait-Bryan angles; the middle angle is in [-90°, 90°], the outer two in (-180°, 180°].
 * Near gimbal lock (|middle| ≈ 90°) the third angle is set to 0 and the first takes the rest.
 */
import { type Axis, orderAxes, type RotationOrderName } from './rotation-order.js';

export type Quat = [number, number, number, number];

const DEG = Math.PI / 180;

/** Quaternion of a rotation by `radians` about axis 0/1/2. */
export function axisQuat(axis: Axis, radians: number): Quat {
  const s = Math.sin(radians / 2);
  const q: Quat = [0, 0, 0, Math.cos(radians / 2)];
  q[axis] = s;
  return q;
}

export function quatMultiply(a: Quat, b: Quat): Quat {
  const [ax, ay, az, aw] = a;
  const [bx, by, bz, bw] = b;
  return [
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
    aw * bw - ax * bx - ay * by - az * bz,
  ];
}

/**
 * Quaternion from Euler angles in degrees, given per axis (x, y, z: the DAZ channel values),
 * composed in `order`.
 */
export function eulerDegreesToQuat(order: RotationOrderName, xDeg: number, yDeg: number, zDeg: number): Quat {
  const angles = [xDeg * DEG, yDeg * DEG, zDeg * DEG];
  const [a, b, c] = orderAxes(order);
  return quatMultiply(quatMultiply(axisQuat(a, angles[a]), axisQuat(b, angles[b])), axisQuat(c, angles[c]));
}

/** Row-major 3×3 rotation matrix of a unit quaternion. */
export function quatToMatrix3(q: Quat): number[] {
  const [x, y, z, w] = q;
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - z * w),
    2 * (x * z + y * w),
    2 * (x * y + z * w),
    1 - 2 * (x * x + z * z),
    2 * (y * z - x * w),
    2 * (x * z - y * w),
    2 * (y * z + x * w),
    1 - 2 * (x * x + y * y),
  ];
}

/**
 * Euler angles (degrees, returned per axis as [x, y, z]) that compose to `q` in `order`.
 */
export function quatToEulerDegrees(order: RotationOrderName, q: Quat): [number, number, number] {
  const m = quatToMatrix3(q);
  const at = (r: number, c: number) => m[r * 3 + c];
  const [i, j, k] = orderAxes(order);
  // Sign of the permutation (i, j, k): +1 for cyclic orders (XYZ, YZX, ZXY), -1 otherwise.
  const sign = (j - i + 3) % 3 === 1 ? 1 : -1;
  // For R = Ri(a)·Rj(b)·Rk(c): R[i][k] = sign·sin(b).
  const sinB = Math.max(-1, Math.min(1, sign * at(i, k)));
  const b = Math.asin(sinB);
  let a: number;
  let c: number;
  if (Math.abs(sinB) < 1 - 1e-9) {
    a = Math.atan2(-sign * at(j, k), at(k, k));
    c = Math.atan2(-sign * at(i, j), at(i, i));
  } else {
    // Gimbal lock: only a ± c is determined; put it all in the first angle.
    c = 0;
    a = Math.atan2(sign * at(k, j), at(j, j));
  }
  const out: [number, number, number] = [0, 0, 0];
  out[i] = a / DEG;
  out[j] = b / DEG;
  out[k] = c / DEG;
  return out;
}

export function quatNormalize(q: Quat): Quat {
  const len = Math.hypot(q[0], q[1], q[2], q[3]) || 1;
  return [q[0] / len, q[1] / len, q[2] / len, q[3] / len];
}

export function quatConjugate(q: Quat): Quat {
  return [-q[0], -q[1], -q[2], q[3]];
}

/** Rotate vector v by unit quaternion q. */
export function quatRotate(q: Quat, v: [number, number, number]): [number, number, number] {
  const [x, y, z, w] = q;
  const [vx, vy, vz] = v;
  // t = 2 · (q.xyz × v); v' = v + w·t + q.xyz × t
  const tx = 2 * (y * vz - z * vy);
  const ty = 2 * (z * vx - x * vz);
  const tz = 2 * (x * vy - y * vx);
  return [vx + w * tx + (y * tz - z * ty), vy + w * ty + (z * tx - x * tz), vz + w * tz + (x * ty - y * tx)];
}

/** o · q · o⁻¹: rotation `q`, given in the frame `o` turns into, expressed in the outer axes (DAZ's L = O·R·O⁻¹). */
export function quatInFrame(o: Quat, q: Quat): Quat {
  return quatMultiply(quatMultiply(o, q), quatConjugate(o));
}
