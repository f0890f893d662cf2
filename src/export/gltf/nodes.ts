/**
 * The node hierarchy. Every DAZ node becomes a glTF node with its local TRS (relative to the
 * nearest written ancestor), except:
 * - bones, which are written only for rigged skeletons (a posed export bakes them into vertices);
 * - a mesh owner with no written children (props, figures of a posed export): its world-space
 *   vertices need an identity transform, so it becomes a root node with identity TRS, and its
 *   DAZ frame goes to `extras.daz.worldMatrixCm`. Mesh owners that keep children (a rigged
 *   figure above its bones) stay in place and get a separate root node for the mesh
 *   (see meshes.ts).
 *
 * Names: joints carry DAZ bone names exactly; every other node its DAZ label made unique.
 * `extras.daz` keeps id, name, label, kind and class, so a round trip can map back.
 */
import type { Node } from '@gltf-transform/core';
import type { SceneNode } from '../../scene/scene-node.js';
import type { GltfContext } from './context.js';
import { localMatrix, toTrs } from './transforms.js';

export interface NodePlan {
  /** Scene node indices written, parents first. */
  written: number[];
  /** Written parent per scene node (-1: root). */
  parent: Int32Array;
  /** Mesh owners written as identity root nodes holding their mesh. */
  meshLeaves: Set<number>;
}

/** Decide which nodes are written and where they hang. */
export function planNodes(ctx: GltfContext): NodePlan {
  const { nodes, skeletons } = ctx.scene;
  const riggedBones = new Set<number>();
  for (const s of ctx.riggedSkeletons)
    for (const j of skeletons[s].joints) if (j.node >= 0) riggedBones.add(j.node);
  const writes = nodes.map((n, i) => n.kind !== 'bone' || riggedBones.has(i));
  const parent = new Int32Array(nodes.length).fill(-1);
  const hasChildren = new Uint8Array(nodes.length);
  const written: number[] = [];
  nodes.forEach((n, i) => {
    if (!writes[i]) return;
    let p = n.parent;
    while (p >= 0 && !writes[p]) p = nodes[p].parent;
    parent[i] = p;
    if (p >= 0) hasChildren[p] = 1;
    written.push(i);
  });
  const meshLeaves = new Set(written.filter((i) => nodes[i].mesh !== undefined && !hasChildren[i]));
  for (const i of meshLeaves) parent[i] = -1;
  return { written, parent, meshLeaves };
}

/** Create the glTF nodes of the plan, with names, TRS and extras; fills ctx.nodes. */
export function buildNodes(ctx: GltfContext, plan: NodePlan): void {
  const { nodes } = ctx.scene;
  for (const i of plan.written) if (nodes[i].kind === 'bone') ctx.names.claim(nodes[i].name);
  for (const i of plan.written) {
    const n = nodes[i];
    const node = ctx.doc.createNode(n.kind === 'bone' ? n.name : ctx.names.unique(n.label));
    const dazParent = n.parent >= 0 ? nodes[n.parent].id : undefined;
    node.setExtras({ daz: dazExtras(n, plan.meshLeaves.has(i), dazParent) });
    if (!plan.meshLeaves.has(i)) {
      const p = plan.parent[i];
      const trs = toTrs(localMatrix(n.worldMatrix, p >= 0 ? nodes[p].worldMatrix : null));
      node.setTranslation(trs.translation).setRotation(trs.rotation).setScale(trs.scale);
    }
    ctx.nodes[i] = node;
    const p = plan.parent[i];
    if (p >= 0) (ctx.nodes[p] as Node).addChild(node);
    else ctx.gltfScene.addChild(node);
  }
}

function dazExtras(n: SceneNode, leaf: boolean, parentId: string | undefined): Record<string, unknown> {
  return {
    id: n.id,
    name: n.name,
    label: n.label,
    kind: n.kind,
    className: n.className,
    ...(n.visible ? {} : { visible: false }),
    ...(leaf ? { worldMatrixCm: Array.from(n.worldMatrix), ...(parentId ? { parentId } : {}) } : {}),
  };
}
