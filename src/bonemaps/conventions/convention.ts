import type { CanonicalJoint } from '../canonical.js';

export { normalizeJointName } from './normalize-joint-name.js';

/**
 * A source skeleton naming convention: for canonical joints, the names exporters use. Names are
 * compared after {@link normalizeJointName} (namespace and rig prefix stripped, side markers
 * unified, case and separators dropped), so `mixamorig:LeftArm`, `Left_Arm`, `Arm_L` and
 * `left arm` are one name.
 */
export interface SourceConvention {
  id: string;
  label: string;
  /** Canonical joint → accepted names. The first name is the convention's own spelling. */
  joints: Partial<Record<CanonicalJoint, string[]>>;
  /**
   * The convention's spine between the hips and the neck, lowest first, when its length varies
   * (`Spine`, `Spine1` … `Spine9`; `Chest` … `Chest4`). The joints a clip has are spread over
   * spineLower … chestUpper by `spineSlots` (spine-slots.ts), so the lowest always drives spineLower and the
   * one the clavicles hang from the top slot; the extra joints of a longer chain are helpers.
   * Alternatives at one height (`Ab`, `Abdomen`) are listed next to each other. Conventions with
   * a spine chain leave spineLower … chestUpper out of `joints`.
   */
  spine?: string[];
  /** Names the convention has that deliberately map to nothing (helpers, end joints). */
  ignored?: string[];
}

/** Build a side-symmetric table from the left names: `{ upperArm: ['LeftArm'] }` → l_ and r_ entries. */
export function sided(
  left: Partial<Record<string, string[]>>,
  toRight: (leftName: string) => string,
): Partial<Record<CanonicalJoint, string[]>> {
  const out: Partial<Record<CanonicalJoint, string[]>> = {};
  for (const [joint, names] of Object.entries(left)) {
    if (!names) continue;
    out[`l_${joint}` as CanonicalJoint] = names;
    out[`r_${joint}` as CanonicalJoint] = names.map(toRight);
  }
  return out;
}

/** Left → right for the usual spellings: Left/Right, L/R prefixes and suffixes. */
export function leftToRight(name: string): string {
  return name
    .replace(/^Left/, 'Right')
    .replace(/^left/, 'right')
    .replace(/Left/, 'Right')
    .replace(/^L(?=[A-Z_ ])/, 'R')
    .replace(/^l(?=[A-Z_])/, 'r')
    .replace(/ L /, ' R ')
    .replace(/_L$/, '_R')
    .replace(/_l$/, '_r')
    .replace(/\.L$/, '.R')
    .replace(/^l_/, 'r_');
}
