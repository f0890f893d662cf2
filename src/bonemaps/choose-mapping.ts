/**
 * The one place that decides how a source skeleton's joints map onto the canonical body: a
 * user bone map file wins, then a named convention, else the best-scoring detected one. The
 * inspect and retarget commands both go through here, so they always agree.
 */
import { DazportError } from '../errors.js';
import { SOURCE_CONVENTIONS } from './conventions/tables.js';
import { detectConvention, type JointMapping, mapJoints } from './detect-convention.js';
import { readUserBoneMap } from './user-map.js';

export interface ChooseMappingOptions {
  /** `auto` (default) or a convention id from SOURCE_CONVENTIONS. */
  convention?: string;
  /** A JSON bone map file (see README: Bone maps); wins over `convention`. */
  boneMapFile?: string;
}

export interface ChosenMapping {
  mapping: JointMapping;
  /** Every convention, best first (for reports). */
  ranked: JointMapping[];
}

export function chooseJointMapping(
  names: readonly string[],
  options: ChooseMappingOptions = {},
): ChosenMapping {
  const ranked = detectConvention(names);
  if (options.boneMapFile) return { mapping: mapJoints(names, readUserBoneMap(options.boneMapFile)), ranked };
  const id = options.convention ?? 'auto';
  if (id === 'auto') return { mapping: ranked[0], ranked };
  const convention = SOURCE_CONVENTIONS.find((c) => c.id === id);
  if (!convention) {
    throw new DazportError('DAZPORT_USAGE', `unknown convention "${id}"`, {
      suggestion: `one of: auto, ${SOURCE_CONVENTIONS.map((c) => c.id).join(', ')}`,
    });
  }
  return { mapping: mapJoints(names, convention), ranked };
}
