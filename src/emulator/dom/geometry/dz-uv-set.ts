import { DzBase } from '../dz-base.js';
import { DzVec3 } from '../math/dz-vec3.js';

/**
 * DzUVSet (a DzMap): UV values indexed by the facets' uvwIdx, not by vertex. `getPnt2Vec(i)`
 * returns a DzVec3 (x = u, y = v, z = 0), a DAZ Studio trap clients must know.
 */
export class DzUVSet extends DzBase {
  protected readonly classChain = ['DzUVSet', 'DzVertexMap', 'DzMap', 'DzBase', 'QObject'] as const;
  readonly #uvs: Float32Array;
  readonly #label: string;

  constructor(label: string, uvs: Float32Array) {
    super(label.replace(/\s+/g, ''));
    this.#label = label;
    this.#uvs = uvs;
  }

  getLabel(): string {
    return this.#label;
  }

  getNumValues(): number {
    return this.#uvs.length / 2;
  }

  getPnt2Vec(index: number): DzVec3 {
    const i = Math.trunc(index) * 2;
    return new DzVec3(this.#uvs[i] ?? 0, this.#uvs[i + 1] ?? 0, 0);
  }

  getPnt3Vec(index: number): DzVec3 {
    return this.getPnt2Vec(index);
  }

  /** DzMap.FLOAT2_MAP */
  getType(): number {
    return 1;
  }

  getNumDimensions(): number {
    return 2;
  }
}
