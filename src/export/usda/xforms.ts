/**
 * Transforms: every matrix here is 4×4, column-major (gl-matrix layout, column vectors), Float64.
 * A prim's local transform is `inverse(parentWorld) · world`, written as one
 * `matrix4d xformOp:transform` (usda-format.ts `formatMatrix4d` does the transpose USD's
 * row-vector convention needs). Identity transforms are not written.
 */
import { mat4, type quat } from 'gl-matrix';
import type { Quat } from '../../math/euler.js';
import { formatMatrix4d } from './usda-format.js';
import type { UsdaWriter } from './usda-writer.js';

export type Mat4 = Float64Array;

export function identity(): Mat4 {
  return mat4.identity(new Float64Array(16)) as Mat4;
}

export function multiply(a: Mat4, b: Mat4): Mat4 {
  return mat4.multiply(new Float64Array(16), a, b) as Mat4;
}

/** Inverse, or null when the matrix is singular (a zero scale). */
export function invert(a: Mat4): Mat4 | null {
  return mat4.invert(new Float64Array(16), a) as Mat4 | null;
}

/** Rotation (unit quaternion [x, y, z, w]) then translation: T(t) · R(q). */
export function fromRotationTranslation(q: Quat, t: readonly [number, number, number]): Mat4 {
  return mat4.fromRotationTranslation(
    new Float64Array(16),
    new Float64Array(q) as unknown as quat,
    new Float64Array(t),
  ) as Mat4;
}

/** T(t) · R(q) · S(s). */
export function fromRotationTranslationScale(
  q: Quat,
  t: readonly [number, number, number],
  s: readonly [number, number, number],
): Mat4 {
  return mat4.fromRotationTranslationScale(
    new Float64Array(16),
    new Float64Array(q) as unknown as quat,
    new Float64Array(t),
    new Float64Array(s),
  ) as Mat4;
}

export function isIdentity(m: ArrayLike<number>, eps = 1e-12): boolean {
  for (let i = 0; i < 16; i++) {
    if (Math.abs(m[i] - (i % 5 === 0 ? 1 : 0)) > eps) return false;
  }
  return true;
}

/** `inverse(parentWorld) · world`; a singular parent counts as identity (nothing to undo). */
export function localTransform(parentWorld: Mat4 | null, world: Mat4): Mat4 {
  if (!parentWorld) return Float64Array.from(world);
  const inv = invert(parentWorld);
  return inv ? multiply(inv, world) : Float64Array.from(world);
}

/** Write `xformOp:transform` and `xformOpOrder` unless the transform is the identity. */
export function writeTransform(w: UsdaWriter, local: Mat4): void {
  if (isIdentity(local)) return;
  w.propChecked('matrix4d xformOp:transform', () => formatMatrix4d(local));
  w.prop('uniform token[] xformOpOrder', '["xformOp:transform"]');
}

/**
 * An animated transform: the current one as the default value (what readers that ignore time
 * show) and one `xformOp:transform` time sample per time code.
 */
export async function writeTransformSamples(
  w: UsdaWriter,
  local: Mat4,
  timeCodes: readonly number[],
  locals: readonly Mat4[],
): Promise<void> {
  w.propChecked('matrix4d xformOp:transform', () => formatMatrix4d(local));
  await w.timeSamples('matrix4d xformOp:transform', timeCodes, (i) => formatMatrix4d(locals[i]));
  w.prop('uniform token[] xformOpOrder', '["xformOp:transform"]');
}
