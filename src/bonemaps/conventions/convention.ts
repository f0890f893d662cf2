import type { CanonicalJoint } from '../canonical.js';

/**
 * A source skeleton naming convention: for canonical joints, the names exporters use. Names are
 * compared after normalisation (namespace stripped, lower case, spaces, dots, underscores and
 * hyphens removed), so `mixamorig:LeftArm`, `Left_Arm` and `left arm` are one name.
 */
export interface SourceConvention {
  id: string;
  label: string;
  /** Canonical joint → accepted names. The first name is the convention's own spelling. */
  joints: Partial<Record<CanonicalJoint, string[]>>;
  /** Names the convention has that deliberately map to nothing (helpers, end joints). */
  ignored?: string[];
}

/** Strip a namespace (`mixamorig:`), lower-case, and drop separators. */
export function normalizeJointName(name: string): string {
  const bare = name.includes(':') ? name.slice(name.lastIndexOf(':') + 1) : name;
  return bare.toLowerCase().replace(/[\s._\-|]/g, '');
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
