/**
 * The node hierarchy on a hand-built scene: nested transforms with rotation and scale, a prop
 * parented to a bone of a posed figure, duplicate labels, a hidden node, cameras and lights.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document, Node } from '@gltf-transform/core';
import { mat4, quat } from 'gl-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportSummary } from '../../../src/export/export-types.js';
import { exportGltf } from '../../../src/export/gltf/index.js';
import type { Light } from '../../../src/scene/light.js';
import { createScene, type Scene } from '../../../src/scene/scene.js';
import type { SceneNode } from '../../../src/scene/scene-node.js';
import { readBack } from './helpers/read-back.js';
import { QUAD, tinyMesh } from './helpers/tiny-scene.js';
import { summarizeIssues, validateFile } from './helpers/validate.js';

function world(
  t: [number, number, number],
  euler: [number, number, number] = [0, 0, 0],
  s = 1,
): Float64Array {
  const q = quat.fromEuler(new Float64Array(4) as unknown as quat, ...euler);
  const m = new Float64Array(16) as unknown as mat4;
  return mat4.fromRotationTranslationScale(m, q, t, [s, s, s]) as unknown as Float64Array;
}

function node(
  id: string,
  label: string,
  kind: SceneNode['kind'],
  parent: number,
  m: Float64Array,
  extra: Partial<SceneNode> = {},
): SceneNode {
  return {
    id,
    name: label.replace(/\s/g, ''),
    label,
    kind,
    className: 'DzNode',
    parent,
    worldMatrix: m,
    visible: true,
    ...extra,
  };
}

const light = (name: string, n: number, extra: Partial<Light>): Light => ({
  name,
  node: n,
  kind: 'spot',
  color: [1, 1, 1],
  intensity: 1,
  fluxLm: 1000,
  photometric: true,
  on: true,
  spreadAngleDeg: 0,
  geometry: 0,
  widthCm: 0,
  heightCm: 0,
  ...extra,
});

function stagedScene(): Scene {
  const scene = createScene({ description: 'nodes test' });
  const group = world([100, 20, 0], [0, 90, 0], 2);
  const figure = world([0, 0, 50]);
  const hand = world([40, 120, 50], [0, 0, -30]);
  scene.nodes.push(
    node('10', 'Group', 'group', -1, group),
    node(
      '11',
      'Box',
      'mesh',
      0,
      mat4.multiply(new Float64Array(16), group, world([5, 0, 0])) as Float64Array,
      {
        mesh: 0,
      },
    ),
    node('12', 'Figure', 'figure', -1, figure, { mesh: 1 }),
    node('13', 'hip', 'bone', 2, world([0, 100, 50])),
    node('14', 'rHand', 'bone', 3, hand),
    node(
      '15',
      'Sword',
      'mesh',
      4,
      mat4.multiply(new Float64Array(16), hand, world([10, 0, 0])) as Float64Array,
      {
        mesh: 2,
        visible: false,
      },
    ),
    node('16', 'Box', 'camera', -1, world([0, 150, 400]), { camera: 0 }),
    node('17', 'hip', 'light', -1, world([0, 300, 0], [-90, 0, 0]), { light: 0 }),
    node('18', 'Panel', 'light', -1, world([0, 200, 0]), { light: 1 }),
  );
  scene.meshes.push(tinyMesh(QUAD, 1), tinyMesh(QUAD, 2), tinyMesh(QUAD, 5));
  scene.meshes.forEach((m, i) => {
    m.name = ['Box', 'Figure', 'Sword'][i];
  });
  scene.materials.push({ name: 'Surface', shader: 'Iray Uber', channels: {} });
  scene.cameras.push({
    name: 'Box',
    node: 6,
    focalLengthMm: 50,
    frameWidthMm: 36,
    aspectRatio: 1.5,
    nearCm: 1,
    farCm: 5000,
    focalDistanceCm: 400,
    fStop: 8,
    depthOfField: true,
    horizontalFovRad: 2 * Math.atan(36 / 100),
  });
  scene.lights.push(light('hip', 7, { on: false }), light('Panel', 8, { kind: 'point', geometry: 1 }));
  return scene;
}

describe('glTF nodes, cameras and lights of a hand-built scene', () => {
  let dir: string;
  let scene: Scene;
  let summary: ExportSummary;
  let doc: Document;
  const byName = (name: string) =>
    doc
      .getRoot()
      .listNodes()
      .find((n) => n.getName() === name) as Node;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-gltf-nodes-'));
    scene = stagedScene();
    summary = await exportGltf(scene, join(dir, 'nodes.gltf'));
    doc = await readBack(join(dir, 'nodes.gltf'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is valid', async () => {
    const report = await validateFile(join(dir, 'nodes.gltf'));
    expect(report.issues.numErrors + report.issues.numWarnings, summarizeIssues(report).join('; ')).toBe(0);
  });

  it('names nodes by label, unique, and bone names win over other labels', () => {
    expect(
      doc
        .getRoot()
        .listNodes()
        .map((n) => n.getName()),
    ).toEqual([
      'Group',
      'Box',
      'Figure',
      'Sword',
      'Box (2)', // the camera
      'hip', // the light: no joint in a posed export, so the label is free
      'Panel',
      'Figure (mesh)',
    ]);
  });

  it('gives every written node its DAZ world transform (cm → m), re-parenting past unwritten bones', () => {
    for (const name of ['Group', 'Figure', 'Box (2)', 'hip']) {
      const n = byName(name);
      const id = (n.getExtras() as { daz: { id: string } }).daz.id;
      const expected = Array.from(scene.nodes.find((s) => s.id === id)?.worldMatrix ?? []);
      const got = n.getWorldMatrix();
      for (let k = 0; k < 16; k++)
        expect(got[k], `${name}[${k}]`).toBeCloseTo(k >= 12 && k < 15 ? expected[k] / 100 : expected[k], 9);
    }
    expect(
      byName('Group')
        .getScale()
        .map((s) => +s.toFixed(9)),
    ).toEqual([2, 2, 2]);
    // Posed: the bones are baked into vertices; meshes sit at the root with identity transforms.
    for (const name of ['Box', 'Sword', 'Figure (mesh)']) {
      expect(byName(name).getParentNode()).toBeNull();
      expect(byName(name).getWorldMatrix()).toEqual(Array.from(mat4.create()));
    }
    expect(byName('Figure').getMesh()).toBeNull();
    expect(byName('Figure (mesh)').getMesh()?.getName()).toBe('Figure');
    expect(byName('Sword').getExtras()).toMatchObject({
      daz: {
        id: '15',
        parentId: '14',
        visible: false,
        worldMatrixCm: Array.from(scene.nodes[5].worldMatrix),
      },
    });
  });

  it('writes a light that is off with intensity 0, warns, and keeps a degenerate spot cone valid', () => {
    const off = byName('hip').getExtension('KHR_lights_punctual') as unknown as {
      getIntensity(): number;
      getOuterConeAngle(): number;
      getExtras(): object;
    };
    expect(off.getIntensity()).toBe(0);
    expect(off.getOuterConeAngle()).toBeGreaterThan(0);
    expect(off.getExtras()).toMatchObject({ daz: { on: false, intensity: 1000 / (4 * Math.PI) } });
    expect(summary.warnings).toContain('light hip is off: written with intensity 0');
    expect(summary.warnings).toContain('light Panel is an area light: written as a punctual point light');
  });

  it('writes the camera lens and keeps DAZ’s depth of field settings in extras', () => {
    const camera = byName('Box (2)').getCamera();
    expect(camera?.getYFov()).toBeCloseTo(2 * Math.atan(36 / (2 * 50 * 1.5)), 10);
    expect(camera?.getZNear()).toBeCloseTo(0.01, 10);
    expect(camera?.getZFar()).toBeCloseTo(50, 10);
    expect(camera?.getExtras()).toMatchObject({
      daz: { fStop: 8, depthOfField: true, focalDistanceCm: 400 },
    });
  });
});

describe('glTF export of an empty scene', () => {
  it('writes a valid file with no scene and no buffer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dazport-gltf-empty-'));
    try {
      for (const file of ['empty.glb', 'empty.gltf']) {
        const summary = await exportGltf(createScene({ description: 'empty' }), join(dir, file));
        expect(summary).toMatchObject({ nodes: 0, meshes: 0, sideFiles: [], warnings: [] });
        const report = await validateFile(join(dir, file));
        expect(report.issues.messages, summarizeIssues(report).join('; ')).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rigged export input checks', () => {
  it('refuses a rigged export of a scene read without rest data', async () => {
    const scene = stagedScene();
    scene.skeletons.push({
      name: 'Figure',
      label: 'Figure',
      node: 2,
      joints: [
        {
          name: 'hip',
          label: 'Hip',
          parent: -1,
          node: 3,
          rotationOrder: 'YZX',
          origin: [0, 100, 0],
          end: [0, 90, 0],
          orientation: [0, 0, 0, 1],
          rotation: [0, 0, 0],
          translation: [0, 0, 0],
        },
      ],
    });
    await expect(
      exportGltf(scene, join(tmpdir(), 'never-written.glb'), { rigged: true }),
    ).rejects.toMatchObject({
      code: 'DAZPORT_SCENE_INVALID',
      suggestion: expect.stringContaining('rigged: true'),
    });
  });
});
