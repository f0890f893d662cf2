/**
 * A built-in figure scene, read through the real client over HTTP, exported posed and
 * rigged (+morphs), read back by TinyUSDZ and by the structural checker, and compared with what
 * the emulator itself holds: posed geometry within 1e-4 cm, UVs per corner, and the rigged
 * export skinned with its own skeleton and pose within 1e-3 cm of DAZ's posed mesh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DazClient } from '../../../src/client/dazscript-client.js';
import { readScene } from '../../../src/client/scene-reader.js';
import { exportUsda } from '../../../src/export/usda/index.js';
import type { Scene } from '../../../src/scene/scene.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { inProcessScene } from '../../helpers/in-process-scene.js';
import { expectSound, type Truth, truthMeshes } from './expect-sound.js';
import { readBack } from './read-back.js';
import { tinyNodes } from './tinyusdz.js';
import { maxDiff, skinnedPoints, transformPoints, worldOf } from './usd-eval.js';
import { allPrims, flat, type UsdPrim } from './usda-parse.js';

/** The built-in scene's export tests (one test file per scene, so they run side by side). */
export function describeBuiltinSceneExport(sceneName: string): void {
  describe(`USDA export of the built-in ${sceneName} scene`, () => {
    let t: TestEmulator;
    let client: DazClient;
    let scene: Scene;
    let truth: Truth[];
    let dir: string;

    beforeAll(async () => {
      t = await startTestEmulator({ scene: sceneName });
      client = t.client();
      scene = await readScene(client, { rigged: true });
      truth = truthMeshes(inProcessScene(sceneName));
      dir = mkdtempSync(join(tmpdir(), 'dazport-usda-'));
    }, 60_000);
    afterAll(async () => {
      await client?.close();
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('posed: reads back whole, geometry within 1e-4 cm, UVs per corner, materials, camera, lights', async () => {
      const file = join(dir, 'posed.usda');
      const summary = await exportUsda(scene, file);
      expect(summary).toMatchObject({
        format: 'usda',
        meshes: 2,
        cameras: 1,
        lights: 3,
        joints: 0,
        animations: 0,
      });
      expect(summary.textures).toBe(summary.sideFiles.length);
      const r = await readBack(file);
      expectSound(r);

      let worst = 0;
      let worstUv = 0;
      for (const mesh of scene.meshes) {
        const want = truth.find((x) => x.label === mesh.name) as Truth;
        const prim = allPrims(r.layer).find(
          (p) =>
            p.type === 'Mesh' &&
            (p.meta.customData as { dict: Record<string, { value: unknown }> }).dict.dazMesh.value ===
              mesh.name,
        ) as UsdPrim;
        const world = transformPoints(worldOf(r.layer, prim.path), flat(prim.props.get('points')?.value));
        worst = Math.max(worst, maxDiff(world, want.posed));
        // TinyUSDZ places the mesh the same way (its matrices are row-vector: translation at 12..14).
        const node = tinyNodes(r.tiny.getDefaultRootNode()).find((n) => n.absPath === prim.path);
        expect(maxDiff(node?.globalMatrix ?? [], worldOf(r.layer, prim.path))).toBeLessThan(1e-9);
        // UVs per corner against the facets' own UV indices.
        const st = flat(prim.props.get('primvars:st')?.value);
        const stIdx = flat(prim.props.get('primvars:st:indices')?.value);
        const uvs = want.base.getUVs();
        let corner = 0;
        for (let f = 0; f < want.base.getNumFacets(); f++) {
          const facet = want.base.getFacet(f);
          const ids = [facet.uvwIdx1, facet.uvwIdx2, facet.uvwIdx3, facet.uvwIdx4].slice(
            0,
            facet.isQuad() ? 4 : 3,
          );
          for (const id of ids) {
            const p = uvs.getPnt2Vec(id);
            const k = stIdx[corner++];
            worstUv = Math.max(worstUv, Math.abs(st[k * 2] - p.x), Math.abs(st[k * 2 + 1] - p.y));
          }
        }
        expect(corner).toBe(stIdx.length);
        // Quads stay quads.
        const counts = flat(prim.props.get('faceVertexCounts')?.value);
        expect(counts.length).toBe(want.base.getNumFacets());
        expect(counts.filter((c) => c === 4).length).toBe(mesh.faceSizes.filter((c) => c === 4).length);
      }
      expect(worst).toBeLessThan(1e-4);
      expect(worstUv).toBeLessThan(1e-6);

      // Each surface bound to the material of the same name, through a GeomSubset of its faces.
      const figure = scene.meshes[0];
      const subsets = allPrims(r.layer).filter((p) => p.type === 'GeomSubset');
      expect(subsets.map((s) => s.name)).toEqual(figure.materialGroups);
      for (const s of subsets) {
        const target = s.props.get('material:binding')?.targets?.[0] as string;
        expect(target.split('/').at(-1)).toBe(s.name);
      }
      const cube = allPrims(r.layer).find((p) => p.name === 'Textured_Cube' && p.type === 'Mesh') as UsdPrim;
      const cubeMaterial = r.layer.byPath.get(
        cube.props.get('material:binding')?.targets?.[0] as string,
      ) as UsdPrim;
      const tex = cubeMaterial.children.find((c) => c.name === 'BaseColorTexture') as UsdPrim;
      expect(tex.props.get('inputs:file')?.value).toEqual({ asset: './posed_textures/checker_diffuse.png' });
      expect(tex.props.get('inputs:sourceColorSpace')?.value).toBe('sRGB');
      const uvt = cubeMaterial.children.find((c) => c.name === 'UvTransform') as UsdPrim;
      expect(flat(uvt.props.get('inputs:scale')?.value)).toEqual([2, 2]);

      // Camera: DAZ lens values; lights: UsdLux types, cone in degrees, unnormalised.
      const camera = allPrims(r.layer).find((p) => p.type === 'Camera') as UsdPrim;
      expect(camera.props.get('focalLength')?.value).toBe(65);
      expect(camera.props.get('horizontalAperture')?.value).toBe(36);
      expect(camera.props.get('verticalAperture')?.value).toBeCloseTo(36 / (16 / 9), 5);
      expect(flat(camera.props.get('clippingRange')?.value)).toEqual([5, 1_000_000]);
      expect(camera.props.get('fStop')?.value).toBe(0);
      const lights = allPrims(r.layer).filter((p) => /Light$/.test(p.type));
      expect(lights.map((l) => [l.name, l.type])).toEqual([
        ['Distant_Light_1', 'DistantLight'],
        ['Spotlight_1', 'SphereLight'],
        ['Point_Light_1', 'SphereLight'],
      ]);
      expect(lights[1].apiSchemas).toEqual(['ShapingAPI']);
      expect(lights[1].props.get('inputs:shaping:cone:angle')?.value).toBe(20);
      for (const l of lights) expect(l.props.get('inputs:normalize')?.value).toBe(0);
      const cameraNode = tinyNodes(r.tiny.getDefaultRootNode()).find((n) => n.nodeType === 'camera');
      expect(
        maxDiff(cameraNode?.globalMatrix ?? [], scene.nodes[scene.cameras[0].node].worldMatrix),
      ).toBeLessThan(1e-9);
    }, 60_000);

    it('rigged + morphs: a SkelRoot whose skinned rest mesh reproduces the posed mesh within 1e-3 cm', async () => {
      const file = join(dir, 'rigged.usda');
      const summary = await exportUsda(scene, file, { rigged: true, morphs: true });
      const skeleton = scene.skeletons[0];
      expect(summary.joints).toBe(skeleton.joints.length);
      const r = await readBack(file);
      expectSound(r);

      const skel = allPrims(r.layer).find((p) => p.type === 'Skeleton') as UsdPrim;
      const joints = skel.props.get('joints')?.value as string[];
      expect(joints).toHaveLength(skeleton.joints.length);
      expect(joints.map((j) => j.split('/').at(-1))).toEqual(skeleton.joints.map((j) => j.name));
      expect(skel.props.get('jointNames')?.value).toEqual(skeleton.joints.map((j) => j.name));
      // TinyUSDZ read the same joints.
      expect(r.tinyLayer.byPath.get(skel.path)?.props.get('joints')?.value).toEqual(joints);
      expect(r.layer.byPath.get(skel.path.slice(0, skel.path.lastIndexOf('/')))?.type).toBe('SkelRoot');

      const figure = scene.meshes.find((m) => m.rest?.skin) as Scene['meshes'][number];
      const mesh = allPrims(r.layer).find(
        (p) => p.type === 'Mesh' && p.props.has('skel:skeleton'),
      ) as UsdPrim;
      const shapes = mesh.children.filter((c) => c.type === 'BlendShape');
      expect(shapes.length).toBe(figure.rest?.morphs.filter((m) => m.indices.length).length);
      // Rest points are DAZ's base mesh (morphs are blend shapes).
      expect(
        maxDiff(
          flat(mesh.props.get('points')?.value).map(Math.fround),
          figure.rest?.positions as Float32Array,
        ),
      ).toBe(0);
      const skinned = skinnedPoints(r.layer, mesh);
      const want = truth.find((x) => x.label === figure.name) as Truth;
      const error = maxDiff(skinned, want.posed);
      expect(error).toBeLessThan(1e-3);
      // The prop is not skinned: still posed and in place.
      const cube = allPrims(r.layer).find((p) => p.name === 'Textured_Cube' && p.type === 'Mesh') as UsdPrim;
      const cubeWorld = transformPoints(worldOf(r.layer, cube.path), flat(cube.props.get('points')?.value));
      expect(
        maxDiff(cubeWorld, truth.find((x) => x.label === 'Textured Cube')?.posed as Float32Array),
      ).toBeLessThan(1e-4);
    }, 60_000);

    it('rigged without morphs: the current morph values are baked into the rest points', async () => {
      const file = join(dir, 'rigged-baked.usda');
      await exportUsda(scene, file, { rigged: true });
      const r = await readBack(file);
      expect(r.problems).toEqual([]);
      const mesh = allPrims(r.layer).find(
        (p) => p.type === 'Mesh' && p.props.has('skel:skeleton'),
      ) as UsdPrim;
      expect(mesh.children.some((c) => c.type === 'BlendShape')).toBe(false);
      const figure = scene.meshes.find((m) => m.rest?.skin) as Scene['meshes'][number];
      const want = truth.find((x) => x.label === figure.name) as Truth;
      expect(maxDiff(skinnedPoints(r.layer, mesh), want.posed)).toBeLessThan(1e-3);
    }, 60_000);
  });
}
