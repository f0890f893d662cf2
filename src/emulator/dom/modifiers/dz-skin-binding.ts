import type { DomContext } from '../dom-context.js';
import { DzBase } from '../dz-base.js';
import type { DzBone } from '../dz-bone.js';
import { DzElement } from '../dz-element.js';
import { DzMatrix3 } from '../math/dz-matrix3.js';
import type { DzVec3 } from '../math/dz-vec3.js';

/** One bone's sparse weights. */
export interface BoneWeightData {
  bone: DzBone;
  indices: Uint32Array;
  weights: Float32Array;
}

/**
 * DzSkinBinding: the figure's linear-blend skinning, one DzBoneBinding per bone with weights.
 * Binding mode is General (one weight map per bone), as dazport's exporters expect.
 */
export class DzSkinBinding extends DzElement {
  protected readonly classChain = ['DzSkinBinding', 'DzModifier', 'DzElement', 'DzBase', 'QObject'] as const;
  readonly #bindings: DzBoneBinding[];

  constructor(ctx: DomContext, vertexCount: number, bones: BoneWeightData[]) {
    super(ctx, 'SkinBinding', 'Skin Binding');
    this.#bindings = bones.map((b) => new DzBoneBinding(ctx, b, vertexCount));
  }

  getNumBoneBindings(): number {
    return this.#bindings.length;
  }

  getBoneBinding(index: number): DzBoneBinding | null {
    return this.#bindings[Math.trunc(index)] ?? null;
  }

  /** By bone node or by bone name. */
  findBoneBinding(bone: DzBone | string): DzBoneBinding | null {
    const name = typeof bone === 'string' ? bone : bone.getName();
    return this.#bindings.find((b) => b.getBone().getName() === name) ?? null;
  }

  /** DzSkinBinding.General */
  getBindingMode(): number {
    return 0;
  }

  /** DzSkinBinding.Linear */
  getGeneralMapMode(): number {
    return 0;
  }
}

export class DzBoneBinding extends DzElement {
  protected readonly classChain = ['DzBoneBinding', 'DzElement', 'DzBase', 'QObject'] as const;
  readonly #bone: DzBone;
  readonly #weights: DzWeightMap;

  constructor(ctx: DomContext, data: BoneWeightData, vertexCount: number) {
    super(ctx, data.bone.getName(), data.bone.getLabel());
    this.#bone = data.bone;
    this.#weights = new DzWeightMap(data.indices, data.weights, vertexCount);
  }

  getBone(): DzBone {
    return this.#bone;
  }

  getWeights(): DzWeightMap {
    return this.#weights;
  }

  /** TriAx local weights: not used by General binding. */
  getLocalWeights(_axis: number): DzWeightMap | null {
    return null;
  }

  getScaleWeights(): DzWeightMap | null {
    return null;
  }

  hasLocalWeights(): boolean {
    return false;
  }

  /** Bind-pose transform: identity, the figure is bound in its rest pose. */
  getBindingMatrix(): DzMatrix3 {
    return new DzMatrix3();
  }

  getScaledOrigin(): DzVec3 {
    return this.#bone.getOrigin(true);
  }
}

/**
 * DzWeightMap: a weight per mesh vertex (0..1); stored sparse, read dense. `getFloatWeight(i)`
 * answers for any vertex, 0 where the bone has no influence.
 */
export class DzWeightMap extends DzBase {
  protected readonly classChain = ['DzWeightMap', 'DzElement', 'DzBase', 'QObject'] as const;
  readonly #indices: Uint32Array;
  readonly #weights: Float32Array;
  readonly #vertexCount: number;

  constructor(indices: Uint32Array, weights: Float32Array, vertexCount: number) {
    super('Weights');
    this.#indices = indices;
    this.#weights = weights;
    this.#vertexCount = vertexCount;
  }

  get numWeights(): number {
    return this.#vertexCount;
  }

  getNumWeights(): number {
    return this.#vertexCount;
  }

  getFloatWeight(index: number): number {
    const target = Math.trunc(index);
    let lo = 0;
    let hi = this.#indices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.#indices[mid];
      if (v === target) return this.#weights[mid];
      if (v < target) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  getNumAffected(): number {
    return this.#indices.length;
  }

  hasNonZeroWeight(): boolean {
    return this.#indices.length > 0;
  }

  isEmpty(): boolean {
    return this.#indices.length === 0;
  }
}
