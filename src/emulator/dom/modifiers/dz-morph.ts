import type { DomContext } from '../dom-context.js';
import { DzBase } from '../dz-base.js';
import { DzElement } from '../dz-element.js';
import { DzVec3 } from '../math/dz-vec3.js';
import { DzFloatProperty } from '../properties/dz-float-property.js';

/** Sparse per-vertex deltas of a morph, cm. */
export interface MorphData {
  name: string;
  label: string;
  indices: Uint32Array;
  deltas: Float32Array;
}

/** @internal The deltas behind a morph, for the emulator's own deformation. */
export let morphData: (morph: DzMorph) => MorphData;

/**
 * DzMorph: a shape modifier whose "Value" channel scales its deltas (0 = off, 1 = full).
 * `getValueControl()` (DAZ 4.9.3+) and the deprecated `getValueChannel()` both return it.
 */
export class DzMorph extends DzElement {
  protected readonly classChain = ['DzMorph', 'DzModifier', 'DzElement', 'DzBase', 'QObject'] as const;
  readonly #value: DzFloatProperty;
  readonly #deltas: DzMorphDeltas;
  readonly #data: MorphData;

  static {
    morphData = (morph) => morph.#data;
  }

  constructor(ctx: DomContext, data: MorphData, value = 0) {
    super(ctx, data.name, data.label);
    this.#data = data;
    this.#value = this.addProperty(
      new DzFloatProperty(ctx, 'Value', data.label, { value, min: -1, max: 1, clamped: false }),
    );
    this.#deltas = new DzMorphDeltas(data);
  }

  getValueControl(): DzFloatProperty {
    return this.#value;
  }

  getValueChannel(): DzFloatProperty {
    return this.#value;
  }

  getDeltas(): DzMorphDeltas {
    return this.#deltas;
  }
}

/** DzMorphDeltas: the morph's vertex indices and offsets. */
export class DzMorphDeltas extends DzBase {
  protected readonly classChain = ['DzMorphDeltas', 'DzBase', 'QObject'] as const;
  readonly #data: MorphData;

  constructor(data: MorphData) {
    super(`${data.name}Deltas`);
    this.#data = data;
  }

  /** Deltas are always loaded in the emulator. */
  loadDeltas(): boolean {
    return true;
  }

  hasDeltas(): boolean {
    return this.#data.indices.length > 0;
  }

  getNumDeltas(): number {
    return this.#data.indices.length;
  }

  getDeltaIndex(i: number): number {
    return this.#data.indices[Math.trunc(i)] ?? -1;
  }

  getDeltaVec(i: number): DzVec3 {
    const k = Math.trunc(i) * 3;
    return new DzVec3(
      this.#data.deltas[k] ?? 0,
      this.#data.deltas[k + 1] ?? 0,
      this.#data.deltas[k + 2] ?? 0,
    );
  }

  /** Position in the delta list of vertex `vertIdx`, or -1. */
  getVertexDeltaIndex(vertIdx: number): number {
    const target = Math.trunc(vertIdx);
    const list = this.#data.indices;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] === target) return mid;
      if (list[mid] < target) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
