/**
 * reparentToGrandparent against DAZ's own bone transform, evaluated here with gl-matrix:
 * W = W_parent · T(t) · T(c) · O·R·O⁻¹ · T(−c) (src/emulator/dom/node-transform.ts). A chain
 * B → T → J with every bone turned (and T, J translated): J hung from B keeps its world
 * transform, in the current pose and in every frame of a motion.
 */
import { mat4, quat } from 'gl-matrix';
import { describe, expect, it } from 'vitest';
import { reparentToGrandparent } from '../../../src/export/skeleton-profiles/reparent.js';
import { eulerDegreesToQuat, type Quat } from '../../../src/math/euler.js';
import type { Motion } from '../../../src/scene/motion.js';
import { createScene, type Scene } from '../../../src/scene/scene.js';
import type { Joint } from '../../../src/scene/skeleton.js';

const I = new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);

function joint(
  name: string,
  parent: number,
  node: number,
  origin: number[],
  o: Quat,
  rotation: number[],
  translation: number[],
): Joint {
  return {
    name,
    label: name,
    parent,
    node,
    rotationOrder: 'XZY',
    origin: origin as Joint['origin'],
    end: origin as Joint['end'],
    orientation: o,
    rotation: rotation as Joint['rotation'],
    translation: translation as Joint['translation'],
  };
}

/** DAZ's bone transform, with R given as a quaternion per joint (undefined: its rotate channels). */
function worlds(joints: readonly Joint[], r?: (j: number) => Quat, t?: (j: number) => number[]): mat4[] {
  const out: mat4[] = [];
  joints.forEach((j, i) => {
    const o = quat.normalize(quat.create(), j.orientation as unknown as quat);
    const rq = r ? r(i) : eulerDegreesToQuat(j.rotationOrder, j.rotation[0], j.rotation[1], j.rotation[2]);
    const l = quat.multiply(
      quat.create(),
      quat.multiply(quat.create(), o, rq as unknown as quat),
      quat.invert(quat.create(), o),
    );
    const tr = t ? t(i) : j.translation;
    const m = mat4.clone(j.parent >= 0 ? out[j.parent] : (I as unknown as mat4));
    mat4.translate(m, m, [tr[0] + j.origin[0], tr[1] + j.origin[1], tr[2] + j.origin[2]]);
    mat4.multiply(m, m, mat4.fromQuat(mat4.create(), l));
    mat4.translate(m, m, [-j.origin[0], -j.origin[1], -j.origin[2]]);
    out.push(m);
  });
  return out;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

function chain(): Scene {
  const scene = createScene({ description: 'test' });
  const o1: Quat = [0.1, 0.2, -0.1, 0.97];
  const o2: Quat = [-0.2, 0.1, 0.3, 0.93];
  const o3: Quat = [0.05, -0.3, 0.1, 0.95];
  scene.nodes = ['fig', 'B', 'T', 'J'].map((name, i) => ({
    id: name,
    name,
    label: name,
    kind: i === 0 ? 'figure' : 'bone',
    className: 'x',
    parent: i - 1,
    worldMatrix: I,
    visible: true,
  }));
  scene.skeletons = [
    {
      name: 'fig',
      label: 'fig',
      node: 0,
      joints: [
        joint('B', -1, 1, [1, 2, 3], o1, [10, -20, 5], [0.5, 0, 0]),
        joint('T', 0, 2, [4, 6, 2], o2, [35, 12, -8], [0, 0.3, 0]),
        joint('J', 1, 3, [9, 8, 1], o3, [-15, 25, 40], [0.2, -0.1, 0.4]),
      ],
    },
  ];
  return scene;
}

describe('reparentToGrandparent', () => {
  it('keeps the child’s world transform in the current pose', () => {
    const scene = chain();
    const before = worlds(scene.skeletons[0].joints);
    reparentToGrandparent(scene, 0, 2, []);
    const joints = scene.skeletons[0].joints;
    expect(joints[2].parent).toBe(0);
    expect(scene.nodes[3].parent).toBe(1);
    const after = worlds(joints);
    // gl-matrix works in float32 here: 1e-5 on values of about 10.
    expect(maxDiff(after[2], before[2])).toBeLessThan(1e-5);
    expect(maxDiff(after[1], before[1])).toBe(0);
  });

  it('keeps it in every frame of a motion (a twist track, the child untracked and tracked)', () => {
    for (const trackChild of [false, true]) {
      const scene = chain();
      const frames = 5;
      const rot = (f: number, k: number): Quat => eulerDegreesToQuat('XYZ', 10 * f + k, -7 * f, 3 * f * k);
      const track = (k: number) => {
        const a = new Float32Array(frames * 4);
        for (let f = 0; f < frames; f++) a.set(rot(f, k), f * 4);
        return a;
      };
      const motion: Motion = {
        name: 'm',
        frameRate: 30,
        frameCount: frames,
        skeleton: 0,
        tracks: [
          { joint: 'B', rotations: track(1) },
          { joint: 'T', rotations: track(2) },
          ...(trackChild ? [{ joint: 'J', rotations: track(3) }] : []),
        ],
      };
      scene.motions = [motion];
      const before = scene.skeletons[0].joints;
      reparentToGrandparent(scene, 0, 2, [0]);
      const after = scene.skeletons[0].joints;
      const folded = scene.motions[0].tracks.find((t) => t.joint === 'J');
      expect(folded?.translations?.length).toBe(frames * 3);
      if (!folded?.translations) throw new Error('no folded track');
      const { rotations, translations } = folded;
      for (let f = 0; f < frames; f++) {
        const fr = (a: Float32Array): Quat => [a[f * 4], a[f * 4 + 1], a[f * 4 + 2], a[f * 4 + 3]];
        const old = worlds(before, (j) =>
          j === 2 && !trackChild ? eulerDegreesToQuat('XZY', -15, 25, 40) : rot(f, j + 1),
        );
        const now = worlds(
          after,
          (j) => (j === 2 ? fr(rotations) : rot(f, j + 1)),
          (j) => (j === 2 ? Array.from(translations.slice(f * 3, f * 3 + 3)) : after[j].translation),
        );
        expect(maxDiff(now[2], old[2]), `frame ${f}`).toBeLessThan(1e-5);
      }
    }
  });
});
