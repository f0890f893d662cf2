/**
 * World positions and rotations of every joint of a BVH clip at a frame.
 *
 * Each joint's local transform is `T(translation) · R(channels in file order)`: rotation
 * channels compose in the order listed, each about the joint's own (already turned) axes, so
 * `Zrotation Xrotation Yrotation` is R = Rz · Rx · Ry acting on column vectors (Y applied to a
 * vector first). World transforms chain parent-first: `W = W_parent · local`.
 *
 * ## Position channels and OFFSET
 *
 * BVH never said how a joint's position channels combine with its `OFFSET`, and readers differ:
 *
 * - `'replace'` (default): a position channel's value *is* the translation along its axis; the
 *   OFFSET only supplies axes that have no position channel. This is what Blender's and assimp's
 *   importers do (for the usual case of all three position channels; for a subset, Blender uses 0
 *   and assimp ignores position channels of joints without all six channels), and what files
 *   mean in practice: root Xposition/Yposition/Zposition are absolute hip positions, and a root
 *   OFFSET, when not zero, repeats the rest position. In the `av_8walk_xyz` capture the root
 *   OFFSET y is 35.42, Yposition about 35.5 and the legs 33.7 units long: replacing stands the
 *   figure on the floor, adding would float its hips at about 71.
 * - `'add'`: translation = OFFSET + channel value, as three.js's BVHLoader does.
 *
 * The two agree whenever the OFFSET of every joint with position channels is zero, as in most
 * files. Joints without position channels are translated by their OFFSET in both modes.
 *
 * No per-joint objects are allocated: results go into caller-supplied typed arrays
 * ({@link BvhPose}), so calling this for every frame of a long clip allocates nothing.
 */
import type { BvhClip } from './bvh-clip.js';

/** How a joint's position channels combine with its OFFSET (see the module notes). */
export type BvhPositionMode = 'replace' | 'add';

/** World transforms of every joint at one frame. Units are file units. */
export interface BvhPose {
  /** [x, y, z] per joint, joint order as in `clip.joints`. */
  positions: Float64Array;
  /** World rotation per joint as a unit quaternion [x, y, z, w]. */
  rotations: Float64Array;
  /** [x, y, z] of each joint's End Site, NaN for joints without one; null when not requested. */
  endSitePositions: Float64Array | null;
}

export interface ForwardKinematicsOptions {
  /** How position channels combine with OFFSET. Default `'replace'` (Blender, assimp). */
  positionMode?: BvhPositionMode;
  /** Also compute End Site positions. Default false. Ignored when `target` is given: its own arrays decide. */
  endSites?: boolean;
  /** Pose to fill instead of allocating one (see {@link createBvhPose}). */
  target?: BvhPose;
}

export const FORWARD_KINEMATICS_DEFAULTS = { positionMode: 'replace', endSites: false } as const;

const DEG_TO_HALF_RAD = Math.PI / 360;

/** Arrays for the pose of a clip with `jointCount` joints, to reuse across frames. */
export function createBvhPose(jointCount: number, endSites = false): BvhPose {
  return {
    positions: new Float64Array(jointCount * 3),
    rotations: new Float64Array(jointCount * 4),
    endSitePositions: endSites ? new Float64Array(jointCount * 3) : null,
  };
}

/**
 * World positions and rotations of all joints (and End Sites if asked) at `frame`.
 *
 * ```ts
 * const pose = createBvhPose(clip.joints.length, true);
 * for (let f = 0; f < clip.frameCount; f++) {
 *   forwardKinematics(clip, f, { target: pose });
 *   const hipsY = pose.positions[clip.findJoint('Hips') * 3 + 1];
 * }
 * ```
 *
 * @category Import
 */
