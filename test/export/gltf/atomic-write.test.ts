import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGltf } from '../../../src/export/gltf/index.js';
import { iray, QUAD, tinyScene } from './helpers/tiny-scene.js';

const TEX = join(process.cwd(), 'assets/textures');
const scene = () =>
  tinyScene({
    ...QUAD,
    materials: [
      iray('S', { 'Diffuse Color': { label: '', value: [1, 1, 1], map: join(TEX, 'checker_diffuse.png') } }),
    ],
  });

describe('atomic glTF output', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-gltf-atomic-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('throws DAZPORT_OUTPUT and leaves nothing when the output folder cannot be made', async () => {
    writeFileSync(join(dir, 'a-file'), 'in the way');
    for (const file of ['scene.glb', 'scene.gltf']) {
      const path = join(dir, 'a-file', 'missing', file);
      await expect(exportGltf(scene(), path)).rejects.toMatchObject({
        code: 'DAZPORT_OUTPUT',
        context: { file: path },
      });
    }
    expect(readdirSync(dir)).toEqual(['a-file']);
    rmSync(join(dir, 'a-file'));
  });

  it('keeps the previous outputs whole when one target cannot be replaced, and leaves no temporaries', async () => {
    const out = join(dir, 'out');
    const tex = join(out, 'scene_textures');
    mkdirSync(tex, { recursive: true });
    writeFileSync(join(tex, 'checker_diffuse.png'), 'previous texture');
    mkdirSync(join(out, 'scene.gltf')); // the main file cannot replace a folder
    await expect(exportGltf(scene(), join(out, 'scene.gltf'))).rejects.toMatchObject({
      code: 'DAZPORT_OUTPUT',
      context: { file: join(out, 'scene.gltf') },
    });
    expect(readdirSync(out).sort()).toEqual(['scene.gltf', 'scene_textures']);
    expect(readdirSync(tex)).toEqual(['checker_diffuse.png']);
    expect(readFileSync(join(tex, 'checker_diffuse.png'), 'utf8')).toBe('previous texture');
    // A second export over a complete previous one replaces every file and leaves no backups.
    rmSync(join(out, 'scene.gltf'), { recursive: true });
    await exportGltf(scene(), join(out, 'scene.gltf'));
    const first = readFileSync(join(out, 'scene.bin'));
    await exportGltf(scene(), join(out, 'scene.gltf'));
    expect(readdirSync(out).sort()).toEqual(['scene.bin', 'scene.gltf', 'scene_textures']);
    expect(readdirSync(tex)).toEqual(['checker_diffuse.png']);
    expect(readFileSync(join(out, 'scene.bin'))).toEqual(first);
    expect(readFileSync(join(tex, 'checker_diffuse.png'))).toEqual(
      readFileSync(join(TEX, 'checker_diffuse.png')),
    );
  });

  it('refuses an output that is neither .glb nor .gltf', async () => {
    await expect(exportGltf(scene(), join(dir, 'scene.fbx'))).rejects.toMatchObject({
      code: 'DAZPORT_USAGE',
    });
  });

  it('reports progress through meshes and the write', async () => {
    const phases: string[] = [];
    await exportGltf(scene(), join(dir, 'progress.glb'), {
      onProgress: (p) => phases.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(phases).toEqual(['meshes 0/4', 'meshes 4/4', 'write 0/1', 'write 1/1']);
  });
});
