/**
 * Small hand-built Scenes for the writer's unit tests: a posed stage (a quad and a triangle with
 * two surfaces, a group, a camera, four lights) and a rigged one (three joints, a skinned strip,
 * a morph, a motion), with DAZ's own transform formula to compute what DAZ would show.
 */
import { mat4, quat } from 'gl-matrix';
import { eulerDegreesToQuat, type Quat } from '../../../src/math/euler.js';
import type { Mesh } from '../../../src/scene/mesh.js';
import type { Motion } from '../../../src/scene/motion.js';
import { createScene, type Scene } from '../../../src/scene/scene.js';
import type { SceneNode } from '../../../src/scene/scene-node.js';
import type { Joint } from '../../../src/scene/skeleton.js';

type M = Float64Array;

const translation = (x: number, y: number, z: number): M =>
  mat4.fromTranslation(new Float64Array(16), [x, y, z]) as M;
const fromQuat = (q: Quat): M => mat4.fromQuat(new Float64Array(16), new Float64Array(q)) as M;
const mul = (...ms: M[]): M => ms.reduce((a, b) => mat4.multiply(new Float64Array(16), a, b) as M);

function node(partial: Partial<SceneNode> & Pick<SceneNode, 'label' | 'kind'>): SceneNode {
  return {
    id: partial.label,
    name: partial.label.replace(/\s+/g, ''),
    className: 'DzNode',
    parent: -1,
    worldMatrix: translation(0, 0, 0),
    visible: true,
    ...partial,
  };
}

/** A posed stage: group "Stage" > mesh "Plate" (quad + triangle, 2 surfaces); camera; lights. */
export function posedStage(): Scene {
  const scene = createScene({ description: 'a hand-built test scene', sceneName: 'tiny' });
  scene.materials.push(
    {
      name: 'Top',
      shader: 'Iray Uber',
      channels: {
        'Diffuse Color': { label: 'Base Color', value: [0.8, 0.2, 0.1] },
        'Glossy Roughness': { label: 'Glossy Roughness', value: 0.4 },
        'Metallic Weight': { label: 'Metallicity', value: 0.5 },
      },
    },
    {
      name: 'Side "B"',
      shader: 'DAZ Studio Default',
      channels: { 'Diffuse Color': { label: 'Diffuse Color', value: [0.5, 0.5, 0.5] } },
    },
  );
  const rot = fromQuat(eulerDegreesToQuat('XYZ', 10, 20, 30));
  scene.nodes.push(node({ label: 'Stage', kind: 'group', worldMatrix: mul(translation(5, 0, -5), rot) }));
  scene.nodes.push(
    node({ label: 'Plate', kind: 'mesh', parent: 0, mesh: 0, worldMatrix: mul(translation(5, 10, -5), rot) }),
  );
  const mesh: Mesh = {
    name: 'Plate',
    node: 1,
    space: 'world',
    positions: new Float32Array([0, 0, 0, 10, 0, 0, 10, 10, 0, 0, 10, 0, 20, 0, 0.123456789]),
    faceSizes: new Uint8Array([4, 3]),
    faceVertexIndices: new Uint32Array([0, 1, 2, 3, 1, 4, 2]),
    uvSets: [
      {
        name: 'Default UVs',
        values: new Float32Array([0, 0, 0.5, 0, 0.5, 1, 0, 1, 1, 0, 0.5, 0]),
        cornerIndices: new Uint32Array([0, 1, 2, 3, 5, 4, 2]),
      },
    ],
    normals: new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]),
    faceMaterial: new Uint16Array([0, 1]),
    materials: [0, 1],
    materialGroups: ['Top', 'Side "B"'],
    subdivision: { enabled: true, level: 0 },
  };
  scene.meshes.push(mesh);
  scene.nodes.push(
    node({
      label: 'Camera 1',
      kind: 'camera',
      className: 'DzBasicCamera',
      camera: 0,
      worldMatrix: translation(0, 150, 400),
    }),
  );
  scene.cameras.push({
    name: 'Camera 1',
    node: 2,
    focalLengthMm: 50,
    frameWidthMm: 36,
    aspectRatio: 1.5,
    nearCm: 1,
    farCm: 5000,
    focalDistanceCm: 400,
    fStop: 4,
    depthOfField: true,
    horizontalFovRad: 2 * Math.atan(36 / 100),
  });
  const light = (
    kind: 'distant' | 'spot' | 'point',
    label: string,
    extra: Partial<Scene['lights'][number]> = {},
  ) => {
    scene.lights.push({
      name: label,
      node: scene.nodes.length,
      kind,
      color: [1, 1, 1],
      intensity: 1,
      fluxLm: 1000,
      photometric: true,
      on: true,
      geometry: 0,
      widthCm: 0,
      heightCm: 0,
      ...extra,
    });
    scene.nodes.push(
      node({ label, kind: 'light', light: scene.lights.length - 1, worldMatrix: translation(0, 200, 0) }),
    );
  };
  light('distant', 'Sun');
  light('spot', 'Spot', { spreadAngleDeg: 60 });
  light('point', 'Bulb');
  light('point', 'Panel', { geometry: 1, widthCm: 100, heightCm: 50 });
  return scene;
}