export function forwardKinematics(
  clip: BvhClip,
  frame: number,
  options: ForwardKinematicsOptions = {},
): BvhPose {
  if (!(frame >= 0 && frame < clip.frameCount) || !Number.isInteger(frame)) {
    throw new RangeError(`forwardKinematics: frame ${frame} is not in 0…${clip.frameCount - 1}`);
  }
  const joints = clip.joints;
  const pose =
    options.target ?? createBvhPose(joints.length, options.endSites ?? FORWARD_KINEMATICS_DEFAULTS.endSites);
  const add = (options.positionMode ?? FORWARD_KINEMATICS_DEFAULTS.positionMode) === 'add';
  const { positions, rotations, endSitePositions } = pose;
  const data = clip.data;
  const kinds = clip.channelKinds;
  const row = frame * clip.channelCount;

  for (let j = 0; j < joints.length; j++) {
    const joint = joints[j];
    const offset = joint.offset;
    let tx = offset[0];
    let ty = offset[1];
    let tz = offset[2];
    let qx = 0;
    let qy = 0;
    let qz = 0;
    let qw = 1;
    const first = joint.channelOffset;
    const last = first + joint.channels.length;
    for (let c = first; c < last; c++) {
      const value = data[row + c];
      switch (kinds[c]) {
        case 0:
          tx = add ? offset[0] + value : value;
          break;
        case 1:
          ty = add ? offset[1] + value : value;
          break;
        case 2:
          tz = add ? offset[2] + value : value;
          break;
        default: {
          // q ← q · (rotation about the channel's axis): intrinsic, in file order.
          const s = Math.sin(value * DEG_TO_HALF_RAD);
          const w = Math.cos(value * DEG_TO_HALF_RAD);
          const x0 = qx;
          const y0 = qy;
          const z0 = qz;
          const w0 = qw;
          if (kinds[c] === 3) {
            qx = w0 * s + x0 * w;
            qy = y0 * w + z0 * s;
            qz = z0 * w - y0 * s;
            qw = w0 * w - x0 * s;
          } else if (kinds[c] === 4) {
            qx = x0 * w - z0 * s;
            qy = w0 * s + y0 * w;
            qz = x0 * s + z0 * w;
            qw = w0 * w - y0 * s;
          } else {
            qx = x0 * w + y0 * s;
            qy = y0 * w - x0 * s;
            qz = w0 * s + z0 * w;
            qw = w0 * w - z0 * s;
          }
        }
      }
    }
    const p = joint.parent;
    if (p < 0) {
      positions[j * 3] = tx;
      positions[j * 3 + 1] = ty;
      positions[j * 3 + 2] = tz;
      rotations[j * 4] = qx;
      rotations[j * 4 + 1] = qy;
      rotations[j * 4 + 2] = qz;
      rotations[j * 4 + 3] = qw;
    } else {
      rotateInto(rotations, p * 4, tx, ty, tz, positions, j * 3);
      positions[j * 3] += positions[p * 3];
      positions[j * 3 + 1] += positions[p * 3 + 1];
      positions[j * 3 + 2] += positions[p * 3 + 2];
      // World rotation = parent world · local.
      const px = rotations[p * 4];
      const py = rotations[p * 4 + 1];
      const pz = rotations[p * 4 + 2];
      const pw = rotations[p * 4 + 3];
      rotations[j * 4] = pw * qx + px * qw + py * qz - pz * qy;
      rotations[j * 4 + 1] = pw * qy - px * qz + py * qw + pz * qx;
      rotations[j * 4 + 2] = pw * qz + px * qy - py * qx + pz * qw;
      rotations[j * 4 + 3] = pw * qw - px * qx - py * qy - pz * qz;
    }
    if (endSitePositions) {
      const end = joint.endSite;
      if (end === null) {
        endSitePositions[j * 3] = Number.NaN;
        endSitePositions[j * 3 + 1] = Number.NaN;
        endSitePositions[j * 3 + 2] = Number.NaN;
      } else {
        rotateInto(rotations, j * 4, end[0], end[1], end[2], endSitePositions, j * 3);
        endSitePositions[j * 3] += positions[j * 3];
        endSitePositions[j * 3 + 1] += positions[j * 3 + 1];
        endSitePositions[j * 3 + 2] += positions[j * 3 + 2];
      }
    }
  }
  return pose;
}

/** Poses of several frames, one after another: frame `i` of `frames` starts at `i * jointCount * 3` (`* 4` for rotations). */
export interface BvhPoseSequence {
  frames: number[];
  positions: Float64Array;
  rotations: Float64Array;
  endSitePositions: Float64Array | null;
}

/**
 * Convenience for tests and small clips: the poses of `frames` (default: every frame) in flat
 * arrays. Memory grows with frames × joints; for long clips loop over {@link forwardKinematics}.
 */
export function forwardKinematicsFrames(
  clip: BvhClip,
  options: Omit<ForwardKinematicsOptions, 'target'> & { frames?: readonly number[] } = {},
): BvhPoseSequence {
  const frames = options.frames ? [...options.frames] : Array.from({ length: clip.frameCount }, (_, i) => i);
  const jointCount = clip.joints.length;
  const endSites = options.endSites ?? FORWARD_KINEMATICS_DEFAULTS.endSites;
  const out: BvhPoseSequence = {
    frames,
    positions: new Float64Array(frames.length * jointCount * 3),
    rotations: new Float64Array(frames.length * jointCount * 4),
    endSitePositions: endSites ? new Float64Array(frames.length * jointCount * 3) : null,
  };
  const pose = createBvhPose(jointCount, endSites);
  frames.forEach((frame, i) => {
    forwardKinematics(clip, frame, { positionMode: options.positionMode, target: pose });
    out.positions.set(pose.positions, i * jointCount * 3);
    out.rotations.set(pose.rotations, i * jointCount * 4);
    if (out.endSitePositions && pose.endSitePositions) {
      out.endSitePositions.set(pose.endSitePositions, i * jointCount * 3);
    }
  });
  return out;
}

/** out[o…o+2] = rotate (x, y, z) by the unit quaternion q[qi…qi+3]. */
function rotateInto(
  q: Float64Array,
  qi: number,
  x: number,
  y: number,
  z: number,
  out: Float64Array,
  o: number,
): void {
  const qx = q[qi];
  const qy = q[qi + 1];
  const qz = q[qi + 2];
  const qw = q[qi + 3];
  // t = 2 (q.xyz × v); v' = v + w t + q.xyz × t
  const tx = 2 * (qy * z - qz * y);
  const ty = 2 * (qz * x - qx * z);
  const tz = 2 * (qx * y - qy * x);
  out[o] = x + qw * tx + (qy * tz - qz * ty);
  out[o + 1] = y + qw * ty + (qz * tx - qx * tz);
  out[o + 2] = z + qw * tz + (qx * ty - qy * tx);
}
