/**
 * Animation as per-joint tracks sampled at a fixed rate: local rotations (quaternions, the
 * joint's rotation relative to its rest orientation frame, i.e. what DAZ's rotate channels
 * express) and, for the root, translations in cm.
 */
export interface JointTrack {
  /** DAZ bone name. */
  joint: string;
  /** frames × 4: [x, y, z, w] per frame. */
  rotations: Float32Array;
  /** frames × 3, cm; only on joints that translate (the hip). */
  translations?: Float32Array;
}

export interface Motion {
  name: string;
  /** Frames per second. */
  frameRate: number;
  frameCount: number;
  /** Target skeleton (Scene.skeletons index) when the motion belongs to a scene's figure. */
  skeleton?: number;
  tracks: JointTrack[];
}

export function motionDurationSec(m: Motion): number {
  return m.frameCount > 1 ? (m.frameCount - 1) / m.frameRate : 0;
}
