/**
 * JPEG through jpeg-js (pure JavaScript, no native code; https://github.com/jpeg-js/jpeg-js):
 * dazport's PNG codec (gltf/png.ts) has no JPEG counterpart, and resizing or converting a DAZ
 * JPEG map needs its pixels. Baseline JPEG only; a progressive or CMYK file throws
 * {@link JpegCodecError}, which callers turn into a warning and keep the file as it is.
 */
import jpeg from 'jpeg-js';
import type { RgbaImage } from './gltf/png.js';

export class JpegCodecError extends Error {
  override name = 'JpegCodecError';
}

/** True when `bytes` start with a JPEG SOI marker and a marker after it. */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Decode to 8-bit RGBA (alpha 255). Limits: 100 megapixels, 1 GB while decoding. */
export function decodeJpeg(bytes: Uint8Array): RgbaImage {
  try {
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: 100,
      maxMemoryUsageInMB: 1024,
    });
    return { width: image.width, height: image.height, data: image.data };
  } catch (err) {
    throw new JpegCodecError((err as Error).message);
  }
}

/** Encode as baseline JPEG at `quality` (1–100); alpha is dropped. */
export function encodeJpeg(image: RgbaImage, quality: number): Uint8Array {
  const { data } = jpeg.encode({ width: image.width, height: image.height, data: image.data }, quality);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
