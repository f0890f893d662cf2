import type { RotationOrderName } from '../math/rotation-order.js';

/** A joint (DAZ bone) with its rest data and current pose. */
export interface Joint {
  /** DAZ bone name, exactly (`l_upperarm`, `lShldrBend`). */
  name: string;
  label: string;
  /** Index of the parent joint in Skeleton.joints, or -1 for the root bone. */
  parent: number;
  /** Scene node of the bone. */
  node: number;
  rotationOrder: RotationOrderName;
  /** Rest joint centre, cm, figure space. */
  origin: [number, number, number];
  /** Rest end point, cm, figure space. */
  end: [number, number, number];
  /** Rest orientation [x, y, z, w]: figure axes → bone axes. */
  orientation: [number, number, number, number];
  /** Current rotate channels, degrees per axis (x, y, z). */
  rotation: [number, number, number];
  /** Current translate channels, cm. */
  translation: [number, number, number];
}

/** A figure's skeleton: joints parents first, rooted at the figure node. */
export interface Skeleton {
  name: string;
  label: string;
  /** The figure node. */
  node: number;
  joints: Joint[];
}
