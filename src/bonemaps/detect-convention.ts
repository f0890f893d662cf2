/**
 * Which naming convention a source skeleton follows, scored, and the joint → canonical map that
 * follows from it. Detection is a pure function of the joint names: the share of the
 * convention's body joints the skeleton has, minus a penalty for names the convention does not
 * know at all. Unmapped joints are reported, never dropped silently.
 */
import { type CanonicalJoint, isBodyJoint } from './canonical.js';
import { normalizeJointName, type SourceConvention } from './conventions/convention.js';
import { SOURCE_CONVENTIONS } from './conventions/tables.js';

export interface JointMapping {
  convention: SourceConvention;
  /** Source joint index → canonical joint. */
  canonical: Map<number, CanonicalJoint>;
  /** Source joints that map to nothing and are not known helpers. */
  unmapped: string[];
  /** 0..1: how well the names fit the convention. */
  score: number;
}

export function mapJoints(names: readonly string[], convention: SourceConvention): JointMapping {
  const lookup = new Map<string, CanonicalJoint>();
  for (const [joint, aliases] of Object.entries(convention.joints) as [CanonicalJoint, string[]][]) {
    for (const alias of aliases)
      if (!lookup.has(normalizeJointName(alias))) lookup.set(normalizeJointName(alias), joint);
  }
  const ignored = new Set((convention.ignored ?? []).map(normalizeJointName));
  const canonical = new Map<number, CanonicalJoint>();
  const taken = new Set<CanonicalJoint>();
  const unmapped: string[] = [];
  names.forEach((name, index) => {
    const joint = lookup.get(normalizeJointName(name));
    if (joint && !taken.has(joint)) {
      canonical.set(index, joint);
      taken.add(joint);
    } else if (!ignored.has(normalizeJointName(name))) {
      unmapped.push(name);
    }
  });
  const bodyJoints = (Object.keys(convention.joints) as CanonicalJoint[]).filter(isBodyJoint);
  const foundBody = bodyJoints.filter((j) => taken.has(j)).length;
  const unknownShare = names.length ? unmapped.length / names.length : 0;
  const score = Math.max(0, (bodyJoints.length ? foundBody / bodyJoints.length : 0) - 0.25 * unknownShare);
  return { convention, canonical, unmapped, score };
}

/** Every convention, best first. */
export function detectConvention(
  names: readonly string[],
  candidates: readonly SourceConvention[] = SOURCE_CONVENTIONS,
): JointMapping[] {
  return candidates.map((c) => mapJoints(names, c)).sort((a, b) => b.score - a.score);
}
