/**
 * DAZ frames (cm, column-major 4×4 world matrices) → glTF local TRS (metres). A node's local
 * matrix is parentWorld⁻¹ · world, decomposed into translation (×0.01), rotation and scale; glTF
 * has no shear, so a sheared local matrix (non-uniform scale under a rotated child) loses it.
 */
import { mat4, quat, type vec3 } from 'gl-matrix';
import { CM_TO_M } from './constants.js';

export type Vec3 = [number, number, number];
export type Vec4 = [number, number, number, number];

export interface Trs {
  translation: Vec3;
  rotation: Vec4;
  scale: Vec3;
}

function m64(): mat4 {
  return new Float64Array(16) as unknown as mat4;
}

/** parent⁻¹ · world (parent null: world itself). */
export function localMatrix(world: ArrayLike<number>, parent: ArrayLike<number> | null): mat4 {
  const w = mat4.copy(m64(), world as unknown as mat4);
  if (!parent) return w;
  const inv = mat4.invert(m64(), parent as unknown as mat4);
  if (!inv) return w;
  return mat4.multiply(m64(), inv, w);
}

/** Decompose a cm matrix into metre TRS; tiny float noise is snapped (1e-12) so identity stays identity. */
export function toTrs(m: mat4): Trs {
  const t = mat4.getTranslation(new Float64Array(3) as unknown as vec3, m);
  const s = mat4.getScaling(new Float64Array(3) as unknown as vec3, m);
  const r = m64();
  mat4.copy(r, m);
  if (mat4.determinant(m) < 0) s[0] = -s[0]; // a mirror: one negative scale
  for (let c = 0; c < 3; c++) {
    const k = s[c] || 1;
    r[c * 4] /= k;
    r[c * 4 + 1] /= k;
    r[c * 4 + 2] /= k;
  }
  const q = mat4.getRotation(new Float64Array(4) as unknown as quat, r);
  quat.normalize(q, q);
  const snap = (v: number, to: number) => (Math.abs(v - to) < 1e-12 ? to : v);
  return {
    translation: [snap(t[0], 0) * CM_TO_M, snap(t[1], 0) * CM_TO_M, snap(t[2], 0) * CM_TO_M],
    rotation: canonicalQuat([q[0], q[1], q[2], q[3]]),
    scale: [snap(s[0], 1), snap(s[1], 1), snap(s[2], 1)],
  };
}

/** w ≥ 0, near-zero components snapped, unit length. */
function canonicalQuat(q: Vec4): Vec4 {
  const sign = q[3] < 0 ? -1 : 1;
  const out = q.map((v) => (Math.abs(v) < 1e-12 ? 0 : v * sign)) as Vec4;
  const len = Math.hypot(...out) || 1;
  return out.map((v) => v / len) as Vec4;
}
