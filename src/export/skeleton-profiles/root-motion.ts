/**
 * `--root-motion in-place|extract` on a motion's hip track. Translations are the hip's translate
 * channels (cm, in the figure's frame, which is also the root bone's: it has the figure's axes),
 * so the split is exact: root track + hip track = the original hip translation, every frame.
 */
import type { Motion } from '../../scene/motion.js';
import type { RootMotionMode } from './profile.js';

/**
 * The motion with its `hip` track's horizontal translation (X, Z) removed (`in-place`: the figure
 * stays over its rest spot, the height is kept) or moved onto a track for `root` (`extract`: the
 * root carries X/Z on the floor, the hip keeps only Y). A motion without hip translations comes
 * back unchanged.
 */
export function withRootMotion(motion: Motion, mode: RootMotionMode, hip: string, root?: string): Motion {
  if (mode === 'keep') return motion;
  const track = motion.tracks.find((t) => t.joint === hip);
  const t = track?.translations;
  if (!track || !t) return motion;
  const vertical = new Float32Array(t.length);
  for (let i = 1; i < t.length; i += 3) vertical[i] = t[i];
  const tracks = motion.tracks.map((x) => (x === track ? { ...track, translations: vertical } : x));
  if (mode === 'in-place' || root === undefined) return { ...motion, tracks };
  const horizontal = new Float32Array(t.length);
  for (let i = 0; i < t.length; i += 3) {
    horizontal[i] = t[i];
    horizontal[i + 2] = t[i + 2];
  }
  const identity = new Float32Array(motion.frameCount * 4);
  for (let f = 0; f < motion.frameCount; f++) identity[f * 4 + 3] = 1;
  return {
    ...motion,
    tracks: [
      ...tracks.filter((x) => x.joint !== root),
      { joint: root, rotations: identity, translations: horizontal },
    ],
  };
}
