/**
 * Resample a Motion to another frame rate: rotations by slerp between the two neighbouring
 * source frames, translations linearly. Frame k of the result is at time k / fps.
 */
import { DazportError } from '../../errors.js';
import type { JointTrack, Motion } from '../../scene/motion.js';
import { slerp } from './quat.js';

/**
 * Most frames a resample makes per source frame. Resampling adds no motion, only in-betweens:
 * 1000 covers any real case (a 1 fps pose sequence to the CLI's top rate of 1000 fps; a 24 fps
 * take to 1000 fps is 42×) while a slip in `Frame Time:` (100 s instead of 0.01) cannot turn a
 * small clip into millions of frames.
 */
export const MAX_RESAMPLE_FACTOR = 1000;

/** Frames a motion of `frameCount` frames at `fromRate` has at `toRate` (same duration). */
export function resampledFrameCount(frameCount: number, fromRate: number, toRate: number): number {
  if (frameCount < 2 || fromRate === toRate) return frameCount;
  const duration = (frameCount - 1) / fromRate;
  return Math.floor(duration * toRate + 1e-9) + 1;
}

/**
 * Throw `DAZPORT_RETARGET` unless resampling `frameCount` frames from `fromRate` to `toRate` is
 * possible and stays within {@link MAX_RESAMPLE_FACTOR}; `what` names the motion (its file).
 * Callers check before the work that produces the motion.
 */
export function checkResample(frameCount: number, fromRate: number, toRate: number, what: string): void {
  if (!(toRate > 0) || !Number.isFinite(toRate))
    throw new RangeError(`resample: fps must be positive, got ${toRate}`);
  if (frameCount < 2 || fromRate === toRate) return;
  const frames = resampledFrameCount(frameCount, fromRate, toRate);
  if (fromRate > 0 && frames <= MAX_RESAMPLE_FACTOR * frameCount) return;
  const made = !Number.isFinite(frames)
    ? 'endless frames'
    : `${frames < 1e12 ? frames : frames.toExponential(1)} frames`;
  const from = Number(fromRate.toPrecision(6));
  throw new DazportError(
    'DAZPORT_RETARGET',
    `${what}: resampling ${frameCount} frames at ${from} fps to ${toRate} fps makes ${made}, more than ${MAX_RESAMPLE_FACTOR} per source frame`,
    {
      context: { motion: what, frames: frameCount, fromRate, toRate, maxFactor: MAX_RESAMPLE_FACTOR },
      suggestion: 'check Frame Time: in the file (the seconds between frames), or ask for a lower fps',
      cliSuggestion: 'check Frame Time: in the file (the seconds between frames), or pass a lower --fps',
    },
  );
}

export function resampleMotion(motion: Motion, fps: number): Motion {
  checkResample(motion.frameCount, motion.frameRate, fps, motion.name);
  if (motion.frameRate === fps || motion.frameCount < 2) return { ...motion, frameRate: fps };
  const frameCount = resampledFrameCount(motion.frameCount, motion.frameRate, fps);
  const tracks: JointTrack[] = motion.tracks.map((t) => {
    const rotations = new Float32Array(frameCount * 4);
    const translations = t.translations ? new Float32Array(frameCount * 3) : undefined;
    for (let k = 0; k < frameCount; k++) {
      const x = Math.min(motion.frameCount - 1, (k / fps) * motion.frameRate);
      const i = Math.min(motion.frameCount - 2, Math.floor(x));
      const u = x - i;
      slerp(rotations, k * 4, t.rotations, i * 4, t.rotations, (i + 1) * 4, u);
      if (translations && t.translations) {
        for (let c = 0; c < 3; c++)
          translations[k * 3 + c] = t.translations[i * 3 + c] * (1 - u) + t.translations[(i + 1) * 3 + c] * u;
      }
    }
    return translations ? { joint: t.joint, rotations, translations } : { joint: t.joint, rotations };
  });
  return { ...motion, frameRate: fps, frameCount, tracks };
}
