/**
 * The Poser source end to end on the emulator: the scene read through PoserTalkr, exported to
 * .glb and .usda, checked by the Khronos validator and TinyUSDZ, and measured against what the
 * emulator's own object model says, asked over the same connection with plain Python (the
 * figure's height in PNU, a posed forearm's direction computed here from its chain's rotation
 * parameters). One emulator (one python3) for the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoserEmulator, startPoserEmulator } from '../../../src/emulators/poser/start-poser-emulator.js';
import { writeSceneFile } from '../../../src/export/write-scene-file.js';
import type { Scene } from '../../../src/scene/scene.js';
import { PoserTalkrClient } from '../../../src/sources/poser/poser-talkr-client.js';
import { CM_PER_PNU } from '../../../src/sources/poser/poser-walk.js';
import { readPoserScene } from '../../../src/sources/poser/read-poser-scene.js';
import { readBack as readGltf, skinnedPositions } from '../../export/gltf/helpers/read-back.js';
import { validateFile } from '../../export/gltf/helpers/validate.js';
import { expectSound } from '../../export/usda/expect-sound.js';
import { readBack as readUsda } from '../../export/usda/read-back.js';
import { maxDiff, skinnedPoints } from '../../export/usda/usd-eval.js';
import { allPrims, type UsdPrim } from '../../export/usda/usda-parse.js';

let emulator: PoserEmulator;
let client: PoserTalkrClient;
let scene: Scene;
let dir: string;

beforeAll(async () => {
  emulator = await startPoserEmulator({ port: 0 });
  client = await PoserTalkrClient.connect({ port: emulator.port, timeoutMs: 10_000 });
  scene = await readPoserScene(client);
  dir = mkdtempSync(join(tmpdir(), 'dazport-poser-'));
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type V3 = [number, number, number];
type M3 = number[]; // row-major 3×3, column vectors

const mul = (a: M3, b: M3): M3 =>
  Array.from({ length: 9 }, (_, k) => {
    const [r, c] = [Math.floor(k / 3), k % 3];
    return a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
  });
const apply = (m: M3, v: V3): V3 =>
  [0, 1, 2].map((r) => m[r * 3] * v[0] + m[r * 3 + 1] * v[1] + m[r * 3 + 2] * v[2]) as V3;
/** Right-handed rotation about x/y/z by `deg`, column-vector form. */
function axisRotation(axis: string, deg: number): M3 {
  const [c, s] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
  if (axis === 'x') return [1, 0, 0, 0, c, -s, 0, s, c];
  if (axis === 'y') return [c, 0, s, 0, 1, 0, -s, 0, c];
  return [c, -s, 0, s, c, 0, 0, 0, 1];
}
const unit = (v: V3): V3 => {
  const n = Math.hypot(...v);
  return v.map((c) => c / n) as V3;
};

