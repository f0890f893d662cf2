/**
 * Repacking DAZ's one-map-per-channel layout into glTF's shared images:
 * - metallicRoughnessTexture: roughness in G, metallic in B (§3.9.2); R is left at 255.
 * - opacity (Cutout Opacity, Opacity Strength) into the base colour texture's alpha (§3.9.4).
 * A scalar map's value is the mean of its RGB. Maps of different sizes are resampled (nearest)
 * to the larger size. Only PNG can be decoded here (dazport has no image library): a JPEG source
 * throws {@link PackError} and the caller falls back, with a warning.
 */
import { decodePng, encodePng, PngDecodeError, type RgbaImage } from './png.js';
import type { ImageFile } from './textures.js';

export class PackError extends Error {
  override name = 'PackError';
}

function decode(image: ImageFile): RgbaImage {
  if (image.mimeType !== 'image/png')
    throw new PackError(`${image.file} is a JPEG, which dazport cannot decode (no image library)`);
  try {
    return decodePng(image.bytes);
  } catch (err) {
    if (err instanceof PngDecodeError) throw new PackError(`${image.file}: ${err.message} is not supported`);
    throw err;
  }
}

/** Pixel index in `img` for pixel (x, y) of a width × height target (nearest). */
function at(img: RgbaImage, x: number, y: number, width: number, height: number): number {
  const sx = Math.min(img.width - 1, Math.floor((x * img.width) / width));
  const sy = Math.min(img.height - 1, Math.floor((y * img.height) / height));
  return (sy * img.width + sx) * 4;
}

function scalar(img: RgbaImage, i: number): number {
  return Math.round((img.data[i] + img.data[i + 1] + img.data[i + 2]) / 3);
}

export interface RoughnessSource {
  image: ImageFile;
  /** The map is a glossiness map: G = 1 − glossiness × map. */
  invert?: { glossiness: number };
}

/** A PNG with roughness in G and metallic in B (255 where a map is absent: the factor alone counts). */
export function packMetallicRoughness(rough: RoughnessSource | null, metal: ImageFile | null): Uint8Array {
  const r = rough ? decode(rough.image) : null;
  const m = metal ? decode(metal) : null;
  const width = Math.max(r?.width ?? 1, m?.width ?? 1);
  const height = Math.max(r?.height ?? 1, m?.height ?? 1);
  const data = new Uint8Array(width * height * 4);
  const gloss = rough?.invert?.glossiness;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      let g = r ? scalar(r, at(r, x, y, width, height)) : 255;
      if (r && gloss !== undefined) g = Math.round(255 * Math.min(1, Math.max(0, 1 - (gloss * g) / 255)));
      data[o] = 255;
      data[o + 1] = g;
      data[o + 2] = m ? scalar(m, at(m, x, y, width, height)) : 255;
      data[o + 3] = 255;
    }
  }
  return encodePng({ width, height, data }, false);
}

/** A PNG with the base colour in RGB (white without a base map) and the opacity map in A. */
export function packBaseAlpha(base: ImageFile | null, opacity: ImageFile): Uint8Array {
  const b = base ? decode(base) : null;
  const a = decode(opacity);
  const width = Math.max(b?.width ?? 1, a.width);
  const height = Math.max(b?.height ?? 1, a.height);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (b) {
        const i = at(b, x, y, width, height);
        data[o] = b.data[i];
        data[o + 1] = b.data[i + 1];
        data[o + 2] = b.data[i + 2];
      } else data.fill(255, o, o + 3);
      data[o + 3] = scalar(a, at(a, x, y, width, height));
    }
  }
  return encodePng({ width, height, data }, true);
}
