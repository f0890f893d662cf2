/**
 * Which naming convention a source skeleton follows, scored, and the joint → canonical map that
 * follows from it. Detection is a pure function of the joint names: the share of the
 * convention's body joints the skeleton has, minus a penalty for names the convention does not
 * know at all. Unmapped joints are reported, never dropped silently.
 */
import { type CanonicalJoint, isBodyJoint } from './canonical.js';
import { normalizeJointName, type SourceConvention } from './conventions/convention.js';
import { SOURCE_CONVENTIONS } from './conventions/tables.js';
import { isSpineSlot, spineSlots } from './spine-slots.js';

export interface JointMapping {
  convention: SourceConvention;
  /** Source joint index → canonical joint, in source order. */
  canonical: Map<number, CanonicalJoint>;
  /** Source joints that map to nothing and are not known helpers. */
  unmapped: string[];
  /** Joints of a spine chain longer than the canonical spine: they ride along, driving nothing. */
  helpers: string[];
  /** 0..1: how well the names fit the convention. */
  score: number;
}

function lookupOf(convention: SourceConvention): Map<string, CanonicalJoint> {
  const lookup = new Map<string, CanonicalJoint>();
  for (const [joint, aliases] of Object.entries(convention.joints) as [CanonicalJoint, string[]][]) {
    for (const alias of aliases) {
      const key = normalizeJointName(alias);
      if (!lookup.has(key)) lookup.set(key, joint);
    }
  }
  return lookup;
}

export function mapJoints(names: readonly string[], convention: SourceConvention): JointMapping {
  const keys = names.map(normalizeJointName);
  const lookup = lookupOf(convention);
  const ignored = new Set((convention.ignored ?? []).map(normalizeJointName));
  const chainIndex = new Map<string, number>();
  (convention.spine ?? []).forEach((name, i) => {
    const key = normalizeJointName(name);
    if (!chainIndex.has(key)) chainIndex.set(key, i);
  });

  const assigned: (CanonicalJoint | undefined)[] = new Array(names.length);
  const taken = new Set<CanonicalJoint>();
  // Named joints first: a bone map's explicit `"Spine3": "chest"` wins over the chain's spread.
  keys.forEach((key, index) => {
    const joint = lookup.get(key);
    if (joint && !taken.has(joint)) {
      assigned[index] = joint;
      taken.add(joint);
    }
  });
  const chain = keys
    .map((key, index) => ({ index, height: chainIndex.get(key) }))
    .filter((c): c is { index: number; height: number } => c.height !== undefined && !assigned[c.index])
    .sort((a, b) => a.height - b.height || a.index - b.index);
  const helpers = new Set<number>();
  const slots = spineSlots(chain.length);
  chain.forEach(({ index }, i) => {
    const slot = slots[i];
    if (slot && !taken.has(slot)) {
      assigned[index] = slot;
      taken.add(slot);
    } else {
      helpers.add(index);
    }
  });

  const canonical = new Map<number, CanonicalJoint>();
  const unmapped: string[] = [];
  names.forEach((name, index) => {
    const joint = assigned[index];
    if (joint) canonical.set(index, joint);
    else if (!helpers.has(index) && !ignored.has(keys[index])) unmapped.push(name);
  });

  // With a spine chain, the spine counts as one body part: a clip with two spine joints fits a
  // convention whose chain allows ten as well as one with four.
  const hasChain = (convention.spine?.length ?? 0) > 0;
  const bodyJoints = (Object.keys(convention.joints) as CanonicalJoint[]).filter(
    (j) => isBodyJoint(j) && !(hasChain && isSpineSlot(j)),
  );
  const foundBody =
    bodyJoints.filter((j) => taken.has(j)).length + (hasChain && [...taken].some(isSpineSlot) ? 1 : 0);
  const expected = bodyJoints.length + (hasChain ? 1 : 0);
  const unknownShare = names.length ? unmapped.length / names.length : 0;
  const score = Math.max(0, (expected ? foundBody / expected : 0) - 0.25 * unknownShare);
  return { convention, canonical, unmapped, helpers: [...helpers].map((i) => names[i]), score };
}

/** Every convention, best first. */
export function detectConvention(
  names: readonly string[],
  candidates: readonly SourceConvention[] = SOURCE_CONVENTIONS,
): JointMapping[] {
  return candidates.map((c) => mapJoints(names, c)).sort((a, b) => b.score - a.score);
}
