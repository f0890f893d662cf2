/**
 * A BVH retargeted onto a Poser figure (the emulated PoserTalkr scene, read rigged), measured from
 * outside: the .glb is read back with glTF-Transform, its skinned mesh posed at a few frames, and
 * checked against what this file computes on its own from the BVH (its own forward kinematics):
 * the soles on the floor, the hip at a plausible height, the upper arms pointing where the
 * capture's do. The Khronos validator reads the same bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document, Node } from '@gltf-transform/core';
import { mat4, quat, vec3 } from 'gl-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoserEmulator, startPoserEmulator } from '../../src/emulators/poser/start-poser-emulator.js';
import { readBvhFile } from '../../src/import/bvh/index.js';
import { readOtherSourceScene } from '../../src/jobs/other-sources.js';
import { retargetFile } from '../../src/jobs/retarget-file.js';
import type { RetargetFileResult } from '../../src/jobs/retarget-report.js';
import type { Scene } from '../../src/scene/scene.js';
import { readBack, skinnedPositions } from '../export/gltf/helpers/read-back.js';
import { summarizeIssues, validateFile } from '../export/gltf/helpers/validate.js';
import { readBack as readUsdaBack, unexpectedDrops } from '../export/usda/read-back.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const CMU = join(process.cwd(), 'fixtures/bvh/cmu_01_01.bvh');
/** Ten seconds of the clip at 120 fps, written at 30: output frame k is source frame 4k. */
const FRAMES: [number, number] = [0, 1199];
const STEP = 4;
const SAMPLES = [0, 30, 60, 90, 120, 150, 180, 210, 240, 270];
const SLOW_MS = 120_000;

let dir: string;
let emulator: PoserEmulator;
let scene: Scene;
let result: RetargetFileResult;
let doc: Document;
const glb = () => join(dir, 'walk.glb');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-retarget-poser-'));
  emulator = await startPoserEmulator({ host: '127.0.0.1', port: 0, scene: 'figure' });
  scene = await readOtherSourceScene('poser', { host: emulator.host, port: emulator.port }, { rigged: true });
  result = await retargetFile(CMU, {
    to: { scene, figure: 'Figure 1' },
    out: [glb(), join(dir, 'walk.usda')],
    frames: FRAMES,
    fps: 30,
  });
  doc = await readBack(glb());
}, SLOW_MS);
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Put every animated node in the pose of frame `k` (every frame is a key in a scene file). */
function pose(k: number): void {
  for (const channel of doc.getRoot().listAnimations()[0].listChannels()) {
    const node = channel.getTargetNode() as Node;
    const out = channel.getSampler()?.getOutput()?.getArray() as Float32Array;
    const path = channel.getTargetPath();
    if (path === 'rotation')
      node.setRotation([...out.subarray(k * 4, k * 4 + 4)] as [number, number, number, number]);
    if (path === 'translation')
      node.setTranslation([...out.subarray(k * 3, k * 3 + 3)] as [number, number, number]);
  }
}

function node(name: string): Node {
  const found = doc
    .getRoot()
    .listNodes()
    .find((n) => n.getName() === name);
  if (!found) throw new Error(`no node ${name}`);
  return found;
}

const worldOf = (name: string): vec3 =>
  mat4.getTranslation(vec3.create(), node(name).getWorldMatrix() as mat4);

/** The skinned vertices of a mesh node in the current pose, metres (glTF §3.7.3 skinning). */
function skinnedVertices(name: string): Float64Array[] {
  const mesh = node(name);
  if (!mesh.getSkin()) throw new Error(`${name} is not skinned`);
  return (mesh.getMesh()?.listPrimitives() ?? []).map((prim) =>
    skinnedPositions(mesh, mesh.getMesh() as never, prim),
  );
}

