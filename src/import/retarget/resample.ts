/**
 * Resample a Motion to another frame rate: rotations by slerp between the two neighbouring
 * source frames, translations linearly. Frame k of the result is at time k / fps.
 */
import type { JointTrack, Motion } from '../../scene/motion.js';
import { slerp } from './quat.js';

export function resampleMotion(motion: Motion, fps: number): Motion {
  if (!(fps > 0)) throw new RangeError(`resampleMotion: fps must be positive, got ${fps}`);
  if (motion.frameRate === fps || motion.frameCount < 2) return { ...motion, frameRate: fps };
  const duration = (motion.frameCount - 1) / motion.frameRate;
  const frameCount = Math.floor(duration * fps + 1e-9) + 1;
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
