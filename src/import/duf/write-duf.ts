/**
 * DAZ Studio pose/animation presets (.duf, DSON): a `preset_pose` whose `scene.animations` hold
 * one channel per bone axis, `name://@selection/<bone>:?rotation/x/value`, with keys
 * `[seconds, value, ["LINEAR"]]` (degrees in the bone's rotation order, translations in cm).
 * Keys say LINEAR because DSON's default for float channels is Catmull-Rom, which would bend
 * the curve between reduced keys. Written gzipped by default, as DAZ Studio writes its own.
 * Structure from the DSON spec (shared/reference/materials-lights-presets.md §1).
 */
import { gzipSync } from 'node:zlib';
import type { BakedMotion } from '../bake/bake-motion.js';

export interface DufOptions {
  /** Content-relative asset id, e.g. `/Presets/Poses/dazport/walk.duf`. */
  assetId?: string;
  author?: string;
  /** ISO date for asset_info.modified (default now). */
  modified?: string;
}

export interface DufAnimation {
  url: string;
  keys: [number, number, [string]][];
}

export interface DufDocument {
  file_version: string;
  asset_info: {
    id: string;
    type: 'preset_pose';
    contributor: { author: string; email: string; website: string };
    revision: string;
    modified: string;
  };
  scene: { animations: DufAnimation[] };
}

/** DSON node paths are URLs: encode what is not a plain name character. */
function encodeName(name: string): string {
  return encodeURIComponent(name).replace(/%20/g, '%20');
}

export function dufPreset(baked: BakedMotion, options: DufOptions = {}): DufDocument {
  const id = options.assetId ?? `/Presets/Poses/dazport/${encodeName(baked.name)}.duf`;
  return {
    file_version: '0.6.0.0',
    asset_info: {
      id,
      type: 'preset_pose',
      contributor: { author: options.author ?? 'dazport', email: '', website: '' },
      revision: '1.0',
      modified: options.modified ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    scene: {
      animations: baked.channels.map((c) => ({
        url: `name://@selection/${encodeName(c.bone)}:?${c.kind}/${c.axis}/value`,
        keys: Array.from(
          c.values,
          (v, i) => [round(c.times[i], 7), round(v, 6), ['LINEAR']] as [number, number, [string]],
        ),
      })),
    },
  };
}

/** The file's bytes: gzip (DAZ's own choice) or plain JSON text. */
export function serializeDuf(doc: DufDocument, options: { gzip?: boolean } = {}): Buffer {
  const text = JSON.stringify(doc, null, options.gzip === false ? 1 : 0);
  return options.gzip === false ? Buffer.from(text, 'utf8') : gzipSync(text);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
