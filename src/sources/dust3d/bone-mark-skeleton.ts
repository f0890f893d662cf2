/**
 * A skeleton from Dust3D's bone marks (Neck, Limb, Tail, Joint on nodes). Dust3D's own rigger
 * is more elaborate; this is a plain, documented rule so the marks survive the trip:
 *
 * 1. The graph is the result mesh's nodes (enabled parts, mirror copies included) and edges.
 *    Parts are separate graphs in Dust3D, so each other part is hooked to the nearest node
 *    already reached (surface to surface), nearest part first.
 * 2. The root joint sits on the node with the largest radius (the torso of a Dust3D creature),
 *    named `Body` unless it carries a mark itself.
 * 3. Every marked node is a joint named after its mark and a count in walk order (`Limb1`,
 *    `Limb2` …; a mirror copy adds `_mirror`). Its parent is the nearest marked node (or the
 *    root) on the way back to the root.
 * 4. A joint ends at the farthest node of its branch before the next marked node; failing that,
 *    at its first child joint; failing that, it points on along its parent's direction by its
 *    node's radius.
 *
 * Positions are mesh space × the unit factor (cm, Y up); orientations are identity.
 *
 * Skin ({@link rigidSkin}): Remote IO sends no weights, so each vertex follows the one joint
 * whose bone (origin → end segment) is nearest to it, with weight 1: rigid parts that bend at
 * the joints, enough to pose the model; Dust3D's own rig blends weights near the joints.
 *
 * @category Dust3D
 */
import type { Skin } from '../../scene/mesh.js';
import type { Joint } from '../../scene/skeleton.js';
import { type MeshNode, toMeshSpace, type Vec3 } from './mesh-space.js';
import type { Dust3dSnapshot } from './parse-snapshot.js';

export interface MarkedJoint {
  name: string;
  /** Parent index in the returned list, −1 for the root. */
  parent: number;
  /** cm, mesh axes. */
  origin: Vec3;
  end: Vec3;
  /** The Dust3D node id it stands on. */
  nodeId: string;
  boneMark: string;
}

