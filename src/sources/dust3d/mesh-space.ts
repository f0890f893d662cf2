/**
 * From Dust3D's canvas coordinates (the snapshot's nodes) to its mesh space (the OBJ's
 * vertices): mesh = (x − originX, originY − y, originZ − z), and parts with `xMirrored` are
 * generated a second time with mesh x negated (Dust3D mirrors across the origin's x).
 *
 * Remote IO's snapshot is taken "for nodes" and carries no origin. When the canvas lacks it,
 * {@link estimateOrigin} finds the origin that centres the nodes' spheres on the mesh's
 * bounding box, per axis: exact for a mesh that reaches as far as its nodes' spheres (the
 * emulator's, and Dust3D's for unsmoothed parts), an estimate otherwise. Along x, when mirror
 * pairs make every origin in a range fit equally, the unmirrored parts are taken to straddle the
 * mirror plane. It only places bones
 * and decides which part a face belongs to; the mesh itself is never moved.
 *
 * @category Dust3D
 */
import type { Dust3dSnapshot } from './parse-snapshot.js';

export type Vec3 = [number, number, number];

/** A node as it takes part in the result mesh (disabled parts left out, mirrored copies added). */
export interface MeshNode {
  id: string;
  partId: string;
  /** True for the copy an `xMirrored` part adds. */
  mirrored: boolean;
  canvas: Vec3;
  radius: number;
  boneMark: string;
}

/** The nodes that make the result mesh: enabled parts, plus mirror copies of `xMirrored` ones. */
export function meshNodes(snapshot: Dust3dSnapshot): MeshNode[] {
  const parts = new Map(snapshot.parts.map((p) => [p.id, p]));
  const out: MeshNode[] = [];
  for (const n of snapshot.nodes) {
    const part = parts.get(n.partId);
    if (part?.disabled) continue;
    const base = {
      id: n.id,
      partId: n.partId,
      canvas: [n.x, n.y, n.z] as Vec3,
      radius: n.radius,
      boneMark: n.boneMark,
    };
    out.push({ ...base, mirrored: false });
    if (part?.xMirrored) out.push({ ...base, mirrored: true });
  }
  return out;
}

/** A node's centre in mesh space. */
export function toMeshSpace(node: MeshNode, origin: Vec3): Vec3 {
  const x = node.canvas[0] - origin[0];
  return [node.mirrored ? -x : x, origin[1] - node.canvas[1], origin[2] - node.canvas[2]];
}

/** The canvas's own origin when the snapshot carries it (a full document does, Remote IO not). */
export function canvasOrigin(snapshot: Dust3dSnapshot): Vec3 | null {
  const { originX, originY, originZ } = snapshot.canvas;
  if (originX === undefined || originY === undefined || originZ === undefined) return null;
  const o = [Number(originX), Number(originY), Number(originZ)] as Vec3;
  return o.every(Number.isFinite) ? o : null;
}

/**
 * The origin that puts the centre of the nodes' spheres (mesh space) on the centre of the mesh's
 * bounding box. Mirrored copies depend on the x origin themselves, so x is refined a few times.
 */
export function estimateOrigin(nodes: readonly MeshNode[], meshPositions: Float64Array): Vec3 {
  if (!nodes.length || !meshPositions.length) return [0, 0, 0];
  const meshCentre = boxCentre(meshPositions.length / 3, (i, a) => meshPositions[i * 3 + a]);
  // Mirror copies sit where the x origin puts them, so the first x guess comes from the other
  // nodes: a symmetric model's unmirrored parts straddle its mirror plane.
  const unmirroredParts = nodes.filter((n) => !nodes.some((m) => m.mirrored && m.partId === n.partId));
  const canvasCentre = (a: number) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const n of a === 0 && unmirroredParts.length ? unmirroredParts : nodes) {
      lo = Math.min(lo, n.canvas[a] - n.radius);
      hi = Math.max(hi, n.canvas[a] + n.radius);
    }
    return (lo + hi) / 2;
  };
  const origin: Vec3 = [
    canvasCentre(0) - meshCentre[0],
    meshCentre[1] + canvasCentre(1),
    meshCentre[2] + canvasCentre(2),
  ];
  // Mesh x of a node moves with the x origin (−1 per unit, +1 for mirror copies), so the spheres'
  // centre is piecewise linear in it: a few secant steps settle it, and a flat spot (a model whose
  // extremes are mirror pairs) means any x origin centres it equally well.
  const offset = (ox: number) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const n of nodes) {
      const x = toMeshSpace(n, [ox, origin[1], origin[2]])[0];
      lo = Math.min(lo, x - n.radius);
      hi = Math.max(hi, x + n.radius);
    }
    return (lo + hi) / 2 - meshCentre[0];
  };
  for (let round = 0; round < 8; round++) {
    const f = offset(origin[0]);
    if (Math.abs(f) < 1e-9) break;
    const slope = (offset(origin[0] + 1e-3) - f) / 1e-3;
    if (Math.abs(slope) < 1e-6) break;
    origin[0] -= f / slope;
  }
  return origin;
}

function boxCentre(count: number, get: (i: number, axis: number) => number): Vec3 {
  const out: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < count; i++) {
      const v = get(i, a);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    out[a] = (lo + hi) / 2;
  }
  return out;
}
