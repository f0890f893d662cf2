/**
 * DAZ skin weights (sparse, per joint) → glTF's JOINTS_0 / WEIGHTS_0 (four per vertex, §3.7.3.3):
 * the four largest influences of every vertex, normalised so they sum to 1 in float32.
 * Unused slots get joint 0 and weight 0, as the validator wants; a vertex no joint moves is bound
 * fully to joint 0 (the root) and counted.
 */
import type { Skin } from '../../scene/mesh.js';
import { INFLUENCES } from './constants.js';

export interface VertexInfluences {
  /** Four joint indices (Skeleton.joints order) per source vertex. */
  joints: Uint16Array;
  /** Four weights per source vertex, descending, summing to 1. */
  weights: Float32Array;
  /** Most influences any vertex had before truncation. */
  maxInfluences: number;
  /** Vertices that had more than four influences. */
  truncatedVertices: number;
  /** Largest share of a vertex's total weight dropped by the truncation. */
  maxDroppedShare: number;
  /** Vertices without any weight (bound to joint 0). */
  unweighted: number;
}

/** Top-4 influences of every vertex of a mesh with `vertexCount` vertices. */
export function topInfluences(skin: Skin, vertexCount: number): VertexInfluences {
  const joints = new Uint16Array(vertexCount * INFLUENCES);
  const weights = new Float32Array(vertexCount * INFLUENCES);
  const kept = new Float64Array(vertexCount * INFLUENCES);
  const counts = new Uint16Array(vertexCount);
  const dropped = new Float64Array(vertexCount);
  for (const entry of skin.joints) {
    const { joint, indices, weights: w } = entry;
    for (let k = 0; k < indices.length; k++) {
      const v = indices[k];
      const weight = w[k];
      if (!(weight > 0) || v >= vertexCount) continue;
      insert(v * INFLUENCES, joint, weight, Math.min(counts[v], INFLUENCES));
      counts[v]++;
    }
  }

  function insert(base: number, joint: number, weight: number, used: number): void {
    for (let s = 0; s < used; s++) {
      if (joints[base + s] === joint) {
        kept[base + s] += weight; // the same joint listed twice: one influence
        bubbleUp(base, s);
        return;
      }
    }
    let s = used;
    if (used === INFLUENCES) {
      const last = base + INFLUENCES - 1;
      if (weight <= kept[last]) {
        dropped[base / INFLUENCES] += weight;
        return;
      }
      dropped[base / INFLUENCES] += kept[last];
      s = INFLUENCES - 1;
    }
    joints[base + s] = joint;
    kept[base + s] = weight;
    bubbleUp(base, s);
  }

  function bubbleUp(base: number, from: number): void {
    for (let s = from; s > 0 && kept[base + s] > kept[base + s - 1]; s--) {
      const w = kept[base + s];
      kept[base + s] = kept[base + s - 1];
      kept[base + s - 1] = w;
      const j = joints[base + s];
      joints[base + s] = joints[base + s - 1];
      joints[base + s - 1] = j;
    }
  }

  let maxInfluences = 0;
  let truncatedVertices = 0;
  let maxDroppedShare = 0;
  let unweighted = 0;
  for (let v = 0; v < vertexCount; v++) {
    const base = v * INFLUENCES;
    maxInfluences = Math.max(maxInfluences, counts[v]);
    let total = 0;
    for (let s = 0; s < INFLUENCES; s++) total += kept[base + s];
    if (!(total > 0)) {
      unweighted++;
      joints[base] = 0;
      weights[base] = 1;
      continue;
    }
    if (counts[v] > INFLUENCES) {
      truncatedVertices++;
      maxDroppedShare = Math.max(maxDroppedShare, dropped[v] / (total + dropped[v]));
    }
    let sum = 0;
    for (let s = 0; s < INFLUENCES; s++) {
      weights[base + s] = kept[base + s] / total;
      if (weights[base + s] === 0) joints[base + s] = 0;
      sum += weights[base + s];
    }
    // Put float32 rounding on the largest weight so the stored sum is 1 as closely as float32 allows.
    weights[base] = Math.fround(weights[base] + (1 - sum));
  }
  return { joints, weights, maxInfluences, truncatedVertices, maxDroppedShare, unweighted };
}
