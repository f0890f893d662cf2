/**
 * The animation already in a DAZ scene, exported through the client (`exportScene` with
 * `animation`) from the emulator's g9-anim scene, read back with independent readers
 * (glTF-Transform, the Khronos validator) and compared at every frame with what the emulator
 * itself evaluates at that time (its own DOM, built in this process): skinned figure with its
 * keyed bones and morph, and the keyed cube.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document, Node } from '@gltf-transform/core';
import { mat4 } from 'gl-matrix';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { evaluateKeys } from '../../src/client/read-animation.js';
import { readScene } from '../../src/client/scene-reader.js';
import type { DzNode } from '../../src/emulator/dom/dz-node.js';
import type { DzScene } from '../../src/emulator/dom/dz-scene.js';
import type { DzFigure } from '../../src/emulator/dom/dz-skeleton.js';
import { meshPositions } from '../../src/emulator/dom/geometry/dz-facet-mesh.js';
import type { DzObject } from '../../src/emulator/dom/geometry/dz-object.js';
import { exportScene, readAnimation, readAnimationChannels } from '../../src/index.js';
import { quatToEulerDegrees } from '../../src/math/euler.js';
import { type TruthMesh, truthMesh } from '../export/gltf/helpers/emulator-truth.js';
import {
  compareCorners,
  readBack,
  skinnedPositions,
  worldPositions,
} from '../export/gltf/helpers/read-back.js';
import { summarizeIssues, validateFile } from '../export/gltf/helpers/validate.js';
import { type ReadBack, readBack as readUsda } from '../export/usda/read-back.js';
import { localOf, maxDiff, skinnedPoints, transformPoints } from '../export/usda/usd-eval.js';
import { allPrims, flat, matrixOf, type UsdLayer, type UsdPrim } from '../export/usda/usda-parse.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { inProcessScene } from '../helpers/in-process-scene.js';

const FRAMES = 61; // 0..2 s at 30 fps
const STEP = 160; // ticks per frame

let emu: TestEmulator;
let dir: string;
let truth: DzScene;

beforeAll(async () => {
  emu = await startTestEmulator({ scene: 'g9-anim' });
  dir = mkdtempSync(join(tmpdir(), 'dazport-export-anim-'));
  truth = inProcessScene('g9-anim');
});
afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

const clientOf = () => emu.client();

async function exportWith(
  name: string,
  options: Parameters<typeof exportScene>[2],
  base = name,
  formats: readonly ('glb' | 'usda')[] = ['glb', 'usda'],
) {
  const client = clientOf();
  try {
    // The file names are in the files (texture names, the .bin): same base, same bytes.
    const files = formats.map((f) => join(dir, name, `${base}.${f}`));
    const result = await exportScene(client, files, options);
    return { result, files };
  } finally {
    await client.close();
  }
}

/**
 * The baked export (.glb and .usda in one run), made once and read by the glTF, the USDA and the
 * keys tests: a full-figure export costs seconds of CPU, and each reader checks its own file.
 */
let bakedOnce: ReturnType<typeof exportWith> | undefined;
// The emulator drives its joint correctives from the bones, as DAZ does: the figure follows
// DAZ at every frame only with their values baked too.
const bakeExport = () => {
  bakedOnce ??= exportWith('bake', { animation: 'bake', morphs: true, bakeCorrectives: true });
  return bakedOnce;
};

/**
 * The emulator's own mesh of `node` at frame `frame` (its DOM, evaluated in this process), once
 * per node and frame: the glTF and the USDA tests compare with the same 61 poses, and evaluating
 * the figure is most of their cost. The UVs and corners are the same at every frame.
 */
const topologies = new Map<string, TruthMesh>();
const posed = new Map<string, Float32Array>();
function truthAt(node: DzNode, frame: number): TruthMesh {
  const label = node.getLabel();
  const key = `${label}@${frame}`;
  let positionsCm = posed.get(key);
  if (!positionsCm) {
    truth.setTime(frame * STEP);
    const object = node.getObject() as unknown as DzObject;
    object.forceCacheUpdate(node, false);
    // A copy: the emulator evaluates the next frame into the same array.
    positionsCm = meshPositions(object.getCachedGeom()).slice();
    posed.set(key, positionsCm);
  }
  let topology = topologies.get(label);
  if (!topology) {
    topology = truthMesh(node);
    topologies.set(label, topology);
  }
  return { ...topology, positionsCm };
}

