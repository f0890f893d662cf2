/**
 * BVH motion capture import: a streaming reader into one typed array, forward kinematics and
 * inspection helpers.
 */
export { BvhClip, type BvhClipInit } from './bvh-clip.js';
export { BvhParseError } from './bvh-parse-error.js';
export { BvhReadError } from './bvh-read-error.js';
export { type BvhStreamOptions, BvhStreamParser } from './bvh-stream-parser.js';
export {
  BVH_CHANNELS,
  BVH_PARSE_DEFAULTS,
  type BvhChannel,
  type BvhChannelKind,
  type BvhFrameData,
  type BvhJoint,
  type BvhParseOptions,
  type BvhPrecision,
  type BvhVec3,
} from './bvh-types.js';
export {
  type BvhPose,
  type BvhPoseSequence,
  type BvhPositionMode,
  createBvhPose,
  FORWARD_KINEMATICS_DEFAULTS,
  type ForwardKinematicsOptions,
  forwardKinematics,
  forwardKinematicsFrames,
} from './forward-kinematics.js';
export { FRAME_RATE_SNAP_TOLERANCE, snapFrameRate } from './frame-rate.js';
export { getNamespace, stripNamespace } from './joint-namespace.js';
export { NotBvhFileError } from './not-bvh-file-error.js';
export { parseBvh } from './parse-bvh.js';
export { READ_BVH_FILE_DEFAULTS, type ReadBvhFileOptions, readBvhFile } from './read-bvh-file.js';
export {
  type BvhChannelLayout,
  type BvhClipSummary,
  formatBvhClipSummary,
  summarizeBvhClip,
} from './summarize-bvh-clip.js';
