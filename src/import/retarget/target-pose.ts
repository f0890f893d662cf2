/**
 * Forward kinematics of a DAZ skeleton driven by a Motion, the way DAZ Studio poses it:
 * W = W_parent · T(t) · T(c) · O · R · O⁻¹ · T(−c), joint centre at W · c. Used to measure a
 * retarget and by writers that need joint world positions.
 */
import { type Quat, quatConjugate, quatMultiply, quatRotate } from '../../math/euler.js';
import { frameRotation, type Motion } from '../../scene/motion.js';
import type { TargetRig } from './target-rig.js';

/** World joint centres (cm, figure space) of every rig joint at `frame`; 3 per joint. */
export function targetJointPositions(
  rig: TargetRig,
  motion: Motion,
  frame: number,
  out = new Float64Array(rig.joints.length * 3),
): Float64Array {
  const n = rig.joints.length;
  const tracks = new Map(motion.tracks.map((t) => [t.joint, t]));
  // Per joint: world rotation (quat) and world translation of the affine map, applied to rest points.
  const rot = new Float64Array(n * 4);
  const trans = new Float64Array(n * 3);
  for (let b = 0; b < n; b++) {
    const j = rig.joints[b];
    const track = tracks.get(j.name);
    const r = frameRotation(track?.rotations, frame);
    const t = track?.translations
      ? [track.translations[frame * 3], track.translations[frame * 3 + 1], track.translations[frame * 3 + 2]]
      : [0, 0, 0];
    const o = j.orientation;
    const local = quatMultiply(quatMultiply(o, r), quatConjugate(o));
    // Local map: p ↦ local·(p − c) + c + t
    const c = j.origin;
    const lc = quatRotate(local, c);
    const localT: [number, number, number] = [c[0] + t[0] - lc[0], c[1] + t[1] - lc[1], c[2] + t[2] - lc[2]];
    if (j.parent < 0) {
      rot.set(local, b * 4);
      trans.set(localT, b * 3);
    } else {
      const pr: Quat = [
        rot[j.parent * 4],
        rot[j.parent * 4 + 1],
        rot[j.parent * 4 + 2],
        rot[j.parent * 4 + 3],
      ];
      const pt = [trans[j.parent * 3], trans[j.parent * 3 + 1], trans[j.parent * 3 + 2]];
      rot.set(quatMultiply(pr, local), b * 4);
      const moved = quatRotate(pr, localT);
      trans.set([moved[0] + pt[0], moved[1] + pt[1], moved[2] + pt[2]], b * 3);
    }
    const w: Quat = [rot[b * 4], rot[b * 4 + 1], rot[b * 4 + 2], rot[b * 4 + 3]];
    const p = quatRotate(w, c);
    out[b * 3] = p[0] + trans[b * 3];
    out[b * 3 + 1] = p[1] + trans[b * 3 + 1];
    out[b * 3 + 2] = p[2] + trans[b * 3 + 2];
  }
  return out;
}
