import type { DomContext } from '../dom-context.js';
import { DzBase } from '../dz-base.js';
import { type DzNode, nodeInternals } from '../dz-node.js';
import { boxAround, type DzBox3, POSED_BOX } from '../math/dz-box3.js';
import { type DzMorph, morphData } from '../modifiers/dz-morph.js';
import type { BoneWeightData, DzSkinBinding } from '../modifiers/dz-skin-binding.js';
import { transformPoint } from '../node-transform.js';
import { DzFacetMesh, meshPositions, type SubdivisionInfo } from './dz-facet-mesh.js';
import type { DzShape } from './dz-shape.js';
import type { MeshTopology } from './mesh-topology.js';

export interface Skinning {
  binding: DzSkinBinding;
  bones: BoneWeightData[];
}

/**
 * DzObject: a node's geometry pipeline. `getCurrentShape().getGeometry()` is the base mesh
 * (rest, object space); `forceCacheUpdate(node, false)` then `getCachedGeom()` gives the final
 * mesh: active morphs added, then linear-blend skinning of the current pose (figures) or the
 * node's world transform (props): world space, same vertex order and facets as the base.
 *
 * The cache is computed when forced (or on first use), not on every change, as a script that
 * poses a figure and reads getCachedGeom() without forceCacheUpdate() sees in DAZ Studio.
 */
export class DzObject extends DzBase {
  protected readonly classChain = ['DzObject', 'DzElement', 'DzBase', 'QObject'] as const;
  readonly #ctx: DomContext;
  readonly #node: DzNode;
  readonly #shape: DzShape;
  readonly #topology: MeshTopology;
  readonly #morphs: DzMorph[];
  readonly #skinning: Skinning | null;
  readonly #subd: SubdivisionInfo;
  #cache: DzFacetMesh | null = null;

  constructor(
    ctx: DomContext,
    node: DzNode,
    shape: DzShape,
    topology: MeshTopology,
    morphs: DzMorph[],
    skinning: Skinning | null,
    subd: SubdivisionInfo,
  ) {
    super(`${node.getName()}Object`);
    this.#ctx = ctx;
    this.#node = node;
    this.#shape = shape;
    this.#topology = topology;
    this.#morphs = morphs;
    this.#skinning = skinning;
    this.#subd = subd;
  }

  getCurrentShape(): DzShape {
    return this.#shape;
  }

  getNumShapes(): number {
    return 1;
  }

  getShape(which: number): DzShape | null {
    return Math.trunc(which) === 0 ? this.#shape : null;
  }

  getNumModifiers(): number {
    return this.#modifiers().length;
  }

  getModifier(which: number): DzBase | null {
    return this.#modifiers()[Math.trunc(which)] ?? null;
  }

  findModifier(name: string): DzBase | null {
    return this.#modifiers().find((m) => m.getName() === String(name)) ?? null;
  }

  #modifiers(): DzBase[] {
    return this.#skinning ? [...this.#morphs, this.#skinning.binding] : [...this.#morphs];
  }

  /** Recompute the cached (final, world-space) mesh for `node` at the current time. */
  forceCacheUpdate(_node?: DzNode, _isRender?: boolean): void {
    this.#cache = new DzFacetMesh(
      this.#ctx,
      this.#topology,
      this.#evaluate(this.#ctx.clock.now()),
      this.#subd,
    );
  }

  invalidateCache(): void {
    this.#cache = null;
  }

  getCachedGeom(): DzFacetMesh {
    if (!this.#cache) this.forceCacheUpdate(this.#node, false);
    return this.#cache as DzFacetMesh;
  }

  /** World-space box of the cached mesh. */
  getBoundingBox(): DzBox3 {
    return boxAround(meshPositions(this.getCachedGeom()));
  }

  getLocalBoundingBox(): DzBox3 {
    return boxAround(meshPositions(this.#shape.getGeometry()));
  }

  /** @internal The world box of the mesh as posed now (DzNode.getWSBoundingBox). */
  [POSED_BOX](): DzBox3 {
    return boxAround(this.#evaluate(this.#ctx.clock.now()));
  }

  #evaluate(time: number): Float32Array {
    const base = meshPositions(this.#shape.getGeometry());
    const morphed = Float64Array.from(base);
    for (const morph of this.#morphs) {
      const weight = morph.getValueControl().getValue(time);
      if (weight === 0) continue;
      const { indices, deltas } = morphData(morph);
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k] * 3;
        morphed[i] += weight * deltas[k * 3];
        morphed[i + 1] += weight * deltas[k * 3 + 1];
        morphed[i + 2] += weight * deltas[k * 3 + 2];
      }
    }
    const out = new Float32Array(base.length);
    if (!this.#skinning) {
      const m = nodeInternals.worldMatrix(this.#node, time);
      for (let i = 0; i < out.length; i += 3) {
        const p = transformPoint(m, [morphed[i], morphed[i + 1], morphed[i + 2]]);
        out[i] = p[0];
        out[i + 1] = p[1];
        out[i + 2] = p[2];
      }
      return out;
    }
    const acc = new Float64Array(base.length);
    for (const { bone, indices, weights } of this.#skinning.bones) {
      const m = nodeInternals.worldMatrix(bone, time);
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k] * 3;
        const w = weights[k];
        const x = morphed[i];
        const y = morphed[i + 1];
        const z = morphed[i + 2];
        acc[i] += w * (m[0] * x + m[4] * y + m[8] * z + m[12]);
        acc[i + 1] += w * (m[1] * x + m[5] * y + m[9] * z + m[13]);
        acc[i + 2] += w * (m[2] * x + m[6] * y + m[10] * z + m[14]);
      }
    }
    out.set(acc);
    return out;
  }
}
