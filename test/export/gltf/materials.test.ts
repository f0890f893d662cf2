import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Material as GltfMaterial } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGltf } from '../../../src/export/gltf/index.js';
import { decodePng } from '../../../src/export/gltf/png.js';
import {
  dazSamplePoint,
  gltfSamplePoint,
  gltfUvTransform,
} from '../../../src/export/gltf/texture-transform.js';
import type { Material } from '../../../src/scene/material.js';
import { readBack } from './helpers/read-back.js';
import { iray, QUAD, tinyScene } from './helpers/tiny-scene.js';
import { summarizeIssues, validateFile } from './helpers/validate.js';

const TEX = join(process.cwd(), 'assets/textures');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-gltf-materials-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Export a one-quad scene with `material`, validate it, read it back. */
async function exportOne(material: Material, file: string, validate = true) {
  const path = join(dir, file);
  const summary = await exportGltf(tinyScene({ ...QUAD, materials: [material] }), path);
  if (validate) {
    const report = await validateFile(path);
    expect(report.issues.numErrors + report.issues.numWarnings, summarizeIssues(report).join('; ')).toBe(0);
  }
  const doc = await readBack(path);
  return { summary, material: doc.getRoot().listMaterials()[0] as GltfMaterial, doc };
}

describe('KHR_texture_transform from DAZ tiling', () => {
  it('samples the same texel as DAZ for any UV, tiling and offset (v flipped on export)', () => {
    const cases = [
      { scale: [1, 1], offset: [0, 0] },
      { scale: [2, 2], offset: [0, 0] },
      { scale: [3, 0.5], offset: [0.25, -0.4] },
      { scale: [1, 4], offset: [0, 0.1] },
    ] as const;
    for (const c of cases) {
      const t = { scale: [...c.scale] as [number, number], offset: [...c.offset] as [number, number] };
      const g = gltfUvTransform(t);
      for (const [u, v] of [
        [0, 0],
        [0.3, 0.7],
        [1, 1],
        [0.9, 0.05],
      ]) {
        const a = dazSamplePoint(t, u, v);
        const b = gltfSamplePoint(g, u, v);
        expect(b[0]).toBeCloseTo(a[0], 12);
        expect(b[1]).toBeCloseTo(a[1], 12);
      }
    }
    expect(gltfUvTransform({ scale: [2, 2], offset: [0, 0] })).toEqual({ offset: [0, -1], scale: [2, 2] });
  });
});

