import type { DomContext } from '../dom-context.js';
import { DzBase } from '../dz-base.js';

/**
 * DzFaceGroup / DzMaterialFaceGroup (DzIndexList): the facet indices of a named group.
 * There is no `getIndexAt()` in DAZ Studio: use `getIndex(i)` or `toList()`.
 */
export class DzFaceGroup extends DzBase {
  protected readonly classChain: readonly string[] = ['DzFaceGroup', 'DzIndexList', 'DzBase', 'QObject'];
  readonly #ctx: DomContext;
  readonly #indices: Uint32Array;

  constructor(ctx: DomContext, name: string, indices: Uint32Array) {
    super(name);
    this.#ctx = ctx;
    this.#indices = indices;
  }

  count(): number {
    return this.#indices.length;
  }

  getIndex(i: number): number {
    return this.#indices[Math.trunc(i)] ?? -1;
  }

  /** Position of facet `index` in the list, or -1. */
  findIndex(index: number): number {
    const target = Math.trunc(index);
    let lo = 0;
    let hi = this.#indices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.#indices[mid] === target) return mid;
      if (this.#indices[mid] < target) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  getMaxIndex(): number {
    return this.#indices.length ? this.#indices[this.#indices.length - 1] : -1;
  }

  toList(): number[] {
    return this.#ctx.array(this.#indices);
  }
}

export class DzMaterialFaceGroup extends DzFaceGroup {
  protected override readonly classChain = [
    'DzMaterialFaceGroup',
    'DzFaceGroup',
    'DzIndexList',
    'DzBase',
    'QObject',
  ];

  getShouldRenderAsCurve(): boolean {
    return false;
  }
}

/** Facet indices per group, ascending, from a per-facet group index. */
export function groupIndices(perFace: Uint16Array, groups: number): Uint32Array[] {
  const counts = new Uint32Array(groups);
  for (let f = 0; f < perFace.length; f++) counts[perFace[f]]++;
  const lists = Array.from(counts, (n) => new Uint32Array(n));
  const fill = new Uint32Array(groups);
  for (let f = 0; f < perFace.length; f++) {
    const g = perFace[f];
    lists[g][fill[g]++] = f;
  }
  return lists;
}
