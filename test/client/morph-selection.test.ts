/** Morph patterns and presets: globs, name or label, case, exclusions, presets per generation. */
import { describe, expect, it } from 'vitest';
import {
  compileMorphSelection,
  globToRegExpSource,
  MORPH_PRESET_PATTERNS,
  morphMatches,
  morphPatternsOf,
  parseMorphPatterns,
} from '../../src/client/morph-selection.js';

const G8_VISEMES = ['AA', 'EE', 'IH', 'OW', 'UW', 'F', 'M', 'TH', 'S', 'SH', 'K', 'L', 'ER', 'W', 'T'].map(
  (v) => `eCTRLv${v}`,
);

/** Does any of `patterns` (with `!` exclusions) choose this morph? As the server script decides. */
function chosen(patterns: readonly string[], name: string, label = name): boolean {
  const { include, exclude } = compileMorphSelection(patterns);
  const hit = (res: string[]) =>
    res.some((r) => new RegExp(r, 'i').test(name) || new RegExp(r, 'i').test(label));
  return hit(include) && !hit(exclude);
}

describe('morph patterns', () => {
  it('globs: * any run, ? one character, everything else literal, whole name', () => {
    expect(new RegExp(globToRegExpSource('eCTRLv*')).test('eCTRLvAA')).toBe(true);
    expect(new RegExp(globToRegExpSource('eCTRLv?')).test('eCTRLvAA')).toBe(false);
    expect(new RegExp(globToRegExpSource('a.b')).test('axb')).toBe(false);
    expect(new RegExp(globToRegExpSource('body')).test('body_bs_Belly')).toBe(false);
  });

  it('match the name or the label, case-insensitive', () => {
    expect(morphMatches('ectrlv*', 'eCTRLvAA', 'AA')).toBe(true);
    expect(morphMatches('belly', 'body_bs_Belly', 'Belly')).toBe(true);
    expect(morphMatches('jaw*', 'facs_jnt_JawOpen', 'Jaw Open')).toBe(true);
    expect(morphMatches('smile', 'eCTRLMouthSmile', 'Mouth Smile')).toBe(false);
  });

  it('split on commas; an empty pattern is a usage error naming the option', () => {
    expect(parseMorphPatterns(['eCTRL*, facs_*', 'body_bs_Belly'])).toEqual([
      'eCTRL*',
      'facs_*',
      'body_bs_Belly',
    ]);
    expect(() => parseMorphPatterns(['eCTRL*,,facs_*'])).toThrow(/--morphs "eCTRL\*,,facs_\*": expected/);
  });

  it('bare --morphs is every morph; a preset adds to patterns; none is nothing', () => {
    expect(morphPatternsOf(true, undefined)).toEqual(['*']);
    expect(morphPatternsOf(undefined, undefined)).toBeNull();
    expect(morphPatternsOf(false, undefined)).toBeNull();
    expect(morphPatternsOf(['pJCM*'], 'visemes')).toEqual(['pJCM*', ...MORPH_PRESET_PATTERNS.visemes]);
    expect(morphPatternsOf(true, 'visemes')).toEqual([...MORPH_PRESET_PATTERNS.visemes]);
    expect(morphPatternsOf(undefined, 'none')).toEqual([]);
    expect(() => morphPatternsOf(undefined, 'faces' as never)).toThrow(
      /--morph-preset "faces": expected one of arkit/,
    );
  });
});

describe('morph presets', () => {
  it('visemes: every Genesis 8 eCTRLv viseme and Genesis 9 facs_ctrl_v, nothing else', () => {
    for (const v of G8_VISEMES) expect(chosen(MORPH_PRESET_PATTERNS.visemes, v)).toBe(true);
    expect(chosen(MORPH_PRESET_PATTERNS.visemes, 'facs_ctrl_vAA')).toBe(true);
    for (const other of ['eCTRLMouthSmile', 'eCTRLEyesClosed', 'facs_bs_EyeBlinkLeft', 'pJCMNeckFwd_35'])
      expect(chosen(MORPH_PRESET_PATTERNS.visemes, other)).toBe(false);
  });

  it('expressions: eCTRL and facs controls, visemes and correctives left out', () => {
    const e = MORPH_PRESET_PATTERNS.expressions;
    expect(chosen(e, 'eCTRLMouthSmile')).toBe(true);
    expect(chosen(e, 'facs_bs_EyeBlinkLeft')).toBe(true);
    expect(chosen(e, 'facs_jnt_JawOpen')).toBe(true);
    expect(chosen(e, 'eCTRLvAA')).toBe(false);
    expect(chosen(e, 'facs_ctrl_vEE')).toBe(false);
    expect(chosen(e, 'pJCMNeckFwd_35')).toBe(false);
    expect(chosen(e, 'body_cbs_neck1_x35p')).toBe(false);
    expect(chosen(e, 'body_bs_BodyHeavy')).toBe(false);
  });

  it('arkit: the 52 ARKit names and their Genesis 9 FACS forms, not the rest of FACS', () => {
    const a = MORPH_PRESET_PATTERNS.arkit;
    for (const name of ['eyeBlinkLeft', 'jawOpen', 'tongueOut', 'mouthSmileRight'])
      expect(chosen(a, name)).toBe(true);
    for (const name of [
      'facs_bs_EyeBlinkLeft',
      'facs_jnt_JawOpen',
      'facs_bs_BrowInnerUpLeft',
      'facs_bs_CheekPuffRight',
    ])
      expect(chosen(a, name)).toBe(true);
    for (const name of ['facs_bs_NasolabialDeepenerLeft', 'eCTRLvAA', 'body_bs_Belly', 'facs_ctrl_vAA'])
      expect(chosen(a, name)).toBe(false);
  });

  it('all takes everything, none nothing', () => {
    expect(chosen(MORPH_PRESET_PATTERNS.all, 'anything')).toBe(true);
    expect(chosen(MORPH_PRESET_PATTERNS.none, 'anything')).toBe(false);
  });
});
