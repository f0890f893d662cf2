/**
 * Which morphs a rigged read takes as morph targets: glob patterns (`*`, `?`, case-insensitive,
 * each tried on the morph's name and on its label; a leading `!` leaves matches out) and named
 * presets (docs/morph-presets.md says where each name comes from). The patterns travel to the
 * server as regular expressions, so DAZ Studio never sends the deltas of a morph nobody asked for.
 */
import { DazportError } from '../errors.js';

export const MORPH_PRESETS = ['arkit', 'visemes', 'expressions', 'all', 'none'] as const;
export type MorphPreset = (typeof MORPH_PRESETS)[number];

/**
 * Apple ARKit's 52 blend shapes (ARFaceAnchor.BlendShapeLocation). Genesis 9 (and 8.1) FACS
 * morphs carry the same words capitalised after `facs_bs_`/`facs_jnt_`/`facs_ctrl_`, sided with
 * Left/Right (facs_bs_EyeBlinkLeft); a few ARKit shapes are split in two there
 * (browInnerUp → facs_bs_BrowInnerUpLeft/Right), hence the trailing `*`.
 */
export const ARKIT_BLEND_SHAPES = [
  'eyeBlinkLeft',
  'eyeLookDownLeft',
  'eyeLookInLeft',
  'eyeLookOutLeft',
  'eyeLookUpLeft',
  'eyeSquintLeft',
  'eyeWideLeft',
  'eyeBlinkRight',
  'eyeLookDownRight',
  'eyeLookInRight',
  'eyeLookOutRight',
  'eyeLookUpRight',
  'eyeSquintRight',
  'eyeWideRight',
  'jawForward',
  'jawLeft',
  'jawRight',
  'jawOpen',
  'mouthClose',
  'mouthFunnel',
  'mouthPucker',
  'mouthLeft',
  'mouthRight',
  'mouthSmileLeft',
  'mouthSmileRight',
  'mouthFrownLeft',
  'mouthFrownRight',
  'mouthDimpleLeft',
  'mouthDimpleRight',
  'mouthStretchLeft',
  'mouthStretchRight',
  'mouthRollLower',
  'mouthRollUpper',
  'mouthShrugLower',
  'mouthShrugUpper',
  'mouthPressLeft',
  'mouthPressRight',
  'mouthLowerDownLeft',
  'mouthLowerDownRight',
  'mouthUpperUpLeft',
  'mouthUpperUpRight',
  'browDownLeft',
  'browDownRight',
  'browInnerUp',
  'browOuterUpLeft',
  'browOuterUpRight',
  'cheekPuff',
  'cheekSquintLeft',
  'cheekSquintRight',
  'noseSneerLeft',
  'noseSneerRight',
  'tongueOut',
] as const;

const capitalised = (s: string) => s[0].toUpperCase() + s.slice(1);

/** Each preset as patterns, Genesis 8 and Genesis 9 names side by side (docs/morph-presets.md). */
export const MORPH_PRESET_PATTERNS: Record<MorphPreset, readonly string[]> = {
  // The ARKit name itself (a figure already carrying ARKit shapes), and Genesis 9's FACS form.
  arkit: ARKIT_BLEND_SHAPES.flatMap((s) => [s, `facs_bs_${capitalised(s)}*`, `facs_jnt_${capitalised(s)}*`]),
  // Genesis 8: eCTRLvAA … eCTRLvW; Genesis 8.1 and 9: the facs_ctrl_v… viseme controllers.
  visemes: ['eCTRLv*', 'facs_ctrl_v*'],
  // Expression controls and face units, visemes and facial correctives left out.
  expressions: ['eCTRL*', '!eCTRLv*', 'facs_*', '!facs_ctrl_v*', '!facs_cbs_*'],
  all: ['*'],
  none: [],
};

/** The selection as the server script takes it: regular expression sources, tried with flag i. */
export interface MorphSelection {
  include: string[];
  exclude: string[];
}

/** A glob (`*` any run, `?` one character) as an anchored regular expression source. */
export function globToRegExpSource(glob: string): string {
  let out = '^';
  for (const c of glob) {
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else out += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return `${out}$`;
}

/**
 * Split `--morphs` values into patterns: commas separate, blanks around them go. An empty
 * pattern, or a `!` alone, is DAZPORT_USAGE naming `option`.
 */
export function parseMorphPatterns(values: readonly string[], option = '--morphs'): string[] {
  const patterns = values.flatMap((v) => v.split(',')).map((p) => p.trim());
  for (const p of patterns)
    if (p === '' || p === '!')
      throw new DazportError(
        'DAZPORT_USAGE',
        `${option} "${values.join(',')}": expected comma-separated patterns such as eCTRL*,facs_* (an empty pattern is not one)`,
      );
  return patterns;
}

/** Patterns (user's and preset's) as the selection the reader sends to the server. */
export function compileMorphSelection(patterns: readonly string[]): MorphSelection {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const p of patterns)
    if (p.startsWith('!')) exclude.push(globToRegExpSource(p.slice(1)));
    else include.push(globToRegExpSource(p));
  return { include, exclude };
}

/** Does a pattern (a glob, no `!`) match the morph's name or label? The same test as the server's. */
export function morphMatches(pattern: string, name: string, label: string): boolean {
  const re = new RegExp(globToRegExpSource(pattern), 'i');
  return re.test(name) || re.test(label);
}

/**
 * The morph patterns of an export, from its options: `morphs` true (every morph that moves
 * something), a list of patterns, and `morphPreset`. Null when no morph targets are wanted.
 */
export function morphPatternsOf(
  morphs: boolean | readonly string[] | undefined,
  preset: MorphPreset | undefined,
): string[] | null {
  if (preset !== undefined && !MORPH_PRESETS.includes(preset))
    throw new DazportError(
      'DAZPORT_USAGE',
      `--morph-preset "${preset}": expected one of ${MORPH_PRESETS.join(', ')}`,
    );
  const own = morphs === true ? ['*'] : Array.isArray(morphs) ? parseMorphPatterns(morphs) : [];
  if (preset === undefined) return morphs ? own : null;
  return [...(morphs === true ? [] : own), ...MORPH_PRESET_PATTERNS[preset]];
}
