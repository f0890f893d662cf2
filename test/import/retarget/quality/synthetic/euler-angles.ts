/**
 * Quaternion → BVH Euler angles, for the synthetic capture writer. A BVH joint whose channels
 * read `Zrotation Xrotation Yrotation` rotates by R = Rz(a) · Rx(b) · Ry(c): the first channel is
 * the outermost factor (three.js, Blender and dazport all read it so).
 *
 * For R = Ra(α) · Rb(β) · Rc(γ) over three distinct axes a, b, c, with s = +1 when (a, b, c) is
 * a cyclic order of (x, y, z) and −1 otherwise: R[a][c] = s · sin β, α = atan2(−s · R[b][c],
 * R[c][c]), γ = atan2(−s · R[a][b], R[a][a]). At β = ±90° only α ± γ is defined: γ is set to 0
 * and α read from R · Rb(−β), which is then a pure rotation about a.
 */
import { mat3, quat } from 'gl-matrix';

export type AxisLetter = 'X' | 'Y' | 'Z';
export type RotationOrder = 'XYZ' | 'XZY' | 'YXZ' | 'YZX' | 'ZXY' | 'ZYX';
export const ROTATION_ORDERS: readonly RotationOrder[] = ['XYZ', 'XZY', 'YXZ', 'YZX', 'ZXY', 'ZYX'];

const AXIS = { X: 0, Y: 1, Z: 2 } as const;
const RAD = 180 / Math.PI;

/** Element (row, column) of a gl-matrix (column-major) 3×3 matrix. */
function at(m: ArrayLike<number>, row: number, col: number): number {
  return m[col * 3 + row];
}

/** Angle of a pure rotation about `axis` from its matrix. */
function angleAbout(m: ArrayLike<number>, axis: number): number {
  const i = (axis + 1) % 3;
  const j = (axis + 2) % 3;
  return Math.atan2(at(m, j, i), at(m, i, i));
}

/** Degrees [first, second, third] for the channels of `order` that reproduce `q` ([x, y, z, w]). */
export function quatToEulerDegrees(q: ArrayLike<number>, order: RotationOrder): [number, number, number] {
  const a = AXIS[order[0] as AxisLetter];
  const b = AXIS[order[1] as AxisLetter];
  const c = AXIS[order[2] as AxisLetter];
  const s = (b - a + 3) % 3 === 1 ? 1 : -1;
  const m = mat3.fromQuat(new Float64Array(9) as unknown as mat3, q as unknown as quat);
  const sinB = Math.max(-1, Math.min(1, s * at(m, a, c)));
  const beta = Math.asin(sinB);
  if (Math.abs(sinB) < 1 - 1e-12) {
    const alpha = Math.atan2(-s * at(m, b, c), at(m, c, c));
    const gamma = Math.atan2(-s * at(m, a, b), at(m, a, a));
    return [alpha * RAD, beta * RAD, gamma * RAD];
  }
  const unbend = quat.setAxisAngle(new Float64Array(4) as unknown as quat, unitAxis(b), -beta);
  const rest = quat.multiply(new Float64Array(4) as unknown as quat, q as unknown as quat, unbend);
  const mr = mat3.fromQuat(new Float64Array(9) as unknown as mat3, rest);
  return [angleAbout(mr, a) * RAD, beta * RAD, 0];
}

/** The rotation a BVH joint's channels of `order` describe, as a quaternion (for tests of the writer). */
export function eulerDegreesToQuat(angles: readonly number[], order: RotationOrder): Float64Array {
  const q = quat.identity(new Float64Array(4) as unknown as quat);
  const r = new Float64Array(4) as unknown as quat;
  for (let k = 0; k < 3; k++) {
    quat.setAxisAngle(r, unitAxis(AXIS[order[k] as AxisLetter]), angles[k] / RAD);
    quat.multiply(q, q, r);
  }
  return q as unknown as Float64Array;
}

function unitAxis(axis: number): [number, number, number] {
  const v: [number, number, number] = [0, 0, 0];
  v[axis] = 1;
  return v;
}
