/**
 * The retarget quality metric: per mapped bone pair and frame, the angle between the source
 * bone's world direction (joint → mapped child, in DAZ's frame) and the target bone's (bone →
 * mapped child). Scale-free, so it compares a 5.6 cm-unit CMU skeleton with a Genesis figure.
 */
import { quatRotate } from '../../math/euler.js';
import type { BvhClip } from '../bvh/bvh-clip.js';
import { createBvhPose, forwardKinematics } from '../bvh/forward-kinematics.js';
import type { RetargetResult } from './retarget.js';
import { targetJointPositions } from './target-pose.js';
import type { TargetRig } from './target-rig.js';

export interface DirectionErrorReport {
  /** Degrees. */
  mean: number;
  p95: number;
  max: number;
  samples: number;
  /** Worst pairs by mean error, canonical name → mean degrees. */
  byBone: Record<string, number>;
}

export function boneDirectionError(
  clip: BvhClip,
  result: RetargetResult,
  rig: TargetRig,
  options: {
    bodyOnly?: boolean;
    frames?: number[];
    firstFrame?: number;
    positionMode?: 'replace' | 'add';
  } = {},
): DirectionErrorReport {
  const first = options.firstFrame ?? 0;
  const frames = options.frames ?? Array.from({ length: result.motion.frameCount }, (_, i) => i);
  const pairs = result.pairs.filter(
    (p) => p.sourceChild >= 0 && p.targetChild >= 0 && (!options.bodyOnly || p.body),
  );
  const q = result.sourceFrame;
  const pose = createBvhPose(clip.joints.length);
  const errors: number[] = [];
  const perBone = new Map<string, number[]>();
  const target = new Float64Array(rig.joints.length * 3);
  for (const f of frames) {
    forwardKinematics(clip, first + f, { target: pose, positionMode: options.positionMode });
    targetJointPositions(rig, result.motion, f, target);
    for (const p of pairs) {
      const s = sub3(pose.positions, p.sourceChild, p.sourceJoint);
      if (Math.hypot(...s) < 1e-9) continue; // zero-length source segment: no direction
      const sDaz = quatRotate(q, s);
      const t = sub3(target, p.targetChild, p.targetBone);
      const angle = angleBetween(sDaz, t);
      errors.push(angle);
      const list = perBone.get(p.canonical) ?? [];
      list.push(angle);
      perBone.set(p.canonical, list);
    }
  }
  errors.sort((a, b) => a - b);
  const mean = errors.reduce((a, b) => a + b, 0) / Math.max(1, errors.length);
  const byBone = Object.fromEntries(
    [...perBone]
      .map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / v.length] as const)
      .sort((a, b) => b[1] - a[1]),
  );
  return {
    mean,
    p95: errors[Math.floor(errors.length * 0.95)] ?? 0,
    max: errors.at(-1) ?? 0,
    samples: errors.length,
    byBone,
  };
}

function sub3(a: Float64Array, i: number, j: number): [number, number, number] {
  return [a[i * 3] - a[j * 3], a[i * 3 + 1] - a[j * 3 + 1], a[i * 3 + 2] - a[j * 3 + 2]];
}

function angleBetween(a: readonly number[], b: readonly number[]): number {
  const la = Math.hypot(a[0], a[1], a[2]);
  const lb = Math.hypot(b[0], b[1], b[2]);
  if (la === 0 || lb === 0) return 0;
  const c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (la * lb);
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
}
