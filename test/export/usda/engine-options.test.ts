/**
 * The engine options on a .usda of the g9 scene, read back by TinyUSDZ and dazport's own USD
 * evaluator: `up: 'z'` says upAxis "Z" and stands the figure along +Z (facing −Y); `scale: 2`
 * doubles every point, posed and skinned; `textureMax`/`textureFormat` change the copied maps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageInfo } from '../../../src/export/texture-output.js';
import { exportUsda } from '../../../src/export/usda/index.js';
import { inProcessScene } from '../../helpers/in-process-scene.js';
import { readEmulatorScene, type SceneFixture } from '../gltf/helpers/scene-fixture.js';
import { expectSound, type Truth, truthMeshes } from './expect-sound.js';
import { type ReadBack, readBack, unexpectedDrops } from './read-back.js';
import { tinyNodes } from './tinyusdz.js';
import { maxDiff, skinnedPoints, transformPoints, worldOf } from './usd-eval.js';
import { allPrims, flat, type UsdLayer, type UsdPrim } from './usda-parse.js';

/** DAZ's Y-up point (cm) as the Z-up, scaled stage should hold it: +90° about X, then × s. */
function zUp(points: ArrayLike<number>, s: number): Float64Array {
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += 3) {
    out[i] = points[i] * s;
    out[i + 1] = -points[i + 2] * s;
    out[i + 2] = points[i + 1] * s;
  }
  return out;
}

function meshPrim(layer: UsdLayer, name: string): UsdPrim {
  return allPrims(layer).find(
    (p) =>
      p.type === 'Mesh' &&
      (p.meta.customData as { dict: Record<string, { value: unknown }> }).dict.dazMesh.value === name,
  ) as UsdPrim;
}

/** expectSound for a Z-up layer: the structural checker expects DAZ's Y-up and says so. */
function expectSoundZUp(r: ReadBack): void {
  expect(r.problems).toEqual(['upAxis is Z']);
  expect(r.differences).toEqual([]);
  expect(unexpectedDrops(r)).toEqual([]);
}

describe('USDA engine options on the g9 scene', () => {
  let fx: SceneFixture;
  let truth: Truth[];

  beforeAll(async () => {
    fx = await readEmulatorScene('g9');
    truth = truthMeshes(inProcessScene('g9'));
  }, 60_000);
  afterAll(async () => fx?.close());

  it('up z, scale 2, posed: upAxis "Z", every point is DAZ’s turned +90° about X and doubled', async () => {
    const file = join(fx.dir, 'posed-z.usda');
    await exportUsda(fx.scene, file, { up: 'z', scale: 2 });
    const r = await readBack(file);
    expectSoundZUp(r);
    expect(r.text).toMatch(/upAxis = "Z"/);
    expect(r.tinyLayer.meta.upAxis).toBe('Z');
    expect(r.text).toMatch(/metersPerUnit = 0\.01/);
    let worst = 0;
    for (const mesh of fx.scene.meshes) {
      const want = truth.find((x) => x.label === mesh.name) as Truth;
      const prim = meshPrim(r.layer, mesh.name);
      const world = worldOf(r.layer, prim.path);
      // TinyUSDZ composes the root's turn the same way.
      const node = tinyNodes(r.tiny.getDefaultRootNode()).find((n) => n.absPath === prim.path);
      expect(maxDiff(node?.globalMatrix ?? [], world)).toBeLessThan(1e-9);
      worst = Math.max(
        worst,
        maxDiff(transformPoints(world, flat(prim.props.get('points')?.value)), zUp(want.posed, 2)),
      );
    }
    expect(worst).toBeLessThan(2e-4);
    // The figure stands along +Z: about 2 × its height in cm, and no deeper than a body along Y.
    const figure = meshPrim(r.layer, fx.scene.meshes[0].name);
    const pts = transformPoints(worldOf(r.layer, figure.path), flat(figure.props.get('points')?.value));
    const range = (k: number) => {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = k; i < pts.length; i += 3) [lo, hi] = [Math.min(lo, pts[i]), Math.max(hi, pts[i])];
      return hi - lo;
    };
    expect(range(2)).toBeGreaterThan(300);
    expect(range(1)).toBeLessThan(range(2) / 3);
  }, 60_000);

  it('up z, scale 2, rigged: the skinned figure is DAZ’s posed mesh turned and doubled', async () => {
    const file = join(fx.dir, 'rigged-z.usda');
    await exportUsda(fx.scene, file, { rigged: true, morphs: true, up: 'z', scale: 2 });
    const r = await readBack(file);
    expectSoundZUp(r);
    const figure = fx.scene.meshes.find((m) => m.rest?.skin) ?? fx.scene.meshes[0];
    const want = truth.find((x) => x.label === figure.name) as Truth;
    const skinned = skinnedPoints(r.layer, meshPrim(r.layer, figure.name));
    expect(maxDiff(skinned, zUp(want.posed, 2))).toBeLessThan(2e-3);
  }, 60_000);

  it('textureMax and jpeg: the copied maps are at most 32 px, colour maps JPEG, data maps PNG', async () => {
    const file = join(fx.dir, 'small.usda');
    const summary = await exportUsda(fx.scene, file, { textureMax: 32, textureFormat: 'jpeg' });
    const r = await readBack(file);
    expectSound(r);
    const folder = join(fx.dir, 'small_textures');
    const files = readdirSync(folder);
    expect(files.length).toBe(summary.textures);
    for (const f of files) {
      const info = imageInfo(readFileSync(join(folder, f)));
      expect(Math.max(info?.width ?? 99, info?.height ?? 99), f).toBeLessThanOrEqual(32);
      expect(info?.mimeType, f).toBe(/diffuse/.test(f) ? 'image/jpeg' : 'image/png');
    }
    // The material names the files as written.
    for (const f of files) expect(r.text).toContain(`@./small_textures/${f}@`);
  }, 60_000);
});