/** The lowest vertex of the figure's skinned mesh in the current pose, metres. */
function lowestVertex(): number {
  let low = Number.POSITIVE_INFINITY;
  for (const p of skinnedVertices('Figure 1 (mesh)'))
    for (let i = 1; i < p.length; i += 3) low = Math.min(low, p[i]);
  return low;
}

/** World joint positions of a BVH frame: offsets, then the channels in file order (file units). */
function bvhWorld(clip: Awaited<ReturnType<typeof readBvhFile>>, frame: number): vec3[] {
  const world: mat4[] = [];
  const row = new Float64Array(6);
  return clip.joints.map((joint, j) => {
    const values = clip.getJointValues(j, frame, row);
    const t = vec3.fromValues(...joint.offset);
    const r = quat.create();
    joint.channels.forEach((c, i) => {
      const axis = c[0] as 'X' | 'Y' | 'Z';
      if (c.endsWith('position')) t['XYZ'.indexOf(axis)] = values[i];
      else {
        const q = quat.setAxisAngle(
          quat.create(),
          axis === 'X' ? [1, 0, 0] : axis === 'Y' ? [0, 1, 0] : [0, 0, 1],
          (values[i] * Math.PI) / 180,
        );
        quat.multiply(r, r, q);
      }
    });
    const local = mat4.fromRotationTranslation(mat4.create(), r, t);
    world[j] = joint.parent < 0 ? local : mat4.multiply(mat4.create(), world[joint.parent], local);
    return mat4.getTranslation(vec3.create(), world[j]);
  });
}

const angleDeg = (a: vec3, b: vec3) => (vec3.angle(a, b) * 180) / Math.PI;
const horizontal = (v: vec3) => vec3.normalize(vec3.create(), [v[0], 0, v[2]]);

