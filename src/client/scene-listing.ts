/**
 * What is in the scene, without reading any geometry: every node but the bones, with its kind,
 * DAZ class, parent, and for figures and meshes their bone, vertex and facet counts; optionally
 * each mesh's morphs (names, labels, values). One inventory request (the one every scene read
 * starts with), plus one small request per mesh for the morphs. `dazport scene` prints it, the
 * demo starts with it, and the labels it lists are those `select` and `live:` take.
 */
import type { SceneNodeKind } from '../scene/scene-node.js';
import type { DazClient } from './dazscript-client.js';
import { type Inventory, type InventoryNode, kindOf, orderParentsFirst } from './inventory.js';
import * as S from './scripts/scene-scripts.js';

export interface ListedMorph {
  name: string;
  label: string;
  /** Current value (0 = off, 1 = full). */
  value: number;
}

export interface ListedNode {
  label: string;
  name: string;
  /** `figure`, `mesh` (a prop), `camera`, `light` or `group` (a null, a group node). */
  kind: Exclude<SceneNodeKind, 'bone'>;
  /** DAZ Studio class: `DzFigure`, `DzBasicCamera`, `DzSpotLight`... */
  type: string;
  /** Label of the parent node (a bone when the node is parented to one), null at the top. */
  parent: string | null;
  /** Nodes above it, bones not counted: 0 at the top. */
  depth: number;
  visible: boolean;
  /** A figure's bones (0 for anything else). */
  bones: number;
  vertices: number;
  facets: number;
  /** Only when asked for (`morphs: true`), on nodes with geometry. */
  morphs?: ListedMorph[];
}

export interface SceneListing {
  /** Who answered: `http://127.0.0.1:18811`. */
  source: string;
  /** The scene's file in DAZ Studio ('' for a scene never saved). */
  file: string;
  /** The server's id of the inventory request (in its log). */
  requestId: string;
  /** Parents before children, bones left out. */
  nodes: ListedNode[];
  /** Bones of all figures together. */
  bones: number;
}

export interface ListSceneOptions {
  /** Also list each mesh's morphs (one request per mesh). */
  morphs?: boolean;
  signal?: AbortSignal;
}

/**
 * List the scene `client` talks to.
 *
 * ```ts
 * const { nodes } = await listScene(client);
 * const figures = nodes.filter((n) => n.kind === 'figure').map((n) => n.label);
 * ```
 */
export async function listScene(client: DazClient, options: ListSceneOptions = {}): Promise<SceneListing> {
  const { result: inventory, requestId } = await client.run<Inventory>(
    S.INVENTORY,
    {},
    { signal: options.signal },
  );
  const byId = new Map(inventory.nodes.map((n) => [n.id, n]));
  const bonesOf = countBones(inventory.nodes, byId);
  const listed = orderParentsFirst(inventory.nodes).filter((n) => !n.bone);
  const nodes = listed.map(
    (n): ListedNode => ({
      label: n.label,
      name: n.name,
      kind: kindOf(n) as ListedNode['kind'],
      type: n.cls,
      parent: byId.get(n.parent)?.label ?? null,
      depth: depthOf(n, byId),
      visible: n.visible,
      bones: bonesOf.get(n.id) ?? 0,
      vertices: n.mesh?.vertices ?? 0,
      facets: n.mesh?.facets ?? 0,
    }),
  );
  if (options.morphs) {
    await Promise.all(
      listed.map(async (n, i) => {
        if (!n.mesh) return;
        const { result } = await client.run<ListedMorph[]>(
          S.MORPH_NAMES,
          { id: n.id },
          { signal: options.signal },
        );
        nodes[i].morphs = result;
      }),
    );
  }
  return {
    source: client.url,
    file: inventory.filename,
    requestId,
    nodes,
    bones: inventory.nodes.filter((n) => n.bone).length,
  };
}

/** Per figure id, its bones: those whose nearest figure above them is this one. */
function countBones(nodes: InventoryNode[], byId: Map<number, InventoryNode>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const bone of nodes) {
    if (!bone.bone) continue;
    let up = byId.get(bone.parent);
    for (let steps = 0; up && !up.skeleton && steps < byId.size; steps++) up = byId.get(up.parent);
    if (up?.skeleton) counts.set(up.id, (counts.get(up.id) ?? 0) + 1);
  }
  return counts;
}

/** Non-bone nodes above `n` (a prop parented to a figure's head is one below the figure). */
function depthOf(n: InventoryNode, byId: Map<number, InventoryNode>): number {
  let depth = 0;
  // Bounded by the node count: a malformed answer with a parent cycle cannot loop forever.
  let up = byId.get(n.parent);
  for (let steps = 0; up && steps < byId.size; steps++, up = byId.get(up.parent)) if (!up.bone) depth++;
  return depth;
}