// ─── rigged ───

export interface RigPose {
  /** Rotations per joint, [x, y, z, w]. */
  rotations: Quat[];
  /** Translate channels per joint, cm. */
  translations: [number, number, number][];
}

/** DAZ's W per joint: W_parent · T(t) · T(c) · O · R · O⁻¹ · T(−c), rooted at the figure's W. */
export function dazWorlds(figureWorld: M, joints: Joint[], pose: RigPose): M[] {
  const out: M[] = [];
  joints.forEach((j, i) => {
    const [cx, cy, cz] = j.origin;
    const t = pose.translations[i];
    const o = fromQuat(j.orientation);
    const oInv = mat4.invert(new Float64Array(16), o) as M;
    const local = mul(
      translation(t[0] + cx, t[1] + cy, t[2] + cz),
      o,
      fromQuat(pose.rotations[i]),
      oInv,
      translation(-cx, -cy, -cz),
    );
    out.push(mul(j.parent >= 0 ? out[j.parent] : figureWorld, local));
  });
  return out;
}

/** Σ w · W_j · (rest + Σ morph), as DAZ skins. */
export function dazSkin(mesh: Mesh, worlds: M[], morphWeights: number[]): Float64Array {
  const rest = Float64Array.from(mesh.rest?.positions ?? []);
  mesh.rest?.morphs.forEach((m, k) => {
    m.indices.forEach((v, n) => {
      for (let a = 0; a < 3; a++) rest[v * 3 + a] += morphWeights[k] * m.deltas[n * 3 + a];
    });
  });
  const out = new Float64Array(rest.length);
  for (const { joint, indices, weights } of mesh.rest?.skin?.joints ?? []) {
    const m = worlds[joint];
    indices.forEach((v, n) => {
      const [x, y, z] = [rest[v * 3], rest[v * 3 + 1], rest[v * 3 + 2]];
      out[v * 3] += weights[n] * (m[0] * x + m[4] * y + m[8] * z + m[12]);
      out[v * 3 + 1] += weights[n] * (m[1] * x + m[5] * y + m[9] * z + m[13]);
      out[v * 3 + 2] += weights[n] * (m[2] * x + m[6] * y + m[10] * z + m[14]);
    });
  }
  return out;
}

const q = (order: Joint['rotationOrder'], x: number, y: number, z: number) =>
  eulerDegreesToQuat(order, x, y, z);

/**
 * A three-joint figure (hip → spine → head, non-trivial orientations and orders), moved and
 * turned, posed, with a 6-vertex strip skinned to it, one morph at 0.5, and a 5-frame motion.
 */
