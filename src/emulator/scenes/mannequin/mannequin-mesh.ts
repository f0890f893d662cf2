import type { MeshData } from '../../dom/geometry/mesh-data.js';
import type { CorrectiveDriver } from './corrective-morphs.js';

/**
 * What the mannequin generator produces: a figure mesh in DAZ's own layout (polygons with
 * per-corner UV indices, surfaces, face groups), rest pose, figure space, centimetres, plus the
 * smooth skin weights and shape morphs the emulator poses it with.
 */
export interface MannequinMesh extends Omit<MeshData, 'uvSetLabel'> {
  /** Linear-blend skin weights: per bone, the vertices it moves and by how much; per vertex they sum to 1. */
  weights: BoneWeights[];
  /** Shape morphs: sparse per-vertex deltas in cm. */
  morphs: MorphTarget[];
}

export interface BoneWeights {
  bone: string;
  /** Ascending vertex indices. */
  indices: Uint32Array;
  /** Weight per listed vertex, (0, 1]. */
  weights: Float32Array;
}

export interface MorphTarget {
  /** Morph (modifier) name, e.g. `body_bs_BodyHeavy`. */
  name: string;
  /** UI label, e.g. `Body Heavy`. */
  label: string;
  /** Ascending vertex indices the morph moves. */
  indices: Uint32Array;
  /** xyz delta per listed vertex, cm (value 1 applies the full delta). */
  deltas: Float32Array;
  /** A joint corrective's driver: the bone rotation its value follows (corrective-morphs.ts). */
  driver?: CorrectiveDriver;
}

export interface MannequinOptions {
  /**
   * Tessellation multiplier: 1 gives a figure of realistic density (tens of thousands of
   * vertices); larger values scale vertex count roughly quadratically, for heavy scenes.
   */
  detail?: number;
}
