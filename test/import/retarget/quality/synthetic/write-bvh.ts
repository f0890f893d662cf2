/**
 * Writes a posed synthetic skeleton as BVH text, in a chosen joint-frame style, file axes,
 * rotation order and unit (see joint-frames.ts for the algebra). The joint with the positions
 * (the root, and a positioned Hips under a static root) has OFFSET 0 0 0 and six channels, so
 * readers that add position channels to OFFSET (three.js) and readers that replace it
 * (dazport's default) agree.
 */
import { quat, vec3 } from 'gl-matrix';
import { quatToEulerDegrees, type RotationOrder } from './euler-angles.js';
import { type FileAxes, performerToFile } from './file-axes.js';
import { q64, v64 } from './gl64.js';
import { type JointFrameStyle, jointFrames } from './joint-frames.js';
import type { PosedSkeleton } from './pose-skeleton.js';

export interface WriteBvhOptions {
  style: JointFrameStyle;
  axes: FileAxes;
  order: RotationOrder;
}

const DIGITS = 6;
const num = (x: number) => {
  const s = x.toFixed(DIGITS);
  return s === `-${(0).toFixed(DIGITS)}` ? (0).toFixed(DIGITS) : s;
};

export function writeSyntheticBvh(posed: PosedSkeleton, options: WriteBvhOptions): string {
  const { skeleton } = posed;
  const joints = skeleton.joints;
  const unit = skeleton.unitCm;
  const c = performerToFile(options.axes) as unknown as quat;
  const frames = jointFrames(skeleton, options.style, c as unknown as Float64Array);
  const index = new Map(joints.map((j, i) => [j.name, i]));
  const parent = joints.map((j) => (j.parent === null ? -1 : (index.get(j.parent) as number)));
  const positioned = joints.map((j, i) => parent[i] < 0 || j.role === 'hips');
  const rotationChannels = [...options.order].map((a) => `${a}rotation`).join(' ');

  // ─── HIERARCHY ───
  const lines: string[] = ['HIERARCHY'];
  const v = v64();
  const local = (into: number, from: number[], to: number[]) => {
    vec3.set(v, (to[0] - from[0]) / unit, (to[1] - from[1]) / unit, (to[2] - from[2]) / unit);
    const inv = quat.invert(q64(), frames[into] as unknown as quat);
    return vec3.transformQuat(v64(), v, inv);
  };
  const write = (j: number, depth: number) => {
    const pad = '  '.repeat(depth);
    const joint = joints[j];
    lines.push(`${pad}${parent[j] < 0 ? 'ROOT' : 'JOINT'} ${joint.name}`, `${pad}{`);
    const offset = positioned[j] ? [0, 0, 0] : local(parent[j], joints[parent[j]].at, joint.at);
    lines.push(`${pad}  OFFSET ${[...offset].map(num).join(' ')}`);
    lines.push(
      positioned[j]
        ? `${pad}  CHANNELS 6 Xposition Yposition Zposition ${rotationChannels}`
        : `${pad}  CHANNELS 3 ${rotationChannels}`,
    );
    joints.forEach((_, k) => {
      if (parent[k] === j) write(k, depth + 1);
    });
    if (joint.end) {
      const end = local(j, joint.at, joint.end);
      lines.push(
        `${pad}  End Site`,
        `${pad}  {`,
        `${pad}    OFFSET ${[...end].map(num).join(' ')}`,
        `${pad}  }`,
      );
    }
    lines.push(`${pad}}`);
  };
  write(0, 0);

  // ─── MOTION ───
  lines.push('MOTION', `Frames: ${posed.frameCount}`, `Frame Time: ${posed.frameTime.toFixed(7)}`);
  const world = joints.map(() => q64());
  const filePos = joints.map(() => v64());
  const q = q64();
  const inv = q64();
  for (let f = 0; f < posed.frameCount; f++) {
    const row: string[] = [];
    joints.forEach((joint, j) => {
      const s = posed.rotations[j].subarray(f * 4, f * 4 + 4) as unknown as quat;
      // W = C · S · M; a static root never turns.
      if (joint.role === 'static') quat.identity(world[j]);
      else quat.multiply(world[j], quat.multiply(q, c, s), frames[j] as unknown as quat);
      const p = posed.positions[j];
      vec3.transformQuat(filePos[j], [p[f * 3] / unit, p[f * 3 + 1] / unit, p[f * 3 + 2] / unit], c);
      const pj = parent[j];
      let localRot: quat = world[j];
      if (pj >= 0) localRot = quat.multiply(q64(), quat.invert(inv, world[pj]), world[j]);
      if (positioned[j]) {
        const t = vec3.copy(v64(), filePos[j]);
        if (pj >= 0) {
          vec3.subtract(t, t, filePos[pj]);
          vec3.transformQuat(t, t, quat.invert(inv, world[pj]));
        }
        row.push(...[...t].map(num));
      }
      row.push(...quatToEulerDegrees(localRot, options.order).map(num));
    });
    lines.push(row.join(' '));
  }
  return `${lines.join('\n')}\n`;
}
