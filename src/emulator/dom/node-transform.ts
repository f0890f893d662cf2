/**
 * How DAZ Studio places a node, as one matrix (column-major, Float64, gl-matrix layout):
 *
 *   W = W_parent · T(t) · T(c) · O · R · S · O⁻¹ · T(−c)
 *
 * c: the node's origin (joint centre, rest, figure space); O: its orientation; t: its translate
 * channels; R: its rotate channels composed in the node's rotation order; S: scale channels
 * times general scale, applied in the orientation frame. W maps rest-pose figure-space points
 * to posed world space, so skinning is Σ w_b · W_b · v and an unposed node has W = identity.
 */
import { mat4, quat } from 'gl-matrix';
import { eulerDegreesToQuat, type Quat } from '../../math/euler.js';
import type { RotationOrderName } from '../../math/rotation-order.js';

export type Mat4 = Float64Array;

export interface NodeRest {
  origin: [number, number, number];
  orientation: Quat;
}

export interface NodeChannels {
  translate: [number, number, number];
  /** Degrees per axis (x, y, z). */
  rotate: [number, number, number];
  scale: [number, number, number];
  generalScale: number;
}

/** gl-matrix allocates Float32 by default; transforms here keep double precision. */
function quat64(): quat {
  return new Float64Array(4) as unknown as quat;
}

export function identity(): Mat4 {
  return mat4.identity(new Float64Array(16)) as Mat4;
}

/** The node's own part of W (everything right of W_parent). */
export function localMatrix(rest: NodeRest, ch: NodeChannels, order: RotationOrderName): Mat4 {
  const [cx, cy, cz] = rest.origin;
  const r = eulerDegreesToQuat(order, ch.rotate[0], ch.rotate[1], ch.rotate[2]);
  const o = rest.orientation;
  const m = new Float64Array(16) as Mat4;
  mat4.fromTranslation(m, [ch.translate[0] + cx, ch.translate[1] + cy, ch.translate[2] + cz]);
  const tmp = new Float64Array(16);
  // O · R
  const or = quat.multiply(quat64(), o as unknown as quat, r as unknown as quat);
  mat4.multiply(m, m, mat4.fromQuat(tmp, or));
  const g = ch.generalScale;
  mat4.multiply(m, m, mat4.fromScaling(tmp, [ch.scale[0] * g, ch.scale[1] * g, ch.scale[2] * g]));
  const oInv = quat.invert(quat64(), o as unknown as quat);
  mat4.multiply(m, m, mat4.fromQuat(tmp, oInv));
  mat4.multiply(m, m, mat4.fromTranslation(tmp, [-cx, -cy, -cz]));
  return m;
}

export function multiply(a: Mat4, b: Mat4): Mat4 {
  return mat4.multiply(new Float64Array(16), a, b) as Mat4;
}

export function invert(a: Mat4): Mat4 {
  return (mat4.invert(new Float64Array(16), a) ?? identity()) as Mat4;
}

export function transformPoint(m: Mat4, p: ArrayLike<number>): [number, number, number] {
  const [x, y, z] = [p[0], p[1], p[2]];
  return [
    m[0] * x + m[4] * y + m[8] * z + m[12],
    m[1] * x + m[5] * y + m[9] * z + m[13],
    m[2] * x + m[6] * y + m[10] * z + m[14],
  ];
}

/** Rotation of an affine matrix as a unit quaternion (scale removed per axis). */
export function rotationOf(m: Mat4): Quat {
  const sx = Math.hypot(m[0], m[1], m[2]) || 1;
  const sy = Math.hypot(m[4], m[5], m[6]) || 1;
  const sz = Math.hypot(m[8], m[9], m[10]) || 1;
  const r = new Float64Array([
    m[0] / sx,
    m[1] / sx,
    m[2] / sx,
    m[4] / sy,
    m[5] / sy,
    m[6] / sy,
    m[8] / sz,
    m[9] / sz,
    m[10] / sz,
  ]);
  const q = quat.fromMat3(quat64(), r as unknown as Float32Array);
  const out: Quat = [q[0], q[1], q[2], q[3]];
  const len = Math.hypot(...out) || 1;
  return out.map((v) => v / len) as Quat;
}

/** Per-axis scale of an affine matrix. */
export function scaleOf(m: Mat4): [number, number, number] {
  return [Math.hypot(m[0], m[1], m[2]), Math.hypot(m[4], m[5], m[6]), Math.hypot(m[8], m[9], m[10])];
}
