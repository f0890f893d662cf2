/**
 * The options game engines ask of an export, shared by every scene writer and both jobs
 * (`exportScene`, `retargetFile`): texture size and format, glTF mesh compression, the up axis
 * and a scale. They are checked against the outputs before anything is read, so a glTF-only
 * option given for a .usda fails in milliseconds, naming the option.
 *
 * Decisions (README "Engine options"):
 * - `up`: glTF is Y-up by specification (§3.4), so `'z'` is refused for .glb/.gltf; a .usda says
 *   `upAxis = "Z"` and its root prim turns the Y-up content +90° about X (usda/up-axis.ts).
 * - `scale`: every length is multiplied (positions, translations, skin joints and their
 *   inverse bind matrices, morph deltas, animation translations, camera distances, light sizes:
 *   scale-scene.ts), so engines that ignore units see the asked size. Units stay as they were:
 *   glTF metres, USDA centimetres (`metersPerUnit 0.01`): changing metersPerUnit instead would
 *   scale only for readers that honour it.
 * - `textureFormat: 'jpeg'` makes JPEGs of colour maps without alpha only (base colour,
 *   emission); normal, roughness, metallic and opacity maps keep their format, because JPEG's
 *   chroma subsampling blends packed channels and its blocks bend normals (texture-output.ts).
 */
import { extname } from 'node:path';
import { DazportError } from '../errors.js';
import { flagAndOption } from '../flag-and-option.js';

export const TEXTURE_FORMATS = ['keep', 'png', 'jpeg'] as const;
export type TextureFormat = (typeof TEXTURE_FORMATS)[number];
export const UP_AXES = ['y', 'z'] as const;
export type UpAxis = (typeof UP_AXES)[number];

export interface EngineOutputOptions {
  /** Textures longer than this many pixels on their longer side are scaled down (aspect kept). */
  textureMax?: number;
  /** `keep` (default): each map in its source's format; `png`: all PNG; `jpeg`: colour maps JPEG. */
  textureFormat?: TextureFormat;
  /** Quality of the JPEGs written, 1–100 (default 90). */
  jpegQuality?: number;
  /** glTF only: compress geometry with EXT_meshopt_compression (implies quantized attributes). */
  meshopt?: boolean;
  /** glTF only: KHR_mesh_quantization (16-bit positions, 8/16-bit normals and UVs). */
  quantize?: boolean;
  /** `y` (default); `z` for a Z-up .usda (glTF is always Y-up). */
  up?: UpAxis;
  /** Multiplier on every length (default 1). */
  scale?: number;
}

export const ENGINE_OUTPUT_DEFAULTS = {
  textureFormat: 'keep',
  jpegQuality: 90,
  meshopt: false,
  quantize: false,
  up: 'y',
  scale: 1,
} as const satisfies EngineOutputOptions;

/** Largest `textureMax` taken: beyond any texture an engine loads. */
export const TEXTURE_MAX_LIMIT = 65_536;

const FLAGS = {
  textureMax: ['--texture-max', 'textureMax'],
  textureFormat: ['--texture-format', 'textureFormat'],
  jpegQuality: ['--jpeg-quality', 'jpegQuality'],
  meshopt: ['--meshopt', 'meshopt: true'],
  quantize: ['--quantize', 'quantize: true'],
  up: ['--up z', "up: 'z'"],
  scale: ['--scale', 'scale'],
} as const;

function usage(option: keyof typeof FLAGS, message: string, suggestion: string, cli: string, file?: string) {
  const [flag, key] = FLAGS[option];
  return new DazportError('DAZPORT_USAGE', message.replace('{option}', flagAndOption(flag, key)), {
    context: { option: key, ...(file ? { file } : {}) },
    suggestion,
    cliSuggestion: cli.replace('{flag}', flag),
  });
}

/**
 * Throws DAZPORT_USAGE for a value out of range, or an option an output cannot take
 * (`meshopt`/`quantize` for a .usda, `up: 'z'` for a .glb/.gltf). Outputs of other kinds
 * (.duf) are not checked here: their own checks name them.
 */
