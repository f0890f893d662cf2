import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng as emulatorEncode } from '../../../src/emulator/scenes/textures/png-writer.js';
import { decodePng, encodePng, PngDecodeError } from '../../../src/export/gltf/png.js';

/** A PNG from raw scanlines (filter byte included), any header: exercises the decoder's paths. */
function rawPng(
  width: number,
  height: number,
  depth: number,
  colorType: number,
  scanlines: number[],
  extra: [string, number[]][] = [],
  interlace = 0,
): Uint8Array {
  const chunk = (type: string, body: Uint8Array) => {
    const out = Buffer.alloc(12 + body.length);
    out.writeUInt32BE(body.length, 0);
    out.write(type, 4, 'ascii');
    out.set(body, 8);
    return out; // CRC left 0: the decoder does not check it
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colorType;
  ihdr[12] = interlace;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra.map(([t, b]) => chunk(t, Uint8Array.from(b))),
    chunk('IDAT', deflateSync(Uint8Array.from(scanlines))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const rgba = (img: { data: Uint8Array }) => Array.from(img.data);

describe('PNG codec', () => {
  it('decodes grey, grey+alpha, RGB and RGBA at 8 bits', () => {
    expect(rgba(decodePng(rawPng(2, 1, 8, 0, [0, 10, 200])))).toEqual([10, 10, 10, 255, 200, 200, 200, 255]);
    expect(rgba(decodePng(rawPng(1, 1, 8, 4, [0, 9, 50])))).toEqual([9, 9, 9, 50]);
    expect(rgba(decodePng(rawPng(1, 1, 8, 2, [0, 1, 2, 3])))).toEqual([1, 2, 3, 255]);
    expect(rgba(decodePng(rawPng(1, 1, 8, 6, [0, 1, 2, 3, 4])))).toEqual([1, 2, 3, 4]);
  });

  it('undoes every row filter (sub, up, average, Paeth)', () => {
    // 2×2 grey; row 0 filtered Sub, row 1 with each other filter, expected [[10, 30], [40, 70]].
    const expected = [10, 30, 40, 70];
    const rows: Record<number, number[]> = {
      2: [40 - 10, 70 - 30], // up
      3: [40 - 5, (70 - ((40 + 30) >> 1)) & 255], // average
      4: [40 - 10, (70 - 40) & 255], // Paeth: predicts b (10) at x = 0, a (40) at x = 1
    };
    for (const [filter, row] of Object.entries(rows)) {
      const img = decodePng(rawPng(2, 2, 8, 0, [1, 10, 20, Number(filter), ...row]));
      expect(
        rgba(img).filter((_, i) => i % 4 === 0),
        `filter ${filter}`,
      ).toEqual(expected);
    }
  });

  it('decodes palettes with transparency, sub-byte greys and 16-bit samples', () => {
    const palette = rawPng(
      3,
      1,
      2,
      3,
      [0, 0b00011000],
      [
        ['PLTE', [255, 0, 0, 0, 255, 0, 0, 0, 255]],
        ['tRNS', [128]],
      ],
    );
    expect(rgba(decodePng(palette))).toEqual([255, 0, 0, 128, 0, 255, 0, 255, 0, 0, 255, 255]);
    expect(rgba(decodePng(rawPng(4, 1, 1, 0, [0, 0b10100000]))).filter((_, i) => i % 4 === 0)).toEqual([
      255, 0, 255, 0,
    ]);
    expect(rgba(decodePng(rawPng(1, 1, 16, 2, [0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc])))).toEqual([
      0x12, 0x56, 0x9a, 255,
    ]);
  });

  it('refuses interlaced files and non-PNG bytes with PngDecodeError', () => {
    expect(() => decodePng(rawPng(1, 1, 8, 0, [0, 1], [], 1))).toThrow(PngDecodeError);
    expect(() => decodePng(new Uint8Array([0xff, 0xd8, 0xff]))).toThrow(/not a PNG/);
  });

  it('round-trips its own output and reads the emulator’s textures', () => {
    const img = { width: 3, height: 2, data: Uint8Array.from({ length: 24 }, (_, i) => (i * 37) & 255) };
    expect(rgba(decodePng(encodePng(img)))).toEqual(rgba(img));
    const opaque = { width: 2, height: 1, data: Uint8Array.from([1, 2, 3, 255, 4, 5, 6, 255]) };
    expect(encodePng(opaque)[25]).toBe(2); // RGB colour type when every pixel is opaque
    const file = readFileSync(join(process.cwd(), 'assets/textures/checker_diffuse.png'));
    const decoded = decodePng(file);
    expect([decoded.width, decoded.height]).toEqual([128, 128]);
    const pixels = new Uint8Array(4 * 3);
    pixels.set([200, 60, 40, 235, 230, 220, 1, 2, 3, 4, 5, 6]);
    expect(rgba(decodePng(emulatorEncode(2, 1, 3, pixels.subarray(0, 6))))).toEqual([
      200, 60, 40, 255, 235, 230, 220, 255,
    ]);
  });
});
