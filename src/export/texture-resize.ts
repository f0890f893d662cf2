/**
 * Scale an RGBA image down by area averaging (a box filter over each target pixel's exact
 * footprint, fractional edges weighted by their coverage): every source pixel counts, as in a
 * mip level, so fine patterns (skin pores, fabric weave) fade instead of aliasing into moiré as
 * nearest or plain bilinear sampling would. Separable: one horizontal pass, one vertical.
 *
 * Colour is averaged weighted by alpha (premultiplied), so the invisible texels of a cut-out
 * (hair, lashes: often black) do not darken its edges. Averages are taken on the stored values
 * (sRGB colour maps included), as mipmap generators of engines do by default; the difference
 * from linear-light averaging is a slight darkening of high-contrast detail only.
 */
import type { RgbaImage } from './gltf/png.js';

/** The size that fits `max` on the longer side, aspect kept (each side at least 1 pixel). */
export function fittedSize(width: number, height: number, max: number): { width: number; height: number } {
  const longer = Math.max(width, height);
  if (longer <= max) return { width, height };
  const k = max / longer;
  return {
    width: Math.max(1, Math.min(max, Math.round(width * k))),
    height: Math.max(1, Math.min(max, Math.round(height * k))),
  };
}

/** `image` scaled down to `width` × `height` (each no larger than the source's). */
export function resizeRgba(image: RgbaImage, width: number, height: number): RgbaImage {
  if (width > image.width || height > image.height)
    throw new RangeError(`resizeRgba scales down only: ${image.width}×${image.height} → ${width}×${height}`);
  if (width === image.width && height === image.height) return image;
  const premultiplied = new Float32Array(image.data.length);
  for (let i = 0; i < image.data.length; i += 4) {
    const a = image.data[i + 3] / 255;
    premultiplied[i] = image.data[i] * a;
    premultiplied[i + 1] = image.data[i + 1] * a;
    premultiplied[i + 2] = image.data[i + 2] * a;
    premultiplied[i + 3] = image.data[i + 3];
  }
  const rows = boxPass(premultiplied, image.width, image.height, width, true);
  const out = boxPass(rows, width, image.height, height, false);
  const data = new Uint8Array(out.length);
  const byte = (v: number) => Math.min(255, Math.max(0, Math.round(v)));
  for (let i = 0; i < out.length; i += 4) {
    const a = out[i + 3] / 255;
    // Fully transparent: no colour to recover; black, as the premultiplied average says.
    for (let c = 0; c < 3; c++) data[i + c] = byte(a > 0 ? out[i + c] / a : 0);
    data[i + 3] = byte(out[i + 3]);
  }
  return { width, height, data };
}

/**
 * One pass along x (`horizontal`) or y: each target sample is the coverage-weighted mean of the
 * source samples its span [t·k, (t+1)·k) overlaps, k = source / target.
 */
function boxPass(
  src: ArrayLike<number>,
  width: number,
  height: number,
  target: number,
  horizontal: boolean,
): Float32Array {
  const length = horizontal ? width : height;
  const outW = horizontal ? target : width;
  const outH = horizontal ? height : target;
  const out = new Float32Array(outW * outH * 4);
  const k = length / target;
  // Per target sample: the first source sample and the weights of the ones it covers.
  const first = new Int32Array(target);
  const weights: Float32Array[] = [];
  for (let t = 0; t < target; t++) {
    const a = t * k;
    const b = Math.min(length, (t + 1) * k);
    const i0 = Math.floor(a);
    const i1 = Math.min(length, Math.ceil(b));
    const w = new Float32Array(i1 - i0);
    for (let i = i0; i < i1; i++) w[i - i0] = (Math.min(b, i + 1) - Math.max(a, i)) / k;
    first[t] = i0;
    weights.push(w);
  }
  const lines = horizontal ? height : width;
  for (let line = 0; line < lines; line++) {
    for (let t = 0; t < target; t++) {
      const w = weights[t];
      let r = 0;
      let g = 0;
      let b = 0;
      let al = 0;
      for (let j = 0; j < w.length; j++) {
        const i = first[t] + j;
        const s = (horizontal ? line * width + i : i * width + line) * 4;
        r += src[s] * w[j];
        g += src[s + 1] * w[j];
        b += src[s + 2] * w[j];
        al += src[s + 3] * w[j];
      }
      const o = (horizontal ? line * outW + t : t * outW + line) * 4;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = al;
    }
  }
  return out;
}
