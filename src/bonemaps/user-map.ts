/**
 * User bone maps: a JSON file naming, for source joints, the canonical joint they drive
 * (src/bonemaps/canonical.ts; the Genesis maps take it from there). Validated with errors that name the file and the entry.
 *
 * ```json
 * { "convention": "mixamo",              // optional: start from a built-in convention
 *   "joints": { "Bip_Spine_02": "spineMid", "Bip_Head": "head", "Tail01": null } }
 * ```
 * Values are canonical joint names (see canonical.ts; any case, and the synonyms of
 * canonical-names.ts such as `l_collar` for `l_clavicle`), or null to leave a joint unmapped on
 * purpose (it is then not reported as unmapped). The user's entries win over the base
 * convention's: a name the user maps or sets to null is taken out of the base's aliases, spine
 * chain and ignored list first. Other top-level keys are notes for people (the template that
 * `dazport inspect --bone-map-template` writes has `$comment`, `missing` and `unmapped`) and
 * are not read.
 */
import { readFileSync } from 'node:fs';
import { DazportError } from '../errors.js';
import { expandHome } from '../fs/expand-home.js';
import { CANONICAL_JOINTS, type CanonicalJoint } from './canonical.js';
import { canonicalJointNamed, describeSynonyms } from './canonical-names.js';
import { normalizeJointName, type SourceConvention } from './conventions/convention.js';
import { SOURCE_CONVENTIONS } from './conventions/tables.js';

export function parseUserBoneMap(text: string, file: string): SourceConvention {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new DazportError(
      'DAZPORT_BONEMAP_INVALID',
      `${file}: not valid JSON (${(cause as Error).message})`,
      { context: { file }, cause },
    );
  }
  const fail = (where: string, expected: string): never => {
    throw new DazportError('DAZPORT_BONEMAP_INVALID', `${file}: ${where}: expected ${expected}`, {
      context: { file, where },
    });
  };
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail('(root)', 'an object with "joints"');
  const root = json as Record<string, unknown>;
  let base: SourceConvention | undefined;
  if (root.convention !== undefined) {
    base = SOURCE_CONVENTIONS.find((c) => c.id === root.convention);
    if (!base) fail('convention', `one of ${SOURCE_CONVENTIONS.map((c) => c.id).join(', ')}`);
  }
  if (!root.joints || typeof root.joints !== 'object' || Array.isArray(root.joints))
    fail('joints', 'an object of source joint → canonical joint');
  // Each value as its canonical joint: `l_collar` and `L_Clavicle` are `l_clavicle`.
  const entries = Object.entries(root.joints as Record<string, unknown>).map(([source, target]) => {
    if (target === null) return [source, null] as const;
    const canonical = typeof target === 'string' ? canonicalJointNamed(target) : undefined;
    if (!canonical)
      fail(
        `joints.${source}`,
        `a canonical joint (${CANONICAL_JOINTS.slice(0, 6).join(', ')}, l_clavicle, l_upperArm, r_thigh ...; ` +
          `also ${describeSynonyms()}) or null, got ${JSON.stringify(target)}`,
      );
    return [source, canonical as CanonicalJoint] as const;
  });
  // The base convention, minus every name the user decides about.
  const decided = new Set(entries.map(([source]) => normalizeJointName(source)));
  const undecided = (names: readonly string[]) => names.filter((n) => !decided.has(normalizeJointName(n)));
  const joints: Partial<Record<CanonicalJoint, string[]>> = {};
  for (const [joint, aliases] of Object.entries(base?.joints ?? {}) as [CanonicalJoint, string[]][])
    joints[joint] = undecided(aliases);
  const ignored = undecided(base?.ignored ?? []);
  for (const [source, target] of entries) {
    if (target === null) {
      ignored.push(source);
      continue;
    }
    // The user's name goes first, so it wins over the base convention's.
    joints[target] = [source, ...(joints[target] ?? [])];
  }
  return {
    id: `user:${file}`,
    label: `bone map ${file}`,
    joints,
    ...(base?.spine ? { spine: undecided(base.spine) } : {}),
    ignored,
  };
}

/** Read the bone map at `file` (a leading `~` is the home folder). */
export function readUserBoneMap(file: string): SourceConvention {
  let text: string;
  try {
    text = readFileSync(expandHome(file), 'utf8');
  } catch (cause) {
    throw new DazportError('DAZPORT_BONEMAP_INVALID', `cannot read the bone map ${file}`, {
      context: { file },
      cause,
    });
  }
  return parseUserBoneMap(text, file);
}
