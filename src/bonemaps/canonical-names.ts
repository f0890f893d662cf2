/**
 * The names a user bone map may give a canonical joint: dazport's own (canonical.ts), in any
 * case, and the words other tools and older docs use for the same bones (`collar` for the
 * clavicle, Unity's `upperLeg`/`lowerLeg`/`lowerArm`, `calf`, `pelvis` …), on the same `l_`/`r_`
 * sides. Templates and errors still write the canonical name: one spelling to read back.
 */
import {
  type CANONICAL_CENTER,
  CANONICAL_JOINTS,
  type CANONICAL_SIDE,
  type CanonicalJoint,
} from './canonical.js';

type Center = (typeof CANONICAL_CENTER)[number];
type Side = (typeof CANONICAL_SIDE)[number];

/** Other words for a centre joint. */
export const CENTER_SYNONYMS: Readonly<Record<string, Center>> = {
  pelvis: 'hips',
  upperChest: 'chestUpper',
};

/** Other words for a joint of each side (used as `l_collar`, `r_upperLeg` …). */
export const SIDE_SYNONYMS: Readonly<Record<string, Side>> = {
  collar: 'clavicle',
  lowerArm: 'forearm',
  upperLeg: 'thigh',
  lowerLeg: 'shin',
  calf: 'shin',
  toe: 'toes',
};

const BY_LOWER_CASE = new Map<string, CanonicalJoint>(CANONICAL_JOINTS.map((j) => [j.toLowerCase(), j]));
for (const [word, joint] of Object.entries(CENTER_SYNONYMS)) BY_LOWER_CASE.set(word.toLowerCase(), joint);
for (const [word, joint] of Object.entries(SIDE_SYNONYMS))
  for (const side of ['l', 'r'] as const)
    BY_LOWER_CASE.set(`${side}_${word}`.toLowerCase(), `${side}_${joint}`);

/** The canonical joint `name` stands for (`l_collar` → `l_clavicle`, `Hips` → `hips`), if any. */
export function canonicalJointNamed(name: string): CanonicalJoint | undefined {
  return BY_LOWER_CASE.get(name.toLowerCase());
}

/** `collar (l_collar = l_clavicle), …`: the synonyms in a sentence, for errors and templates. */
export function describeSynonyms(): string {
  const side = Object.entries(SIDE_SYNONYMS).map(([word, joint]) => `l_${word} = l_${joint}`);
  const center = Object.entries(CENTER_SYNONYMS).map(([word, joint]) => `${word} = ${joint}`);
  return [...center, ...side].join(', ');
}
