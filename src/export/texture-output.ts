/**
 * One texture as the engine options want it written (engine-options.ts): scaled down to
 * `textureMax` (texture-resize.ts) and/or converted to PNG or JPEG. Both writers use it, the
 * glTF writer for the images it embeds or writes, the USDA writer for the maps it copies, and
 * `planExport` uses {@link plannedTexture} to name and size them the same way.
 *
 * Which format (`textureFormat`):
 * - `keep`: the source's format; a resized map is encoded again in it (JPEG at `jpegQuality`).
 * - `png`: every map PNG (lossless: what engines re-compress best).
 * - `jpeg`: colour maps (base colour, emission) become JPEG unless their PNG has an alpha
 *   channel (glTF packs cut-out opacity there; JPEG has none). Data maps (normal, roughness,
 *   metallic, opacity) keep their format: JPEG's blocks bend normals and its chroma subsampling
 *   blends the channels glTF packs roughness and metallic into, for a small saving.
 * A map that is small enough and already in its format is written byte for byte as it is.
 */
import type { EngineOutputOptions } from './engine-options.js';
import { ENGINE_OUTPUT_DEFAULTS } from './engine-options.js';
import { decodePng, encodePng, isPng, PngDecodeError, type RgbaImage } from './gltf/png.js';
import { decodeJpeg, encodeJpeg, isJpeg, JpegCodecError } from './jpeg.js';
import { fittedSize, resizeRgba } from './texture-resize.js';

export type ImageMimeType = 'image/png' | 'image/jpeg';
/** `color`: base colour or emission (sRGB); `data`: normal, roughness, metallic, opacity. */
export type TextureRole = 'color' | 'data';

export interface ImageInfo {
  mimeType: ImageMimeType;
  width: number;
  height: number;
  /** The PNG has an alpha channel (RGBA, grey+alpha, or a tRNS chunk); never for JPEG. */
  alpha: boolean;
}

export interface OutputImage {
  bytes: Uint8Array;
  mimeType: ImageMimeType;
  width: number;
  height: number;
  /** The source's size, when it was scaled down. */
  resizedFrom?: { width: number; height: number };
}

/** Thrown when a map cannot be decoded (interlaced PNG, progressive JPEG ...): callers keep it as it is. */
export class TextureProcessError extends Error {
  override name = 'TextureProcessError';
}

/** Format and size from the file's header (PNG IHDR, JPEG SOFn), or null for anything else. */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isPng(bytes) && bytes.length >= 33) {
    const colorType = bytes[25];
    let alpha = colorType === 4 || colorType === 6;
    // A tRNS chunk before the image data makes a palette or RGB PNG transparent too.
    for (let p = 8; !alpha && p + 8 <= bytes.length; ) {
      const type = String.fromCharCode(bytes[p + 4], bytes[p + 5], bytes[p + 6], bytes[p + 7]);
      if (type === 'tRNS') alpha = true;
      if (type === 'IDAT' || type === 'IEND') break;
      p += 12 + view.getUint32(p);
    }
    return { mimeType: 'image/png', width: view.getUint32(16), height: view.getUint32(20), alpha };
  }
  if (isJpeg(bytes)) {
    for (let p = 2; p + 9 < bytes.length; ) {
      if (bytes[p] !== 0xff) return null;
      const marker = bytes[p + 1];
      if (marker === 0xff) {
        p++;
        continue;
      }
      const length = view.getUint16(p + 2);
      const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (sof)
        return {
          mimeType: 'image/jpeg',
          width: view.getUint16(p + 7),
          height: view.getUint16(p + 5),
          alpha: false,
        };
      p += 2 + length;
    }
  }
  return null;
}

/** The format a map of `info` is written in, under `options`. */
export function outputMimeType(
  info: Pick<ImageInfo, 'mimeType' | 'alpha'>,
  role: TextureRole,
  options: EngineOutputOptions,
): ImageMimeType {
  const format = options.textureFormat ?? ENGINE_OUTPUT_DEFAULTS.textureFormat;
  if (format === 'png') return 'image/png';
  if (format === 'jpeg' && role === 'color' && !info.alpha) return 'image/jpeg';
  return info.mimeType;
}

/** The size and format a map is written at, from its header alone (no decoding). */
export function plannedTexture(
  info: ImageInfo,
  role: TextureRole,
  options: EngineOutputOptions,
): { mimeType: ImageMimeType; width: number; height: number } {
  const size =
    options.textureMax === undefined ? info : fittedSize(info.width, info.height, options.textureMax);
  return { mimeType: outputMimeType(info, role, options), width: size.width, height: size.height };
}

/**
 * The map as `options` want it: the same bytes when nothing changes, else decoded, scaled down
 * and encoded. Throws {@link TextureProcessError} when the source cannot be decoded.
 */
export function processTexture(
  bytes: Uint8Array,
  role: TextureRole,
  options: EngineOutputOptions,
  file: string,
): OutputImage {
  const info = imageInfo(bytes);
  if (!info) throw new TextureProcessError(`${file} is neither PNG nor JPEG`);
  const planned = plannedTexture(info, role, options);
  const resized = planned.width !== info.width || planned.height !== info.height;
  if (!resized && planned.mimeType === info.mimeType)
    return { bytes, mimeType: info.mimeType, width: info.width, height: info.height };
  let image: RgbaImage;
  try {
    image = info.mimeType === 'image/png' ? decodePng(bytes) : decodeJpeg(bytes);
  } catch (err) {
    if (err instanceof PngDecodeError || err instanceof JpegCodecError)
      throw new TextureProcessError(`${file}: ${err.message}`);
    throw err;
  }
  if (resized) image = resizeRgba(image, planned.width, planned.height);
  const quality = options.jpegQuality ?? ENGINE_OUTPUT_DEFAULTS.jpegQuality;
  return {
    bytes:
      planned.mimeType === 'image/png'
        ? encodePng(image, info.alpha || undefined)
        : encodeJpeg(image, quality),
    mimeType: planned.mimeType,
    width: image.width,
    height: image.height,
    ...(resized ? { resizedFrom: { width: info.width, height: info.height } } : {}),
  };
}