describe('readPoserScene on the emulator', () => {
  it('reads the figure (one posed world mesh, 19 body-part joints), the prop, the camera and the lights', async () => {
    const figureVertices = await client.evaluate(
      'sum(a.Geometry().NumVertices() for a in SCENE.Figures()[0].Actors() if a.Geometry())',
    );
    const figurePolygons = await client.evaluate(
      'sum(a.Geometry().NumPolygons() for a in SCENE.Figures()[0].Actors() if a.Geometry())',
    );
    const [figure, ball] = scene.meshes;
    expect([figure.name, figure.positions.length / 3, figure.faceSizes.length]).toEqual([
      'Figure 1',
      figureVertices,
      figurePolygons,
    ]);
    expect([figure.positions.length / 3, figure.faceSizes.length]).toEqual([152, 114]);
    expect(figure.materialGroups).toEqual(['Pants', 'Shirt', 'Skin', 'Shoes']);
    // A UV sphere: quads, and triangles at the poles.
    expect([ball.name, ball.positions.length / 3, ball.faceSizes.length]).toEqual(['Ball', 62, 72]);
    expect(ball.faceSizes.filter((n) => n === 3)).toHaveLength(24);
    expect(scene.nodes[scene.nodes[ball.node].parent].name).toBe('rHand'); // held in the right hand

    const [skeleton] = scene.skeletons;
    expect(skeleton.joints).toHaveLength(19);
    const byName = new Map(skeleton.joints.map((j) => [j.name, j]));
    const forearm = byName.get('rForeArm');
    expect(forearm).toMatchObject({ label: 'Right Forearm', rotationOrder: 'XYZ', rotation: [0, 45, 0] });
    expect(skeleton.joints[forearm?.parent ?? -1].name).toBe('rShldr');
    expect(byName.get('hip')).toMatchObject({ parent: -1, rotationOrder: 'YZX' });
    expect(forearm?.origin).toEqual([-42, 145, 0].map((c) => expect.closeTo(c, 9)));

    expect(scene.cameras).toHaveLength(1);
    expect(scene.cameras[0].horizontalFovRad).toBeCloseTo(2 * Math.atan(13 / 55), 12);
    const [x, y, z] = (await client.evaluate('SCENE.CurrentCamera().WorldDisplacement()')) as V3;
    const cameraNode = scene.nodes[scene.cameras[0].node].worldMatrix;
    expect([cameraNode[12], cameraNode[13], cameraNode[14]].map((c) => c / CM_PER_PNU)).toEqual(
      [x, y, z].map((c) => expect.closeTo(c, 12)),
    );
    expect(scene.lights.map((l) => [l.name, l.kind])).toEqual([
      ['Light 1', 'distant'],
      ['Light 2', 'point'],
    ]);
  });

  it('puts the posed right forearm where its chain of rotation parameters turns it', async () => {
    // The chain from the forearm up, each actor's rotations in Parameters() order (first outermost).
    let rotation: M3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    for (let actor: string | null = 'rForeArm:1'; actor; ) {
      const [parms, parent] = (await client.evaluate(
        `(lambda a: [[[p.Name()[0], p.Value()] for p in a.Parameters() if p.Name().endswith('Rot')], ` +
          `a.Parent().InternalName() if a.Parent() else None])(SCENE.ActorByInternalName('${actor}'))`,
      )) as [[string, number][], string | null];
      const local = parms.reduce(
        (m, [axis, deg]) => mul(m, axisRotation(axis, deg)),
        [1, 0, 0, 0, 1, 0, 0, 0, 1],
      );
      rotation = mul(local, rotation);
      actor = parent;
    }
    const expected = unit(apply(rotation, [-1, 0, 0])); // the forearm points along −X at rest
    const parts = (await client.evaluate(
      '[a.InternalName() for a in SCENE.Figures()[0].Actors() if a.Geometry()]',
    )) as string[];
    const base = parts.indexOf('rForeArm:1') * 8;
    const p = scene.meshes[0].positions;
    const mean = (corners: number[]) =>
      [0, 1, 2].map((k) => corners.reduce((s, c) => s + p[(base + c) * 3 + k], 0) / corners.length) as V3;
    // Box corner x + 2y + 4z: x = 0 is the hand end (−67 cm), x = 1 the elbow (−42 cm).
    const [hand, elbow] = [mean([0, 2, 4, 6]), mean([1, 3, 5, 7])];
    const measured = unit([hand[0] - elbow[0], hand[1] - elbow[1], hand[2] - elbow[2]]);
    expect(measured).toEqual(expected.map((c) => expect.closeTo(c, 5)));
    expect(Math.hypot(hand[0] - elbow[0], hand[1] - elbow[1], hand[2] - elbow[2])).toBeCloseTo(25, 3);
    expect(expected[1]).toBeLessThan(-0.5); // the arm really hangs down: not a rest pose
  });

  it('reads the same scene in many small chunks', async () => {
    const small = await readPoserScene(client, { chunkChars: 1000 });
    expect(small.meshes.map((m) => Array.from(m.positions))).toEqual(
      scene.meshes.map((m) => Array.from(m.positions)),
    );
  });

  it('exports to .glb (Khronos validator: no errors) with the figure as tall as Poser says, in metres', async () => {
    const file = join(dir, 'poser.glb');
    const summary = await writeSceneFile(scene, file, { rigged: false });
    const report = await validateFile(file);
    expect(report.issues.numErrors).toBe(0);
    expect(summary).toMatchObject({ meshes: 2, cameras: 1, lights: 2, joints: 0 });
    const [top, bottom] = (await client.evaluate(
      '[f(v.Y() for a in SCENE.Figures()[0].Actors() if a.Geometry() for v in a.Geometry().WorldVertices()) for f in (max, min)]',
    )) as [number, number];
    const doc = await readGltf(file);
    const figure = doc
      .getRoot()
      .listMeshes()
      .find((m) => m.getName() === 'Figure 1');
    const ys = (figure?.listPrimitives() ?? []).flatMap((prim) => {
      const pos = prim.getAttribute('POSITION');
      return [pos?.getMin([0, 0, 0])[1] ?? Number.NaN, pos?.getMax([0, 0, 0])[1] ?? Number.NaN];
    });
    const heightCm = (Math.max(...ys) - Math.min(...ys)) * 100;
    expect(heightCm).toBeCloseTo((top - bottom) * 262.128, 3);
  });

  it('exports to .usda that TinyUSDZ reads as written', async () => {
    const file = join(dir, 'poser.usda');
    await writeSceneFile(scene, file, { rigged: false });
    const r = await readUsda(file);
    expectSound(r);
    expect(r.tiny.numMeshes()).toBe(2);
  });

  it('rigged: every body part bound to its joint reproduces the posed figure in .glb and .usda', async () => {
    const rigged = await readPoserScene(client, { rigged: true });
    const [mesh] = rigged.meshes;
    const posed = scene.meshes[0].positions;
    expect(Array.from(mesh.positions)).toEqual(Array.from(posed));
    expect(mesh.rest?.skin?.joints.map((j) => j.indices.length)).toEqual(new Array(19).fill(8));
    // The rest mesh is the unposed figure: the forearm's elbow corner where the scene defines it.
    const parts = (await client.evaluate(
      '[a.InternalName() for a in SCENE.Figures()[0].Actors() if a.Geometry()]',
    )) as string[];
    const elbow = (parts.indexOf('rForeArm:1') * 8 + 7) * 3; // corner x=1, y=1, z=1: (-42, 148, 3) cm
    expect(Array.from(mesh.rest?.positions.subarray(elbow, elbow + 3) ?? [])).toEqual(
      [-42, 148, 3].map((c) => expect.closeTo(c, 4)),
    );

    const glb = join(dir, 'poser-rigged.glb');
    const summary = await writeSceneFile(rigged, glb, { rigged: true });
    expect(summary.joints).toBe(19);
    expect((await validateFile(glb)).issues.numErrors).toBe(0);
    const doc = await readGltf(glb);
    const node = doc
      .getRoot()
      .listNodes()
      .find((n) => n.getSkin() && n.getMesh()?.getName() === 'Figure 1');
    const skinned = (node?.getMesh()?.listPrimitives() ?? []).flatMap((prim) =>
      Array.from(skinnedPositions(node as never, node?.getMesh() as never, prim)),
    );
    expect(skinned.length).toBeGreaterThanOrEqual(posed.length);
    // Every skinned vertex (split at UV seams) lands on a posed vertex of the scene, in metres.
    for (let v = 0; v < skinned.length; v += 3) {
      let best = Number.POSITIVE_INFINITY;
      for (let p = 0; p < posed.length; p += 3) {
        best = Math.min(
          best,
          Math.hypot(
            skinned[v] - posed[p] / 100,
            skinned[v + 1] - posed[p + 1] / 100,
            skinned[v + 2] - posed[p + 2] / 100,
          ),
        );
      }
      expect(best).toBeLessThan(1e-5);
    }

    const usda = join(dir, 'poser-rigged.usda');
    await writeSceneFile(rigged, usda, { rigged: true });
    const r = await readUsda(usda);
    expectSound(r);
    const prim = allPrims(r.layer).find((p) => p.type === 'Mesh' && p.props.has('skel:skeleton')) as UsdPrim;
    expect(maxDiff(skinnedPoints(r.layer, prim), posed)).toBeLessThan(1e-3);
  });

  it('turns a Python exception into DAZPORT_POSER_SCRIPT and keeps working', async () => {
    await expect(client.evaluate('1/0')).rejects.toMatchObject({
      code: 'DAZPORT_POSER_SCRIPT',
      message: expect.stringMatching(/^Python raised ZeroDivisionError: .*\(request [0-9a-f]+-\d+, eval\)$/),
    });
    await expect(client.execute('raise ValueError("boom")')).rejects.toMatchObject({
      code: 'DAZPORT_POSER_SCRIPT',
      context: { pythonType: 'ValueError' },
    });
    await expect(client.evaluate('SCENE.Actor("nobody")')).rejects.toThrow(
      /poser\.error: no actor named nobody/,
    );
    await client.execute('answer = 6 * 7\nhalf = answer // 2');
    expect(await client.evaluate('half')).toBe(21);
    expect(await client.objectFromPath('SCENE.CurrentActor().Name()')).toBe('Hip');
  });
});
