/**
 * The engine options' pieces on tiny inline inputs: the area filter, the texture format rules,
 * the usage errors, and the scale of the neutral model.
 */
import { Document } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { checkEngineOutputOptions } from '../../src/export/engine-options.js';
import { decodePng, encodePng, type RgbaImage } from '../../src/export/gltf/png.js';
import { TextureLibrary } from '../../src/export/gltf/textures.js';
import { decodeJpeg, encodeJpeg } from '../../src/export/jpeg.js';
import { scaleScene } from '../../src/export/scale-scene.js';
import { imageInfo, processTexture, TextureProcessError } from '../../src/export/texture-output.js';
import { fittedSize, resizeRgba } from '../../src/export/texture-resize.js';
import { createScene } from '../../src/scene/scene.js';

function image(width: number, height: number, pixel: (x: number, y: number) => number[]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

/** One-pixel black and white stripes: nearest sampling at half size keeps only one colour. */
const stripes = (w: number, h: number) => image(w, h, (x) => (x % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255]));

describe('texture resize (area filter)', () => {
  it('averages every source pixel: stripes halve to mid grey, not to one of their colours', () => {
    const out = resizeRgba(stripes(8, 4), 4, 2);
    expect(out.width).toBe(4);
    expect(out.height).toBe(2);
    for (let i = 0; i < out.data.length; i += 4)
      expect([...out.data.subarray(i, i + 4)]).toEqual([128, 128, 128, 255]);
  });

  it('weights partly covered pixels by their coverage (3 → 2: 2/3 and 1/3)', () => {
    const src = image(3, 1, (x) => [[0, 90, 255][x], 0, 0, 255]);
    const out = resizeRgba(src, 2, 1);
    // Target 0 covers pixel 0 and half of pixel 1: (0 + 0.5·90) / 1.5 = 30; target 1: (0.5·90 + 255) / 1.5 = 200.
    expect([out.data[0], out.data[4]]).toEqual([30, 200]);
  });

  it('averages colour weighted by alpha: a cut-out’s invisible black texels do not darken its edge', () => {
    const src = image(2, 1, (x) => (x === 0 ? [200, 40, 20, 255] : [0, 0, 0, 0]));
    const out = resizeRgba(src, 1, 1);
    expect([...out.data]).toEqual([200, 40, 20, 128]);
  });

  it('fits the longer side, keeping the aspect; small images stay', () => {
    expect(fittedSize(4096, 2048, 1024)).toEqual({ width: 1024, height: 512 });
    expect(fittedSize(300, 1000, 100)).toEqual({ width: 30, height: 100 });
    expect(fittedSize(64, 64, 1024)).toEqual({ width: 64, height: 64 });
    expect(fittedSize(5000, 1, 100)).toEqual({ width: 100, height: 1 });
  });
});

describe('texture output (format and size)', () => {
  const rgb = encodePng(stripes(40, 20));
  const rgba = encodePng(image(40, 20, (x) => [200, 100, 50, x < 20 ? 0 : 255]));

  it('reads size, format and alpha from the headers of PNG and JPEG', () => {
    expect(imageInfo(rgb)).toEqual({ mimeType: 'image/png', width: 40, height: 20, alpha: false });
    expect(imageInfo(rgba)).toEqual({ mimeType: 'image/png', width: 40, height: 20, alpha: true });
    const jpeg = encodeJpeg(stripes(33, 17), 90);
    expect(imageInfo(jpeg)).toEqual({ mimeType: 'image/jpeg', width: 33, height: 17, alpha: false });
    expect(imageInfo(new Uint8Array([1, 2, 3, 4]))).toBeNull();
  });

  it('writes a map as it is when nothing is asked or nothing changes', () => {
    expect(processTexture(rgb, 'color', {}, 'a.png').bytes).toBe(rgb);
    expect(processTexture(rgb, 'color', { textureMax: 40 }, 'a.png').bytes).toBe(rgb);
    expect(processTexture(rgb, 'data', { textureFormat: 'jpeg' }, 'a.png').bytes).toBe(rgb);
  });

  it('scales down to textureMax on the longer side, in the same format', () => {
    const out = processTexture(rgb, 'data', { textureMax: 10 }, 'a.png');
    expect(out).toMatchObject({
      mimeType: 'image/png',
      width: 10,
      height: 5,
      resizedFrom: { width: 40, height: 20 },
    });
    const back = decodePng(out.bytes);
    expect([back.width, back.height, back.data[0]]).toEqual([10, 5, 128]);
  });

  it('jpeg: colour maps without alpha become JPEG; data maps and colour maps with alpha stay PNG', () => {
    const color = processTexture(rgb, 'color', { textureFormat: 'jpeg', jpegQuality: 80 }, 'a.png');
    expect(color.mimeType).toBe('image/jpeg');
    const decoded = decodeJpeg(color.bytes);
    expect([decoded.width, decoded.height]).toEqual([40, 20]);
    expect(processTexture(rgba, 'color', { textureFormat: 'jpeg' }, 'b.png').mimeType).toBe('image/png');
    expect(processTexture(rgb, 'data', { textureFormat: 'jpeg', textureMax: 20 }, 'c.png').mimeType).toBe(
      'image/png',
    );
  });

  it('png: every map PNG, JPEG sources decoded', () => {
    const jpeg = encodeJpeg(
      image(16, 16, () => [10, 200, 30, 255]),
      95,
    );
    const out = processTexture(jpeg, 'color', { textureFormat: 'png' }, 'd.jpg');
    expect(out.mimeType).toBe('image/png');
    const px = decodePng(out.bytes).data;
    expect(Math.abs(px[1] - 200)).toBeLessThan(4);
  });

  it('a map that cannot be decoded is written as it is, with a warning naming it', () => {
    const interlaced = Uint8Array.from(rgb);
    interlaced[28] = 1; // IHDR interlace method: Adam7, which dazport's PNG decoder refuses
    expect(() => processTexture(interlaced, 'data', { textureMax: 4 }, 'odd.png')).toThrow(
      TextureProcessError,
    );
    const warnings: string[] = [];
    const library = new TextureLibrary(new Document(), (w) => warnings.push(w), [], '', { textureMax: 4 });
    const texture = library.texture('k', () => ({
      name: 'odd.png',
      bytes: interlaced,
      mimeType: 'image/png',
    }));
    expect(texture.getImage()).toBe(interlaced);
    expect(warnings).toEqual([
      'texture odd.png: interlaced PNG: written as it is (not resized or converted)',
    ]);
  });

  it('higher JPEG quality gives larger files', () => {
    const noisy = encodePng(
      image(64, 64, (x, y) => [(x * 37 + y * 11) % 256, (x * y) % 256, (x ^ y) * 4, 255]),
    );
    const low = processTexture(noisy, 'color', { textureFormat: 'jpeg', jpegQuality: 30 }, 'n.png');
    const high = processTexture(noisy, 'color', { textureFormat: 'jpeg', jpegQuality: 95 }, 'n.png');
    expect(high.bytes.length).toBeGreaterThan(low.bytes.length);
  });
});

