/**
 * The one place that decides how a source skeleton's joints map onto the canonical body: a
 * user bone map file wins, then a named convention, else the best-scoring detected one. The
 * inspect and retarget commands both go through here, so they always agree. A mapping that
 * leaves required body joints without a source (body-coverage.ts) stops here with a
 * RetargetCoverageError carrying a ready-to-edit bone map, unless `allowPartial` is set.
 */
import { DazportError } from '../errors.js';
import { missingBodyJoints } from './body-coverage.js';
import { buildBoneMapTemplate } from './bone-map-template.js';
import { SOURCE_CONVENTIONS } from './conventions/tables.js';
import { RetargetCoverageError } from './coverage-error.js';
import { detectConvention, type JointMapping, mapJoints } from './detect-convention.js';
import { readUserBoneMap } from './user-map.js';

export interface ChooseMappingOptions {
  /** `auto` (default) or a convention id from SOURCE_CONVENTIONS. */
  convention?: string;
  /** A JSON bone map file (see README: Bone maps); wins over `convention`. */
  boneMapFile?: string;
  /**
   * Accept a mapping that leaves required body joints (hips, head, a spine joint, both arms
   * and legs down to hands and feet) without a source: those bones then stay at rest. Default
   * false: such a mapping throws a RetargetCoverageError (code DAZPORT_RETARGET_COVERAGE) that
   * lists them and carries a bone map template to fill (CLI: `--allow-partial`).
   */
  allowPartial?: boolean;
}

export const CHOOSE_MAPPING_DEFAULTS = { convention: 'auto', allowPartial: false } as const;

export interface ChosenMapping {
  mapping: JointMapping;
  /** Every convention, best first (for reports). */
  ranked: JointMapping[];
}

function pickMapping(
  names: readonly string[],
  options: ChooseMappingOptions,
  ranked: JointMapping[],
): JointMapping {
  if (options.boneMapFile) return mapJoints(names, readUserBoneMap(options.boneMapFile));
  const id = options.convention ?? CHOOSE_MAPPING_DEFAULTS.convention;
  if (id === 'auto') return ranked[0];
  const convention = SOURCE_CONVENTIONS.find((c) => c.id === id);
  if (!convention) {
    throw new DazportError('DAZPORT_USAGE', `unknown convention "${id}"`, {
      suggestion: `one of: auto, ${SOURCE_CONVENTIONS.map((c) => c.id).join(', ')}`,
    });
  }
  return mapJoints(names, convention);
}

export function chooseJointMapping(
  names: readonly string[],
  options: ChooseMappingOptions = {},
): ChosenMapping {
  const ranked = detectConvention(names);
  const mapping = pickMapping(names, options, ranked);
  if (!(options.allowPartial ?? CHOOSE_MAPPING_DEFAULTS.allowPartial) && missingBodyJoints(mapping).length) {
    throw new RetargetCoverageError(buildBoneMapTemplate(names, mapping), {
      label: mapping.convention.label,
      boneMapFile: options.boneMapFile,
    });
  }
  return { mapping, ranked };
}