export function riggedFigure(): { scene: Scene; figureWorld: M; pose: RigPose } {
  const scene = createScene({ description: 'a hand-built rig', sceneName: 'rig' });
  const figureWorld = mul(translation(20, 0, -10), fromQuat(q('XYZ', 0, 35, 0)));
  const orient = (x: number, y: number, z: number): [number, number, number, number] => {
    const v = quat.normalize(quat.create(), new Float64Array(q('XYZ', x, y, z))) as unknown as number[];
    return [v[0], v[1], v[2], v[3]];
  };
  const joints: Joint[] = [
    {
      name: 'hip',
      label: 'Hip',
      parent: -1,
      node: 1,
      rotationOrder: 'YZX',
      origin: [0, 100, 0],
      end: [0, 90, 0],
      orientation: [0, 0, 0, 1],
      rotation: [5, 10, -3],
      translation: [1, -2, 3],
    },
    {
      name: 'spine 1',
      label: 'Spine',
      parent: 0,
      node: 2,
      rotationOrder: 'XZY',
      origin: [0, 110, 2],
      end: [0, 130, 2],
      orientation: orient(10, 0, 20),
      rotation: [15, -5, 25],
      translation: [0, 0, 0],
    },
    {
      name: 'head',
      label: 'Head',
      parent: 1,
      node: 3,
      rotationOrder: 'ZXY',
      origin: [0, 140, 1],
      end: [0, 160, 1],
      orientation: orient(-30, 45, 0),
      rotation: [-20, 30, 10],
      translation: [0, 0, 0],
    },
  ];
  const pose: RigPose = {
    rotations: joints.map((j) => q(j.rotationOrder, ...j.rotation)),
    translations: joints.map((j) => j.translation),
  };
  const worlds = dazWorlds(figureWorld, joints, pose);
  scene.nodes.push(
    node({
      label: 'Figure',
      kind: 'figure',
      className: 'DzFigure',
      skeleton: 0,
      mesh: 0,
      worldMatrix: figureWorld,
    }),
  );
  joints.forEach((j, i) => {
    scene.nodes.push(
      node({
        label: j.label,
        name: j.name,
        kind: 'bone',
        className: 'DzBone',
        parent: i === 0 ? 0 : i,
        worldMatrix: mul(worlds[i], translation(...j.origin)),
      }),
    );
  });
  scene.skeletons.push({ name: 'Figure', label: 'Figure', node: 0, joints });
  const rest = new Float32Array([-5, 95, 0, 5, 95, 0, -5, 120, 0, 5, 120, 0, -5, 150, 0, 5, 150, 0]);
  const mesh: Mesh = {
    name: 'Figure',
    node: 0,
    space: 'world',
    positions: new Float32Array(18),
    faceSizes: new Uint8Array([4, 4]),
    faceVertexIndices: new Uint32Array([0, 1, 3, 2, 2, 3, 5, 4]),
    uvSets: [],
    normals: null,
    faceMaterial: new Uint16Array([0, 0]),
    materials: [],
    materialGroups: ['Body'],
    subdivision: { enabled: false, level: 0 },
    rest: {
      positions: rest,
      skin: {
        skeleton: 0,
        joints: [
          { joint: 0, indices: new Uint32Array([0, 1, 2, 3]), weights: new Float32Array([1, 1, 0.5, 0.5]) },
          {
            joint: 1,
            indices: new Uint32Array([2, 3, 4, 5]),
            weights: new Float32Array([0.5, 0.5, 0.25, 0.25]),
          },
          { joint: 2, indices: new Uint32Array([4, 5]), weights: new Float32Array([0.75, 0.75]) },
        ],
      },
      morphs: [
        {
          name: 'wide',
          label: 'Wide',
          value: 0.5,
          indices: new Uint32Array([0, 5]),
          deltas: new Float32Array([-2, 0, 0, 2, 1, 0]),
        },
        {
          name: 'unused',
          label: 'Unused',
          value: 0,
          indices: new Uint32Array([]),
          deltas: new Float32Array([]),
        },
      ],
    },
  };
  scene.meshes.push(mesh);
  mesh.positions = Float32Array.from(dazSkin(mesh, worlds, [0.5, 0]));
  const frames = 5;
  const motion: Motion = {
    name: 'wave',
    frameRate: 24,
    frameCount: frames,
    skeleton: 0,
    tracks: [
      { joint: 'hip', rotations: new Float32Array(frames * 4), translations: new Float32Array(frames * 3) },
      { joint: 'head', rotations: new Float32Array(frames * 4) },
    ],
  };
  for (let f = 0; f < frames; f++) {
    motion.tracks[0].rotations.set(q('YZX', 0, 20 * f, 0), f * 4);
    (motion.tracks[0].translations as Float32Array).set([0, f, 2 * f], f * 3);
    // Long way round on purpose: the writer must keep consecutive quaternions on one hemisphere.
    const h = q('ZXY', 40 * f, 0, 0);
    motion.tracks[1].rotations.set(f % 2 ? h.map((x) => -x) : h, f * 4);
  }
  scene.motions.push(motion);
  return { scene, figureWorld, pose };
}

/** The pose of frame `f` of the rig's motion (untracked joints keep the current pose). */
export function motionPose(scene: Scene, pose: RigPose, f: number): RigPose {
  const motion = scene.motions[0];
  const joints = scene.skeletons[0].joints;
  return {
    rotations: joints.map((j, i) => {
      const track = motion.tracks.find((t) => t.joint === j.name);
      return track ? (Array.from(track.rotations.subarray(f * 4, f * 4 + 4)) as Quat) : pose.rotations[i];
    }),
    translations: joints.map((j, i) => {
      const tr = motion.tracks.find((t) => t.joint === j.name)?.translations;
      return tr
        ? (Array.from(tr.subarray(f * 3, f * 3 + 3)) as [number, number, number])
        : pose.translations[i];
    }),
  };
}
