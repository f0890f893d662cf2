/**
 * How the glTF writer names the files it writes beside a .gltf (the .bin, each image) and which
 * images it makes: in one place, so that `planExport` (`export --dry-run`) names them as the
 * writer does instead of keeping a copy of its rules.
 */
import { basename, extname } from 'node:path';

/** A name as a relative URI can carry it without escapes: runs of anything else become `_`. */
export function uriSafe(name: string, fallback: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_') || fallback;
}

/** The .bin of a .gltf whose file name without extension is `stem`. */
export function binFileName(stem: string): string {
  return `${uriSafe(stem, 'scene')}.bin`;
}

/** An image's file name without extension, from the name it was given (a path or a file name). */
export function imageStem(name: string): string {
  return uriSafe(basename(name, extname(name)), 'texture');
}

export function imageExtension(mimeType: string): '.png' | '.jpg' {
  return mimeType === 'image/png' ? '.png' : '.jpg';
}

/** The image holding the base colour with the opacity map in its alpha. */
export function alphaImageName(baseFile: string | undefined, opacityFile: string): string {
  return `${basename(baseFile ?? opacityFile, extname(baseFile ?? opacityFile))}_alpha`;
}

/** The image holding roughness in G and metallic in B. */
export function metallicRoughnessImageName(
  roughFile: string | undefined,
  metalFile: string | undefined,
): string {
  const file = roughFile ?? metalFile ?? 'texture';
  return `${basename(file, extname(file))}_mr`;
}

/**
 * A roughness map glTF reads as it is, unpacked: no metallic map beside it, roughness (not
 * glossiness, which would need inverting), and no metal.
 */
export function roughnessMapAsIs(p: {
  roughness: boolean;
  metallicMap: boolean;
  inverted: boolean;
  metallic: number;
}): boolean {
  return p.roughness && !p.metallicMap && !p.inverted && p.metallic === 0;
}
