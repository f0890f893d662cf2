/**
 * Two exports in one folder whose textures have the same file name: scene-a and scene-b both
 * use a `skin_diffuse.png`, with other pixels. Writing one must never change what the other
 * shows: a texture whose content differs from a file of that name that another export uses
 * gets a name of its own, identical content is shared, and a re-export keeps its names. Files
 * another export uses are never removed. For .gltf and .usda sharing a texture folder, .gltf
 * with their textures beside them, and one of each writing its textures beside both.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGltf } from '../../src/export/gltf/index.js';
import { exportUsda } from '../../src/export/usda/index.js';
import type { Scene } from '../../src/scene/scene.js';
import { iray, QUAD, tinyScene } from './gltf/helpers/tiny-scene.js';
import { loadRenderScene, tinyTextureSlots } from './usda/tinyusdz.js';

const TEXTURES = join(process.cwd(), 'assets/textures');

const hash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);
const contentOf = (path: string) => {
  try {
    return hash(readFileSync(path));
  } catch {
    return `missing ${path}`;
  }
};

/** A quad whose one material has a diffuse map, and optionally a normal map. */
function texturedQuad(diffuse: string, normal?: string): Scene {
  return tinyScene({
    ...QUAD,
    materials: [
      iray('Skin', {
        'Diffuse Color': { label: '', value: [1, 1, 1], map: diffuse },
        ...(normal ? { 'Normal Map': { label: '', value: 1, map: normal } } : {}),
      }),
    ],
  });
}

interface Seen {
  /** Hashes of the texture files as a reader loads them, sorted. */
  textures: string[];
  /** The files the export references (relative to the folder). */
  files: string[];
}

/** What a reader of a .gltf finds: glTF-Transform's NodeIO loads it with its images. */
async function seenGltf(file: string): Promise<Seen> {
  const doc = await new NodeIO().registerExtensions(ALL_EXTENSIONS).read(file);
  const textures = doc
    .getRoot()
    .listTextures()
    .map((t) => hash(t.getImage()!));
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const files = [...(json.buffers ?? []), ...(json.images ?? [])].map((i: { uri: string }) =>
    relative(dirname(file), resolve(dirname(file), decodeURIComponent(i.uri))),
  );
  return { textures: textures.sort(), files: files.sort() };
}

/** What a reader of a .usda finds: TinyUSDZ's materials, each texture's asset path resolved to its file. */
async function seenUsda(file: string): Promise<Seen> {
  const render = await loadRenderScene(readFileSync(file), file);
  const uris = tinyTextureSlots(render).flatMap((s) => Object.values(s));
  render.delete?.();
  const paths = uris.map((u) => resolve(dirname(file), u));
  return {
    textures: paths.map(contentOf).sort(),
    files: paths.map((p) => relative(dirname(file), p)).sort(),
  };
}

const seen = (file: string) => (file.endsWith('.usda') ? seenUsda(file) : seenGltf(file));

function exportTo(scene: Scene, file: string, textureFolder?: string) {
  const options = textureFolder ? { textureFolder } : {};
  return file.endsWith('.usda') ? exportUsda(scene, file, options) : exportGltf(scene, file, options);
}

/** Every file below `dir`, relative. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('two exports in one folder with textures of the same name', () => {
  let root: string;
  /** Another `skin_diffuse.png`: the name of the asset, other pixels. */
  let otherSkin: string;
  const skin = join(TEXTURES, 'skin_diffuse.png');
  const normal = join(TEXTURES, 'skin_normal.png');

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dazport-shared-names-'));
    mkdirSync(join(root, 'alt'));
    otherSkin = join(root, 'alt', 'skin_diffuse.png');
    copyFileSync(join(TEXTURES, 'checker_diffuse.png'), otherSkin);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const cases: { name: string; a: string; b: string; textureFolder?: string }[] = [
    {
      name: 'two .gltf sharing a texture folder',
      a: 'scene-a.gltf',
      b: 'scene-b.gltf',
      textureFolder: 'maps',
    },
    {
      name: 'two .gltf with their textures beside them',
      a: 'scene-a.gltf',
      b: 'scene-b.gltf',
      textureFolder: '.',
    },
    {
      name: 'two .usda sharing a texture folder',
      a: 'scene-a.usda',
      b: 'scene-b.usda',
      textureFolder: 'maps',
    },
    {
      name: 'a .gltf and a .usda writing beside it',
      a: 'scene-a.gltf',
      b: 'scene-b.usda',
      textureFolder: '.',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: exporting b leaves a as it was; re-exports keep their names`, async () => {
      const dir = mkdtempSync(join(root, 'case-'));
      const a = join(dir, c.a);
      const b = join(dir, c.b);
      const sceneA = texturedQuad(skin, normal);
      const sceneB = texturedQuad(otherSkin, normal);
      await exportTo(sceneA, a, c.textureFolder);
      const aBefore = await seen(a);
      expect(aBefore.textures).toEqual([contentOf(skin), contentOf(normal)].sort());

      await exportTo(sceneB, b, c.textureFolder);
      expect(await seen(a)).toEqual(aBefore);
      const bSeen = await seen(b);
      expect(bSeen.textures).toEqual([contentOf(otherSkin), contentOf(normal)].sort());
      // Both keep a readable name; the one whose content clashes gets a suffix.
      expect(bSeen.files.some((f) => /skin_diffuse_\d+\.png$/.test(f))).toBe(true);
      // Identical content is one file both use.
      const shared = (s: Seen) => s.files.find((f) => f.endsWith('skin_normal.png'));
      expect(shared(bSeen)).toBe(shared(aBefore));

      // Re-exports, either order: the same names, the same pixels, nothing else in the folder.
      await exportTo(sceneB, b, c.textureFolder);
      await exportTo(sceneA, a, c.textureFolder);
      expect(await seen(a)).toEqual(aBefore);
      expect(await seen(b)).toEqual(bSeen);
      const kept = new Set([c.a, c.b, ...aBefore.files, ...bSeen.files]);
      expect(filesBelow(dir).filter((f) => !kept.has(f))).toEqual([]);

      // a drops the normal map b still uses: the file stays; b's pixels stay.
      await exportTo(texturedQuad(skin), a, c.textureFolder);
      expect(await seen(b)).toEqual(bSeen);
      expect((await seen(a)).textures).toEqual([contentOf(skin)]);
    });
  }
});
