/**
 * A ready-to-edit bone map for a clip: every source joint listed, pre-filled with what the
 * chosen mapping did, the rest set to null, so the user only fills the gaps and passes the file
 * back with `--bone-map` (library: `boneMapFile`). The file is the format user-map.ts reads;
 * the keys other than `joints` are notes for the reader, which the reader ignores.
 *
 * ```json
 * { "$comment": ["dazport bone map for walk.bvh …"],
 *   "missing": ["l_thigh", "r_thigh"],
 *   "unmapped": ["LeftLegUpper", "RightLegUpper"],
 *   "joints": { "Hips": "hips", "LeftLegUpper": null, "RightLegUpper": null } }
 * ```
 */

import { missingBodyJoints, type RequiredBodyJoint } from './body-coverage.js';
import { CANONICAL_CENTER, CANONICAL_SIDE, type CanonicalJoint } from './canonical.js';
import { describeSynonyms } from './canonical-names.js';
import type { JointMapping } from './detect-convention.js';

export interface BoneMapTemplate {
  /** How to fill the file, for the person editing it. */
  $comment: string[];
  /** Required body joints nothing maps to yet (`spine`: any of spineLower … chestUpper). */
  missing: RequiredBodyJoint[];
  /** Source joints the mapping could not place: their null below is the gap to fill. */
  unmapped: string[];
  /** Every source joint → its canonical joint, or null (helpers, end joints and the unmapped). */
  joints: Record<string, CanonicalJoint | null>;
}

export interface BoneMapTemplateOptions {
  /** The clip's file, named in the instructions. */
  clip?: string;
}

const CANONICAL_HELP =
  `Canonical joints: ${CANONICAL_CENTER.join(' ')}; per side (l_ or r_): ${CANONICAL_SIDE.join(' ')}. ` +
  `Also accepted: ${describeSynonyms()}.`;

/** The template for `names` (the clip's joints, in order) as `mapping` maps them. */
export function buildBoneMapTemplate(
  names: readonly string[],
  mapping: JointMapping,
  options: BoneMapTemplateOptions = {},
): BoneMapTemplate {
  const joints: Record<string, CanonicalJoint | null> = {};
  names.forEach((name, index) => {
    // A repeated name keeps its first mapped entry: the map is keyed by name.
    if (joints[name] === undefined || joints[name] === null)
      joints[name] = mapping.canonical.get(index) ?? null;
  });
  const clip = options.clip ?? '<clip>';
  return {
    $comment: [
      `dazport bone map for ${clip}, pre-filled from the ${mapping.convention.label} naming (score ${mapping.score.toFixed(2)}).`,
      'Each source joint maps to a canonical joint, or to null to leave it out on purpose.',
      'Replace the null of each joint listed in "unmapped" that should move the figure, until every joint',
      'in "missing" has a source ("spine" means any of spineLower, spineMid, chest, chestUpper). Then run',
      `  dazport retarget ${clip} --bone-map <this file> ...`,
      CANONICAL_HELP,
    ],
    missing: missingBodyJoints(mapping),
    unmapped: [...mapping.unmapped],
    joints,
  };
}

/** The template as JSON text: the notes first, one joint per line, ready for an editor. */
export function formatBoneMapTemplate(template: BoneMapTemplate): string {
  const lines = Object.entries(template.joints).map(
    ([source, canonical]) => `    ${JSON.stringify(source)}: ${JSON.stringify(canonical)}`,
  );
  const list = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  return [
    '{',
    '  "$comment": [',
    template.$comment.map((line) => `    ${JSON.stringify(line)}`).join(',\n'),
    '  ],',
    `  "missing": ${list(template.missing)},`,
    `  "unmapped": ${list(template.unmapped)},`,
    '  "joints": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}
