/**
 * DAZ Studio pose/animation presets (.duf, DSON): a `preset_pose` whose `scene.animations` hold
 * one channel per bone axis, `name://@selection/<bone>:?rotation/x/value`, with keys
 * `[seconds, value, ["LINEAR"]]` (degrees in the bone's rotation order, translations in cm).
 * Keys say LINEAR because DSON's default for float channels is Catmull-Rom, which would bend
 * the curve between reduced keys. Written gzipped by default, as DAZ Studio writes its own.
 * Structure from the DSON spec (shared/reference/materials-lights-presets.md §1).
 *
 * `asset_info.id` is unique per output: DAZ Studio identifies assets by id (its content database
 * files metadata under it), so two presets that share one are one asset to it. The id is derived,
 * not random: `/Presets/Poses/dazport/<figure>/<file name>-<content hash>.duf`, so the same clip
 * retargeted the same way onto the same figure gives the same id (reproducible output, diffable
 * files), while another figure, another output name or any change of the keys gives another.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BakedMotion } from '../bake/bake-motion.js';

export interface DufOptions {
  /** Content-relative asset id; default derived from `fileName`, `figure` and the keys (see above). */
  assetId?: string;
  /** The output file (path or name): names the asset in its id. Default: the motion's name. */
  fileName?: string;
  /** The figure the keys were baked for (its label): part of the id. */
  figure?: string;
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

/** Length of the content hash in a derived asset id: 48 bits, no collision among one user's presets. */
const HASH_HEX_DIGITS = 12;

export function dufPreset(baked: BakedMotion, options: DufOptions = {}): DufDocument {
  const animations = dufAnimations(baked);
  const name = options.fileName ? basename(options.fileName, extname(options.fileName)) : baked.name;
  const id = options.assetId ?? dufAssetId(animations, name, options.figure);
  return {
    file_version: '0.6.0.0',
    asset_info: {
      id,
      type: 'preset_pose',
      contributor: { author: options.author ?? 'dazport', email: '', website: '' },
      revision: '1.0',
      modified: options.modified ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    scene: { animations },
  };
}

function dufAnimations(baked: BakedMotion): DufAnimation[] {
  return baked.channels.map((c) => ({
    url: `name://@selection/${encodeName(c.bone)}:?${c.kind}/${c.axis}/value`,
    keys: Array.from(
      c.values,
      (v, i) => [round(c.times[i], 7), round(v, 6), ['LINEAR']] as [number, number, [string]],
    ),
  }));
}

/** `/Presets/Poses/dazport/<figure>/<name>-<hash>.duf`, hashing the figure and the keys as written. */
function dufAssetId(animations: DufAnimation[], name: string, figure: string | undefined): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([figure ?? '', animations]))
    .digest('hex')
    .slice(0, HASH_HEX_DIGITS);
  const folder = figure ? `${encodeName(figure)}/` : '';
  return `/Presets/Poses/dazport/${folder}${encodeName(name)}-${hash}.duf`;
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