/** Pose the read-back document at frame `f` from its animations' samplers (LINEAR, keys on every frame). */
function poseAt(doc: Document, f: number): void {
  for (const anim of doc.getRoot().listAnimations())
    for (const c of anim.listChannels()) {
      const v = c.getSampler()?.getOutput()?.getElement(f, []) as number[];
      const node = c.getTargetNode() as Node;
      const path = c.getTargetPath();
      if (path === 'weights') {
        const n = node.getMesh()?.getWeights().length ?? 0;
        const all = c.getSampler()?.getOutput()?.getArray() as Float32Array;
        node.getMesh()?.setWeights(Array.from(all.subarray(f * n, f * n + n)));
      } else if (path === 'rotation') node.setRotation(v as [number, number, number, number]);
      else if (path === 'translation') node.setTranslation(v as [number, number, number]);
      else if (path === 'scale') node.setScale(v as [number, number, number]);
    }
}

/** Worst corner distance (m) between the document posed at frame f and the emulator at that time. */
function worstAt(doc: Document, f: number, truthFrame = f): { figure: number; cube: number } {
  poseAt(doc, f);
  const out = { figure: 0, cube: 0 };
  for (const node of doc.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    const id = (mesh.getExtras() as { daz: { id: string } }).daz.id;
    const dz = truth.findNodeByElementID(Number(id)) as unknown as DzNode;
    const t = truthAt(dz, truthFrame);
    for (const prim of mesh.listPrimitives()) {
      const surface = String((prim.getExtras() as { daz: { surface: string } }).daz.surface);
      const positions = node.getSkin() ? skinnedPositions(node, mesh, prim) : worldPositions(node, prim);
      const d = compareCorners(positions, prim, t, surface).position;
      if (dz.getLabel() === 'Textured Cube') out.cube = Math.max(out.cube, d);
      else if (dz.getLabel() === 'Genesis 9') out.figure = Math.max(out.figure, d);
    }
  }
  return out;
}

describe('export --animation bake (g9-anim)', () => {
  let doc: Document;
  let files: string[];

  beforeAll(async () => {
    ({ files } = await bakeExport());
    doc = await readBack(files[0]);
  }, 120_000);

  it('writes valid glTF animations: bones, hip translation, the belly morph weights, the cube TRS', async () => {
    const report = await validateFile(files[0]);
    expect(report.issues.numErrors + report.issues.numWarnings, summarizeIssues(report).join('; ')).toBe(0);
    const anims = doc.getRoot().listAnimations();
    // One clip, as DAZ's timeline is: engines play one animation at a time.
    expect(anims.map((a) => a.getName())).toEqual(['DAZ timeline']);
    const channels = anims.flatMap((a) =>
      a.listChannels().map((c) => `${c.getTargetNode()?.getName()}.${c.getTargetPath()}`),
    );
    expect(channels.sort()).toEqual(
      [
        'head.rotation',
        'hip.rotation',
        'hip.translation',
        'neck1.rotation',
        'r_forearm.rotation',
        'r_upperarm.rotation',
        'r_thigh.rotation',
        'r_shin.rotation',
        'r_foot.rotation',
        'Genesis 9 (mesh).weights',
        'Textured Cube.translation',
        'Textured Cube.rotation',
        'Textured Cube.scale',
      ].sort(),
    );
    for (const a of anims)
      for (const s of a.listSamplers()) {
        expect(Array.from(s.getInput()?.getArray() ?? [])).toEqual(
          Array.from({ length: FRAMES }, (_, f) => Math.fround(f / 30)),
        );
        expect(s.getInterpolation()).toBe('LINEAR');
      }
  });

  it('poses the figure and the cube at every frame as the emulator does at that time', () => {
    // The animation moves both well beyond the tolerance: frame 30 is not frame 0.
    const still = worstAt(doc, 30, 0);
    expect(still.figure).toBeGreaterThan(0.02);
    expect(still.cube).toBeGreaterThan(0.2);
    for (let f = 0; f < FRAMES; f++) {
      const worst = worstAt(doc, f);
      expect(worst.figure, `figure, frame ${f}`).toBeLessThan(1e-4);
      expect(worst.cube, `cube, frame ${f}`).toBeLessThan(1e-4);
    }
  });
});

