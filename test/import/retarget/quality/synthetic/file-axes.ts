/**
 * Which way the file's axes point relative to the performer: the rotation C taking performer
 * (= DAZ) coordinates into the file's, so a file position is C · p / unit and the file's own
 * rotations are C · S · C⁻¹. `y-up+z` is DAZ's own frame; `z-up-y` is Blender's (up +Z, the
 * performer facing −Y); the others turn the performer to face another axis.
 */
import { quat } from 'gl-matrix';
import { rot } from './walk-intent.js';

export const FILE_AXES = {
  'y-up+z': () => rot(),
  'y-up-z': () => rot(['y', 180]),
  'y-up+x': () => rot(['y', 90]),
  'z-up-y': () => rot(['x', 90]),
  'z-up+x': () => rot(['z', 90], ['x', 90]),
  'z-up+y': () => rot(['z', 180], ['x', 90]),
} as const;

export type FileAxes = keyof typeof FILE_AXES;
export const FILE_AXES_IDS = Object.keys(FILE_AXES) as FileAxes[];

/** C: performer → file. */
export function performerToFile(axes: FileAxes): Float64Array {
  return FILE_AXES[axes]();
}

/** C⁻¹ as [x, y, z, w]: the file's axes onto DAZ's, as the measurement wants it. */
export function fileToDaz(axes: FileAxes): [number, number, number, number] {
  const q = quat.invert(new Float64Array(4) as unknown as quat, performerToFile(axes) as unknown as quat);
  return [q[0], q[1], q[2], q[3]];
}