describe('engine option usage errors', () => {
  const code = (f: () => void) => {
    try {
      f();
    } catch (err) {
      return { code: (err as { code: string }).code, message: (err as Error).message };
    }
    return null;
  };

  it('meshopt and quantize are refused for a .usda, naming the option and the file', () => {
    expect(code(() => checkEngineOutputOptions({ meshopt: true }, ['a.glb', 'b.usda']))).toEqual({
      code: 'DAZPORT_USAGE',
      message: 'b.usda: --meshopt (library: meshopt: true) is glTF mesh compression; a .usda cannot carry it',
    });
    expect(code(() => checkEngineOutputOptions({ quantize: true }, ['b.usda']))?.message).toContain(
      '--quantize',
    );
    expect(
      code(() => checkEngineOutputOptions({ meshopt: true, quantize: true }, ['a.glb', 'a.gltf'])),
    ).toBeNull();
  });

  it('up z is refused for glTF (Y-up by specification), taken for a .usda', () => {
    expect(code(() => checkEngineOutputOptions({ up: 'z' }, ['a.glb']))?.message).toMatch(
      /a\.glb: glTF is Y-up/,
    );
    expect(code(() => checkEngineOutputOptions({ up: 'z' }, ['a.usda']))).toBeNull();
  });

  it('values out of range are usage errors', () => {
    for (const bad of [
      { textureMax: 0 },
      { textureMax: 1.5 },
      { jpegQuality: 101 },
      { scale: 0 },
      { scale: Number.NaN },
    ])
      expect(code(() => checkEngineOutputOptions(bad, ['a.glb']))?.code, JSON.stringify(bad)).toBe(
        'DAZPORT_USAGE',
      );
  });
});

describe('scaleScene', () => {
  it('multiplies every length and nothing else', () => {
    const scene = createScene({ description: 'test' });
    const world = Float64Array.from([0, 0, -1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 10, 20, 30, 1]);
    scene.nodes.push({
      id: 'a',
      name: 'a',
      label: 'a',
      kind: 'mesh',
      className: 'DzNode',
      parent: -1,
      worldMatrix: world,
      visible: true,
    });
    scene.motions.push({
      name: 'm',
      frameRate: 30,
      frameCount: 1,
      tracks: [
        {
          joint: 'hip',
          rotations: Float32Array.from([0, 0, 0, 1]),
          translations: Float32Array.from([1, 2, 3]),
        },
      ],
      nodeTracks: [{ node: 0, worldMatrices: Float64Array.from([...world, ...world]) }],
      morphTracks: [{ mesh: 0, morph: 'smile', weights: Float32Array.from([0.5]) }],
    });
    const out = scaleScene(scene, 2);
    const frames = out.motions[0].nodeTracks?.[0].worldMatrices as Float64Array;
    expect([...frames.subarray(12, 16), ...frames.subarray(28, 32)]).toEqual([20, 40, 60, 1, 20, 40, 60, 1]);
    expect([...frames.subarray(0, 12)]).toEqual([...world.subarray(0, 12)]);
    expect(out.motions[0].morphTracks?.[0].weights[0]).toBe(0.5);
    expect([...out.nodes[0].worldMatrix]).toEqual([0, 0, -1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 20, 40, 60, 1]);
    expect([...(out.motions[0].tracks[0].translations as Float32Array)]).toEqual([2, 4, 6]);
    expect([...out.motions[0].tracks[0].rotations]).toEqual([0, 0, 0, 1]);
    expect([...scene.nodes[0].worldMatrix.subarray(12, 15)]).toEqual([10, 20, 30]);
    expect(scaleScene(scene, 1)).toBe(scene);
  });
});
