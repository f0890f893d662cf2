/**
 * End to end, for every built-in staged scene: read through the real client over HTTP, export
 * posed and rigged (with and without morph targets) as .glb and .gltf, then check the files
 * with the Khronos validator and against the emulator's own meshes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Node } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportOptions, ExportSummary } from '../../../src/export/export-types.js';
import { exportGltf } from '../../../src/export/gltf/index.js';
import { cameraLens, physicalLight } from '../../../src/export/lights-cameras.js';
import { eulerDegreesToQuat, quatConjugate, quatMultiply } from '../../../src/math/euler.js';
import { inProcessScene } from '../../helpers/in-process-scene.js';
import { type TruthMesh, truthMeshes } from './helpers/emulator-truth.js';
import { compareCorners, readBack, skinnedPositions, worldPositions } from './helpers/read-back.js';
import { readEmulatorScene, type SceneFixture } from './helpers/scene-fixture.js';
import { summarizeIssues, validateFile } from './helpers/validate.js';

const VARIANTS: { file: string; options: ExportOptions }[] = [
  { file: 'posed.glb', options: {} },
  { file: 'posed.gltf', options: {} },
  { file: 'rigged.glb', options: { rigged: true, morphs: true } },
  { file: 'rigged.gltf', options: { rigged: true, morphs: true } },
  { file: 'rigged-baked.glb', options: { rigged: true } },
];

type Daz = { daz?: Record<string, unknown> };
type TextureInfoJson = { index: number; extensions?: Record<string, unknown> };
type JsonMaterial = {
  name: string;
  normalTexture?: TextureInfoJson;
  pbrMetallicRoughness: {
    baseColorTexture?: TextureInfoJson;
    metallicRoughnessTexture?: TextureInfoJson;
    metallicFactor?: number;
    roughnessFactor?: number;
  };
};
const daz = (p: { getExtras(): object }) => ((p.getExtras() as Daz).daz ?? {}) as Record<string, unknown>;

describe.each(['g9', 'g8f', 'g8m'])('glTF export of the %s scene', (name) => {
  let fx: SceneFixture;
  let truth: Map<string, TruthMesh>;
  const summaries = new Map<string, ExportSummary>();
  const docs = new Map<string, Document>();

  beforeAll(async () => {
    fx = await readEmulatorScene(name);
    truth = truthMeshes(inProcessScene(name));
    for (const v of VARIANTS) {
      summaries.set(v.file, await exportGltf(fx.scene, join(fx.dir, v.file), v.options));
      docs.set(v.file, await readBack(join(fx.dir, v.file)));
    }
  }, 60_000);
  afterAll(async () => fx?.close());

  it('passes the Khronos validator with zero errors and zero warnings', async () => {
    const notes: string[] = [];
    for (const v of VARIANTS) {
      const report = await validateFile(join(fx.dir, v.file));
      const issues = summarizeIssues(report);
      expect(report.issues.numErrors, `${v.file}: ${issues.join('; ')}`).toBe(0);
      expect(report.issues.numWarnings, `${v.file}: ${issues.join('; ')}`).toBe(0);
      notes.push(`${v.file}: ${issues.join('; ') || 'clean'}`);
    }
    console.info(`[${name}] validator infos/hints\n  ${notes.join('\n  ')}`);
  }, 30_000);

  it('posed: every triangle corner is the emulator’s world position ÷ 100, with its own UV', () => {
    const notes: string[] = [];
    for (const file of ['posed.glb', 'posed.gltf']) {
      const doc = docs.get(file) as Document;
      let triangles = 0;
      let worst = 0;
      let worstUv = 0;
      for (const node of doc
        .getRoot()
        .listNodes()
        .filter((n) => n.getMesh())) {
        expect(node.getParentNode(), `${node.getName()} is at the root`).toBeNull();
        expect(node.getWorldMatrix()).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
        const mesh = node.getMesh()!;
        const t = truth.get(mesh.getName()) as TruthMesh;
        for (const prim of mesh.listPrimitives()) {
          const errors = compareCorners(worldPositions(node, prim), prim, t, String(daz(prim).surface));
          expect(errors.position, `${file} ${mesh.getName()}`).toBeLessThan(1e-5);
          expect(errors.uv).toBeLessThan(1e-6);
          triangles += errors.triangles;
          worst = Math.max(worst, errors.position);
          worstUv = Math.max(worstUv, errors.uv);
        }
      }
      const expected = [...truth.values()].reduce(
        (n, m) => n + [...m.groups.values()].reduce((k, g) => k + g.vertices.length / 3, 0),
        0,
      );
      expect(triangles).toBe(expected);
      expect(summaries.get(file)?.triangles).toBe(expected);
      notes.push(
        `${file}: max ${worst.toExponential(2)} m, UV ${worstUv.toExponential(2)}, ${triangles} triangles`,
      );
    }
    console.info(`[${name}] posed round trip: ${notes.join('; ')}`);
  });

  it('posed: triangles wind counter-clockwise seen from outside', () => {
    const doc = docs.get('posed.glb') as Document;
    const cube = doc
      .getRoot()
      .listMeshes()
      .find((m) => m.getName() === 'Textured Cube')!;
    const prim = cube.listPrimitives()[0];
    const p = prim.getAttribute('POSITION')!.getArray()!;
    const idx = prim.getIndices()!.getArray()!;
    let volume = 0; // divergence theorem: positive for outward, counter-clockwise faces
    for (let i = 0; i < idx.length; i += 3) {
      const [a, b, c] = [idx[i] * 3, idx[i + 1] * 3, idx[i + 2] * 3];
      volume +=
        (p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1]) -
          p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c]) +
          p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c])) /
        6;
    }
    expect(volume).toBeCloseTo(0.4 ** 3, 6);
    // The figure: face normals agree with DAZ's smooth vertex normals.
    const figure = doc
      .getRoot()
      .listMeshes()
      .find((m) => m !== cube)!;
    let agree = 0;
    let total = 0;
    for (const fp of figure.listPrimitives()) {
      const fpos = fp.getAttribute('POSITION')!.getArray()!;
      const fn = fp.getAttribute('NORMAL')!.getArray()!;
      const fi = fp.getIndices()!.getArray()!;
      for (let i = 0; i < fi.length; i += 3) {
        const [a, b, c] = [fi[i] * 3, fi[i + 1] * 3, fi[i + 2] * 3];
        const u = [fpos[b] - fpos[a], fpos[b + 1] - fpos[a + 1], fpos[b + 2] - fpos[a + 2]];
        const v = [fpos[c] - fpos[a], fpos[c + 1] - fpos[a + 1], fpos[c + 2] - fpos[a + 2]];
        const n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
        const s = [0, 1, 2].map((k) => fn[a + k] + fn[b + k] + fn[c + k]);
        total++;
        if (n[0] * s[0] + n[1] * s[1] + n[2] * s[2] > 0) agree++;
      }
    }
    expect(agree / total).toBeGreaterThan(0.99);
  });

  it('rigged: skinning the exported rest mesh with the exported joints reproduces the posed mesh', () => {
    const notes: string[] = [];
    for (const file of ['rigged.glb', 'rigged.gltf', 'rigged-baked.glb']) {
      const doc = docs.get(file) as Document;
      let worst = 0;
      let skinned = 0;
      for (const node of doc
        .getRoot()
        .listNodes()
        .filter((n) => n.getMesh())) {
        const mesh = node.getMesh()!;
        const t = truth.get(mesh.getName()) as TruthMesh;
        for (const prim of mesh.listPrimitives()) {
          const positions = node.getSkin() ? skinnedPositions(node, mesh, prim) : worldPositions(node, prim);
          const errors = compareCorners(positions, prim, t, String(daz(prim).surface));
          worst = Math.max(worst, errors.position);
          expect(errors.uv).toBeLessThan(1e-6);
        }
        if (node.getSkin()) skinned++;
      }
      expect(skinned).toBe(1);
      expect(worst, file).toBeLessThan(1e-4);
      notes.push(`${file}: max ${worst.toExponential(2)} m`);
    }
    console.info(`[${name}] rigged round trip: ${notes.join(', ')}`);
  });

  it('rigged: joints are the DAZ bones, by name, parent, pose and bind', () => {
    const skeleton = fx.scene.skeletons[0];
    const doc = docs.get('rigged.glb') as Document;
    const skin = doc.getRoot().listSkins()[0];
    const joints = skin.listJoints();
    expect(joints.map((j) => j.getName())).toEqual(skeleton.joints.map((j) => j.name));
    const figure = fx.scene.nodes[skeleton.node];
    expect(skin.getSkeleton()?.getName()).toBe(figure.label);
    const ibm = skin.getInverseBindMatrices()!;
    skeleton.joints.forEach((j, i) => {
      const node = joints[i];
      const parent = node.getParentNode() as Node;
      expect(parent.getName()).toBe(j.parent >= 0 ? skeleton.joints[j.parent].name : figure.label);
      // Local rotation O·R·O⁻¹ (joint axes = world axes at rest).
      const r = eulerDegreesToQuat(j.rotationOrder, ...j.rotation);
      const q = quatMultiply(quatMultiply(j.orientation, r), quatConjugate(j.orientation));
      const got = node.getRotation();
      const sign = Math.sign(q[0] * got[0] + q[1] * got[1] + q[2] * got[2] + q[3] * got[3]) || 1;
      for (let k = 0; k < 4; k++) expect(got[k] * sign).toBeCloseTo(q[k], 6);
      if (j.parent >= 0) {
        const p = skeleton.joints[j.parent];
        const t = node.getTranslation();
        for (let k = 0; k < 3; k++)
          expect(t[k]).toBeCloseTo((j.origin[k] - p.origin[k] + j.translation[k]) / 100, 7);
      }
      expect(Array.from(ibm.getElement(i, []).slice(12, 15))).toEqual(
        j.origin.map((c) => Math.fround(-c / 100)),
      );
      expect(daz(node)).toMatchObject({ id: fx.scene.nodes[j.node].id, label: j.label, kind: 'bone' });
    });
  });

  it('rigged + morphs: morph targets with the current values as weights, sparse when few vertices move', () => {
    const figure = fx.scene.meshes.find((m) => m.rest?.skin)!;
    const morphs = figure.rest!.morphs;
    const mesh = (docs.get('rigged.glb') as Document)
      .getRoot()
      .listMeshes()
      .find((m) => m.getName() === figure.name)!;
    expect(mesh.getWeights()).toEqual(morphs.map((m) => m.value));
    expect((mesh.getExtras() as { targetNames: string[] }).targetNames).toEqual(morphs.map((m) => m.name));
    for (const prim of mesh.listPrimitives()) expect(prim.listTargets()).toHaveLength(morphs.length);
    const json = JSON.parse(readFileSync(join(fx.dir, 'rigged.gltf'), 'utf8'));
    const sparse = json.accessors.filter((a: { sparse?: unknown }) => a.sparse).length;
    expect(sparse).toBeGreaterThan(0);
    // Baked: no targets, and still the posed mesh (checked above).
    const baked = (docs.get('rigged-baked.glb') as Document).getRoot().listMeshes();
    expect(baked.flatMap((m) => m.listPrimitives()).every((p) => p.listTargets().length === 0)).toBe(true);
  });

  it('materials: textures embedded or copied, in the right slots, tiling as KHR_texture_transform', () => {
    const json = JSON.parse(readFileSync(join(fx.dir, 'posed.gltf'), 'utf8'));
    const imageOf = (info: { index: number } | undefined) =>
      info ? (json.images[json.textures[info.index].source].uri as string) : undefined;
    const materials = json.materials as JsonMaterial[];
    const mats = new Map(materials.map((m) => [m.name, m]));
    const skin = mats.get('Torso') as JsonMaterial;
    // Textures go in `<stem>_textures/`, the .bin beside the .gltf (output-layout.ts).
    expect(imageOf(skin.pbrMetallicRoughness.baseColorTexture)).toBe('posed_textures/skin_diffuse.png');
    expect(imageOf(skin.normalTexture)).toBe('posed_textures/skin_normal.png');
    expect(json.buffers.map((b: { uri: string }) => b.uri)).toEqual(['posed.bin']);
    expect(readFileSync(join(fx.dir, 'posed_textures', 'skin_diffuse.png'))).toEqual(
      readFileSync(join(process.cwd(), 'assets/textures/skin_diffuse.png')),
    );
    // Colour maps only in colour slots, data maps only in data slots.
    for (const m of materials) {
      expect(imageOf(m.normalTexture) ?? 'posed_textures/skin_normal.png').toBe(
        'posed_textures/skin_normal.png',
      );
      expect(imageOf(m.pbrMetallicRoughness.baseColorTexture) ?? '').not.toMatch(/normal|rough/);
    }
    const cube = mats.get('Surface') as JsonMaterial;
    expect(imageOf(cube.pbrMetallicRoughness.baseColorTexture)).toBe('posed_textures/checker_diffuse.png');
    expect(imageOf(cube.pbrMetallicRoughness.metallicRoughnessTexture)).toBe(
      'posed_textures/checker_roughness_mr.png',
    );
    expect(cube.pbrMetallicRoughness.metallicFactor).toBeCloseTo(0.2, 6);
    expect(cube.pbrMetallicRoughness.roughnessFactor).toBeCloseTo(0.6, 6);
    for (const slot of [
      cube.pbrMetallicRoughness.baseColorTexture,
      cube.pbrMetallicRoughness.metallicRoughnessTexture,
    ])
      expect(slot?.extensions?.KHR_texture_transform).toEqual({ offset: [0, -1], scale: [2, 2] });
    expect(json.extensionsUsed).toContain('KHR_texture_transform');
    expect(json.extensionsRequired ?? []).toEqual([]);
    // The GLB embeds the same images and writes nothing beside itself.
    const glb = docs.get('posed.glb') as Document;
    const embedded = glb
      .getRoot()
      .listTextures()
      .find((t) => t.getName() === 'skin_diffuse');
    expect(embedded?.getImage()).toEqual(
      new Uint8Array(readFileSync(join(fx.dir, 'posed_textures', 'skin_diffuse.png'))),
    );
    expect(summaries.get('posed.glb')?.sideFiles).toEqual([]);
    const side = summaries.get('posed.gltf')?.sideFiles ?? [];
    expect(side.map((f) => f.slice(fx.dir.length + 1)).sort()).toEqual([
      'posed.bin',
      join('posed_textures', 'checker_diffuse.png'),
      join('posed_textures', 'checker_roughness_mr.png'),
      join('posed_textures', 'eye_diffuse.png'),
      join('posed_textures', 'skin_diffuse.png'),
      join('posed_textures', 'skin_normal.png'),
    ]);
    for (const f of side) expect(existsSync(f)).toBe(true);
  });

  it('cameras and lights carry DAZ’s lens and physical light values', () => {
    const doc = docs.get('posed.glb') as Document;
    const nodes = doc.getRoot().listNodes();
    const camNode = nodes.find((n) => n.getCamera())!;
    const cam = camNode.getCamera()!;
    const source = fx.scene.cameras[0];
    expect(camNode.getName()).toBe('Camera 1');
    expect(cam.getType()).toBe('perspective');
    expect(cam.getYFov()).toBeCloseTo(cameraLens(source).yfovRad, 10);
    expect(cam.getYFov()).toBeCloseTo(2 * Math.atan(36 / (2 * 65 * (16 / 9))), 6);
    expect(cam.getAspectRatio()).toBeCloseTo(16 / 9, 10);
    expect(cam.getZNear()).toBeCloseTo(source.nearCm / 100, 10);
    expect(cam.getZFar()).toBeCloseTo(source.farCm / 100, 6);
    // Placed at (60, 140, 420) cm and aimed at (0, 100, 0) cm: its −Z looks there.
    const m = camNode.getWorldMatrix();
    expect([m[12], m[13], m[14]].map((v) => +v.toFixed(6))).toEqual([0.6, 1.4, 4.2]);
    const aim = [0 - 0.6, 1 - 1.4, 0 - 4.2];
    const len = Math.hypot(...aim);
    expect(-m[8] * (aim[0] / len) - m[9] * (aim[1] / len) - m[10] * (aim[2] / len)).toBeCloseTo(1, 6);

    const lights = nodes.filter((n) => n.getExtension('KHR_lights_punctual'));
    expect(lights.map((n) => n.getName())).toEqual(['Distant Light 1', 'Spotlight 1', 'Point Light 1']);
    lights.forEach((n, i) => {
      const light = n.getExtension('KHR_lights_punctual') as unknown as {
        getType(): string;
        getIntensity(): number;
        getColor(): number[];
        getOuterConeAngle(): number;
        getInnerConeAngle(): number;
      };
      const p = physicalLight(fx.scene.lights[i]);
      expect(light.getType()).toBe(p.kind);
      expect(light.getIntensity()).toBeCloseTo(p.intensity, 6);
      for (let k = 0; k < 3; k++) expect(light.getColor()[k]).toBeCloseTo(p.color[k], 6);
      if (p.kind === 'spot') {
        expect(light.getOuterConeAngle()).toBeCloseTo((20 * Math.PI) / 180, 10);
        expect(light.getInnerConeAngle()).toBe(0);
      }
    });
    expect(physicalLight(fx.scene.lights[2]).intensity).toBeCloseTo(3000 / (4 * Math.PI), 6);
  });

  it('names: DAZ labels made unique, joint names exact; extras keep ids for a round trip', () => {
    const written = new Map(fx.scene.nodes.map((n) => [n.id, n]));
    for (const file of ['posed.glb', 'rigged.glb']) {
      const nodes = (docs.get(file) as Document).getRoot().listNodes();
      const nonJoints = nodes.filter((n) => daz(n).kind !== 'bone').map((n) => n.getName());
      expect(new Set(nonJoints).size).toBe(nonJoints.length);
      for (const node of nodes) {
        const source = written.get(String(daz(node).id));
        expect(source, node.getName()).toBeDefined();
        if (daz(node).role === 'mesh') continue;
        expect(node.getName()).toBe(source!.kind === 'bone' ? source!.name : source!.label);
        expect(daz(node)).toMatchObject({
          name: source!.name,
          label: source!.label,
          className: source!.className,
        });
      }
    }
    const posedNames = (docs.get('posed.glb') as Document)
      .getRoot()
      .listNodes()
      .map((n) => n.getName());
    expect(posedNames).toEqual([
      fx.scene.nodes[fx.scene.skeletons[0].node].label,
      'Textured Cube',
      'Camera 1',
      'Distant Light 1',
      'Spotlight 1',
      'Point Light 1',
    ]);
    const rigged = (docs.get('rigged.glb') as Document).getRoot().listNodes();
    const meshNode = rigged.find((n) => n.getSkin())!;
    expect(meshNode.getName()).toBe(`${fx.scene.nodes[fx.scene.skeletons[0].node].label} (mesh)`);
    expect(meshNode.getParentNode()).toBeNull();
  });

  it('summarizes what it wrote', () => {
    const s = summaries.get('rigged.glb') as ExportSummary;
    const doc = docs.get('rigged.glb') as Document;
    const prims = doc
      .getRoot()
      .listMeshes()
      .flatMap((m) => m.listPrimitives());
    expect(s).toMatchObject({
      format: 'glb',
      nodes: doc.getRoot().listNodes().length,
      meshes: 2,
      materials: doc.getRoot().listMaterials().length,
      textures: 5,
      cameras: 1,
      lights: 3,
      joints: fx.scene.skeletons[0].joints.length,
      animations: 0,
    });
    expect(s.vertices).toBe(prims.reduce((n, p) => n + p.getAttribute('POSITION')!.getCount(), 0));
    expect(s.bytes).toBe(readFileSync(join(fx.dir, 'rigged.glb')).length);
    console.info(`[${name}] warnings:\n  ${s.warnings.join('\n  ')}`);
  });
});
