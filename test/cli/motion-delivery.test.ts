/**
 * Issue 8's quality bar, on the real delivery path: the CMU walk retargeted onto the emulator's
 * Genesis 9, written to glTF and USDA, then evaluated at every frame by readers that are not
 * ours (glTF-Transform for the node graph; TinyUSDZ's re-printed layer for USD) must put every
 * joint where the retarget put it, within 1e-3 cm.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Node } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { readScene } from '../../src/client/scene-reader.js';
import { readBvhFile } from '../../src/import/bvh/index.js';
import {
  type RetargetOntoResult,
  retargetOntoSkeleton,
} from '../../src/import/retarget/retarget-onto-skeleton.js';
import { targetJointPositions } from '../../src/import/retarget/target-pose.js';
import { deliverSceneFile } from '../../src/jobs/deliver-motion.js';
import type { Scene } from '../../src/scene/scene.js';
import { readBack as readGltf } from '../export/gltf/helpers/read-back.js';
import { summarizeIssues, validateFile } from '../export/gltf/helpers/validate.js';
import { readBack as readUsda, unexpectedDrops } from '../export/usda/read-back.js';
import { jointFrames } from '../export/usda/usd-eval.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const CMU = join(__dirname, '..', '..', 'fixtures', 'bvh', 'cmu_01_01.bvh');
const FRAMES: [number, number] = [0, 359]; // 3 s of the walk at 120 fps: the tests stay quick

describe('retargeted motion in glTF and USD, evaluated at every frame', () => {
  let t: TestEmulator;
  let client: DazClient;
  let dir: string;
  let scene: Scene;
  let result: RetargetOntoResult;
  /** Per frame, per rig joint: where the retarget puts the joint centre (cm, figure space). */
  let expected: Float64Array[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-delivery-'));
    t = await startTestEmulator({ scene: 'g9' });
    client = t.client();
    scene = await readScene(client, { select: ['Genesis 9'], rigged: true, normals: false });
    const clip = await readBvhFile(CMU);
    result = retargetOntoSkeleton(clip, scene.skeletons[0], { frames: FRAMES, fps: 30 });
    expected = Array.from({ length: result.motion.frameCount }, (_, f) =>
      targetJointPositions(result.rig, result.motion, f),
    );
  }, 60_000);
  afterAll(async () => {
    await client.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the figure is at the origin unrotated, so figure space is world space here', () => {
    const figure = scene.nodes[scene.skeletons[0].node];
    expect(Array.from(figure.worldMatrix)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(result.motion.frameCount).toBe(90); // 359 / 120 s = 2.99 s at 30 fps: frames 0..89
  });

  it('glTF: valid, and every joint node lands on the retargeted joint centre at every frame', async () => {
    const out = join(dir, 'walk.glb');
    const d = await deliverSceneFile(scene, 0, result.motion, out);
    expect(d).toMatchObject({ format: 'glb', frames: 90 });
    const report = await validateFile(out);
    expect([report.issues.numErrors, report.issues.numWarnings], summarizeIssues(report).join('; ')).toEqual([
      0, 0,
    ]);

    const doc = await readGltf(out);
    const [animation] = doc.getRoot().listAnimations();
    const byName = new Map(
      doc
        .getRoot()
        .listNodes()
        .map((n) => [n.getName(), n]),
    );
    const channels = animation.listChannels().map((c) => ({
      node: c.getTargetNode() as Node,
      path: c.getTargetPath() as 'rotation' | 'translation',
      times: c.getSampler()!.getInput()!.getArray()!,
      values: c.getSampler()!.getOutput()!.getArray()!,
    }));
    const joints = result.rig.joints.map((j) => byName.get(j.name));
    expect(joints.every(Boolean)).toBe(true);
    let worst = 0;
    for (let f = 0; f < result.motion.frameCount; f++) {
      for (const c of channels) {
        expect(c.times[f]).toBeCloseTo(f / 30, 5);
        const n = c.path === 'rotation' ? 4 : 3;
        const v = Array.from(c.values.slice(f * n, f * n + n));
        if (c.path === 'rotation') c.node.setRotation(v as [number, number, number, number]);
        else c.node.setTranslation(v as [number, number, number]);
      }
      joints.forEach((node, j) => {
        const m = node!.getWorldMatrix();
        for (let k = 0; k < 3; k++)
          worst = Math.max(worst, Math.abs(m[12 + k] * 100 - expected[f][j * 3 + k]));
      });
    }
    expect(worst).toBeLessThan(1e-3);
  }, 60_000);

  it('USD: TinyUSDZ reads the same layer back, and its SkelAnimation puts every joint there too', async () => {
    const out = join(dir, 'walk.usda');
    await deliverSceneFile(scene, 0, result.motion, out);
    const back = await readUsda(out);
    expect(back.problems).toEqual([]);
    expect(back.differences).toEqual([]);
    expect(unexpectedDrops(back)).toEqual([]);
    const layer = back.tinyLayer;
    const skeleton = [...layer.byPath.values()].find((p) => p.type === 'Skeleton')!;
    const names = skeleton.props.get('jointNames')?.value as string[];
    expect(names).toEqual(result.rig.joints.map((j) => j.name));
    const anim = layer.byPath.get(skeleton.props.get('skel:animationSource')?.targets?.[0] ?? '')!;
    const times = anim.props.get('rotations')?.timeSamples?.map((s) => s[0]);
    expect(times).toEqual(Array.from({ length: 90 }, (_, f) => f));
    let worst = 0;
    for (let f = 0; f < result.motion.frameCount; f++) {
      const { frames } = jointFrames(layer, skeleton, f);
      frames.forEach((m, j) => {
        for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(m[12 + k] - expected[f][j * 3 + k]));
      });
    }
    expect(worst).toBeLessThan(1e-3);
  }, 120_000);
});

