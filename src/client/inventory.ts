/**
 * The scene inventory (scripts/scene-scripts.ts INVENTORY) as the client sees it: every node of
 * the scene, bones included, with its kind and mesh size. The scene reader starts from it, and
 * the scene listing (`dazport scene`) is made of it. Also: finding a node by label, with the
 * closest labels when there is none.
 */
import type { SceneNodeKind } from '../scene/scene-node.js';
import { closestMatches } from '../text/closest-matches.js';
import { DazNodeNotFoundError } from './errors.js';
import type { InventoryEntry } from './scene-consistency.js';

export interface InventoryNode extends InventoryEntry {
  name: string;
  cls: string;
  skeleton: boolean;
  bone: boolean;
  light: boolean;
  camera: boolean;
  visible: boolean;
  origin: [number, number, number];
}

export interface Inventory {
  nodes: InventoryNode[];
  time: number;
  timeStep: number;
  filename: string;
}

export function kindOf(n: InventoryNode): SceneNodeKind {
  if (n.skeleton) return 'figure';
  if (n.bone) return 'bone';
  if (n.light) return 'light';
  if (n.camera) return 'camera';
  return n.mesh ? 'mesh' : 'group';
}

/** DAZ lists nodes in insertion order; a node re-parented later can come before its parent. */
export function orderParentsFirst(nodes: InventoryNode[]): InventoryNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<number, InventoryNode[]>();
  const roots: InventoryNode[] = [];
  for (const n of nodes) {
    if (n.parent >= 0 && ids.has(n.parent)) {
      const list = children.get(n.parent) ?? [];
      list.push(n);
      children.set(n.parent, list);
    } else roots.push(n);
  }
  const out: InventoryNode[] = [];
  const walk = (n: InventoryNode) => {
    out.push(n);
    for (const c of children.get(n.id) ?? []) walk(c);
  };
  for (const r of roots) walk(r);
  return out;
}

/** Labels suggested for a label that is not in the scene. */
const SUGGESTED = 5;

/**
 * The first node labelled `label` among those `accepts` takes (default: all), or
 * DazNodeNotFoundError naming the closest labels. Bones are suggested only when one is close and
 * no other node is: a scene has a hundred bones per figure.
 */
export function findNodeByLabel(
  nodes: readonly InventoryNode[],
  label: string,
  what: string,
  accepts: (n: InventoryNode) => boolean = () => true,
): InventoryNode {
  const match = nodes.find((n) => n.label === label && accepts(n));
  if (match) return match;
  const pool = nodes.filter(accepts);
  const notBones = pool.filter((n) => !n.bone).map((n) => n.label);
  const close = closestMatches(label, notBones, { limit: SUGGESTED });
  const candidates = close.length
    ? close
    : closestMatches(
        label,
        pool.filter((n) => n.bone).map((n) => n.label),
        { limit: SUGGESTED },
      );
  throw new DazNodeNotFoundError(`${what} labelled "${label}"`, {
    candidates,
    // None close: show what there is (the first few), so the reply is never empty-handed.
    ...(candidates.length ? {} : { present: [...new Set(notBones)].slice(0, SUGGESTED) }),
    total: new Set(notBones).size,
  });
}
