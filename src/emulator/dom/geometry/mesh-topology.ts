import type { DomContext } from '../dom-context.js';
import { DzFaceGroup, DzMaterialFaceGroup, groupIndices } from './dz-face-group.js';
import { DzUVSet } from './dz-uv-set.js';
import { buildEdgeIndices } from './edge-table.js';
import { faceOffsets, type MeshData } from './mesh-data.js';

/**
 * Everything about a mesh that does not move when it is posed, shared by its base geometry and
 * every cached (posed) copy: polygons, UVs, groups, and lazily built indices.
 */
export class MeshTopology {
  readonly data: MeshData;
  readonly offsets: Uint32Array;
  readonly uvSet: DzUVSet;
  readonly numTris: number;
  readonly numQuads: number;
  #edges: Int32Array | null = null;
  #faceGroups: DzFaceGroup[] | null = null;
  #materialGroups: DzMaterialFaceGroup[] | null = null;

  constructor(
    private readonly ctx: DomContext,
    data: MeshData,
  ) {
    this.data = data;
    this.offsets = faceOffsets(data.faceSizes);
    this.uvSet = new DzUVSet(data.uvSetLabel, data.uvs);
    let tris = 0;
    for (const n of data.faceSizes) if (n === 3) tris++;
    this.numTris = tris;
    this.numQuads = data.faceSizes.length - tris;
  }

  get numFacets(): number {
    return this.data.faceSizes.length;
  }

  get edges(): Int32Array {
    this.#edges ??= buildEdgeIndices(this.data.faceSizes, this.data.faceVertexIndices);
    return this.#edges;
  }

  get faceGroups(): DzFaceGroup[] {
    this.#faceGroups ??= groupIndices(this.data.faceGroup, this.data.faceGroupNames.length).map(
      (indices, g) => new DzFaceGroup(this.ctx, this.data.faceGroupNames[g], indices),
    );
    return this.#faceGroups;
  }

  get materialGroups(): DzMaterialFaceGroup[] {
    this.#materialGroups ??= groupIndices(this.data.faceMaterial, this.data.materialNames.length).map(
      (indices, g) => new DzMaterialFaceGroup(this.ctx, this.data.materialNames[g], indices),
    );
    return this.#materialGroups;
  }
}
