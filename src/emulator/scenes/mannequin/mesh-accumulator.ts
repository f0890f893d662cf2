/**
 * Growable typed arrays the parts are appended to: a part claims a block (`addVertices`,
 * `addUvs`, `addFaces`) and writes it straight into the arrays, no per-vertex objects. Besides the
 * mesh itself it keeps per-vertex facts the later passes need: the skin-weight pair, and the
 * part's centre line point, kind and length parameter for the morphs.
 */
import { type PartKind, SURFACE_ORDER, type SurfaceName } from './part-plan.js';

type TypedArray = Float32Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

export class GrowableArray<T extends TypedArray> {
  data: T;
  length = 0;
  private readonly ctor: TypedArrayConstructor<T>;

  constructor(ctor: TypedArrayConstructor<T>, initialCapacity = 1024) {
    this.ctor = ctor;
    this.data = new ctor(initialCapacity);
  }

  /** Make room for `extra` more elements, doubling so appends stay amortised O(1). */
  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.data.length) return;
    let capacity = this.data.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new this.ctor(capacity);
    next.set(this.data.subarray(0, this.length) as ArrayLike<number>);
    this.data = next;
  }

  /**
   * Appends `count` elements to be written through `data` (fetch `data` after this call: it may
   * have been reallocated); returns the index of the first.
   */
  grow(count: number): number {
    this.reserve(count);
    const first = this.length;
    this.length += count;
    return first;
  }

  /** An exact-length copy. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export interface UvIsland {
  surface: SurfaceName;
  /** Size in cm of surface, so every island of a surface gets the same texel density. */
  width: number;
  height: number;
}

export class MeshAccumulator {
  readonly positions = new GrowableArray(Float32Array);
  /** Centre line point per vertex: Body Heavy pushes away from it. */
  readonly centres = new GrowableArray(Float32Array);
  readonly kinds = new GrowableArray(Uint8Array);
  /** Position along the part, 0..1 (beyond at overlaps and caps). */
  readonly partParams = new GrowableArray(Float32Array);
  readonly heavy = new GrowableArray(Float32Array);
  /** Skin weights as a pair: bone A with 1 - weightB, bone B (or -1) with weightB. */
  readonly boneA = new GrowableArray(Int32Array);
  readonly boneB = new GrowableArray(Int32Array);
  readonly weightB = new GrowableArray(Float32Array);

  /** Island-local uv in [0,1]; `uvIslands` says which island, for packing. */
  readonly uvs = new GrowableArray(Float32Array);
  readonly uvIslands = new GrowableArray(Uint32Array);
  readonly islands: UvIsland[] = [];

  readonly faceSizes = new GrowableArray(Uint8Array);
  readonly faceVertexIndices = new GrowableArray(Uint32Array);
  readonly faceUvIndices = new GrowableArray(Uint32Array);
  readonly faceSurfaces = new GrowableArray(Uint16Array);
  readonly faceGroups = new GrowableArray(Uint16Array);
  readonly groupNames: string[] = [];
  private readonly groupIndex = new Map<string, number>();

  get vertexCount(): number {
    return this.kinds.length;
  }

  get uvCount(): number {
    return this.uvIslands.length;
  }

  group(name: string): number {
    let index = this.groupIndex.get(name);
    if (index === undefined) {
      index = this.groupNames.length;
      this.groupNames.push(name);
      this.groupIndex.set(name, index);
    }
    return index;
  }

  addIsland(island: UvIsland): number {
    this.islands.push(island);
    return this.islands.length - 1;
  }

  /**
   * Appends n vertices to every per-vertex array; returns the first one's index. The caller fills
   * them in through the arrays' `data`, fetched after this call.
   */
  addVertices(n: number): number {
    const first = this.vertexCount;
    this.positions.grow(3 * n);
    this.centres.grow(3 * n);
    this.kinds.grow(n);
    this.partParams.grow(n);
    this.heavy.grow(n);
    this.boneA.grow(n);
    this.boneB.grow(n);
    this.weightB.grow(n);
    return first;
  }

  /** Appends n UVs (uv pair and island each); returns the first one's index. */
  addUvs(n: number): number {
    this.uvs.grow(2 * n);
    return this.uvIslands.grow(n);
  }

  /** Appends faces and their corners; returns the index of the first face and of its first corner. */
  addFaces(faces: number, corners: number): { face: number; corner: number } {
    this.faceSizes.grow(faces);
    this.faceSurfaces.grow(faces);
    this.faceGroups.grow(faces);
    this.faceVertexIndices.grow(corners);
    return { face: this.faceSurfaces.length - faces, corner: this.faceUvIndices.grow(corners) };
  }

  static surfaceIndex(surface: SurfaceName): number {
    return SURFACE_ORDER.indexOf(surface);
  }
}

export const PART_KIND_CODES: Record<PartKind, number> = {
  torso: 1,
  neck: 2,
  arm: 3,
  leg: 4,
  foot: 5,
  finger: 6,
  head: 7,
  eye: 8,
};
