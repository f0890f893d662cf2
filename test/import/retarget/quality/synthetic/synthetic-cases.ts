/**
 * The synthetic cases the acceptance tests and the quality report run: every naming family in
 * every joint-frame style, with the file axes and rotation order cycling so that each of the six
 * of both appears (a full cross product would be 432 files saying the same thing).
 */
import { ROTATION_ORDERS, type RotationOrder } from './euler-angles.js';
import { FILE_AXES_IDS, type FileAxes } from './file-axes.js';
import { JOINT_FRAME_STYLES, type JointFrameStyle } from './joint-frames.js';
import { FAMILY_IDS, type NamingFamily } from './naming-families.js';

export interface SyntheticCase {
  family: NamingFamily;
  style: JointFrameStyle;
  axes: FileAxes;
  order: RotationOrder;
}

export const SYNTHETIC_CASES: readonly SyntheticCase[] = FAMILY_IDS.flatMap((family, i) =>
  JOINT_FRAME_STYLES.map((style, k) => ({
    family,
    style,
    axes: FILE_AXES_IDS[(i * 3 + k) % FILE_AXES_IDS.length],
    order: ROTATION_ORDERS[(i * 3 + k * 5 + 1) % ROTATION_ORDERS.length],
  })),
);
