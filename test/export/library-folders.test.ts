/**
 * The library's writers and readers take paths as the CLI does: missing folders above an output
 * are made (bounded mkdir -p, ensure-folder.ts), and a leading `~` is the home folder, for
 * exportGltf, exportUsda, readBvhFile and a bone map file (chooseJointMapping's boneMapFile).
 * HOME points at a temporary folder for these tests (os.homedir reads it first).
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseJointMapping } from '../../src/bonemaps/choose-mapping.js';
import { exportGltf } from '../../src/export/gltf/index.js';
import { exportUsda } from '../../src/export/usda/index.js';
import { readBvhFile } from '../../src/import/bvh/index.js';
import { iray, QUAD, tinyScene } from './gltf/helpers/tiny-scene.js';

const TEXTURE = join(process.cwd(), 'assets/textures/checker_diffuse.png');
const scene = () =>
  tinyScene({
    ...QUAD,
    materials: [iray('S', { 'Diffuse Color': { label: '', value: [1, 1, 1], map: TEXTURE } })],
  });

describe('library paths', () => {
  let root: string;
  let home: string;
  const savedHome = process.env.HOME;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dazport-lib-folders-'));
    home = join(root, 'home');
    process.env.HOME = home;
  });
  afterAll(() => {
    process.env.HOME = savedHome;
    rmSync(root, { recursive: true, force: true });
  });

  it('exportGltf and exportUsda write into a missing nested folder', async () => {
    const deep = join(root, 'a', 'b', 'c');
    for (const name of ['x.glb', 'x.gltf', 'x.usda']) {
      const out = join(deep, name);
      const write = name.endsWith('.usda') ? exportUsda : exportGltf;
      const summary = await write(scene(), out);
      expect(summary.file).toBe(out);
      expect(existsSync(out)).toBe(true);
    }
    expect(readdirSync(deep).sort()).toEqual(['x.bin', 'x.glb', 'x.gltf', 'x.usda', 'x_textures']);
    expect(readdirSync(join(deep, 'x_textures'))).toEqual(['checker_diffuse.png']);
  });

  it('a folder that cannot be made is DAZPORT_OUTPUT naming the file', async () => {
    writeFileSync(join(root, 'plain-file'), 'in the way');
    const out = join(root, 'plain-file', 'sub', 'x.gltf');
    await expect(exportGltf(scene(), out)).rejects.toMatchObject({
      code: 'DAZPORT_OUTPUT',
      context: { file: out },
    });
  });

  it('exportGltf and exportUsda expand a leading ~ (into a folder that does not exist yet)', async () => {
    const gltf = await exportGltf(scene(), '~/exports/hero.gltf');
    const usda = await exportUsda(scene(), '~/exports/hero.usda');
    expect(gltf.file).toBe(join(home, 'exports', 'hero.gltf'));
    expect(usda.file).toBe(join(home, 'exports', 'hero.usda'));
    expect(readdirSync(join(home, 'exports')).sort()).toEqual([
      'hero.bin',
      'hero.gltf',
      'hero.usda',
      'hero_textures',
    ]);
    expect(existsSync(join(process.cwd(), '~'))).toBe(false);
  });

  it('readBvhFile and a bone map file expand a leading ~', async () => {
    copyFileSync(join(process.cwd(), 'fixtures/bvh/cmu_01_01.bvh'), join(home, 'walk.bvh'));
    const clip = await readBvhFile('~/walk.bvh');
    expect(clip.frameCount).toBeGreaterThan(0);
    const names = clip.joints.map((j) => j.name);
    const head = names.indexOf('Head');
    expect(chooseJointMapping(names).mapping.canonical.get(head)).toBe('head');
    // The map leaves Head unmapped on purpose: it is read, or Head would be mapped as above.
    writeFileSync(join(home, 'map.json'), JSON.stringify({ convention: 'cmu', joints: { Head: null } }));
    const chosen = chooseJointMapping(names, { boneMapFile: '~/map.json', allowPartial: true });
    expect(chosen.mapping.canonical.get(head)).toBeUndefined();
    await expect(readBvhFile('~/missing.bvh')).rejects.toMatchObject({
      code: 'DAZPORT_BVH_READ',
      message: expect.stringContaining(join(home, 'missing.bvh')),
    });
  });
});
