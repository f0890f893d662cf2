/**
 * The BVH vocabulary shared by the reader, the clip and forward kinematics.
 *
 * BVH has no formal specification; the de-facto references are the Biovision description in
 * M. Meredith & S. Maddock, "Motion Capture File Formats Explained" (2001),
 * https://www.dcs.shef.ac.uk/intranet/research/public/resmes/CS0111.pdf, and what exporters
 * (MotionBuilder, CMU/cgspeed, Mixamo, Blender) actually write.
 */

/** The six channel names a `CHANNELS` line may list, spelled as exporters write them. */
export type BvhChannel = 'Xposition' | 'Yposition' | 'Zposition' | 'Xrotation' | 'Yrotation' | 'Zrotation';

/**
 * Every channel, in the order of their numeric kind ({@link BvhClip.channelKinds}):
 * 0–2 are positions along x, y, z, 3–5 rotations about x, y, z.
 */
export const BVH_CHANNELS: readonly BvhChannel[] = [
  'Xposition',
  'Yposition',
  'Zposition',
  'Xrotation',
  'Yrotation',
  'Zrotation',
];

/** Numeric kind of a channel: its index in {@link BVH_CHANNELS}. */
export type BvhChannelKind = 0 | 1 | 2 | 3 | 4 | 5;

/** True for the three rotation kinds (3, 4, 5). */
export function isRotationKind(kind: number): boolean {
  return kind >= 3;
}

/** Look a channel name up without regard to case (`XROTATION` is `Xrotation`); -1 if unknown. */
export function channelKindOf(name: string): BvhChannelKind | -1 {
  switch (name.toLowerCase()) {
    case 'xposition':
      return 0;
    case 'yposition':
      return 1;
    case 'zposition':
      return 2;
    case 'xrotation':
      return 3;
    case 'yrotation':
      return 4;
    case 'zrotation':
      return 5;
    default:
      return -1;
  }
}

/** A vector in file units (whatever the exporter used: cm, inches, CMU's ~5.64 cm units...). */
export type BvhVec3 = [number, number, number];

/**
 * One `ROOT` or `JOINT` of the hierarchy. `End Site`s are not joints: they hang off their joint
 * as {@link BvhJoint.endSite}.
 */
export interface BvhJoint {
  /** The name exactly as in the file, namespace included (`mixamorig:Hips`); see `stripNamespace`. */
  name: string;
  /** Index of the parent joint in {@link BvhClip.joints}, -1 for a root. Parents come first. */
  parent: number;
  /** `OFFSET`: rest translation from the parent joint, in file units. */
  offset: BvhVec3;
  /** `CHANNELS`, in file order (which is also the rotation order: the first listed applies outermost). */
  channels: BvhChannel[];
  /** Column of this joint's first channel in a frame row; equals the running total for 0 channels. */
  channelOffset: number;
  /** `End Site` `OFFSET` from this joint, or null when the joint has no End Site. */
  endSite: BvhVec3 | null;
  /** 1-based line of the joint's name in the file, for messages about it later (retargeting...). */
  line: number;
}

/** Storage precision of the frame data. Float32 halves memory; float64 keeps every digit. */
export type BvhPrecision = 'float32' | 'float64';

/** Frames × channels, row-major: value of column `c` of frame `f` is `data[f * channelCount + c]`. */
export type BvhFrameData = Float32Array | Float64Array;

/**
 * What to do when the number of frame lines differs from `Frames:`:
 * - `'use-lines'` (default): every frame line is a frame, whatever `Frames:` says, more or fewer;
 *   the clip carries a warning ({@link BvhClip.warnings}). Blender and assimp read this way. A
 *   file with fewer lines than `Frames:` is most often cut short (an interrupted export or
 *   copy); what is there is still a valid motion, and the warning says the end may be missing.
 *   The common case is one line more than `Frames:` (exporters that count the reference pose
 *   apart, like the Biovision boxing capture in `fixtures/bvh`).
 * - `'use-header'`: keep the first `Frames:` frames; extra lines are still checked (numbers, one
 *   frame per line) but dropped; fewer lines than `Frames:` fail. three.js reads this way.
 * - `'error'`: strict; fail with a `BvhParseError` at the first extra line or at the end of a
 *   short file.
 *
 * Either way the clip keeps both counts ({@link BvhClip.declaredFrameCount},
 * {@link BvhClip.frameLineCount}), so a mismatch stays visible.
 */
export type BvhFrameCountMismatch = 'error' | 'use-header' | 'use-lines';

/** Options shared by `parseBvh` and `readBvhFile`. */
export interface BvhParseOptions {
  /** Typed array for the frame data. Default `'float32'`. */
  precision?: BvhPrecision;
  /**
   * Frame lines ≠ `Frames:`. Default `'use-lines'` with a warning: real files are often off by
   * one and every common reader loads them; `'error'` is the strict mode.
   */
  frameCountMismatch?: BvhFrameCountMismatch;
}

export const BVH_PARSE_DEFAULTS: Required<BvhParseOptions> = {
  precision: 'float32',
  frameCountMismatch: 'use-lines',
};
