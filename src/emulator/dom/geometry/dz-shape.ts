import type { DomContext } from '../dom-context.js';
import { DzBase } from '../dz-base.js';
import type { DzNode } from '../dz-node.js';
import type { DzMaterial } from '../materials/dz-material.js';
import type { DzFacetMesh } from './dz-facet-mesh.js';

/** DzShape: the base geometry of an object and the materials of its surfaces (one per material group). */
export class DzShape extends DzBase {
  protected readonly classChain = ['DzFacetShape', 'DzShape', 'DzElement', 'DzBase', 'QObject'] as const;
  readonly #ctx: DomContext;
  readonly #geometry: DzFacetMesh;
  readonly #materials: DzMaterial[];
  readonly #node: DzNode;

  constructor(ctx: DomContext, node: DzNode, geometry: DzFacetMesh, materials: DzMaterial[]) {
    super(`${node.getName()}Shape`);
    this.#ctx = ctx;
    this.#node = node;
    this.#geometry = geometry;
    this.#materials = materials;
  }

  getLabel(): string {
    return this.getName();
  }

  /** The unposed base mesh, object space. */
  getGeometry(): DzFacetMesh {
    return this.#geometry;
  }

  getCurrentGeometry(_type?: number): DzFacetMesh {
    return this.#geometry;
  }

  getNumMaterials(): number {
    return this.#materials.length;
  }

  getMaterial(which: number): DzMaterial | null {
    return this.#materials[Math.trunc(which)] ?? null;
  }

  getAllMaterials(): DzMaterial[] {
    return this.#ctx.array(this.#materials);
  }

  findMaterial(name: string): DzMaterial | null {
    return this.#materials.find((m) => m.getName() === String(name)) ?? null;
  }

  findMaterials(name: string): DzMaterial[] {
    return this.#ctx.array(this.#materials.filter((m) => m.getName() === String(name)));
  }

  findMaterialIndex(nameOrMaterial: string | DzMaterial): number {
    return typeof nameOrMaterial === 'string'
      ? this.#materials.findIndex((m) => m.getName() === nameOrMaterial)
      : this.#materials.indexOf(nameOrMaterial);
  }

  getNode(): DzNode {
    return this.#node;
  }
}
