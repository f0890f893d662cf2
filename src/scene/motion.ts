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

/**
 * A node's animated transform (a prop, a figure node): its world matrix per frame, in the same
 * form as SceneNode.worldMatrix (cm, column-major 4×4, the frame at the node's posed pivot).
 */
export interface NodeTrack {
  /** Scene.nodes index. */
  node: number;
  /** frames × 16. */
  worldMatrices: Float64Array;
}

/** A morph's weight per frame (the DAZ morph value, as MorphTarget.value). */
export interface MorphTrack {
  /** Scene.meshes index. */
  mesh: number;
  /** DAZ morph name (MorphTarget.name). */
  morph: string;
  /** frames × 1. */
  weights: Float32Array;
}

export interface Motion {
  name: string;
  /** Frames per second. */
  frameRate: number;
  frameCount: number;
  /** Target skeleton (Scene.skeletons index) when the motion belongs to a scene's figure. */
  skeleton?: number;
  tracks: JointTrack[];
  /** Animated node transforms (scene animation read from DAZ); absent on retargets. */
  nodeTracks?: NodeTrack[];
  /** Animated morph weights (scene animation read from DAZ); absent on retargets. */
  morphTracks?: MorphTrack[];
  /** Scene time of the first frame, seconds (DAZ's animation range start; default 0). */
  startSec?: number;
  /**
   * Motions with the same clip are parts of one animation (one DAZ timeline: each figure's
   * motion and the props'), which writers keep together, e.g. as one glTF animation.
   */
  clip?: string;
}

/**
 * Frame `frame`'s quaternion [x, y, z, w] out of a track's flat rotations; the identity when
 * there is no track (a joint the motion does not drive stays at rest).
 */
export function frameRotation(
  rotations: ArrayLike<number> | undefined,
  frame: number,
): [number, number, number, number] {
  if (!rotations) return [0, 0, 0, 1];
  const i = frame * 4;
  return [rotations[i], rotations[i + 1], rotations[i + 2], rotations[i + 3]];
}

/** Seconds from the first frame to the last; takes anything with a frame count and rate. */
export function motionDurationSec(m: Pick<Motion, 'frameCount' | 'frameRate'>): number {
  return m.frameCount > 1 ? (m.frameCount - 1) / m.frameRate : 0;
}

/**
 * The motion with a rest track (identity rotation, no translation) for every joint in
 * `jointNames` it does not drive, so writers that fall back to the figure's current pose for
 * untracked joints show exactly the motion: a clip fully defines the pose it describes.
 */
export function withRestTracks(motion: Motion, jointNames: readonly string[]): Motion {
  const tracked = new Set(motion.tracks.map((t) => t.joint));
  const missing = jointNames.filter((name) => !tracked.has(name));
  if (missing.length === 0) return motion;
  const identity = new Float32Array(motion.frameCount * 4);
  for (let f = 0; f < motion.frameCount; f++) identity[f * 4 + 3] = 1;
  return {
    ...motion,
    // One shared, read-only-by-convention array: writers only read tracks.
    tracks: [...motion.tracks, ...missing.map((joint) => ({ joint, rotations: identity }))],
  };
}
