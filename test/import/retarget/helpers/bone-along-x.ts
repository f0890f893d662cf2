/**
 * The same capture written the way LAFAN1, Bandai-Namco and many DCC exporters write it: every
 * joint's frame turned so that its (first) child lies along its local +X. World positions are
 * unchanged at every frame, but with zero rotations the skeleton is a straight line along X: the
 * rest pose lives in the rotation channels.
 */

import { BvhClip } from '../../../../src/import/bvh/bvh-clip.js';
import type { BvhJoint } from '../../../../src/import/bvh/bvh-types.js';
import { createBvhPose, forwardKinematics } from '../../../../src/import/bvh/forward-kinematics.js';
import { fromTo, normalize3 } from '../../../../src/import/retarget/quat.js';
import {
  type Quat,
  quatConjugate,
  quatMultiply,
  quatRotate,
  quatToEulerDegrees,
} from '../../../../src/math/euler.js';
import type { RotationOrderName } from '../../../../src/math/rotation-order.js';

/** `clip` re-expressed with bone-along-X joint frames; rotation channels keep their file order. */
export function boneAlongX(clip: BvhClip): BvhClip {
  const joints = clip.joints;
  // C_j: the joint's new frame relative to its old one (child direction → +X).
  const frames: Quat[] = joints.map((j, i) => {
    const child = joints.findIndex((c) => c.parent === i);
    const dir = child >= 0 ? joints[child].offset : (j.endSite ?? [0, 0, 0]);
    return Math.hypot(dir[0], dir[1], dir[2]) > 1e-9 ? fromTo([1, 0, 0], normalize3(dir)) : [0, 0, 0, 1];
  });
  const newJoints: BvhJoint[] = joints.map((j, i) => {
    const cp = j.parent >= 0 ? quatConjugate(frames[j.parent]) : ([0, 0, 0, 1] as Quat);
    const offset = quatRotate(cp, [j.offset[0], j.offset[1], j.offset[2]]);
    const endSite = j.endSite
      ? quatRotate(quatConjugate(frames[i]), [j.endSite[0], j.endSite[1], j.endSite[2]])
      : null;
    return { ...j, offset, endSite };
  });
  const pose = createBvhPose(joints.length);
  const data = new Float64Array(clip.frameCount * clip.channelCount);
  for (let f = 0; f < clip.frameCount; f++) {
    forwardKinematics(clip, f, { target: pose });
    joints.forEach((j, i) => {
      const world = (k: number): Quat => [
        pose.rotations[k * 4],
        pose.rotations[k * 4 + 1],
        pose.rotations[k * 4 + 2],
        pose.rotations[k * 4 + 3],
      ];
      // New world frame W' = W · C; local L' = W'_parent⁻¹ · W'.
      const w = quatMultiply(world(i), frames[i]);
      const parent = j.parent >= 0 ? quatMultiply(world(j.parent), frames[j.parent]) : ([0, 0, 0, 1] as Quat);
      const local = quatMultiply(quatConjugate(parent), w);
      const rot = j.channels.filter((c) => c.endsWith('rotation'));
      const order = rot.map((c) => c[0]).join('') as RotationOrderName;
      const angles = quatToEulerDegrees(order, local);
      j.channels.forEach((c, k) => {
        const col = f * clip.channelCount + j.channelOffset + k;
        const axis = 'XYZ'.indexOf(c[0]);
        data[col] = c.endsWith('rotation') ? angles[axis] : clip.data[col];
      });
    });
  }
  return new BvhClip({
    file: clip.file.replace(/\.bvh$/i, '-bone-along-x.bvh'),
    joints: newJoints,
    channelCount: clip.channelCount,
    frameCount: clip.frameCount,
    frameTime: clip.frameTime,
    data,
  });
}