/** The joints of the rule above, root first, parents before children; `[]` when no node is marked. */
export function boneMarkJoints(
  snapshot: Dust3dSnapshot,
  nodes: readonly MeshNode[],
  origin: Vec3,
  cmPerUnit: number,
): MarkedJoint[] {
  if (!nodes.some((n) => n.boneMark && n.boneMark !== 'None')) return [];
  const key = (id: string, mirrored: boolean) => `${id}|${mirrored}`;
  const index = new Map(nodes.map((n, i) => [key(n.id, n.mirrored), i]));
  const at = nodes.map((n) => toMeshSpace(n, origin));
  const links: number[][] = nodes.map(() => []);
  for (const e of snapshot.edges)
    for (const mirrored of [false, true]) {
      const a = index.get(key(e.from, mirrored));
      const b = index.get(key(e.to, mirrored));
      if (a === undefined || b === undefined) continue;
      links[a].push(b);
      links[b].push(a);
    }

  let root = 0;
  nodes.forEach((n, i) => {
    if (!n.mirrored && n.radius > nodes[root].radius) root = i;
  });
  // Breadth-first over edges; when a graph is exhausted, hook the nearest unreached node to the
  // nearest reached one (Prim's step on surface distance) and go on from there.
  const parentOf = new Int32Array(nodes.length).fill(-2);
  const order: number[] = [];
  parentOf[root] = -1;
  let frontier = [root];
  while (frontier.length) {
    for (let i = 0; i < frontier.length; i++) {
      const n = frontier[i];
      order.push(n);
      for (const m of links[n])
        if (parentOf[m] === -2) {
          parentOf[m] = n;
          frontier.push(m);
        }
    }
    frontier = [];
    let best: [number, number, number] | null = null;
    for (let m = 0; m < nodes.length; m++) {
      if (parentOf[m] !== -2) continue;
      for (const n of order) {
        const d = distance(at[m], at[n]) - nodes[m].radius - nodes[n].radius;
        if (!best || d < best[0]) best = [d, m, n];
      }
    }
    if (best) {
      parentOf[best[1]] = best[2];
      frontier = [best[1]];
    }
  }

  const isJoint = (i: number) => i === root || (nodes[i].boneMark && nodes[i].boneMark !== 'None');
  const jointOf = new Map<number, number>();
  const joints: MarkedJoint[] = [];
  const counts = new Map<string, number>();
  const cm = (p: Vec3): Vec3 => [p[0] * cmPerUnit, p[1] * cmPerUnit, p[2] * cmPerUnit];
  for (const i of order) {
    if (!isJoint(i)) continue;
    let up = parentOf[i];
    while (up >= 0 && !jointOf.has(up)) up = parentOf[up];
    const mark = nodes[i].boneMark && nodes[i].boneMark !== 'None' ? nodes[i].boneMark : 'Body';
    const count = (counts.get(mark) ?? 0) + 1;
    counts.set(mark, count);
    const name = `${mark}${mark === 'Body' && count === 1 ? '' : count}${nodes[i].mirrored ? '_mirror' : ''}`;
    jointOf.set(i, joints.length);
    joints.push({
      name,
      parent: up >= 0 ? (jointOf.get(up) as number) : -1,
      origin: cm(at[i]),
      end: cm(branchEnd(i, up)),
      nodeId: nodes[i].id,
      boneMark: nodes[i].boneMark,
    });
  }
  return joints;

  function branchEnd(start: number, parentJointNode: number): Vec3 {
    const children: number[][] = nodes.map(() => []);
    parentOf.forEach((p, c) => {
      if (p >= 0) children[p].push(c);
    });
    let farthest = start;
    let farthestDepth = 0;
    const walk = (n: number, depth: number) => {
      if (depth > farthestDepth) [farthest, farthestDepth] = [n, depth];
      for (const c of children[n]) if (!isJoint(c)) walk(c, depth + 1);
    };
    for (const c of children[start]) if (!isJoint(c)) walk(c, 1);
    if (farthest !== start) return at[farthest];
    const childJoint = children[start].find(isJoint);
    if (childJoint !== undefined) return at[childJoint];
    const from = parentJointNode >= 0 ? at[parentJointNode] : [at[start][0], at[start][1] - 1, at[start][2]];
    const dir = [at[start][0] - from[0], at[start][1] - from[1], at[start][2] - from[2]];
    const len = Math.hypot(dir[0], dir[1], dir[2]) || 1;
    const r = nodes[start].radius || 0.01;
    return [
      at[start][0] + (dir[0] / len) * r,
      at[start][1] + (dir[1] / len) * r,
      at[start][2] + (dir[2] / len) * r,
    ];
  }
}

/** The neutral model's joints for {@link boneMarkJoints}' output; `node` is the scene node of each. */
export function toSceneJoints(marked: readonly MarkedJoint[], firstNode: number): Joint[] {
  return marked.map((j, i) => ({
    name: j.name,
    label: j.name,
    parent: j.parent,
    node: firstNode + i,
    rotationOrder: 'XYZ',
    origin: [...j.origin],
    end: [...j.end],
    orientation: [0, 0, 0, 1],
    rotation: [0, 0, 0],
    translation: [0, 0, 0],
  }));
}

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Weight 1 from each vertex (xyz cm) to the joint whose bone segment is nearest. */
export function rigidSkin(joints: readonly MarkedJoint[], positionsCm: Float32Array): Skin {
  const members: number[][] = joints.map(() => []);
  for (let v = 0; v < positionsCm.length / 3; v++) {
    const p: Vec3 = [positionsCm[v * 3], positionsCm[v * 3 + 1], positionsCm[v * 3 + 2]];
    let best = 0;
    let bestDistance = Infinity;
    joints.forEach((j, i) => {
      const d = segmentDistance(p, j.origin, j.end);
      if (d < bestDistance) [best, bestDistance] = [i, d];
    });
    members[best].push(v);
  }
  return {
    skeleton: 0,
    joints: members
      .map((indices, joint) => ({
        joint,
        indices: Uint32Array.from(indices),
        weights: new Float32Array(indices.length).fill(1),
      }))
      .filter((j) => j.indices.length),
  };
}

function segmentDistance(p: Vec3, a: Vec3, b: Vec3): number {
  const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const ap = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
  const len2 = ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2;
  const t = len2 ? Math.min(1, Math.max(0, (ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) / len2)) : 0;
  return Math.hypot(ap[0] - t * ab[0], ap[1] - t * ab[1], ap[2] - t * ab[2]);
}
