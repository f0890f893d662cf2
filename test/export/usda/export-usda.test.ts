/**
 * exportUsda on small hand-built scenes: the golden file, errors and atomicity, progress,
 * options, light units, and a rigged figure with a motion checked against DAZ's own formula at
 * every time code.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportUsda } from '../../../src/export/usda/index.js';
import { createScene } from '../../../src/scene/scene.js';
import { expectSound } from './expect-sound.js';
import { readBack } from './read-back.js';
import { dazSkin, dazWorlds, motionPose, posedStage, riggedFigure } from './tiny-scenes.js';
import { maxDiff, skinnedPoints, transformPoints, worldOf } from './usd-eval.js';
import { allPrims, flat, type UsdPrim } from './usda-parse.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'posed-stage.usda');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-usda-unit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const prim = (prims: UsdPrim[], name: string) => prims.find((p) => p.name === name) as UsdPrim;

describe('exportUsda: a posed stage', () => {
  it('matches the golden file, which TinyUSDZ and the checker read whole (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const file = join(dir, 'posed-stage.usda');
    const summary = await exportUsda(posedStage(), file);
    expect(summary).toMatchObject({
      file,
      format: 'usda',
      nodes: 7,
      meshes: 1,
      vertices: 5,
      triangles: 3,
      materials: 2,
      textures: 0,
      cameras: 1,
      lights: 4,
      joints: 0,
      animations: 0,
      sideFiles: [],
    });
    expect(summary.bytes).toBe(readFileSync(file).length);
    const text = readFileSync(file, 'utf8');
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, text);
    }
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
    expectSound(await readBack(GOLDEN));
  });

  it('places the mesh at its world positions under a transformed group, keeps quads, indexes UVs per corner', async () => {
    const scene = posedStage();
    const file = join(dir, 'stage.usda');
    await exportUsda(scene, file);
    const r = await readBack(file);
    const prims = allPrims(r.layer);
    const plate = prims.find((p) => p.type === 'Mesh') as UsdPrim;
    expect(plate.path).toBe('/Scene/Stage/Plate/Plate');
    const world = transformPoints(worldOf(r.layer, plate.path), flat(plate.props.get('points')?.value));
    expect(maxDiff(world, scene.meshes[0].positions)).toBeLessThan(1e-5);
    expect(flat(plate.props.get('faceVertexCounts')?.value)).toEqual([4, 3]);
    expect(flat(plate.props.get('primvars:st:indices')?.value)).toEqual([0, 1, 2, 3, 5, 4, 2]);
    // The group's transform is the node's frame (a non-symmetric matrix: a transpose would show).
    expect(maxDiff(worldOf(r.layer, '/Scene/Stage'), scene.nodes[0].worldMatrix)).toBeLessThan(1e-12);
    const tinyStage = r.tiny.getDefaultRootNode().children?.find((n) => n.primName === 'Stage');
    expect(maxDiff(tinyStage?.globalMatrix ?? [], scene.nodes[0].worldMatrix)).toBeLessThan(1e-12);
    // Two surfaces: a partition of GeomSubsets, each bound; names from the labels, kept in customData.
    const subsets = plate.children.filter((c) => c.type === 'GeomSubset');
    expect(subsets.map((s) => [s.name, flat(s.props.get('indices')?.value)])).toEqual([
      ['Top', [0]],
      ['Side_B', [1]],
    ]);
    expect(subsets[1].props.get('material:binding')?.targets).toEqual(['/Scene/Materials/Plate/Side_B']);
    const side = r.layer.byPath.get('/Scene/Materials/Plate/Side_B') as UsdPrim;
    expect(
      (side.meta.customData as { dict: Record<string, { value: unknown }> }).dict.dazMaterial.value,
    ).toBe('Side "B"');
    // Iray Uber is double-sided, DAZ Studio Default is not: mixed → double-sided, with a warning.
    expect(plate.props.get('doubleSided')?.value).toBe(1);
  });

  it('writes lights in nits with inputs:normalize = false, as documented', async () => {
    const file = join(dir, 'lights.usda');
    await exportUsda(posedStage(), file, { pointLightRadiusCm: 2 });
    const prims = allPrims((await readBack(file)).layer);
    const intensity = (name: string) => prim(prims, name).props.get('inputs:intensity')?.value as number;
    const candela = 1000 / (4 * Math.PI);
    const omega = 2 * Math.PI * (1 - Math.cos(((0.53 / 2) * Math.PI) / 180));
    expect(intensity('Sun')).toBeCloseTo((1000 * (683 / 7500)) / omega, -1);
    expect(intensity('Bulb') / (candela / (Math.PI * 0.02 ** 2))).toBeCloseTo(1, 6);
    expect(intensity('Spot') / (candela / (Math.PI * 0.02 ** 2))).toBeCloseTo(1, 6);
    expect(prim(prims, 'Spot').props.get('inputs:shaping:cone:angle')?.value).toBe(30);
    expect(prim(prims, 'Panel').type).toBe('RectLight');
    expect(intensity('Panel') / ((4 * candela) / (1 * 0.5))).toBeCloseTo(1, 6);
    expect(prim(prims, 'Bulb').props.get('inputs:radius')?.value).toBe(2);
  });

  it('subdivision option: catmullClark on DAZ subdivision cages, and no normals then', async () => {
    const file = join(dir, 'subd.usda');
    await exportUsda(posedStage(), file, { subdivision: true });
    const plate = allPrims((await readBack(file)).layer).find((p) => p.type === 'Mesh') as UsdPrim;
    expect(plate.props.get('subdivisionScheme')?.value).toBe('catmullClark');
    expect(plate.props.has('normals')).toBe(false);
    const flatFile = join(dir, 'flat.usda');
    await exportUsda(posedStage(), flatFile);
    const flatPlate = allPrims((await readBack(flatFile)).layer).find((p) => p.type === 'Mesh') as UsdPrim;
    expect(flatPlate.props.get('subdivisionScheme')?.value).toBe('none');
    expect(flatPlate.props.get('normals')?.meta.interpolation).toBe('vertex');
  });

  it('reports progress up to every vertex, then done', async () => {
    const seen: { phase: string; done: number; total: number }[] = [];
    await exportUsda(posedStage(), join(dir, 'progress.usda'), { onProgress: (p) => seen.push(p) });
    const meshes = seen.filter((p) => p.phase === 'meshes');
    expect(meshes[0]).toEqual({ phase: 'meshes', done: 0, total: 5 });
    expect(meshes.at(-1)).toEqual({ phase: 'meshes', done: 5, total: 5 });
    expect(seen.at(-1)?.phase).toBe('done');
  });

  it('never writes a secret: credentials, queries and token-like strings leave the doc', async () => {
    const scene = posedStage();
    scene.source.description =
      'DAZ Studio at http://admin:hunter2@127.0.0.1:18811/execute?token=0123456789abcdef0123456789abcdef token=s3cr3t';
    const file = join(dir, 'doc.usda');
    await exportUsda(scene, file);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/hunter2|0123456789abcdef0123456789abcdef|s3cr3t/);
    expect((await readBack(file)).layer.meta.doc).toMatch(
      /^Exported by dazport from DAZ Studio at http:\/\/127\.0\.0\.1:18811\/execute/,
    );
  });
});

describe('exportUsda: textures and empty scenes', () => {
  const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'assets', 'textures');

  it('copies each map once beside the output (textureFolder option), referenced relative to the file', async () => {
    const scene = posedStage();
    scene.materials[0].channels['Diffuse Color'].map = join(ASSETS, 'checker_diffuse.png');
    scene.materials[1].channels['Diffuse Color'].map = join(ASSETS, 'checker_diffuse.png');
    const out = mkdtempSync(join(dir, 'tex-'));
    const summary = await exportUsda(scene, join(out, 'scene.usda'), { textureFolder: 'maps' });
    expect(summary.sideFiles).toEqual([join(out, 'maps', 'checker_diffuse.png')]);
    expect(readFileSync(join(out, 'maps', 'checker_diffuse.png'))).toEqual(
      readFileSync(join(ASSETS, 'checker_diffuse.png')),
    );
    const r = await readBack(join(out, 'scene.usda'));
    expectSound(r);
    const tex = r.layer.byPath.get('/Scene/Materials/Plate/Top/BaseColorTexture') as UsdPrim;
    expect(tex.props.get('inputs:file')?.value).toEqual({ asset: './maps/checker_diffuse.png' });
  });

  it('removes the textures it copied when the export fails at the very end (the rename)', async () => {
    const scene = posedStage();
    scene.materials[0].channels['Diffuse Color'].map = join(ASSETS, 'checker_diffuse.png');
    const out = mkdtempSync(join(dir, 'tex-fail-'));
    mkdirSync(join(out, 'scene.usda'));
    await expect(exportUsda(scene, join(out, 'scene.usda'))).rejects.toMatchObject({
      code: 'DAZPORT_OUTPUT',
    });
    expect(readdirSync(out)).toEqual(['scene.usda']);
  });

  it('an empty scene is still a valid stage with its defaultPrim', async () => {
    const file = join(dir, 'empty.usda');
    const summary = await exportUsda(createScene({ description: 'nothing' }), file);
    expect(summary).toMatchObject({ nodes: 0, meshes: 0, vertices: 0 });
    const r = await readBack(file);
    expect(r.problems).toEqual([]);
    expect(r.differences).toEqual([]);
    expect(r.layer.prims.map((p) => p.path)).toEqual(['/Scene']);
  });
});

describe('exportUsda: failures leave no partial file', () => {
  const leftovers = (d: string) => readdirSync(d).filter((f) => f.endsWith('.tmp'));

  it('a NaN, even after the meshes are written: DAZPORT_SCENE_INVALID naming the attribute, the old file untouched', async () => {
    const out = mkdtempSync(join(dir, 'nan-'));
    const file = join(out, 'scene.usda');
    writeFileSync(file, 'previous export');
    const scene = posedStage();
    scene.cameras[0].focalLengthMm = Number.NaN;
    await expect(exportUsda(scene, file)).rejects.toMatchObject({
      code: 'DAZPORT_SCENE_INVALID',
      message: expect.stringContaining('/Scene/Camera_1.focalLength'),
    });
    expect(readFileSync(file, 'utf8')).toBe('previous export');
    expect(leftovers(out)).toEqual([]);
    const points = posedStage();
    points.meshes[0].positions[4] = Number.POSITIVE_INFINITY;
    await expect(exportUsda(points, file)).rejects.toMatchObject({
      code: 'DAZPORT_SCENE_INVALID',
      message: expect.stringContaining('/Scene/Stage/Plate/Plate.points[1] is Infinity'),
    });
    expect(readFileSync(file, 'utf8')).toBe('previous export');
    expect(leftovers(out)).toEqual([]);
  });

  it('an output folder that cannot be made, or a folder in the way: DAZPORT_OUTPUT', async () => {
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    await expect(exportUsda(posedStage(), join(dir, 'a-file', 'sub', 'x.usda'))).rejects.toMatchObject({
      code: 'DAZPORT_OUTPUT',
      context: { file: join(dir, 'a-file', 'sub', 'x.usda') },
    });
    expect(readFileSync(join(dir, 'a-file'), 'utf8')).toBe('not a folder');
    const out = mkdtempSync(join(dir, 'in-the-way-'));
    mkdirSync(join(out, 'scene.usda'));
    await expect(exportUsda(posedStage(), join(out, 'scene.usda'))).rejects.toMatchObject({
      code: 'DAZPORT_OUTPUT',
    });
    expect(readdirSync(out)).toEqual(['scene.usda']);
    expect(readdirSync(join(out, 'scene.usda'))).toEqual([]);
  });

  it('a broken topology is refused before anything is written', async () => {
    const scene = posedStage();
    scene.meshes[0].faceVertexIndices[6] = 99;
    const file = join(dir, 'broken.usda');
    await expect(exportUsda(scene, file)).rejects.toMatchObject({
      code: 'DAZPORT_SCENE_INVALID',
      message: expect.stringContaining('corner 6 names vertex 99'),
    });
    expect(existsSync(file)).toBe(false);
  });

  it('rigged export of a scene read without rigged data: DAZPORT_USAGE with the fix', async () => {
    const { scene } = riggedFigure();
    delete scene.meshes[0].rest;
    await expect(exportUsda(scene, join(dir, 'norest.usda'), { rigged: true })).rejects.toMatchObject({
      code: 'DAZPORT_USAGE',
      suggestion: expect.stringContaining('rigged'),
    });
  });
});

describe('exportUsda: a rigged figure with a motion', () => {
  it('skins to DAZ’s posed mesh at the default time, and to DAZ’s formula at every time code', async () => {
    const { scene, figureWorld, pose } = riggedFigure();
    const file = join(dir, 'rig.usda');
    const summary = await exportUsda(scene, file, { rigged: true, morphs: true });
    expect(summary).toMatchObject({ joints: 3, animations: 1 });
    const r = await readBack(file);
    expectSound(r);
    expect(r.layer.meta).toMatchObject({
      timeCodesPerSecond: 24,
      framesPerSecond: 24,
      startTimeCode: 0,
      endTimeCode: 4,
    });
    const prims = allPrims(r.layer);
    const skel = prims.find((p) => p.type === 'Skeleton') as UsdPrim;
    expect(skel.props.get('joints')?.value).toEqual(['hip', 'hip/spine_1', 'hip/spine_1/head']);
    expect(skel.props.get('jointNames')?.value).toEqual(['hip', 'spine 1', 'head']);
    const anim = prims.find((p) => p.type === 'SkelAnimation') as UsdPrim;
    expect(anim.name).toBe('wave');
    expect(anim.props.get('rotations')?.timeSamples?.map((s) => s[0])).toEqual([0, 1, 2, 3, 4]);
    // Only the morph with deltas becomes a blend shape, at its current weight.
    expect(anim.props.get('blendShapes')?.value).toEqual(['wide']);
    const mesh = prims.find((p) => p.type === 'Mesh') as UsdPrim;
    expect(maxDiff(skinnedPoints(r.layer, mesh), scene.meshes[0].positions)).toBeLessThan(1e-4);
    for (let f = 0; f < 5; f++) {
      const want = dazSkin(
        scene.meshes[0],
        dazWorlds(figureWorld, scene.skeletons[0].joints, motionPose(scene, pose, f)),
        [0.5, 0],
      );
      expect(maxDiff(skinnedPoints(r.layer, mesh, f), want)).toBeLessThan(1e-4);
    }
    // Consecutive samples of a joint's rotation stay on one hemisphere (short-way interpolation).
    const samples = anim.props.get('rotations')?.timeSamples ?? [];
    for (let f = 1; f < samples.length; f++) {
      const a = flat(samples[f - 1][1]);
      const b = flat(samples[f][1]);
      for (let j = 0; j < a.length; j += 4) {
        expect(a[j] * b[j] + a[j + 1] * b[j + 1] + a[j + 2] * b[j + 2] + a[j + 3] * b[j + 3]).toBeGreaterThan(
          0,
        );
      }
    }
  });

  it('a motion alone (not rigged) writes the skeleton and its animation, the mesh stays posed', async () => {
    const { scene } = riggedFigure();
    const file = join(dir, 'motion-only.usda');
    const summary = await exportUsda(scene, file);
    expect(summary).toMatchObject({ joints: 3, animations: 1 });
    const r = await readBack(file);
    expectSound(r);
    const mesh = allPrims(r.layer).find((p) => p.type === 'Mesh') as UsdPrim;
    expect(mesh.props.has('skel:skeleton')).toBe(false);
    const world = transformPoints(worldOf(r.layer, mesh.path), flat(mesh.props.get('points')?.value));
    expect(maxDiff(world, scene.meshes[0].positions)).toBeLessThan(1e-4);
  });

  it('morphs without rigged: a warning, no blend shapes', async () => {
    const { scene } = riggedFigure();
    scene.motions = [];
    const summary = await exportUsda(scene, join(dir, 'morphs-only.usda'), { morphs: true });
    expect(summary.warnings).toContain(
      'morphs need a rigged export, --rigged (library: rigged: true): not written',
    );
    expect(summary.joints).toBe(0);
  });
});
