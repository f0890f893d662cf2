/**
 * What the engine options (src/export/engine-options.ts) change in `export --dry-run`'s plan:
 * texture names, sizes and formats, read from each map's header as the writers would decide
 * them (texture-output.ts), and the geometry of a quantized or meshopt-compressed glTF.
 *
 * Estimates: a map scaled down keeps its bytes per pixel; a map made JPEG takes
 * (0.5 + 2·q/100) bits per pixel at quality q (2.3 at 90: typical of detailed DAZ skin maps),
 * one made PNG from a JPEG 12 bits per pixel. Geometry, measured on the built-in g9 (.bin of
 * a .gltf): quantized 0.60–0.66 of the plain size, meshopt 0.25–0.33; the plan takes 0.63 and 0.3.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  changesTextures,
  ENGINE_OUTPUT_DEFAULTS,
  type EngineOutputOptions,
} from '../export/engine-options.js';
import { imageInfo, plannedTexture, type TextureRole } from '../export/texture-output.js';

export const GEOMETRY_FACTOR = { quantize: 0.63, meshopt: 0.3 } as const;

/** Bytes of header read to find a map's size (a JPEG's frame header may follow large EXIF blocks). */
const HEADER_BYTES = 256 * 1024;

export interface PlannedImage {
  /** File name as written (its extension follows the format). */
  name: string;
  bytes: number | null;
  width?: number;
  height?: number;
  mimeType?: 'image/png' | 'image/jpeg';
}

/** The map `file` (`name` as the writer names it, `bytes` its source size) as the options would write it. */
export function plannedImage(
  name: string,
  file: string,
  bytes: number | null,
  role: TextureRole,
  options: EngineOutputOptions,
): PlannedImage {
  if (bytes === null || !changesTextures(options)) return { name, bytes };
  const info = imageInfo(readHeader(file));
  if (!info) return { name, bytes };
  const planned = plannedTexture(info, role, options);
  const pixels = planned.width * planned.height;
  let estimate = bytes;
  if (planned.mimeType !== info.mimeType) {
    const quality = options.jpegQuality ?? ENGINE_OUTPUT_DEFAULTS.jpegQuality;
    const bitsPerPixel = planned.mimeType === 'image/jpeg' ? 0.5 + (2 * quality) / 100 : 12;
    estimate = (pixels * bitsPerPixel) / 8;
  } else if (pixels !== info.width * info.height) estimate = (bytes * pixels) / (info.width * info.height);
  const ext = planned.mimeType === 'image/png' ? '.png' : '.jpg';
  return {
    name: `${basename(name, extname(name))}${ext}`,
    bytes: Math.round(estimate),
    width: planned.width,
    height: planned.height,
    mimeType: planned.mimeType,
  };
}

/** The factor on a glTF's geometry estimate. */
export function geometryFactor(options: EngineOutputOptions): number {
  return options.meshopt ? GEOMETRY_FACTOR.meshopt : options.quantize ? GEOMETRY_FACTOR.quantize : 1;
}

/** Notes for the plan: what the estimates assume. */
export function engineNotes(options: EngineOutputOptions): string[] {
  const notes: string[] = [];
  if (changesTextures(options))
    notes.push(
      'resized or converted textures are estimated (a JPEG at quality q about 0.5 + 2·q/100 bits per pixel)',
    );
  if (options.meshopt || options.quantize)
    notes.push(
      `glTF geometry ${options.meshopt ? 'with --meshopt' : 'with --quantize'} estimated at ${Math.round(100 * geometryFactor(options))}% of plain`,
    );
  if ((options.scale ?? 1) !== 1) notes.push(`every length × ${options.scale} (sizes unchanged)`);
  return notes;
}

function readHeader(file: string): Uint8Array {
  const buffer = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, 'r');
  try {
    const n = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