describe('glTF materials', () => {
  it('drops a missing texture with a warning naming the file, and still writes a valid file', async () => {
    const missing = join(dir, 'nowhere', 'missing_diffuse.png');
    const { summary, material } = await exportOne(
      iray('Skin', { 'Diffuse Color': { label: 'Base Color', value: [1, 1, 1], map: missing } }),
      'missing.glb',
    );
    expect(summary.warnings.some((w) => w.includes(missing) && w.includes('not found'))).toBe(true);
    expect(material.getBaseColorTexture()).toBeNull();
    expect(summary.textures).toBe(0);
  });

  it('drops a texture glTF cannot hold (neither PNG nor JPEG), naming it', async () => {
    const tif = join(dir, 'map.tif');
    writeFileSync(tif, Buffer.from('II*\0not really a tiff'));
    const { summary } = await exportOne(
      iray('S', { 'Diffuse Color': { label: '', value: [1, 1, 1], map: tif } }),
      'tif.glb',
    );
    expect(summary.warnings.join('\n')).toMatch(/map\.tif is neither PNG nor JPEG/);
  });

  it('packs a cutout opacity map into the base colour alpha (MASK), resampling to the larger map', async () => {
    const { material, summary } = await exportOne(
      iray('Lashes', {
        'Diffuse Color': { label: '', value: [1, 1, 1], map: join(TEX, 'checker_diffuse.png') },
        'Cutout Opacity': { label: '', value: 1, map: join(TEX, 'cutout_opacity.png') },
      }),
      'opacity.gltf',
    );
    expect(material.getAlphaMode()).toBe('MASK');
    expect(material.getAlphaCutoff()).toBe(0.5);
    const packed = decodePng(material.getBaseColorTexture()?.getImage() as Uint8Array);
    const base = decodePng(readFileSync(join(TEX, 'checker_diffuse.png')));
    expect([packed.width, packed.height]).toEqual([128, 128]);
    const px = (img: typeof packed, x: number, y: number) =>
      Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    expect(px(packed, 64, 64)).toEqual([...px(base, 64, 64).slice(0, 3), 255]); // inside the circle
    expect(px(packed, 1, 1)).toEqual([...px(base, 1, 1).slice(0, 3), 0]); // outside
    expect(summary.sideFiles.map((f) => f.slice(dir.length + 1))).toContain(
      join('opacity_textures', 'checker_diffuse_alpha.png'),
    );
  });

  it('packs an opacity map alone over a white base', async () => {
    const { material } = await exportOne(
      iray('Cut', { 'Cutout Opacity': { label: '', value: 1, map: join(TEX, 'cutout_opacity.png') } }),
      'opacity-only.glb',
    );
    const packed = decodePng(material.getBaseColorTexture()?.getImage() as Uint8Array);
    expect(Array.from(packed.data.subarray(0, 4))).toEqual([255, 255, 255, 0]);
  });

  it('falls back with explicit warnings when a map is a JPEG it cannot decode', async () => {
    const jpeg = join(dir, 'opacity.jpg');
    writeFileSync(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    const rough = join(dir, 'rough.jpg');
    copyFileSync(jpeg, rough);
    const { material, summary } = await exportOne(
      iray('Hair', {
        'Cutout Opacity': { label: '', value: 1, map: jpeg },
        'Glossy Roughness': { label: '', value: 0.5, map: rough },
        'Metallic Weight': { label: '', value: 0.5 },
      }),
      'jpeg.glb',
      false, // the stand-in JPEG bytes are not a real image
    );
    const text = summary.warnings.join('\n');
    expect(text).toMatch(/cannot pack opacity \(.*opacity\.jpg\): .*JPEG.*the opacity map is dropped/);
    expect(text).toMatch(
      /roughness map .*rough\.jpg used as is: glTF also scales metallic by its blue channel/,
    );
    expect(material.getAlphaMode()).toBe('OPAQUE');
    expect(material.getMetallicRoughnessTexture()?.getMimeType()).toBe('image/jpeg');
  });

  it('uses a lone roughness map as is when metallic is 0, and packs separate metallic and roughness maps', async () => {
    const lone = await exportOne(
      iray('A', { 'Glossy Roughness': { label: '', value: 0.7, map: join(TEX, 'checker_roughness.png') } }),
      'rough-only.glb',
    );
    expect(lone.material.getMetallicRoughnessTexture()?.getImage()).toEqual(
      new Uint8Array(readFileSync(join(TEX, 'checker_roughness.png'))),
    );
    const both = await exportOne(
      iray('B', {
        'Glossy Roughness': { label: '', value: 0.7, map: join(TEX, 'checker_roughness.png') },
        'Metallic Weight': { label: '', value: 1, map: join(TEX, 'cutout_opacity.png') },
      }),
      'metal-rough.glb',
    );
    const packed = decodePng(both.material.getMetallicRoughnessTexture()?.getImage() as Uint8Array);
    const rough = decodePng(readFileSync(join(TEX, 'checker_roughness.png')));
    const metal = decodePng(readFileSync(join(TEX, 'cutout_opacity.png'))); // 64 px, resampled to 128
    for (const [x, y] of [
      [0, 0],
      [20, 70],
      [64, 64],
    ]) {
      const o = (y * 128 + x) * 4;
      expect(packed.data[o + 1]).toBe(rough.data[o]);
      expect(packed.data[o + 2]).toBe(metal.data[(Math.floor(y / 2) * 64 + Math.floor(x / 2)) * 4]);
    }
    expect(both.material.getRoughnessFactor()).toBeCloseTo(0.7, 6);
    expect(both.material.getMetallicFactor()).toBe(1);
  });

  it('inverts a glossiness map into roughness when packing (Specular/Glossiness mode)', async () => {
    const { material } = await exportOne(
      iray('G', {
        'Base Mixing': { label: '', value: 'PBR Specular/Glossiness' },
        Glossiness: { label: '', value: 0.8, map: join(TEX, 'checker_roughness.png') },
      }),
      'gloss.glb',
    );
    const packed = decodePng(material.getMetallicRoughnessTexture()?.getImage() as Uint8Array);
    const gloss = decodePng(readFileSync(join(TEX, 'checker_roughness.png')));
    expect(material.getRoughnessFactor()).toBe(1);
    expect(packed.data[1]).toBe(Math.round(255 * (1 - (0.8 * gloss.data[0]) / 255)));
  });

  it('keeps emissive colours above 1 with KHR_materials_emissive_strength, normal scale and double-sidedness', async () => {
    const { material } = await exportOne(
      iray('Lamp', {
        'Emission Color': { label: '', value: [2, 1, 0] },
        'Normal Map': { label: '', value: 0.4, map: join(TEX, 'skin_normal.png') },
      }),
      'emissive.glb',
    );
    const strength = material.getExtension('KHR_materials_emissive_strength') as unknown as {
      getEmissiveStrength(): number;
    };
    const linear2 = ((2 + 0.055) / 1.055) ** 2.4;
    expect(strength.getEmissiveStrength()).toBeCloseTo(linear2, 5);
    expect(material.getEmissiveFactor()[0]).toBeCloseTo(1, 6);
    expect(material.getNormalScale()).toBeCloseTo(0.4, 6);
    expect(material.getDoubleSided()).toBe(true);
  });

  it('writes a second UV set as TEXCOORD_1, v flipped like the first', async () => {
    const scene = tinyScene({ ...QUAD, materials: [iray('S', {})] });
    scene.meshes[0].uvSets.push({
      name: 'Second',
      values: Float32Array.from([0, 0.25, 1, 0.25, 1, 0.75, 0, 0.75]),
      cornerIndices: Uint32Array.from([0, 1, 2, 3]),
    });
    await exportGltf(scene, join(dir, 'uv2.glb'));
    const report = await validateFile(join(dir, 'uv2.glb'));
    expect(report.issues.numErrors + report.issues.numWarnings).toBe(0);
    const prim = (await readBack(join(dir, 'uv2.glb'))).getRoot().listMeshes()[0].listPrimitives()[0];
    expect(Array.from(prim.getAttribute('TEXCOORD_1')?.getArray() ?? [])).toEqual([
      0, 0.75, 1, 0.75, 1, 0.25, 0, 0.25,
    ]);
  });

  it("gives same-named textures from different folders distinct file names in a .gltf's texture folder", async () => {
    mkdirSync(join(dir, 'a'), { recursive: true });
    mkdirSync(join(dir, 'b'), { recursive: true });
    copyFileSync(join(TEX, 'checker_diffuse.png'), join(dir, 'a', 'diffuse map.png'));
    copyFileSync(join(TEX, 'eye_diffuse.png'), join(dir, 'b', 'diffuse map.png'));
    const scene = tinyScene({
      ...QUAD,
      faces: [
        [0, 1, 2],
        [0, 2, 3],
      ],
      faceMaterial: [0, 1],
      materials: [
        iray('A', {
          'Diffuse Color': { label: '', value: [1, 1, 1], map: join(dir, 'a', 'diffuse map.png') },
        }),
        iray('B', {
          'Diffuse Color': { label: '', value: [1, 1, 1], map: join(dir, 'b', 'diffuse map.png') },
        }),
      ],
    });
    const out = join(dir, 'out');
    mkdirSync(out);
    const summary = await exportGltf(scene, join(out, 'two.gltf'));
    expect(summary.sideFiles.map((f) => f.slice(out.length + 1)).sort()).toEqual([
      'two.bin',
      join('two_textures', 'diffuse_map.png'),
      join('two_textures', 'diffuse_map_2.png'),
    ]);
    const report = await validateFile(join(out, 'two.gltf'));
    expect(report.issues.numErrors + report.issues.numWarnings).toBe(0);
  });
});
