import type { DomContext } from '../dom-context.js';
import { DzBase } from '../dz-base.js';
import { boxAround, type DzBox3 } from '../math/dz-box3.js';
import { DzVec3 } from '../math/dz-vec3.js';
import type { DzFaceGroup, DzMaterialFaceGroup } from './dz-face-group.js';
import { DzFacet } from './dz-facet.js';
import type { DzUVSet } from './dz-uv-set.js';
import { vertexNormals } from './mesh-data.js';
import type { MeshTopology } from './mesh-topology.js';

/** @internal Emulator-side access to a mesh's positions (the scene exporter of tests, caches). */
export let meshPositions: (mesh: DzFacetMesh) => Float32Array;
/** @internal Emulator-side access to a mesh's polygons and groups (the renderer). */
export let meshTopology: (mesh: DzFacetMesh) => MeshTopology;

export interface SubdivisionInfo {
  enabled: boolean;
  level: number;
}

/**
 * DzFacetMesh: a polygon mesh, the base geometry of a shape (rest, object space) or the cached
 * geometry of an object (posed, world space; same topology). Normals are smooth vertex normals,
 * so `normIdxN` equals `vertIdxN`.
 */
export class DzFacetMesh extends DzBase {
  protected readonly classChain = [
    'DzFacetMesh',
    'DzVertexMesh',
    'DzGeometry',
    'DzStorable',
    'DzBase',
    'QObject',
  ] as const;
  readonly #topology: MeshTopology;
  readonly #positions: Float32Array;
  readonly #subd: SubdivisionInfo;
  #normals: Float32Array | null = null;

  static {
    meshPositions = (mesh) => mesh.#positions;
    meshTopology = (mesh) => mesh.#topology;
  }

  constructor(ctx: DomContext, topology: MeshTopology, positions: Float32Array, subd: SubdivisionInfo) {
    super('');
    void ctx;
    this.#topology = topology;
    this.#positions = positions;
    this.#subd = subd;
  }

  getNumVertices(): number {
    return this.#positions.length / 3;
  }

  getVertex(index: number): DzVec3 {
    const i = Math.trunc(index) * 3;
    if (i < 0 || i >= this.#positions.length) return new DzVec3();
    return new DzVec3(this.#positions[i], this.#positions[i + 1], this.#positions[i + 2]);
  }

  getNumFacets(): number {
    return this.#topology.numFacets;
  }

  getFacet(index: number): DzFacet {
    const f = Math.trunc(index);
    const facet = new DzFacet();
    const t = this.#topology;
    if (f < 0 || f >= t.numFacets) return facet;
    const start = t.offsets[f];
    const n = t.data.faceSizes[f];
    const v = t.data.faceVertexIndices;
    const uv = t.data.faceUvIndices;
    const e = t.edges;
    facet.vertIdx1 = v[start];
    facet.vertIdx2 = v[start + 1];
    facet.vertIdx3 = v[start + 2];
    facet.uvwIdx1 = uv[start];
    facet.uvwIdx2 = uv[start + 1];
    facet.uvwIdx3 = uv[start + 2];
    facet.normIdx1 = v[start];
    facet.normIdx2 = v[start + 1];
    facet.normIdx3 = v[start + 2];
    facet.edgeIdx1 = e[start];
    facet.edgeIdx2 = e[start + 1];
    facet.edgeIdx3 = e[start + 2];
    if (n === 4) {
      facet.vertIdx4 = v[start + 3];
      facet.uvwIdx4 = uv[start + 3];
      facet.normIdx4 = v[start + 3];
      facet.edgeIdx4 = e[start + 3];
    }
    facet.materialIndex = t.data.faceMaterial[f];
    facet.faceGroupIndex = t.data.faceGroup[f];
    return facet;
  }

  getNumTris(): number {
    return this.#topology.numTris;
  }

  getNumQuads(): number {
    return this.#topology.numQuads;
  }

  getNumNormals(): number {
    return this.getNumVertices();
  }

  getNormal(index: number): DzVec3 {
    this.#normals ??= vertexNormals(
      this.#positions,
      this.#topology.data.faceSizes,
      this.#topology.data.faceVertexIndices,
    );
    const i = Math.trunc(index) * 3;
    return new DzVec3(this.#normals[i] ?? 0, this.#normals[i + 1] ?? 0, this.#normals[i + 2] ?? 0);
  }

  getNumUVSets(): number {
    return 1;
  }

  /** The active UV set. */
  getUVs(): DzUVSet {
    return this.#topology.uvSet;
  }

  getUVSet(which: number): DzUVSet | null {
    return Math.trunc(which) === 0 ? this.#topology.uvSet : null;
  }

  findUVSetIndexByLabel(label: string): number {
    return this.#topology.uvSet.getLabel() === String(label) ? 0 : -1;
  }

  getNumFaceGroups(): number {
    return this.#topology.data.faceGroupNames.length;
  }

  getFaceGroup(index: number): DzFaceGroup | null {
    return this.#topology.faceGroups[Math.trunc(index)] ?? null;
  }

  findFaceGroup(name: string): DzFaceGroup | null {
    return this.#topology.faceGroups.find((g) => g.getName() === String(name)) ?? null;
  }

  getNumMaterialGroups(): number {
    return this.#topology.data.materialNames.length;
  }

  getMaterialGroup(index: number): DzMaterialFaceGroup | null {
    return this.#topology.materialGroups[Math.trunc(index)] ?? null;
  }

  findMaterialGroup(name: string): DzMaterialFaceGroup | null {
    return this.#topology.materialGroups.find((g) => g.getName() === String(name)) ?? null;
  }

  getCurrentSubDivisionLevel(): number {
    return this.#subd.level;
  }

  isSubDivisionEnabled(): boolean {
    return this.#subd.enabled;
  }

  /** 0: Catmull-Clark. */
  getSubDAlgorithm(): number {
    return 0;
  }

  getBoundingBox(): DzBox3 {
    return boxAround(this.#positions);
  }

  getNumPolylines(): number {
    return 0;
  }
}