/** World transform of the prim at `path` at time code `time` (time samples where there are some). */
function worldAt(layer: UsdLayer, path: string, time: number): Float64Array {
  let m = mat4.identity(new Float64Array(16)) as Float64Array;
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const prim = layer.byPath.get(`/${parts.slice(0, i).join('/')}`) as UsdPrim;
    const op = prim.props.get('xformOp:transform');
    const sample = op?.timeSamples?.find((s) => s[0] === time)?.[1];
    const local = sample !== undefined ? matrixOf(sample) : localOf(prim);
    m = mat4.multiply(new Float64Array(16), m, local) as Float64Array;
  }
  return m;
}

describe('export --animation bake (g9-anim), USDA', () => {
  let back: ReadBack;

  beforeAll(async () => {
    const { files } = await bakeExport();
    back = await readUsda(files[1]);
  }, 120_000);

  it('is sound and read by TinyUSDZ, with the timeline and the time samples', () => {
    expect(back.problems).toEqual([]);
    expect(back.differences).toEqual([]);
    expect(back.layer.meta.timeCodesPerSecond).toBe(30);
    expect(back.layer.meta.startTimeCode).toBe(0);
    expect(back.layer.meta.endTimeCode).toBe(FRAMES - 1);
    const anim = allPrims(back.layer).find((p) => p.type === 'SkelAnimation') as UsdPrim;
    for (const prop of ['rotations', 'translations', 'blendShapeWeights'])
      expect(
        anim.props.get(prop)?.timeSamples?.map((s) => s[0]),
        prop,
      ).toEqual(Array.from({ length: FRAMES }, (_, f) => f));
    const cube = allPrims(back.layer).find((p) => p.type === 'Xform' && p.name.includes('Cube')) as UsdPrim;
    expect(cube.props.get('xformOp:transform')?.timeSamples).toHaveLength(FRAMES);
  });

  it('poses the figure and the cube at every time code as the emulator does at that time', () => {
    const prims = allPrims(back.layer);
    const figure = prims.find((p) => p.type === 'Mesh' && p.props.has('skel:skeleton')) as UsdPrim;
    const cube = prims.find((p) => p.type === 'Mesh' && p.path.includes('Cube')) as UsdPrim;
    const fig = truth.findNodeByLabel('Genesis 9') as unknown as DzNode;
    const box = truth.findNodeByLabel('Textured Cube') as unknown as DzNode;
    const cubePoints = flat(cube.props.get('points')?.value);
    const at = (f: number, truthFrame = f) => {
      return {
        figure: maxDiff(skinnedPoints(back.layer, figure, f), truthAt(fig, truthFrame).positionsCm),
        cube: maxDiff(
          transformPoints(worldAt(back.layer, cube.path, f), cubePoints),
          truthAt(box, truthFrame).positionsCm,
        ),
      };
    };
    const still = at(30, 0);
    expect(still.figure).toBeGreaterThan(2);
    expect(still.cube).toBeGreaterThan(20);
    for (let f = 0; f < FRAMES; f++) {
      const d = at(f);
      // cm: 1e-3 cm is 1e-5 m, the glTF test's tolerance tenfold tighter.
      expect(d.figure, `figure, time ${f}`).toBeLessThan(1e-3);
      expect(d.cube, `cube, time ${f}`).toBeLessThan(1e-3);
    }
  });
});

