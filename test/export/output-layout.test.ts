/**
 * One layout for every multi-file export (src/export/output-layout.ts): the main file where it
 * was asked for, a .gltf's .bin beside it, textures in `<stem>_textures/`. URIs in a .gltf are
 * relative, with forward slashes and URI-escaped (a space in the name is `%20`); the Khronos
 * validator finds nothing to say and the .usda reads back in TinyUSDZ with its maps in the
 * folder. An export in dazport 0.1's layout (textures loose beside the .gltf) replaced by one
 * in the new layout leaves none of its loose files, except those another export references.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGltf } from '../../src/export/gltf/index.js';
import { exportUsda } from '../../src/export/usda/index.js';
import type { Scene } from '../../src/scene/scene.js';
import { iray, QUAD, tinyScene } from './gltf/helpers/tiny-scene.js';
import { summarizeIssues, validateFile } from './gltf/helpers/validate.js';
import { loadRenderScene, tinyTextureSlots } from './usda/tinyusdz.js';

const TEXTURES = join(process.cwd(), 'assets/textures');
const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function texturedQuad(): Scene {
  return tinyScene({
    ...QUAD,
    materials: [
      iray('Skin', {
        'Diffuse Color': { label: '', value: [1, 1, 1], map: join(TEXTURES, 'skin_diffuse.png') },
        'Normal Map': { label: '', value: 1, map: join(TEXTURES, 'skin_normal.png') },
      }),
    ],
  });
}

/** Every file below `dir`, relative, forward slashes. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

function gltfUris(file: string): string[] {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return [...(json.buffers ?? []), ...(json.images ?? [])].map((i: { uri: string }) => i.uri).sort();
}

describe('output layout', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dazport-layout-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('.gltf: .bin beside it, textures in <stem>_textures/, URIs escaped; the validator is silent', async () => {
    const dir = mkdtempSync(join(root, 'gltf-'));
    const file = join(dir, 'my scene.gltf');
    const summary = await exportGltf(texturedQuad(), file);
    expect(gltfUris(file)).toEqual([
      'my%20scene_textures/skin_diffuse.png',
      'my%20scene_textures/skin_normal.png',
      'my_scene.bin',
    ]);
    expect(filesBelow(dir)).toEqual([
      'my scene.gltf',
      'my scene_textures/skin_diffuse.png',
      'my scene_textures/skin_normal.png',
      'my_scene.bin',
    ]);
    expect(hash(join(dir, 'my scene_textures', 'skin_diffuse.png'))).toBe(
      hash(join(TEXTURES, 'skin_diffuse.png')),
    );
    expect(summary.sideFiles.map((f) => relative(dir, f).split(sep).join('/')).sort()).toEqual(
      filesBelow(dir).filter((f) => f !== 'my scene.gltf'),
    );
    const report = await validateFile(file);
    expect(report.issues.numErrors + report.issues.numWarnings, summarizeIssues(report).join('; ')).toBe(0);
  });

  it('.usda: textures in <stem>_textures/, read back by TinyUSDZ from there', async () => {
    const dir = mkdtempSync(join(root, 'usda-'));
    const file = join(dir, 'my scene.usda');
    await exportUsda(texturedQuad(), file);
    expect(filesBelow(dir)).toEqual([
      'my scene.usda',
      'my scene_textures/skin_diffuse.png',
      'my scene_textures/skin_normal.png',
    ]);
    const render = await loadRenderScene(readFileSync(file), file);
    const assets = tinyTextureSlots(render).flatMap((s) => Object.values(s));
    render.delete?.();
    const paths = assets.map((a) => resolve(dirname(file), a));
    expect(paths.map((p) => relative(dir, p).split(sep).join('/')).sort()).toEqual([
      'my scene_textures/skin_diffuse.png',
      'my scene_textures/skin_normal.png',
    ]);
    for (const p of paths) expect(hash(p)).toBe(hash(join(TEXTURES, p.split(sep).pop()!)));
  });

  it('the same folder for both: two exports of one stem share their maps', async () => {
    const dir = mkdtempSync(join(root, 'both-'));
    await exportGltf(texturedQuad(), join(dir, 'scene.gltf'));
    await exportUsda(texturedQuad(), join(dir, 'scene.usda'));
    expect(filesBelow(dir)).toEqual([
      'scene.bin',
      'scene.gltf',
      'scene.usda',
      'scene_textures/skin_diffuse.png',
      'scene_textures/skin_normal.png',
    ]);
  });

  it('an old export with loose textures, overwritten: its loose files go, unless another export uses them', async () => {
    const dir = mkdtempSync(join(root, 'old-'));
    // dazport 0.1's layout: the maps beside the .gltf; other.gltf shares the normal map.
    await exportGltf(texturedQuad(), join(dir, 'scene.gltf'), { textureFolder: '.' });
    expect(gltfUris(join(dir, 'scene.gltf'))).toEqual(['scene.bin', 'skin_diffuse.png', 'skin_normal.png']);
    writeFileSync(
      join(dir, 'other.gltf'),
      JSON.stringify({ asset: { version: '2.0' }, images: [{ uri: 'skin_normal.png' }] }),
    );
    await exportGltf(texturedQuad(), join(dir, 'scene.gltf'));
    expect(filesBelow(dir)).toEqual([
      'other.gltf',
      'scene.bin',
      'scene.gltf',
      'scene_textures/skin_diffuse.png',
      'scene_textures/skin_normal.png',
      'skin_normal.png',
    ]);
    // And back: the texture folder, emptied, goes too.
    await exportGltf(texturedQuad(), join(dir, 'scene.gltf'), { textureFolder: '.' });
    expect(readdirSync(dir).sort()).toEqual([
      'other.gltf',
      'scene.bin',
      'scene.gltf',
      'skin_diffuse.png',
      'skin_normal.png',
    ]);
  });

  it('a texture folder that cannot be made: DAZPORT_OUTPUT, the previous export whole', async () => {
    const dir = mkdtempSync(join(root, 'blocked-'));
    await exportGltf(texturedQuad(), join(dir, 'scene.gltf'), { textureFolder: '.' });
    const before = Object.fromEntries(filesBelow(dir).map((f) => [f, hash(join(dir, f))]));
    writeFileSync(join(dir, 'scene_textures'), 'a file in the way');
    await expect(exportGltf(texturedQuad(), join(dir, 'scene.gltf'))).rejects.toMatchObject({
      code: 'DAZPORT_OUTPUT',
    });
    const after = Object.fromEntries(
      filesBelow(dir)
        .filter((f) => f !== 'scene_textures')
        .map((f) => [f, hash(join(dir, f))]),
    );
    expect(after).toEqual(before);
  });
});
