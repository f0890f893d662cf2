/**
 * Which nodes of the inventory a read takes: `select` (top-level labels, each with everything
 * under it) and `only` (node types), both applied before anything else is read, so a mesh left
 * out is never streamed. Given both, a node must pass both.
 *
 * Types: `figures` (a figure, its bones and what is fitted to it as a figure of its own:
 * clothing, hair), `props` (any other node with geometry), `cameras`, `lights`. A group or null
 * with no geometry is kept when something it holds is, so the hierarchy stays; a node of a type
 * left out is dropped and what it held hangs from the nearest node kept above it (world
 * placement is unchanged: every node carries its world transform).
 */
import { DazportError } from '../errors.js';
import { findNodeByLabel, type InventoryNode, kindOf } from './inventory.js';

export const NODE_TYPES = ['figures', 'props', 'cameras', 'lights'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** The type a node counts as for `only`; null for groups and nulls (kept for what they hold). */
function typeOf(n: InventoryNode): NodeType | null {
  switch (kindOf(n)) {
    case 'figure':
      return 'figures';
    case 'bone':
      // A bone goes with its figure; a prop parented to a bone is a prop.
      return 'figures';
    case 'mesh':
      return 'props';
    case 'camera':
      return 'cameras';
    case 'light':
      return 'lights';
    default:
      return null;
  }
}

/** `only` as given (`figures,props`, any case), checked; DazportError DAZPORT_USAGE names the valid types. */
export function parseNodeTypes(values: readonly string[]): NodeType[] {
  const types = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  const wrong = types.filter((t) => !(NODE_TYPES as readonly string[]).includes(t));
  if (wrong.length || types.length === 0) {
    throw new DazportError(
      'DAZPORT_USAGE',
      wrong.length
        ? `unknown node type${wrong.length > 1 ? 's' : ''} ${wrong.map((w) => `"${w}"`).join(', ')}`
        : 'no node type given',
      { suggestion: `give one or more of ${NODE_TYPES.join(', ')}, comma-separated` },
    );
  }
  return [...new Set(types as NodeType[])];
}

/** The nodes a read takes, parents re-pointed to the nearest node kept above them. */
export function selectNodes(
  nodes: InventoryNode[],
  select: readonly string[] | undefined,
  only: readonly string[] | undefined,
): InventoryNode[] {
  let kept = bySelect(nodes, select);
  if (only && only.length > 0) kept = byType(kept, parseNodeTypes(only));
  return kept;
}

function bySelect(nodes: InventoryNode[], select: readonly string[] | undefined): InventoryNode[] {
  if (!select || select.length === 0) return nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const roots = new Set<number>();
  for (const label of select) roots.add(findNodeByLabel(nodes, label, 'a node').id);
  const inSelection = (n: InventoryNode): boolean => {
    for (let cur: InventoryNode | undefined = n; cur; cur = byId.get(cur.parent))
      if (roots.has(cur.id)) return true;
    return false;
  };
  return nodes.filter(inSelection);
}

function byType(nodes: InventoryNode[], types: NodeType[]): InventoryNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const wanted = new Set<NodeType>(types);
  const keep = new Set<number>();
  for (const n of nodes) {
    const type = typeOf(n);
    if (type !== null && wanted.has(type)) keep.add(n.id);
  }
  // Groups and nulls above something kept stay, for the hierarchy.
  for (const id of [...keep])
    for (let cur = byId.get(byId.get(id)?.parent ?? -1); cur; cur = byId.get(cur.parent))
      if (typeOf(cur) === null) keep.add(cur.id);
  const nearestKept = (n: InventoryNode): number => {
    for (let cur = byId.get(n.parent); cur; cur = byId.get(cur.parent)) if (keep.has(cur.id)) return cur.id;
    return -1;
  };
  return nodes.filter((n) => keep.has(n.id)).map((n) => ({ ...n, parent: nearestKept(n) }));
}