describe('retargeting onto a Poser figure', () => {
  it('writes a .glb the Khronos validator passes', async () => {
    expect(result.outputs.map((o) => o.format)).toEqual(['glb', 'usda']);
    expect(result.convention).toBe('cmu');
    const report = await validateFile(glb());
    expect(report.issues.numErrors, summarizeIssues(report).join('\n')).toBe(0);
  });

  it('lifts the feet off the floor and the hip up and down as the capture does, frame after frame', async () => {
    const clip = await readBvhFile(CMU);
    const at = (name: string) => clip.joints.findIndex((j) => j.name === name);
    const feet = ['LeftFoot', 'LeftToeBase', 'RightFoot', 'RightToeBase'].map(at);
    // The capture's own floor: where its planted feet stand, the level its lowest foot joint is at
    // or below in a fifth of the frames retargeted (frame 0, a T-pose, stands lower than the rest).
    const lowest: number[] = [];
    for (let f = FRAMES[0]; f <= FRAMES[1]; f += STEP) {
      const w = bvhWorld(clip, f);
      lowest.push(Math.min(...feet.map((j) => w[j][1])));
    }
    const captureFloor = lowest.sort((a, b) => a - b)[Math.floor(lowest.length / 5)];
    // Capture units to the figure's metres: the hips' standing heights at frame 0.
    pose(0);
    const restHip = worldOf('hip')[1];
    const scale = restHip / (bvhWorld(clip, FRAMES[0])[at('Hips')][1] - captureFloor);
    const rows: string[] = [];
    let worstSole = 0;
    let worstHip = 0;
    let lowestSole = 0;
    for (const k of SAMPLES) {
      const w = bvhWorld(clip, FRAMES[0] + k * STEP);
      const captureLift = (Math.min(...feet.map((j) => w[j][1])) - captureFloor) * scale;
      const captureHip = (w[at('Hips')][1] - captureFloor) * scale;
      pose(k);
      const low = lowestVertex();
      const hip = worldOf('hip')[1];
      rows.push(
        `frame ${k}: sole ${low.toFixed(3)} (capture ${captureLift.toFixed(3)}), hip ${hip.toFixed(3)} (capture ${captureHip.toFixed(3)})`,
      );
      worstSole = Math.max(worstSole, Math.abs(low - captureLift));
      worstHip = Math.max(worstHip, Math.abs(hip - captureHip));
      lowestSole = Math.min(lowestSole, low);
    }
    // The figure's floor is y = 0 (Poser's ground): its lowest vertex follows the capture's feet.
    expect(worstSole, rows.join('\n')).toBeLessThan(0.03);
    expect(worstHip, rows.join('\n')).toBeLessThan(0.03);
    expect(lowestSole, rows.join('\n')).toBeGreaterThan(-0.025);
  });

  it('points the upper arms and thighs where the capture does (under 15°)', async () => {
    const clip = await readBvhFile(CMU);
    const at = (name: string) => clip.joints.findIndex((j) => j.name === name);
    const pairs: [string, string, string, string][] = [
      ['LeftArm', 'LeftForeArm', 'lShldr', 'lForeArm'],
      ['RightArm', 'RightForeArm', 'rShldr', 'rForeArm'],
      ['LeftForeArm', 'LeftHand', 'lForeArm', 'lHand'],
      ['LeftUpLeg', 'LeftLeg', 'lThigh', 'lShin'],
      ['RightUpLeg', 'RightLeg', 'rThigh', 'rShin'],
    ];
    // The capture's facing against the figure's: one turn about the vertical, read at frame 0
    // from the line through the hips (both are Y up).
    const bvh0 = bvhWorld(clip, 0);
    pose(0);
    const sourceLeft = horizontal(
      vec3.subtract(vec3.create(), bvh0[at('LeftUpLeg')], bvh0[at('RightUpLeg')]),
    );
    const figureLeft = horizontal(vec3.subtract(vec3.create(), worldOf('lThigh'), worldOf('rThigh')));
    const yaw = Math.atan2(
      sourceLeft[2] * figureLeft[0] - sourceLeft[0] * figureLeft[2],
      sourceLeft[0] * figureLeft[0] + sourceLeft[2] * figureLeft[2],
    );
    let worst = 0;
    for (const k of SAMPLES) {
      const bvh = bvhWorld(clip, FRAMES[0] + k * STEP);
      pose(k);
      for (const [from, to, bone, child] of pairs) {
        const source = vec3.subtract(vec3.create(), bvh[at(to)], bvh[at(from)]);
        vec3.rotateY(source, source, [0, 0, 0], yaw);
        const figure = vec3.subtract(vec3.create(), worldOf(child), worldOf(bone));
        worst = Math.max(worst, angleDeg(source, figure));
      }
    }
    expect(worst).toBeLessThan(15);
  });

  it('moves the ball the figure holds with its right hand, frame after frame', () => {
    // The centre of the bounding box: glTF splits vertices along UV seams, which would move a mean.
    const boxCentre = (p: ArrayLike<number>): vec3 => {
      const lo = [Infinity, Infinity, Infinity];
      const hi = [-Infinity, -Infinity, -Infinity];
      for (let i = 0; i < p.length; i++) {
        lo[i % 3] = Math.min(lo[i % 3], p[i]);
        hi[i % 3] = Math.max(hi[i % 3], p[i]);
      }
      return vec3.fromValues((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
    };
    const centre = (): vec3 => boxCentre(skinnedVertices('Ball')[0]);
    const offsets: number[] = [];
    const centres: vec3[] = [];
    for (const k of SAMPLES) {
      pose(k);
      const c = centre();
      centres.push(c);
      offsets.push(vec3.distance(c, worldOf('rHand')));
    }
    // Held as in Poser: as far from the hand's joint as the scene read from Poser has it (world
    // positions of the ball's mesh and of the hand bone, cm), in every pose, within 1 mm.
    const ballNode = scene.nodes.findIndex((n) => n.label === 'Ball');
    const held = boxCentre(scene.meshes.find((m) => m.node === ballNode)?.positions as Float32Array);
    const hand = scene.nodes.find((n) => n.kind === 'bone' && n.name === 'rHand')
      ?.worldMatrix as Float64Array;
    const heldCm = vec3.distance(held, [hand[12], hand[13], hand[14]]);
    for (const offset of offsets)
      expect(Math.abs(offset * 100 - heldCm), offsets.join(', ')).toBeLessThan(0.1);
    // And the hand does move it: its centre travels over the clip.
    const travel = Math.max(...centres.map((c) => vec3.distance(c, centres[0])));
    expect(travel).toBeGreaterThan(0.2);
  });

  it('writes a .usda TinyUSDZ reads as dazport wrote it, the motion on the figure', async () => {
    const usda = await readUsdaBack(join(dir, 'walk.usda'));
    expect(usda.problems).toEqual([]);
    expect(usda.differences).toEqual([]);
    expect(unexpectedDrops(usda)).toEqual([]);
    const animations = [...usda.layer.byPath.values()].filter((p) => p.type === 'SkelAnimation');
    expect(animations).toHaveLength(1);
  });

  it('refuses a .duf for a Poser figure, naming why', async () => {
    await expect(
      retargetFile(CMU, { to: { scene, figure: 'Figure 1' }, out: join(dir, 'walk.duf') }),
    ).rejects.toMatchObject({ code: 'DAZPORT_USAGE', message: expect.stringContaining('Poser figure') });
  });

  it(
    '`dazport retarget --source poser:host:port --to <label>` writes the same .glb; a wrong label lists the figures',
    async () => {
      const source = `poser:${emulator.host}:${emulator.port}`;
      const out = join(dir, 'cli.glb');
      const cli = await runInProcess([
        'retarget',
        CMU,
        '--source',
        source,
        '--to',
        'Figure 1',
        '--frames',
        `${FRAMES[0]}:${FRAMES[1]}`,
        '--fps',
        '30',
        '--out',
        out,
        '--json',
      ]);
      expect(cli.code, cli.stdout + cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, figure: 'Figure 1', frames: result.frames });
      // The same scene read from the same address: the library's bytes.
      expect(readFileSync(out).equals(readFileSync(glb())), 'CLI and library bytes differ').toBe(true);
      const wrong = await runInProcess([
        'retarget',
        CMU,
        '--source',
        source,
        '--to',
        'Andy',
        '--out',
        out,
        '--json',
      ]);
      expect(wrong.code).not.toBe(0);
      expect(JSON.parse(wrong.stdout).error.message).toContain('"Figure 1"');
    },
    SLOW_MS,
  );

  it('`dazport retarget --source poser` refuses a .duf, --emulated without --source and --emulated with an address before anything starts', async () => {
    const duf = await runInProcess([
      'retarget',
      CMU,
      '--source',
      'poser',
      '--emulated',
      'figure',
      '--to',
      'Figure 1',
      '--out',
      join(dir, 'walk.duf'),
      '--json',
    ]);
    expect(JSON.parse(duf.stdout).error).toMatchObject({
      code: 'DAZPORT_USAGE',
      message: expect.stringContaining("a .duf pose preset keys a DAZ Studio figure's bones"),
    });
    const emulated = await runInProcess([
      'retarget',
      CMU,
      '--emulated',
      'figure',
      '--to',
      'genesis9',
      '--out',
      glb(),
      '--json',
    ]);
    expect(JSON.parse(emulated.stdout).error.message).toContain('--source poser');
    // An address in --source with --emulated is refused, as export refuses it: not silently ignored.
    const addressed = await runInProcess([
      'retarget',
      CMU,
      '--source',
      'poser:127.0.0.1:1',
      '--emulated',
      'figure',
      '--to',
      'Figure 1',
      '--out',
      glb(),
      '--json',
    ]);
    expect(addressed.code).toBe(1);
    expect(JSON.parse(addressed.stdout).error.message).toContain('--source poser takes no address with it');
  });
});
