/**
 * Resample a Motion to another frame rate: rotations by slerp between the two neighbouring
 * source frames, translations linearly. Frame k of the result is at time k / fps.
 */
import type { JointTrack, Motion } from '../../scene/motion.js';

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
      slerpInto(rotations, k * 4, t.rotations, i * 4, (i + 1) * 4, u);
      if (translations && t.translations) {
        for (let c = 0; c < 3; c++)
          translations[k * 3 + c] = t.translations[i * 3 + c] * (1 - u) + t.translations[(i + 1) * 3 + c] * u;
      }
    }
    return translations ? { joint: t.joint, rotations, translations } : { joint: t.joint, rotations };
  });
  return { ...motion, frameRate: fps, frameCount, tracks };
}

function slerpInto(out: Float32Array, o: number, src: Float32Array, a: number, b: number, u: number): void {
  let bx = src[b];
  let by = src[b + 1];
  let bz = src[b + 2];
  let bw = src[b + 3];
  let cos = src[a] * bx + src[a + 1] * by + src[a + 2] * bz + src[a + 3] * bw;
  if (cos < 0) {
    bx = -bx;
    by = -by;
    bz = -bz;
    bw = -bw;
    cos = -cos;
  }
  let wa = 1 - u;
  let wb = u;
  if (cos < 0.9995) {
    const theta = Math.acos(cos);
    const s = Math.sin(theta);
    wa = Math.sin((1 - u) * theta) / s;
    wb = Math.sin(u * theta) / s;
  }
  const x = src[a] * wa + bx * wb;
  const y = src[a + 1] * wa + by * wb;
  const z = src[a + 2] * wa + bz * wb;
  const w = src[a + 3] * wa + bw * wb;
  const n = Math.hypot(x, y, z, w) || 1;
  out[o] = x / n;
  out[o + 1] = y / n;
  out[o + 2] = z / n;
  out[o + 3] = w / n;
}