describe('export --animation keys, --frame, none', () => {
  it('keys: the linear keys interpolated here give what DAZ bakes, frame for frame', async () => {
    const { files } = await exportWith(
      'keys',
      { animation: 'keys', morphs: true, bakeCorrectives: true },
      'keys',
      ['glb'],
    );
    const keys = await readBack(files[0]);
    const baked = await readBack((await bakeExport()).files[0]);
    const outputs = (d: Document) =>
      d
        .getRoot()
        .listAnimations()
        .flatMap((a) => a.listChannels())
        .map((c) => ({
          target: `${c.getTargetNode()?.getName()}.${c.getTargetPath()}`,
          values: Array.from((c.getSampler()?.getOutput()?.getArray() ?? []) as ArrayLike<number>),
        }))
        .sort((a, b) => a.target.localeCompare(b.target));
    const a = outputs(keys);
    const b = outputs(baked);
    expect(a.map((x) => x.target)).toEqual(b.map((x) => x.target));
    for (let i = 0; i < a.length; i++)
      expect(maxDiff(a[i].values, b[i].values), a[i].target).toBeLessThan(1e-6);
  });

  it('--frame 30 exports the scene posed as the emulator poses it at frame 30, then gives the time back', async () => {
    const { files } = await exportWith('frame30', { frame: 30 }, 'frame30', ['glb']);
    const doc = await readBack(files[0]);
    expect(doc.getRoot().listAnimations()).toHaveLength(0);
    const frame30 = worstAt(doc, 0, 30);
    expect(frame30.figure).toBeLessThan(1e-4);
    expect(frame30.cube).toBeLessThan(1e-4);
    // Frame 30 is not what the scene shows at its own time (frame 0).
    const frame0 = worstAt(doc, 0, 0);
    expect(frame0.figure).toBeGreaterThan(0.02);
    expect((await emu.execute('Scene.getTime()')).result).toBe(0);
  });

  it('--frame outside the animation range is a usage error naming the range; the time is untouched', async () => {
    await expect(exportWith('frame99', { frame: 99 })).rejects.toMatchObject({
      code: 'DAZPORT_USAGE',
      message: "--frame 99: the scene's animation range is frames 0 to 60",
    });
    expect((await emu.execute('Scene.getTime()')).result).toBe(0);
  });

  it('none (the default) writes no animation and the same bytes as before', async () => {
    const { files } = await exportWith('default', {}, 'scene');
    const { files: none } = await exportWith('none', { animation: 'none' }, 'scene');
    expect(readFileSync(files[0]).equals(readFileSync(none[0]))).toBe(true);
    expect(readFileSync(files[1]).equals(readFileSync(none[1]))).toBe(true);
    expect((await readBack(files[0])).getRoot().listAnimations()).toHaveLength(0);
    expect(readFileSync(files[1], 'utf8')).not.toContain('timeSamples');
  });

  it('stops with DAZPORT_SCENE_CHANGED when the keys changed while the animation was read', async () => {
    const client = clientOf();
    try {
      const before = await readAnimationChannels(client);
      const scene = await readScene(client, { rigged: true });
      // As if a key had been moved in DAZ Studio between the first look at the keys and the last.
      const edited = structuredClone(before);
      edited.nodes[0].bones[0].keys[Object.keys(edited.nodes[0].bones[0].keys)[0]][1][1] += 1;
      await expect(readAnimation(client, scene, edited, { mode: 'bake' })).rejects.toMatchObject({
        code: 'DAZPORT_SCENE_CHANGED',
      });
      // Unchanged, the same read goes through.
      expect(await readAnimation(client, scene, before, { mode: 'bake' })).toBe(FRAMES);
    } finally {
      await client.close();
    }
  });
});

describe('readAnimation requests', () => {
  it('bake asks DAZ for every value; keys only for node transforms (linear keys are sampled here); small chunks give the same samples', async () => {
    const client = clientOf();
    const run = vi.spyOn(client, 'run');
    const sampled = () =>
      run.mock.calls
        .filter(([script]) => script.name === 'animation-samples')
        .map(([, args]) => args as { items: { kind: string }[]; from: number; count: number });
    try {
      const channels = await readAnimationChannels(client);
      const read = async (mode: 'keys' | 'bake', chunkBytes?: number) => {
        const scene = await readScene(client, { rigged: true });
        run.mockClear();
        await readAnimation(client, scene, channels, { mode, ...(chunkBytes ? { chunkBytes } : {}) });
        return { scene, requests: sampled() };
      };
      const bake = await read('bake');
      expect(bake.requests).toHaveLength(1);
      // Eight keyed bones, the belly morph and the cube's world transform.
      const kinds = bake.requests[0].items.map((i) => i.kind).sort();
      expect(kinds).toEqual([...Array(8).fill('b'), 'm', 'w']);
      const keys = await read('keys');
      expect(keys.requests.flatMap((r) => r.items.map((i) => i.kind))).toEqual(['w']);
      // About 300 bytes a frame: 2 kB chunks take several requests, every frame once, in order.
      const small = await read('bake', 2_000);
      expect(small.requests.length).toBeGreaterThan(5);
      expect(small.requests.map((r) => r.from)).toEqual(
        small.requests.map((_, i) => small.requests.slice(0, i).reduce((s, r) => s + r.count, 0)),
      );
      expect(small.requests.reduce((s, r) => s + r.count, 0)).toBe(FRAMES);
      const flat = (m: typeof bake.scene.motions) =>
        m.flatMap((x) => [
          ...x.tracks.flatMap((t) => [...t.rotations, ...(t.translations ?? [])]),
          ...(x.nodeTracks ?? []).flatMap((t) => [...t.worldMatrices]),
          ...(x.morphTracks ?? []).flatMap((t) => [...t.weights]),
        ]);
      expect(flat(small.scene.motions)).toEqual(flat(bake.scene.motions));
      expect(maxDiff(flat(keys.scene.motions), flat(bake.scene.motions))).toBeLessThan(1e-6);
    } finally {
      run.mockRestore();
      await client.close();
    }
  });
});

