/**
 * A DAZ skeleton with a Motion, seen as a BVH clip: joints at the rest joint centres (OFFSET =
 * origin − parent origin), rotation channels holding each bone's rotation relative to its rest
 * in its parent's world-aligned frame (O · R · O⁻¹, Euler ZYX), and the hip's translation.
 * Lets a retargeted motion be retargeted again (round-trip tests) or written out as BVH.
 */
import { quatConjugate, quatMultiply, quatToEulerDegrees } from '../../math/euler.js';
import { frameRotation, type Motion } from '../../scene/motion.js';
import { BvhClip } from '../bvh/bvh-clip.js';
import type { BvhChannel, BvhJoint } from '../bvh/bvh-types.js';
import type { TargetRig } from './target-rig.js';

const ROT: BvhChannel[] = ['Zrotation', 'Yrotation', 'Xrotation'];

export function rigMotionAsClip(rig: TargetRig, motion: Motion, file = `${rig.label}.bvh`): BvhClip {
  const tracks = new Map(motion.tracks.map((t) => [t.joint, t]));
  let column = 0;
  const joints: BvhJoint[] = rig.joints.map((j, i) => {
    const parentOrigin = j.parent >= 0 ? rig.joints[j.parent].origin : [0, 0, 0];
    const channels: BvhChannel[] = j.parent < 0 ? ['Xposition', 'Yposition', 'Zposition', ...ROT] : [...ROT];
    const joint: BvhJoint = {
      name: j.name,
      parent: j.parent,
      offset:
        j.parent < 0
          ? [...j.origin]
          : [j.origin[0] - parentOrigin[0], j.origin[1] - parentOrigin[1], j.origin[2] - parentOrigin[2]],
      channels,
      channelOffset: column,
      endSite: rig.joints.some((c) => c.parent === i)
        ? null
        : [j.end[0] - j.origin[0], j.end[1] - j.origin[1], j.end[2] - j.origin[2]],
      line: 0,
    };
    column += channels.length;
    return joint;
  });
  const data = new Float64Array(motion.frameCount * column);
  for (let f = 0; f < motion.frameCount; f++) {
    rig.joints.forEach((j, i) => {
      const track = tracks.get(j.name);
      const r = frameRotation(track?.rotations, f);
      const o = j.orientation;
      const world = quatMultiply(quatMultiply(o, r), quatConjugate(o));
      const [x, y, z] = quatToEulerDegrees('ZYX', world);
      let c = f * column + joints[i].channelOffset;
      if (j.parent < 0) {
        const t = track?.translations
          ? [track.translations[f * 3], track.translations[f * 3 + 1], track.translations[f * 3 + 2]]
          : [0, 0, 0];
        data[c++] = j.origin[0] + t[0];
        data[c++] = j.origin[1] + t[1];
        data[c++] = j.origin[2] + t[2];
      }
      data[c] = z;
      data[c + 1] = y;
      data[c + 2] = x;
    });
  }
  return new BvhClip({
    file,
    joints,
    channelCount: column,
    frameCount: motion.frameCount,
    frameTime: 1 / motion.frameRate,
    data,
  });
}