/**
 * The command line on a real file with one frame line more than its Frames: (the shipped
 * Biovision boxing clip): read with defaults, the warning reaches the user, the .duf keys the
 * whole figure, and strict mode's hint names the flag rather than the library option. The
 * program runs in-process: what it prints and its exit status, without a process start each.
 */
describe('dazport retarget / inspect on the Biovision boxing clip', () => {
  const BOXING = join(__dirname, '..', '..', 'fixtures', 'bvh', 'biovision_boxing_toes.bvh');
  const WARNING = 'Frames: says 3069, the file has 3070 frame lines; all 3070 were read';
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-boxing-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bonesIn = (file: string) => {
    const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
    const urls: string[] = doc.scene.animations.map((a: { url: string }) => a.url);
    return {
      id: doc.asset_info.id as string,
      urls,
      bones: new Set(urls.map((u) => /@selection\/([^:]+):/.exec(u)![1])),
    };
  };

  it('reads it with defaults, warns on stderr, and writes a .duf that keys all 143 bones', async () => {
    const out = join(dir, 'box.duf');
    const r = await runInProcess(['retarget', BOXING, '--to', 'genesis9', '--out', out, '--frames', '0:200']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning: ${BOXING}: ${WARNING}`);
    const duf = bonesIn(out);
    expect(duf.bones.size).toBe(143);
    expect(duf.urls).toHaveLength(143 * 6);
    expect(duf.id).toMatch(/^\/Presets\/Poses\/dazport\/Genesis%209\/box-[0-9a-f]{12}\.duf$/);
  }, 60_000);

  it('--json carries the warning in the object; --only-driven keys only the driven bones', async () => {
    const out = join(dir, 'box-driven.duf');
    const r = await runInProcess([
      '--json',
      'retarget',
      BOXING,
      '--to',
      'genesis9',
      '--out',
      out,
      '--frames',
      '0:200',
      '--only-driven',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('warning');
    const report = JSON.parse(r.stdout);
    expect(report.clipWarnings).toEqual([WARNING]);
    const duf = bonesIn(out);
    expect(report.outputs[0].bones).toBe(duf.bones.size);
    expect(duf.bones.size).toBeLessThan(143);
    expect(duf.bones.has('hip')).toBe(true);
  }, 60_000);

  it('--frame-mismatch error refuses it with a hint that names the flag', async () => {
    const r = await runInProcess([
      'retarget',
      BOXING,
      '--to',
      'genesis9',
      '--out',
      join(dir, 'x.duf'),
      '--frame-mismatch',
      'error',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hint: pass --frame-mismatch use-lines/);
    expect(r.stderr).not.toMatch(/frameCountMismatch/);
  }, 60_000);

  it('inspect --json lists the warning', async () => {
    const r = await runInProcess(['--json', 'inspect', BOXING]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ frames: 3070, frameRate: 100, warnings: [WARNING] });
  }, 60_000);
});
