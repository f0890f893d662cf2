/**
 * The frame rate a retarget works at, from the clip's `Frame Time:`, checked before any frame is
 * touched. Every window the retarget measures in seconds (grounding's lift easing, the foot lock's
 * plant length and easing, speeds) becomes a count of frames through it, and so does a resample:
 * an absurd rate is work out of all proportion to the data. `Frame Time: 1e-300` is 10^300 fps,
 * a lift eased over 10^299 frames; `Frame Time: 0` (no rate) gave key times of Infinity.
 */
import { DazportError } from '../../errors.js';
import type { BvhClip } from '../bvh/bvh-clip.js';

/**
 * Highest source rate accepted: 10 kHz, ten times the fastest optical capture runs at (~1000 fps
 * for sports work; typical takes are 30 to 240). A `Frame Time:` below 0.1 ms is a typo or a
 * hostile file, and a rate above this would make the second-based windows thousands of frames
 * wide.
 */
export const MAX_SOURCE_FRAME_RATE = 10_000;

/** Rate given a single pose whose file has no rate (`Frame Time: 0`): DAZ Studio's default. */
export const POSE_FRAME_RATE = 30;

/**
 * Frames per second of `clip` for a retarget of `frameCount` of its frames. `Frame Time: 0` means
 * the file gives no rate: the frames are then taken at `rateIfUnknown` (the output rate the caller
 * asked for), and a single pose needs none. Throws `DAZPORT_RETARGET` for a motion without a rate
 * and for a rate above {@link MAX_SOURCE_FRAME_RATE}.
 */
export function clipFrameRate(clip: BvhClip, frameCount: number, rateIfUnknown?: number): number {
  const rate = clip.frameRate;
  if (rate > MAX_SOURCE_FRAME_RATE) {
    throw new DazportError(
      'DAZPORT_RETARGET',
      `${clip.file}: Frame Time: ${clip.frameTime} is ${formatRate(rate)} fps, more than the ${MAX_SOURCE_FRAME_RATE} fps any capture runs at`,
      {
        context: { file: clip.file, frameTime: clip.frameTime, maxFrameRate: MAX_SOURCE_FRAME_RATE },
        suggestion: 'fix Frame Time: in the file: it is the seconds between frames (0.0083333 for 120 fps)',
      },
    );
  }
  if (rate > 0) return rate;
  if (rateIfUnknown !== undefined && rateIfUnknown > 0) return rateIfUnknown;
  if (frameCount <= 1) return POSE_FRAME_RATE;
  throw new DazportError(
    'DAZPORT_RETARGET',
    `${clip.file}: Frame Time: 0 gives no frame rate for its ${frameCount} frames`,
    {
      context: { file: clip.file, frameTime: clip.frameTime, frames: frameCount },
      suggestion:
        'give the rate the clip was captured at as fps (its frames are then taken at that rate), or fix Frame Time: in the file',
      cliSuggestion:
        'pass the rate the clip was captured at with --fps (its frames are then taken at that rate), or fix Frame Time: in the file',
    },
  );
}

/** `1e+300`, `12000`, `81.3`: a rate as a message shows it. */
function formatRate(rate: number): string {
  return rate >= 1e6 ? rate.toExponential(0) : String(Number(rate.toPrecision(4)));
}
