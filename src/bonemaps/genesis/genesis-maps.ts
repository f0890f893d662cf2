/**
 * Canonical joints → Genesis bones, and the twist bones each limb has. G8/8.1 keep twist bones
 * IN the chain (lShldrBend → lShldrTwist → lForearmBend); G9 hangs them BESIDE it as children of
 * the limb bone (l_upperarm → l_upperarmtwist1, l_upperarmtwist2). The retargeter distributes a
 * limb's twist over them instead of leaving them at zero.
 */
import type { CanonicalJoint } from '../canonical.js';
import type { BuiltinFigure } from './builtin-figures.js';
import type { GenesisFigureId } from './skeleton-definition.js';

export interface TwistGroup {
  /** The bone that carries the limb's bend. */
  main: string;
  /** Its twist bones, nearest first. */
  twists: string[];
  /** `chain`: the twist bone sits between main and the next limb bone; `side`: children of main. */
  layout: 'chain' | 'side';
}

export interface GenesisMap {
  /** The figure the map is for; `poser`: any figure with Poser's standard body-part names (poser-map.ts). */
  figure: GenesisFigureId | 'poser';
  bones: Partial<Record<CanonicalJoint, string>>;
  twists: TwistGroup[];
}

function sides<T>(make: (s: 'l' | 'r') => T[]): T[] {
  return [...make('l'), ...make('r')];
}

const FINGERS = ['thumb', 'index', 'middle', 'ring', 'pinky'] as const;

/**
 * Canonical finger joints → the names Genesis 8 kept from Poser's figures (`lThumb1`, `lIndex2`,
 * `lMid3`, `rPinky1` …), which Poser's own figures still use (src/bonemaps/poser/poser-map.ts).
 */
export function legacyFingerBones(s: 'l' | 'r'): [string, string][] {
  return FINGERS.flatMap((f) =>
    [1, 2, 3].map((k): [string, string] => [
      `${s}_${f}${k}`,
      `${s}${f === 'middle' ? 'Mid' : f[0].toUpperCase() + f.slice(1)}${k}`,
    ]),
  );
}

export const GENESIS8_MAP_BONES: Partial<Record<CanonicalJoint, string>> = {
  hips: 'hip',
  spineLower: 'abdomenLower',
  spineMid: 'abdomenUpper',
  chest: 'chestLower',
  chestUpper: 'chestUpper',
  neck: 'neckLower',
  neckUpper: 'neckUpper',
  head: 'head',
  ...Object.fromEntries(
    sides((s) => [
      [`${s}_clavicle`, `${s}Collar`],
      [`${s}_upperArm`, `${s}ShldrBend`],
      [`${s}_forearm`, `${s}ForearmBend`],
      [`${s}_hand`, `${s}Hand`],
      [`${s}_thigh`, `${s}ThighBend`],
      [`${s}_shin`, `${s}Shin`],
      [`${s}_foot`, `${s}Foot`],
      [`${s}_toes`, `${s}Toe`],
      ...legacyFingerBones(s),
    ]),
  ),
};

export const GENESIS9_MAP_BONES: Partial<Record<CanonicalJoint, string>> = {
  hips: 'hip',
  spineLower: 'spine1',
  spineMid: 'spine2',
  chest: 'spine3',
  chestUpper: 'spine4',
  neck: 'neck1',
  neckUpper: 'neck2',
  head: 'head',
  ...Object.fromEntries(
    sides((s) => [
      [`${s}_clavicle`, `${s}_shoulder`],
      [`${s}_upperArm`, `${s}_upperarm`],
      [`${s}_forearm`, `${s}_forearm`],
      [`${s}_hand`, `${s}_hand`],
      [`${s}_thigh`, `${s}_thigh`],
      [`${s}_shin`, `${s}_shin`],
      [`${s}_foot`, `${s}_foot`],
      [`${s}_toes`, `${s}_toes`],
      ...FINGERS.flatMap((f) =>
        [1, 2, 3].map((k) => [`${s}_${f}${k}`, `${s}_${f === 'middle' ? 'mid' : f}${k}`]),
      ),
    ]),
  ),
};

const G8_TWISTS: TwistGroup[] = sides((s) => [
  { main: `${s}ShldrBend`, twists: [`${s}ShldrTwist`], layout: 'chain' as const },
  { main: `${s}ForearmBend`, twists: [`${s}ForearmTwist`], layout: 'chain' as const },
  { main: `${s}ThighBend`, twists: [`${s}ThighTwist`], layout: 'chain' as const },
]);

const G9_TWISTS: TwistGroup[] = sides((s) => [
  { main: `${s}_upperarm`, twists: [`${s}_upperarmtwist1`, `${s}_upperarmtwist2`], layout: 'side' as const },
  { main: `${s}_forearm`, twists: [`${s}_forearmtwist1`, `${s}_forearmtwist2`], layout: 'side' as const },
  { main: `${s}_thigh`, twists: [`${s}_thightwist1`, `${s}_thightwist2`], layout: 'side' as const },
]);

const MAPS: Record<GenesisFigureId, GenesisMap> = {
  genesis8female: { figure: 'genesis8female', bones: GENESIS8_MAP_BONES, twists: G8_TWISTS },
  genesis8male: { figure: 'genesis8male', bones: GENESIS8_MAP_BONES, twists: G8_TWISTS },
  genesis9: { figure: 'genesis9', bones: GENESIS9_MAP_BONES, twists: G9_TWISTS },
};

/**
 * The maps by library id, and by the ids the command line uses (`genesis8f`, `genesis8m`, see
 * builtin-figures.ts). The short ids are not enumerable: iterating still gives each map once.
 */
export const GENESIS_MAPS: Readonly<Record<GenesisFigureId | BuiltinFigure['id'], GenesisMap>> =
  Object.defineProperties(MAPS, {
    genesis8f: { value: MAPS.genesis8female, enumerable: false },
    genesis8m: { value: MAPS.genesis8male, enumerable: false },
  }) as Record<GenesisFigureId | BuiltinFigure['id'], GenesisMap>;

/** Pick the map of a live figure from its bone names (G9 has `l_thigh`, G8 `lThighBend`). */
export function genesisMapForBones(boneNames: readonly string[]): GenesisMap | undefined {
  if (boneNames.includes('l_thigh')) return GENESIS_MAPS.genesis9;
  if (boneNames.includes('lThighBend')) return GENESIS_MAPS.genesis8female;
  return undefined;
}
