/**
 * Forward kinematics of a DAZ skeleton driven by a Motion, the way DAZ Studio poses it:
 * W = W_parent · T(t) · T(c) · O · R · O⁻¹ · T(−c), joint centre at W · c. Used to measure a
 * retarget and by writers that need joint world positions.
 */
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
    const local = qmul(qmul(o, r), [-o[0], -o[1], -o[2], o[3]]);
    // Local map: p ↦ local·(p − c) + c + t
    const c = j.origin;
    const lc = qrot(local, c);
    const localT = [c[0] + t[0] - lc[0], c[1] + t[1] - lc[1], c[2] + t[2] - lc[2]];
    if (j.parent < 0) {
      rot.set(local, b * 4);
      trans.set(localT, b * 3);
    } else {
      const pr = [rot[j.parent * 4], rot[j.parent * 4 + 1], rot[j.parent * 4 + 2], rot[j.parent * 4 + 3]];
      const pt = [trans[j.parent * 3], trans[j.parent * 3 + 1], trans[j.parent * 3 + 2]];
      rot.set(qmul(pr, local), b * 4);
      const moved = qrot(pr, localT);
      trans.set([moved[0] + pt[0], moved[1] + pt[1], moved[2] + pt[2]], b * 3);
    }
    const w = [rot[b * 4], rot[b * 4 + 1], rot[b * 4 + 2], rot[b * 4 + 3]];
    const p = qrot(w, c);
    out[b * 3] = p[0] + trans[b * 3];
    out[b * 3 + 1] = p[1] + trans[b * 3 + 1];
    out[b * 3 + 2] = p[2] + trans[b * 3 + 2];
  }
  return out;
}

function qmul(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  return [
    a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
    a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
    a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
    a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
  ];
}

function qrot(q: ArrayLike<number>, v: ArrayLike<number>): number[] {
  const [x, y, z, w] = [q[0], q[1], q[2], q[3]];
  const tx = 2 * (y * v[2] - z * v[1]);
  const ty = 2 * (z * v[0] - x * v[2]);
  const tz = 2 * (x * v[1] - y * v[0]);
  return [
    v[0] + w * tx + (y * tz - z * ty),
    v[1] + w * ty + (z * tx - x * tz),
    v[2] + w * tz + (x * ty - y * tx),
  ];
}