export function checkEngineOutputOptions(options: EngineOutputOptions, outs: readonly string[]): void {
  const { textureMax, jpegQuality, scale, textureFormat, up } = options;
  if (
    textureMax !== undefined &&
    !(Number.isInteger(textureMax) && textureMax >= 1 && textureMax <= TEXTURE_MAX_LIMIT)
  )
    throw usage(
      'textureMax',
      `{option} takes a whole number of pixels from 1 to ${TEXTURE_MAX_LIMIT}, got ${textureMax}`,
      'e.g. textureMax: 2048',
      'e.g. {flag} 2048',
    );
  if (jpegQuality !== undefined && !(Number.isInteger(jpegQuality) && jpegQuality >= 1 && jpegQuality <= 100))
    throw usage(
      'jpegQuality',
      `{option} takes 1 to 100, got ${jpegQuality}`,
      'e.g. jpegQuality: 85',
      'e.g. {flag} 85',
    );
  if (scale !== undefined && !(Number.isFinite(scale) && scale > 0))
    throw usage(
      'scale',
      `{option} takes a number above 0, got ${scale}`,
      'e.g. scale: 100',
      'e.g. {flag} 100',
    );
  if (textureFormat !== undefined && !(TEXTURE_FORMATS as readonly string[]).includes(textureFormat))
    throw usage(
      'textureFormat',
      `{option} takes ${TEXTURE_FORMATS.join(', ')}, got "${textureFormat}"`,
      "e.g. textureFormat: 'jpeg'",
      'e.g. {flag} jpeg',
    );
  if (up !== undefined && !(UP_AXES as readonly string[]).includes(up))
    throw usage('up', `{option} takes y or z, got "${up}"`, "e.g. up: 'z'", 'e.g. --up z');
  for (const out of outs) {
    const ext = extname(out).toLowerCase();
    if (ext === '.usda') {
      for (const option of ['meshopt', 'quantize'] as const)
        if (options[option])
          throw usage(
            option,
            `${out}: {option} is glTF mesh compression; a .usda cannot carry it`,
            `write the .usda in a separate call without ${FLAGS[option][1]}`,
            `write the .usda in a separate run without {flag}`,
            out,
          );
    } else if ((ext === '.glb' || ext === '.gltf') && up === 'z')
      throw usage(
        'up',
        `${out}: glTF is Y-up by specification; {option} applies to .usda only`,
        "leave up at 'y' for glTF (engines turn Y-up glTF to their own axes on import)",
        'leave out {flag} for .glb/.gltf (engines turn Y-up glTF to their own axes on import)',
        out,
      );
  }
}

/** True when an option changes the textures (resizing or converting them). */
export function changesTextures(options: EngineOutputOptions): boolean {
  return options.textureMax !== undefined || (options.textureFormat ?? 'keep') !== 'keep';
}

/** Only the engine options of `options` (a job's options carry many more), undefined ones left out. */
export function engineOutputOptionsOf(options: EngineOutputOptions): EngineOutputOptions {
  const keys = ['textureMax', 'textureFormat', 'jpegQuality', 'meshopt', 'quantize', 'up', 'scale'] as const;
  return Object.fromEntries(keys.flatMap((k) => (options[k] === undefined ? [] : [[k, options[k]]])));
}

/**
 * `engine` for a writer's summary (and so for `--json`): the options that changed the output
 * (given and not at their default), or nothing when none did.
 */
export function engineReport(options: EngineOutputOptions): { engine?: EngineOutputOptions } {
  const given = engineOutputOptionsOf(options) as Record<string, unknown>;
  const defaults = ENGINE_OUTPUT_DEFAULTS as Record<string, unknown>;
  const applied = Object.fromEntries(Object.entries(given).filter(([k, v]) => defaults[k] !== v));
  return Object.keys(applied).length ? { engine: applied } : {};
}