describe('evaluateKeys', () => {
  it('interpolates linear keys, holds constant ones and the ends, as the emulator does', () => {
    const keys: [number, number, number][] = [
      [0, 1, 1],
      [160, 3, 0],
      [480, -1, 1],
      [640, 5, 1],
    ];
    const prop = (truth.findNodeByLabel('Textured Cube') as unknown as DzNode).getXPosControl();
    for (const [t, v, interp] of keys) prop.setValue(t, v, interp);
    for (const t of [-50, 0, 80, 160, 300, 479, 480, 560, 640, 900])
      expect(evaluateKeys(keys, t), `t ${t}`).toBeCloseTo(prop.getValue(t), 12);
    prop.deleteAllKeys();
  });
});

describe('TCB keys (runs last: it re-keys the served scene)', () => {
  it('keys mode asks DAZ for a bone whose keys are not linear, and gets the spline, not a straight line', async () => {
    const keys: [number, number][] = [
      [0, 20],
      [25, -30],
      [45, 10],
      [60, 20],
    ];
    const script = `var p = Scene.findNodeByLabel("Genesis 9").findBone("head").getYRotControl(); p.deleteAllKeys();
      var k = getArguments()[0].keys; for (var i = 0; i < k.length; i++) p.setValue(k[i][0] * ${STEP}, k[i][1], 2); p.getNumKeys()`;
    expect((await emu.execute(script, { keys })).result).toBe(4);
    // The same keys on the in-process DOM: what the emulator evaluates between them.
    const head = (truth.findNodeByLabel('Genesis 9') as unknown as DzFigure).findBone('head') as DzNode;
    const y = head.getYRotControl();
    y.deleteAllKeys();
    for (const [f, v] of keys) y.setValue(f * STEP, v, 2);
    const client = clientOf();
    const run = vi.spyOn(client, 'run');
    try {
      const channels = await readAnimationChannels(client);
      const read = async (mode: 'keys' | 'bake') => {
        const scene = await readScene(client, { rigged: true });
        run.mockClear();
        await readAnimation(client, scene, channels, { mode });
        const sampled = run.mock.calls
          .filter(([s]) => s.name === 'animation-samples')
          .flatMap(([, a]) => (a as { items: { name?: string }[] }).items.map((i) => i.name));
        const joint = scene.skeletons[0].joints.find((j) => j.name === 'head');
        const track = scene.motions[0].tracks.find((t) => t.joint === 'head');
        return { sampled, order: joint?.rotationOrder ?? 'XYZ', rotations: track?.rotations as Float32Array };
      };
      const k = await read('keys');
      const b = await read('bake');
      expect(k.sampled).toContain('head');
      expect(k.sampled).not.toContain('r_forearm');
      expect(maxDiff(k.rotations, b.rotations)).toBeLessThan(1e-6);
      for (const f of [5, 12, 30, 50]) {
        const q = Array.from(b.rotations.subarray(f * 4, f * 4 + 4)) as [number, number, number, number];
        const yDeg = quatToEulerDegrees(k.order, q)[1];
        expect(yDeg, `frame ${f}`).toBeCloseTo(y.getValue(f * STEP), 3);
        const linear = evaluateKeys(
          keys.map(([kf, v]) => [kf * STEP, v, 1]),
          f * STEP,
        );
        expect(Math.abs(yDeg - linear), `frame ${f} is off the straight line`).toBeGreaterThan(0.5);
      }
    } finally {
      run.mockRestore();
      await client.close();
    }
  });
});
