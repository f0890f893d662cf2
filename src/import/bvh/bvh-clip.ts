/**
 * A parsed BVH file: the joint hierarchy and all frame values in one typed array. Values are kept
 * exactly as the file gives them (file units, degrees, channels in file order); interpreting them
 * (forward kinematics, retargeting) is left to the functions that need it.
 */
import {
  type BvhChannel,
  type BvhChannelKind,
  type BvhFrameData,
  type BvhJoint,
  channelKindOf,
} from './bvh-types.js';
import { snapFrameRate } from './frame-rate.js';

/** What {@link BvhClip}'s constructor takes: everything the file says. */
export interface BvhClipInit {
  file: string;
  joints: BvhJoint[];
  channelCount: number;
  frameCount: number;
  /** `Frames:` as written; defaults to `frameCount`. */
  declaredFrameCount?: number;
  /** Frame lines in the file; defaults to `frameCount`. */
  frameLineCount?: number;
  frameTime: number;
  data: BvhFrameData;
  /** What the reader accepted but the user should hear about (see {@link BvhClip.warnings}). */
  warnings?: string[];
}

type NumberTarget = number[] | Float32Array | Float64Array;

/**
 * One BVH clip. Frame `f`, column `c` is `data[f * channelCount + c]`; a joint's channels are the
 * columns `channelOffset … channelOffset + channels.length - 1`.
 *
 * ```ts
 * const clip = parseBvh(text, 'walk.bvh');
 * const hips = clip.findJoint('Hips');
 * const row = clip.getJointValues(hips, 0, new Float64Array(6)); // Hips' channels, frame 0
 * ```
 */
export class BvhClip {
  /** Where the clip came from (path or label), as given to the reader. */
  readonly file: string;
  /** Every ROOT and JOINT, parents before children, in file order. */
  readonly joints: readonly BvhJoint[];
  /** Values per frame: the sum of all joints' channel counts. */
  readonly channelCount: number;
  /** Frames in {@link BvhClip.data}. */
  readonly frameCount: number;
  /**
   * What `Frames:` says. Differs from `frameCount` only when the file's frame lines did not match
   * it and the reader was told to go on (`frameCountMismatch`).
   */
  readonly declaredFrameCount: number;
  /** How many frame lines the file has (some may have been dropped, see `frameCountMismatch`). */
  readonly frameLineCount: number;
  /** Seconds per frame, as `Frame Time:` prints it (rounded by the exporter: `0.0083333`). */
  readonly frameTime: number;
  /**
   * Frames per second: the rate the rounded frame time evidently means (`0.0083333` → 120, not
   * 120.00048; see `snapFrameRate`), or exactly `1 / frameTime` when it is near no usual rate;
   * 0 when the file gives a frame time of 0.
   */
  readonly frameRate: number;
  /** frameCount × channelCount values, row-major. */
  readonly data: BvhFrameData;
  /** Per column: which channel it is (0–2 X/Y/Z position, 3–5 X/Y/Z rotation). */
  readonly channelKinds: Uint8Array;
  /** Per column: index of the joint it belongs to. */
  readonly channelJoints: Uint32Array;
  /**
   * What the reader accepted but the user should hear about, one sentence each, naming no
   * option (the CLI and a library caller phrase the fix differently): today, a frame-line count
   * that disagrees with `Frames:`. Empty for a consistent file.
   */
  readonly warnings: readonly string[];
  private byName: Map<string, number> | undefined;

  constructor(init: BvhClipInit) {
    this.file = init.file;
    this.joints = init.joints;
    this.channelCount = init.channelCount;
    this.frameCount = init.frameCount;
    this.declaredFrameCount = init.declaredFrameCount ?? init.frameCount;
    this.frameLineCount = init.frameLineCount ?? init.frameCount;
    this.frameTime = init.frameTime;
    this.frameRate = snapFrameRate(init.frameTime);
    this.data = init.data;
    this.warnings = init.warnings ?? [];
    this.channelKinds = new Uint8Array(init.channelCount);
    this.channelJoints = new Uint32Array(init.channelCount);
    init.joints.forEach((joint, index) => {
      joint.channels.forEach((channel, i) => {
        this.channelKinds[joint.channelOffset + i] = channelKindOf(channel);
        this.channelJoints[joint.channelOffset + i] = index;
      });
    });
  }

  /** Length of the clip in seconds: frameCount × frameTime (the last frame lasts one frame time too). */
  get durationSec(): number {
    return this.frameCount * this.frameTime;
  }

  /** Index of the joint with exactly this name (namespace included), or -1. */
  findJoint(name: string): number {
    if (!this.byName) this.byName = new Map(this.joints.map((joint, index) => [joint.name, index]));
    return this.byName.get(name) ?? -1;
  }

  /** Indices of the joints whose parent is `joint` (-1 for the roots), in file order. */
  listChildren(joint: number): number[] {
    const children: number[] = [];
    this.joints.forEach((j, index) => {
      if (j.parent === joint) children.push(index);
    });
    return children;
  }

  /** Column of `channel` of `joint` in a frame row, or -1 if the joint has no such channel. */
  getColumn(joint: number, channel: BvhChannel): number {
    const j = this.joints[joint];
    const i = j.channels.indexOf(channel);
    return i === -1 ? -1 : j.channelOffset + i;
  }

  /** Kind of the channel in `column` (see {@link BVH_CHANNELS}). */
  getChannelKind(column: number): BvhChannelKind {
    return this.channelKinds[column] as BvhChannelKind;
  }

  /** `Hips.Xposition`: the joint and channel of `column`, for messages and tables. */
  getColumnLabel(column: number): string {
    const joint = this.joints[this.channelJoints[column]];
    return `${joint.name}.${joint.channels[column - joint.channelOffset]}`;
  }

  /** One value: `column` of `frame`. */
  getValue(frame: number, column: number): number {
    return this.data[frame * this.channelCount + column];
  }

  /** Copy the `channelCount` values of `frame` into `target` and return it. */
  getFrame<T extends NumberTarget>(frame: number, target: T): T {
    const start = frame * this.channelCount;
    for (let c = 0; c < this.channelCount; c++) target[c] = this.data[start + c];
    return target;
  }

  /** Copy the values of `joint`'s channels (file order) at `frame` into `target` and return it. */
  getJointValues<T extends NumberTarget>(joint: number, frame: number, target: T): T {
    const j = this.joints[joint];
    const start = frame * this.channelCount + j.channelOffset;
    for (let c = 0; c < j.channels.length; c++) target[c] = this.data[start + c];
    return target;
  }
}
