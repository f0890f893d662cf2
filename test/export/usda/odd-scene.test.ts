/**
 * A scene file that stresses the edges (fixtures/odd-scene.json): a figure moved, turned and
 * scaled, with a hip rotation and two morphs, labelled with quotes, a backslash, a leading digit
 * and a non-ASCII letter; a prop parented to a hand bone; two props with the same label; a
 * texture that does not exist; a depth-of-field camera at 4:3; a light that is off.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScene } from '../../../src/client/scene-reader.js';
import { exportUsda } from '../../../src/export/usda/index.js';
import type { Scene } from '../../../src/scene/scene.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { inProcessScene } from '../../helpers/in-process-scene.js';
import { expectSound, type Truth, truthMeshes } from './expect-sound.js';
import { readBack } from './read-back.js';
import { maxDiff, skinnedPoints, transformPoints, worldOf } from './usd-eval.js';
import { allPrims, flat, type UsdPrim } from './usda-parse.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'odd-scene.json');
const FIGURE_LABEL = '9 Lives: "Quoted" \\ Figure é';

const label = (p: UsdPrim) =>
  (p.meta.customData as { dict: Record<string, { value: unknown }> } | undefined)?.dict ?? {};

describe('USDA export of an odd scene', () => {
  let t: TestEmulator;
  let scene: Scene;
  let truth: Truth[];
  let dir: string;

  beforeAll(async () => {
    t = await startTestEmulator({ scene: FIXTURE });
    const client = t.client();
    scene = await readScene(client, { rigged: true });
    await client.close();
    truth = truthMeshes(inProcessScene(FIXTURE));
    dir = mkdtempSync(join(tmpdir(), 'dazport-usda-odd-'));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posed: valid unique names with the labels kept, geometry in place, a missing texture warned about', async () => {
    const file = join(dir, 'odd.usda');
    const summary = await exportUsda(scene, file);
    const r = await readBack(file);
    expectSound(r);
    const prims = allPrims(r.layer);
    const figure = prims.find(
      (p) => p.type === 'Xform' && label(p).dazLabel?.value === FIGURE_LABEL,
    ) as UsdPrim;
    expect(figure.name).toBe('_9_Lives_Quoted_Figure');
    expect(r.tinyLayer.byPath.get(figure.path)?.meta.customData).toEqual(figure.meta.customData);
    const crates = prims
      .filter((p) => p.type === 'Xform' && label(p).dazLabel?.value === 'Crate')
      .map((p) => p.name);
    expect(crates).toEqual(['Crate', 'Crate_1']);
    // The ball hangs under the figure (its bone is not a prim) and stays where DAZ has it.
    const ball = prims.find(
      (p) => p.type === 'Mesh' && label(p).dazMesh?.value === 'Ball in hand',
    ) as UsdPrim;
    expect(ball.path.startsWith(`${figure.path}/`)).toBe(true);
    for (const mesh of prims.filter((p) => p.type === 'Mesh')) {
      const want = truth.filter((x) => x.label === label(mesh).dazMesh?.value);
      const world = transformPoints(worldOf(r.layer, mesh.path), flat(mesh.props.get('points')?.value));
      expect(Math.min(...want.map((w) => maxDiff(world, w.posed)))).toBeLessThan(1e-4);
    }
    // Missing texture: a warning naming the file; the material is written, without that map.
    expect(summary.warnings).toContainEqual(
      expect.stringContaining('/nonexistent/dazport/missing_diffuse.png'),
    );
    const material = r.layer.byPath.get(
      ball.props.get('material:binding')?.targets?.[0] as string,
    ) as UsdPrim;
    expect(material.children.map((c) => c.name).sort()).toEqual([
      'NormalTexture',
      'PreviewSurface',
      'PrimvarReader_st',
    ]);
    expect(existsSync(join(dir, 'odd_textures', 'skin_normal.png'))).toBe(true);
    expect([...summary.sideFiles].sort()).toEqual(
      ['eye_diffuse.png', 'skin_diffuse.png', 'skin_normal.png'].map((f) => join(dir, 'odd_textures', f)),
    );
    // DAZ Studio Default is single-sided.
    const crate = prims.find((p) => p.type === 'Mesh' && p.path.endsWith('/Crate/Crate')) as UsdPrim;
    expect(crate.props.get('doubleSided')?.value).toBe(0);
    // Camera at 4:3 with depth of field; the light that is off is invisible.
    const camera = prims.find((p) => p.type === 'Camera') as UsdPrim;
    expect(camera.props.get('verticalAperture')?.value).toBe(27);
    expect(camera.props.get('fStop')?.value).toBeCloseTo(2.8, 6);
    const light = prims.find((p) => p.type === 'SphereLight') as UsdPrim;
    expect(light.props.get('visibility')?.value).toBe('invisible');
  }, 60_000);

  it('rigged + morphs: the SkelRoot carries the moved, turned, scaled figure; skinning lands on DAZ’s mesh', async () => {
    const file = join(dir, 'odd-rigged.usda');
    await exportUsda(scene, file, { rigged: true, morphs: true });
    const r = await readBack(file);
    expectSound(r);
    const root = allPrims(r.layer).find((p) => p.type === 'SkelRoot') as UsdPrim;
    const figureNode = scene.nodes.find((n) => n.kind === 'figure');
    // The figure's origin is at 0, so its frame is its world transform W_fig.
    expect(maxDiff(worldOf(r.layer, root.path), figureNode?.worldMatrix ?? [])).toBeLessThan(1e-9);
    const mesh = allPrims(r.layer).find((p) => p.type === 'Mesh' && p.props.has('skel:skeleton')) as UsdPrim;
    const want = truth.find((x) => x.label === FIGURE_LABEL) as Truth;
    expect(maxDiff(skinnedPoints(r.layer, mesh), want.posed)).toBeLessThan(1e-3);
    const anim = allPrims(r.layer).find((p) => p.type === 'SkelAnimation') as UsdPrim;
    // The built-in morphs, then the face and corrective ones (TongueOut moves nothing: not written).
    expect(anim.props.get('blendShapes')?.value).toEqual([
      'body_bs_BodyHeavy',
      'head_bs_HeadSize',
      'body_bs_Belly',
      'facs_jnt_JawOpen',
      'facs_bs_EyeBlinkLeft',
      'facs_bs_EyeBlinkRight',
      'facs_bs_MouthSmileLeft',
      'facs_ctrl_vAA',
      'facs_ctrl_vEE',
      'body_cbs_neck1_x35p',
      'body_cbs_forearm_y135n_l',
      'body_cbs_forearm_y135p_r',
      'body_cbs_shin_x155p_l',
    ]);
    // The limb correctives follow their bones (ERC links): the left forearm is bent -55° about Y
    // (its corrective is keyed -90° → 0.7), the right forearm and the shin are not bent.
    const weights = flat(anim.props.get('blendShapeWeights')?.value);
    expect(weights.slice(0, 10)).toEqual([0.5, 0, 0.25, 0, 0, 0, 0, 0, 0, 0]);
    expect(weights[10]).toBeCloseTo((0.7 * 55) / 90, 6);
    expect(weights.slice(11)).toEqual([0, 0]);
  }, 60_000);
});
