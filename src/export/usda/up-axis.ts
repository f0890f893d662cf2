/**
 * `up: 'z'` for a .usda: the stage says `upAxis = "Z"` and its root prim turns the Y-up content
 * +90° about X (y → z, z → −y), so the figure stands along +Z and faces −Y, as Z-up tools
 * (Blender, Unreal, 3ds Max) expect. The content below the root is written as for Y-up: the
 * skeletons, their animation and bind transforms are untouched, and one root transform carries
 * them all (UsdSkel composes it like any ancestor's).
 */
import type { UpAxis } from '../engine-options.js';
import type { UsdaWriter } from './usda-writer.js';
import { type Mat4, writeTransform } from './xforms.js';

/** +90° about X, column-major: Y → +Z, Z → −Y (one `xformOp:transform`, as every prim here has). */
const Y_UP_TO_Z_UP: Mat4 = Float64Array.from([1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1]);

/** The stage's `upAxis` token. */
export function upAxisToken(up: UpAxis | undefined): 'Y' | 'Z' {
  return up === 'z' ? 'Z' : 'Y';
}

/** On the root prim: the turn from Y-up to Z-up (nothing for Y-up). */
export function writeUpAxisTransform(w: UsdaWriter, up: UpAxis | undefined): void {
  if (up === 'z') writeTransform(w, Y_UP_TO_Z_UP);
}
