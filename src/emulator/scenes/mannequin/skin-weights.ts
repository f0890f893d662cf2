/**
 * Smooth linear-blend skin weights. Along a part, weights are interpolated between anchors
 * (s, bone): a bone is fully in charge between its own anchors and hands over linearly to the
 * next one, so every vertex has one or two influences that sum to 1 and parts blend into their
 * parent and child across each joint.
 */
import type { BoneWeights } from './mannequin-mesh.js';
import type { MeshAccumulator } from './mesh-accumulator.js';
import type { WeightAnchor } from './part-plan.js';

/** Half-width of the blend across a joint, as a fraction of the adjoining span's length. */
export const JOINT_BLEND = 0.15;
/**
 * Genesis 8's bend → twist hand-over is spread over the whole upper arm / forearm / thigh, from
 * the middle of the bend bone to the middle of the twist bone, so twisting turns the limb gradually.
 */
export const IN_CHAIN_TWIST_BLEND = 0.5;
/** Weights closer than this to 0 or 1 are rounded off, so no bone lists a vertex it barely moves. */
const NEGLIGIBLE_WEIGHT = 1e-5;

export interface AnchorSpan {
  bone: string;
  start: number;
  end: number;
  /** Twist bones beside this span (Genesis 9), with s of their middle projected on the span. */
  sideTwists: readonly { bone: string; s: number }[];
}

export interface AnchorContext {
  /** The bone the chain's first span blends into at its start (its parent), if any. */
  startParent: string | null;
  /** The bone the chain's last span blends into at its end (the next part's bone), if any. */
  endChild: string | null;
  parentOf(bone: string): string | null;
  isTwist(bone: string): boolean;
}

/**
 * Anchors for a chain of spans: each joint blends ±15% of the spans either side; Genesis 8 twist
 * bones take over from their bend bone gradually; Genesis 9 side twist bones take over one after
 * the other along their parent's span and hold the far end, where the next bone blends in.
 */
export function planChainAnchors(spans: readonly AnchorSpan[], context: AnchorContext): WeightAnchor[] {
  const anchors: WeightAnchor[] = [];
  const first = spans[0];
  const firstLength = first.end - first.start;
  if (context.startParent) {
    anchors.push({ s: first.start - JOINT_BLEND * firstLength, bone: context.startParent });
    anchors.push({ s: first.start + JOINT_BLEND * firstLength, bone: first.bone });
  } else {
    anchors.push({ s: first.start, bone: first.bone });
  }

  for (let k = 0; k < spans.length; k++) {
    const span = spans[k];
    const length = span.end - span.start;
    let exitBone = span.bone;
    if (span.sideTwists.length > 0) {
      const lo = span.start + (JOINT_BLEND + 0.05) * length;
      const hi = span.end - (JOINT_BLEND + 0.05) * length;
      const twists = [...span.sideTwists].sort((a, b) => a.s - b.s);
      let previous = Number.NEGATIVE_INFINITY;
      for (const twist of twists) {
        const s = Math.max(Math.min(Math.max(twist.s, lo), hi), previous + 0.02 * length);
        anchors.push({ s, bone: twist.bone });
        previous = s;
        exitBone = twist.bone;
      }
    }
    const next = spans[k + 1];
    if (next) {
      const zone = context.isTwist(next.bone) ? IN_CHAIN_TWIST_BLEND : JOINT_BLEND;
      anchors.push({ s: span.end - zone * length, bone: exitBone });
      // Siblings meeting at a joint (pelvis below, abdomen above the hip) blend through their parent.
      const parent = context.parentOf(next.bone);
      if (parent && parent !== span.bone && parent !== exitBone) anchors.push({ s: span.end, bone: parent });
      anchors.push({ s: next.start + zone * (next.end - next.start), bone: next.bone });
    } else if (context.endChild) {
      anchors.push({ s: span.end - JOINT_BLEND * length, bone: exitBone });
      anchors.push({ s: span.end + JOINT_BLEND * length, bone: context.endChild });
    } else if (exitBone !== span.bone) {
      anchors.push({ s: span.end - JOINT_BLEND * length, bone: exitBone });
    }
  }
  // Stable: anchors that land on the same s keep their chain order.
  return anchors.sort((a, b) => a.s - b.s);
}

/** Resolves anchors to bone indices once, then answers "which bones, how much" for any s. */
export class AnchorWeights {
  private readonly s: Float64Array;
  private readonly bones: Int32Array;
  boneA = 0;
  boneB = -1;
  weightB = 0;

  constructor(anchors: readonly WeightAnchor[], boneIndex: (name: string) => number) {
    this.s = Float64Array.from(anchors, (a) => a.s);
    this.bones = Int32Array.from(anchors, (a) => boneIndex(a.bone));
  }

  /** Sets boneA / boneB / weightB for position s along the part. */
  evaluate(s: number): void {
    const n = this.s.length;
    this.boneB = -1;
    this.weightB = 0;
    if (n === 1 || s <= this.s[0]) {
      this.boneA = this.bones[0];
      return;
    }
    if (s >= this.s[n - 1]) {
      this.boneA = this.bones[n - 1];
      return;
    }
    let k = 0;
    while (k < n - 2 && s >= this.s[k + 1]) k++;
    const span = this.s[k + 1] - this.s[k];
    const t = span > 1e-9 ? (s - this.s[k]) / span : 1;
    this.boneA = this.bones[k];
    if (this.bones[k + 1] === this.boneA || t < NEGLIGIBLE_WEIGHT) return;
    if (t > 1 - NEGLIGIBLE_WEIGHT) {
      this.boneA = this.bones[k + 1];
      return;
    }
    this.boneB = this.bones[k + 1];
    this.weightB = t;
  }
}

/** Turns the per-vertex weight pairs into DAZ's per-bone lists, bones in skeleton order. */
export function collectBoneWeights(acc: MeshAccumulator, boneNames: readonly string[]): BoneWeights[] {
  const n = acc.vertexCount;
  const boneA = acc.boneA.data;
  const boneB = acc.boneB.data;
  const weightB = acc.weightB.data;
  const counts = new Uint32Array(boneNames.length);
  for (let v = 0; v < n; v++) {
    counts[boneA[v]]++;
    if (boneB[v] >= 0) counts[boneB[v]]++;
  }
  const lists = boneNames.map((_, i) => ({
    indices: new Uint32Array(counts[i]),
    weights: new Float32Array(counts[i]),
  }));
  const fill = new Uint32Array(boneNames.length);
  for (let v = 0; v < n; v++) {
    const b = boneB[v];
    const wb = b >= 0 ? weightB[v] : 0;
    const a = boneA[v];
    lists[a].indices[fill[a]] = v;
    lists[a].weights[fill[a]++] = 1 - wb;
    if (b >= 0) {
      lists[b].indices[fill[b]] = v;
      lists[b].weights[fill[b]++] = wb;
    }
  }
  const result: BoneWeights[] = [];
  boneNames.forEach((bone, i) => {
    if (counts[i] > 0) result.push({ bone, indices: lists[i].indices, weights: lists[i].weights });
  });
  return result;
}
