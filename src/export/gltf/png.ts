/**
 * A small PNG codec (PNG spec, https://www.w3.org/TR/png-3/), enough to repack DAZ maps into
 * glTF's channel layout without an image library: decoding covers every non-interlaced
 * format (grey, grey+alpha, RGB, RGBA, palette; 1 to 16 bits), encoding writes 8-bit RGB or RGBA.
 * Interlaced (Adam7) files are refused with {@link PngDecodeError}: callers warn and fall back.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk } from '../../formats/png-chunks.js';

/** Pixels as 8-bit RGBA, row-major, top row first. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export class PngDecodeError extends Error {
  override name = 'PngDecodeError';
}

/** True when `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Channels per pixel by colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Decode a PNG file to 8-bit RGBA; throws {@link PngDecodeError} for what it does not support. */
export function decodePng(bytes: Uint8Array): RgbaImage {
  if (!isPng(bytes)) throw new PngDecodeError('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let depth = 8;
  let colorType = 2;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  for (let p = 8; p + 8 <= bytes.length; ) {
    const length = view.getUint32(p);
    const type = String.fromCharCode(bytes[p + 4], bytes[p + 5], bytes[p + 6], bytes[p + 7]);
    const body = bytes.subarray(p + 8, p + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(p + 8);
      height = view.getUint32(p + 12);
      depth = body[8];
      colorType = body[9];
      if (body[12] !== 0) throw new PngDecodeError('interlaced PNG');
      if (CHANNELS[colorType] === undefined) throw new PngDecodeError(`colour type ${colorType}`);
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    p += 12 + length;
  }
  if (width === 0 || height === 0 || idat.length === 0) throw new PngDecodeError('missing IHDR or IDAT');
  const channels = CHANNELS[colorType];
  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < (stride + 1) * height) throw new PngDecodeError('truncated image data');
  const rows = unfilter(raw, stride, height, bpp);
  return toRgba(rows, width, height, stride, depth, colorType, palette, transparency);
}

/** Undo the per-row filters (PNG spec §7.3, §9) in place; returns the rows without filter bytes. */
function unfilter(raw: Uint8Array, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      let v = raw[src + x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new PngDecodeError(`row filter ${filter}`);
      out[row + x] = v & 0xff;
    }
  }
  return out;
}

function toRgba(
  rows: Uint8Array,
  width: number,
  height: number,
  stride: number,
  depth: number,
  colorType: number,
  palette: Uint8Array | null,
  transparency: Uint8Array | null,
): RgbaImage {
  const channels = CHANNELS[colorType];
  const data = new Uint8Array(width * height * 4);
  const maxSample = (1 << Math.min(depth, 8)) - 1;
  // Sample k of row y, scaled to 8 bits (16-bit samples keep their high byte).
  const sample = (y: number, k: number): number => {
    const row = y * stride;
    if (depth === 8) return rows[row + k];
    if (depth === 16) return rows[row + k * 2];
    const bit = k * depth;
    const v = (rows[row + (bit >> 3)] >> (8 - depth - (bit & 7))) & maxSample;
    return colorType === 3 ? v : Math.round((v * 255) / maxSample);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const k = x * channels;
      if (colorType === 3) {
        const i = sample(y, k);
        if (!palette || i * 3 + 2 >= palette.length) throw new PngDecodeError('palette index out of range');
        data[o] = palette[i * 3];
        data[o + 1] = palette[i * 3 + 1];
        data[o + 2] = palette[i * 3 + 2];
        data[o + 3] = transparency && i < transparency.length ? transparency[i] : 255;
      } else if (channels <= 2) {
        const g = sample(y, k);
        data[o] = g;
        data[o + 1] = g;
        data[o + 2] = g;
        data[o + 3] = channels === 2 ? sample(y, k + 1) : 255;
      } else {
        data[o] = sample(y, k);
        data[o + 1] = sample(y, k + 1);
        data[o + 2] = sample(y, k + 2);
        data[o + 3] = channels === 4 ? sample(y, k + 3) : 255;
      }
    }
  }
  return { width, height, data };
}

/**
 * Encode an RGBA image as PNG: RGBA when any pixel is not opaque (or `alpha` forces it), RGB
 * otherwise; every row with the "up" filter, which suits the smooth maps repacking produces.
 */
export function encodePng(image: RgbaImage, alpha?: boolean): Uint8Array {
  const { width, height, data } = image;
  let withAlpha = alpha ?? false;
  if (alpha === undefined) {
    for (let i = 3; i < data.length && !withAlpha; i += 4) withAlpha = data[i] !== 255;
  }
  const channels = withAlpha ? 4 : 3;
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height);
  let prev = new Uint8Array(stride);
  let row = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) row[x * channels + c] = data[(y * width + x) * 4 + c];
    }
    const o = y * (stride + 1);
    raw[o] = 2; // up
    for (let i = 0; i < stride; i++) raw[o + 1 + i] = (row[i] - prev[i]) & 0xff;
    [prev, row] = [row, prev];
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = withAlpha ? 6 : 2;
  return Buffer.concat([
    Buffer.from(PNG_SIGNATURE),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 6 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}
