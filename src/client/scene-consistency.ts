/**
 * Proof that a read saw one state of the scene. The inventory taken at the start holds every
 * node's pose fingerprint (scripts/fingerprint.ts); each pose-dependent answer carries the
 * fingerprint of its node taken in the same script, and must match; the inventory taken again at
 * the end must match the first on every node read. Any difference is a DazSceneChangedError
 * saying which node changed and how, which `rereads` turns into a fresh read.
 */
import { DazSceneChangedError } from './errors.js';

/** `[transform, shape]` hashes of a node (a figure's include all its bones). */
export type Fingerprint = [number, number];

/** What the inventory script reports of one node (the fields compared here). */
export interface InventoryEntry {
  id: number;
  label: string;
  parent: number;
  m: number[];
  mesh: { vertices: number; facets: number } | null;
  fp: Fingerprint;
  fig: Fingerprint | null;
}

export interface InventorySnapshot {
  nodes: InventoryEntry[];
  time: number;
}

/** Checks pose-dependent answers against the fingerprints a read started from. */
export class PoseGuard {
  readonly #byId: Map<number, { label: string; expected: Fingerprint }>;

  /** Expect, per node id, its label and fingerprint (a figure's: with all its bones). */
  constructor(expected: Iterable<[number, { label: string; expected: Fingerprint }]>) {
    this.#byId = new Map(expected);
  }

  /** Expect every node as the inventory taken at the start of the read saw it. */
  static fromInventory(start: InventorySnapshot): PoseGuard {
    return new PoseGuard(start.nodes.map((n) => [n.id, { label: n.label, expected: n.fig ?? n.fp }]));
  }

  /**
   * `fingerprint` came with an answer about node `id` (a figure fingerprint); `what` names the
   * answer for the message. Throws when it is not the one the inventory saw.
   */
  check(id: number, fingerprint: Fingerprint | null | undefined, what: string): void {
    const entry = this.#byId.get(id);
    if (!entry || !fingerprint) return;
    const change = describeFingerprintChange(entry.expected, fingerprint);
    if (change) throw new DazSceneChangedError(`${entry.label}: ${change} (seen in its ${what})`);
  }
}

/**
 * The first difference between two inventories that matters to a read of the nodes `read`
 * (ids; null: the whole scene), or null. Nodes outside the read may change freely; a node added
 * under a read node counts, as it would have been read.
 */
export function compareInventories(
  before: InventorySnapshot,
  after: InventorySnapshot,
  read: ReadonlySet<number> | null,
): string | null {
  if (before.time !== after.time) return `the time moved from tick ${before.time} to ${after.time}`;
  const afterById = new Map(after.nodes.map((n) => [n.id, n]));
  for (const b of before.nodes) {
    if (read && !read.has(b.id)) continue;
    const a = afterById.get(b.id);
    if (!a) return `${b.label} was removed`;
    const change = describeNodeChange(b, a);
    if (change) return `${b.label}: ${change}`;
  }
  const known = new Set(before.nodes.map((n) => n.id));
  for (const a of after.nodes) {
    if (!known.has(a.id) && (!read || read.has(a.parent))) return `${a.label} was added`;
  }
  return null;
}

function describeNodeChange(b: InventoryEntry, a: InventoryEntry): string | null {
  if (a.label !== b.label) return `was renamed to ${a.label}`;
  if (a.parent !== b.parent) return 'was moved to another parent';
  if (a.mesh?.vertices !== b.mesh?.vertices || a.mesh?.facets !== b.mesh?.facets)
    return 'its mesh changed size';
  if (a.m.some((v, i) => v !== b.m[i])) return 'it moved (its world transform changed)';
  return describeFingerprintChange(b.fp, a.fp) ?? describeFingerprintChange(b.fig, a.fig);
}

function describeFingerprintChange(b: Fingerprint | null, a: Fingerprint | null): string | null {
  if (!b || !a) return (b ?? null) === (a ?? null) ? null : 'its kind changed';
  if (b[0] !== a[0]) return 'its pose changed (a bone or the node was moved, rotated or scaled)';
  if (b[1] !== a[1]) return 'its shape changed (a morph value or the mesh)';
  return null;
}
