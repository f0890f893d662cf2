/**
 * Streams a live DAZ scene into the neutral model (src/scene): the node tree, then per mesh its
 * posed world-space vertices (one forceCacheUpdate, then chunks of the cache), facets with
 * per-corner UV indices, UVs, normals and material slots; materials, cameras, lights, skeletons;
 * with `rigged`, also the rest mesh, skin weights and morphs.
 *
 * Consistency: the read must see one state of the scene, or stop with DazSceneChangedError
 * rather than mix two (`rereads` reads again instead). Three checks: every answer whose values
 * depend on the pose (posed vertices and normals, the skeleton, morph values) carries its node's
 * pose fingerprint, which must equal the one the inventory took at the start
 * (scene-consistency.ts); the inventory taken again at the end must equal the first on every
 * node read; and a scene event while reading (a node added or removed, the time changed, a
 * scene loaded) or an element count that moves between chunks stops the read at once.
 */
import { mat4 } from 'gl-matrix';
import { isRotationOrderName } from '../math/rotation-order.js';
import type { Camera } from '../scene/camera.js';
import type { Light } from '../scene/light.js';
import type { Material, MaterialChannel } from '../scene/material.js';
import type { Mesh, MorphTarget, Skin } from '../scene/mesh.js';
import { createScene, type Scene } from '../scene/scene.js';
import type { SceneNode } from '../scene/scene-node.js';
import type { Joint, Skeleton } from '../scene/skeleton.js';
import { type ChunkPlan, readChunks } from './chunked-reads.js';
import type { DazClient, RegisteredScript } from './dazscript-client.js';
import { decodeFacets, decodeTupleDeltas } from './delta-coding.js';
import { DazMeshTopologyError, DazProtocolError, DazSceneChangedError } from './errors.js';
import {
  findNodeByLabel,
  type Inventory,
  type InventoryNode,
  kindOf,
  orderParentsFirst,
} from './inventory.js';
import type { MorphSelection } from './morph-selection.js';
import { selectNodes } from './node-selection.js';
import { RequestBudget } from './request-budget.js';
import { compareInventories, type Fingerprint, PoseGuard } from './scene-consistency.js';
import * as S from './scripts/scene-scripts.js';
import type { RetryInfo } from './transport.js';

export interface ReadSceneOptions {
  /** Also read the rest mesh, skin weights and morphs (for rigged export). */
  rigged?: boolean;
  /**
   * Stream meshes (default true). `false` reads nodes, skeletons, cameras and lights only: what
   * a listing of bones needs, without the figure's tens of thousands of vertices.
   */
  geometry?: boolean;
  /** Read vertex normals (default true). */
  normals?: boolean;
  /** Only these top-level nodes (by label) and everything under them. */
  select?: string[];
  /**
   * Only nodes of these types (`figures`, `props`, `cameras`, `lights`; node-selection.ts),
   * with `select` too: both must hold. Meshes left out are not streamed at all.
   */
  only?: readonly string[];
  /** Wanted size of one answer, bytes (default 2 MB). */
  chunkBytes?: number;
  /** Requests in flight, all arrays and meshes of the read together (default 3). */
  concurrency?: number;
  /** Stop if the server announces a scene change while reading (default true). */
  watchEvents?: boolean;
  /**
   * When the scene changes during a read, read it again from the start, up to this many times
   * (default 0: stop with DazSceneChangedError). Each new read starts after a short pause, so
   * that a burst of edits in DAZ Studio can end first.
   */
  rereads?: number;
  /** Told before each new read, with what changed and the number of the new read (1, 2 ...). */
  onReread?: (reason: DazSceneChangedError, reread: number) => void;
  /** Told as reading progresses (elements done of total, per phase). */
  onProgress?: (p: ReadProgress) => void;
  /**
   * With `rigged`: only these morphs become morph targets (morph-selection.ts). The server sends
   * no deltas for the others unless they are dialled in, and those are folded into the rest mesh.
   * Default: every morph.
   */
  morphs?: MorphSelection;
  /** Told, per figure mesh of a rigged read, which morphs were kept and which move nothing. */
  onMorphs?: (report: MorphReadReport) => void;
  signal?: AbortSignal;
}

/** What a rigged read did with one mesh's morphs. */
export interface MorphReadReport {
  /** The mesh's node label. */
  label: string;
  /** Morphs the object has. */
  total: number;
  /** Chosen morphs kept as morph targets, by name. */
  kept: { name: string; label: string }[];
  /** Chosen morphs left out because no delta reaches STILL_DELTA_CM. */
  still: string[];
  /** Morphs not chosen but dialled in: folded into the rest mesh. */
  folded: string[];
}

/** A morph whose every delta is smaller than this (cm, on each axis) moves nothing visible. */
export const STILL_DELTA_CM = 1e-5;

/** One chunk of a mesh's facets, from facet `start`. */
export interface FacetChunk {
  start: number;
  /** Corners per face (3 or 4). */
  faceSizes: Uint8Array;
  /** Vertex index of every corner, faces one after the other. */
  vertexIndices: Uint32Array;
  /** UV index (active UV set) of every corner. */
  uvIndices: Uint32Array;
  /** Material group per face, an index into the mesh's material group names. */
  faceMaterial: Uint16Array;
}

export interface ReadProgress {
  phase: 'inventory' | 'mesh' | 'materials' | 'rig' | 'done';
  /** Label of the mesh whose vertices came in last (phase 'mesh'). */
  mesh?: string;
  /** Which mesh that is, 1-based, of how many (phase 'mesh'). */
  meshIndex?: number;
  meshCount?: number;
  /** Vertices in the 'mesh' phase (of every mesh together); steps elsewhere. */
  done: number;
  total: number;
  /** Answer bytes received so far in this read. */
  bytes: number;
}

const TICKS_PER_SECOND = 4800;
/** Largest growth of the chunk size under a rate limit (2 MB chunks become at most 32 MB)... */
const MAX_CHUNK_SCALE = 16;
/** ...and no grown chunk is bigger than this (DAZ Studio builds a whole answer in memory). */
const MAX_GROWN_CHUNK_BYTES = 32_000_000;
/** Pause before reading a changed scene again. */
const REREAD_PAUSE_MS = 250;

/** A per-element array the scripts return as delta-coded fixed-point integers (see scripts/scene-scripts.ts). */
interface ArraySpec {
  script: RegisteredScript;
  /** Numbers per element. */
  stride: number;
  /** Answer bytes per element before any is measured. */
  guessBytes: number;
  /** Values arrive as integers × scale. */
  scale: number;
  /** What the element count is called in errors. */
  what: string;
}

const POSITIONS: ArraySpec = {
  script: S.MESH_POSITIONS,
  stride: 3,
  guessBytes: 30,
  scale: 1e6,
  what: 'vertex count',
};
const NORMALS: ArraySpec = {
  script: S.MESH_NORMALS,
  stride: 3,
  guessBytes: 25,
  scale: 1e6,
  what: 'normal count',
};
const UVS: ArraySpec = { script: S.MESH_UVS, stride: 2, guessBytes: 16, scale: 1e7, what: 'UV count' };

export class SceneReader {
  readonly #client: DazClient;
  readonly #options: Required<
    Omit<ReadSceneOptions, 'select' | 'only' | 'onProgress' | 'onReread' | 'signal' | 'morphs' | 'onMorphs'>
  > &
    ReadSceneOptions;
  #changed: string | null = null;
  /** Aborted when a read ends, so that its arrays still in flight stop instead of reading on. */
  readonly #stop = new AbortController();
  /** Requests in flight, all arrays together (the arrays of a mesh are read side by side). */
  readonly #budget: RequestBudget;
  /** Chunk size multiplier, raised when the server's rate limit refuses requests. */
  #chunkScale = 1;
  /** The pose the inventory saw; pose-dependent answers must match it. */
  #guard: PoseGuard | null = null;
  /** Answer bytes received by the read under way, for progress. */
  #bytesRead = 0;

  constructor(client: DazClient, options: ReadSceneOptions = {}) {
    this.#client = client;
    this.#options = {
      rigged: false,
      geometry: true,
      normals: true,
      chunkBytes: 2_000_000,
      concurrency: 3,
      watchEvents: true,
      rereads: 0,
      ...options,
    };
    this.#budget = new RequestBudget(this.#options.concurrency);
  }

  /** Read the whole scene, again from the start (up to `rereads` times) if it changes meanwhile. */
  async read(): Promise<Scene> {
    for (let reread = 0; ; reread++) {
      // A fresh reader per attempt: nothing of a stale read (its budget, its late answers) leaks.
      const attempt = new SceneReader(this.#client, this.#options);
      try {
        return await attempt.#readOnce();
      } catch (err) {
        if (!(err instanceof DazSceneChangedError) || reread >= this.#options.rereads) throw err;
        this.#options.onReread?.(err, reread + 1);
        await new Promise((resolve) => setTimeout(resolve, REREAD_PAUSE_MS));
      }
    }
  }

  async #readOnce(): Promise<Scene> {
    const watcher = this.#options.watchEvents ? await this.#watch() : null;
    try {
      return await this.#readAll();
    } finally {
      // On an error, the other arrays of the mesh are still being read: stop them.
      this.#stop.abort();
      watcher?.abort();
    }
  }

  /** Subscribe to scene events before reading; any structural change marks the read stale. */
  async #watch(): Promise<AbortController | null> {
    const controller = new AbortController();
    const connected = new Promise<boolean>((resolve) => {
      const events = this.#client.events({
        filter: ['node', 'skeleton', 'camera', 'light', 'scene', 'time'],
        signal: controller.signal,
        reconnect: false,
        onConnect: () => resolve(true),
      });
      (async () => {
        try {
          for await (const event of events) this.#changed ??= `${event.type} ${JSON.stringify(event.data)}`;
        } catch {
          resolve(false); // no SSE on this server (older plugin): read without watching
        }
      })();
    });
    // A server that never answers the subscription gets 2 s; the timer must not outlive the
    // race, or a quick read would keep the process alive for the rest of it.
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([
      connected,
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), 2_000);
      }),
    ]);
    clearTimeout(timer);
    if (!ok) {
      controller.abort();
      return null;
    }
    return controller;
  }

  /**
   * Adapt to the server's limits as its refusals reveal them (it does not publish them): a rate
   * limit counts requests, so ask for bigger chunks (fewer requests, up to 16× the wanted size);
   * a concurrency limit counts requests in flight (other clients take slots too), so keep one
   * fewer in flight. The refused request itself is retried by the transport.
   */
  #adapt(info: RetryInfo): void {
    if (info.code === 'RATE_LIMIT_EXCEEDED')
      this.#chunkScale = Math.min(MAX_CHUNK_SCALE, this.#chunkScale * 2);
    else if (info.code === 'CONCURRENT_LIMIT_EXCEEDED') this.#budget.shrink();
  }

  #check(): void {
    if (this.#changed) throw new DazSceneChangedError(this.#changed);
  }

  async #run<T>(
    script: RegisteredScript,
    args: Record<string, unknown> = {},
  ): Promise<{ value: T; bytes: number }> {
    const signal = this.#options.signal
      ? AbortSignal.any([this.#options.signal, this.#stop.signal])
      : this.#stop.signal;
    const r = await this.#client.run<T>(script, args, { signal, onRetry: (info) => this.#adapt(info) });
    this.#check();
    this.#bytesRead += r.bytes ?? 0;
    return { value: r.result, bytes: r.bytes ?? 0 };
  }

  async #readAll(): Promise<Scene> {
    this.#bytesRead = 0;
    const report = this.#options.onProgress ?? (() => {});
    const progress = (p: Omit<ReadProgress, 'bytes'>) => report({ ...p, bytes: this.#bytesRead });
    progress({ phase: 'inventory', done: 0, total: 1 });
    const inventory = (await this.#run<Inventory>(S.INVENTORY)).value;
    this.#guard = PoseGuard.fromInventory(inventory);
    const wanted = selectNodes(inventory.nodes, this.#options.select, this.#options.only);
    const scene = createScene({
      description: `DazScript Server at ${this.#client.url}`,
      sceneName: inventory.filename || undefined,
    });
    scene.frameRate = inventory.timeStep > 0 ? TICKS_PER_SECOND / inventory.timeStep : 30;
    scene.timeSec = inventory.time / TICKS_PER_SECOND;

    const indexById = new Map<number, number>();
    for (const n of orderParentsFirst(wanted)) {
      indexById.set(n.id, scene.nodes.length);
      scene.nodes.push(toSceneNode(n, indexById));
    }
    const byId = new Map(wanted.map((n) => [n.id, n]));

    const meshNodes = !this.#options.geometry ? [] : wanted.filter((n) => n.mesh && !n.bone);
    const totalVertices = meshNodes.reduce((s, n) => s + (n.mesh?.vertices ?? 0), 0);
    const doneByMesh = meshNodes.map(() => 0);
    const onVertices = (i: number) => (done: number) => {
      doneByMesh[i] = done;
      const sum = doneByMesh.reduce((a, b) => a + b, 0);
      const meshCount = meshNodes.length;
      progress({
        phase: 'mesh',
        mesh: meshNodes[i].label,
        meshIndex: i + 1,
        meshCount,
        done: sum,
        total: totalVertices,
      });
    };
    // Everything is read at once, bounded by the request budget: the server always has the next
    // request queued, also across the end of one mesh and the start of the next, where a mesh by
    // mesh read would drain its pipeline and leave DAZ Studio idle for a few round trips.
    const skeletonNodes = wanted.filter((x) => x.skeleton);
    const [meshes, skeletons, { cameras, lights }] = await Promise.all([
      Promise.all(meshNodes.map((n, i) => this.#readMesh(n, indexById.get(n.id) as number, onVertices(i)))),
      Promise.all(skeletonNodes.map((n) => this.#readSkeleton(n, indexById.get(n.id) as number, indexById))),
      this.#runInBudget<{ cameras: RawCamera[]; lights: RawLight[] }>(S.CAMERAS_AND_LIGHTS),
    ]);
    // Into the scene in node order, whatever order the answers came in.
    meshes.forEach(({ mesh, materials }) => {
      mesh.materials = materials.map((m) => scene.materials.push(m) - 1);
      scene.nodes[mesh.node].mesh = scene.meshes.push(mesh) - 1;
    });
    skeletons.forEach((skeleton) => {
      scene.nodes[skeleton.node].skeleton = scene.skeletons.push(skeleton) - 1;
    });
    if (this.#options.rigged)
      await this.#readRig(scene, meshNodes, indexById, (done, mesh) =>
        progress({
          phase: 'rig',
          mesh,
          meshIndex: done + 1,
          meshCount: meshNodes.length,
          done,
          total: meshNodes.length,
        }),
      );

    for (const c of cameras.filter((x) => byId.has(x.id))) {
      const nodeIndex = indexById.get(c.id) as number;
      scene.nodes[nodeIndex].camera = scene.cameras.length;
      scene.cameras.push(toCamera(c, scene.nodes[nodeIndex].label, nodeIndex));
    }
    for (const l of lights.filter((x) => byId.has(x.id))) {
      const nodeIndex = indexById.get(l.id) as number;
      scene.nodes[nodeIndex].light = scene.lights.length;
      scene.lights.push(toLight(l, scene.nodes[nodeIndex].label, nodeIndex));
    }
    // The same inventory again: whatever was read in between saw the state it describes.
    const end = (await this.#run<Inventory>(S.INVENTORY)).value;
    const read = this.#options.select?.length || this.#options.only?.length ? new Set(byId.keys()) : null;
    const change = compareInventories(inventory, end, read);
    if (change) throw new DazSceneChangedError(change);
    this.#check();
    progress({ phase: 'done', done: 1, total: 1 });
    return scene;
  }

  /** A small request that waits its turn in the request budget like the chunks do. */
  async #runInBudget<T>(script: RegisteredScript, args: Record<string, unknown> = {}): Promise<T> {
    await this.#budget.acquire();
    try {
      return (await this.#run<T>(script, args)).value;
    } finally {
      this.#budget.release();
    }
  }

  /**
   * Read one node's mesh (posed, world space) and its materials. The mesh's `materials` slots
   * are left empty: the caller numbers the materials once every mesh is in.
   */
  async #readMesh(
    n: InventoryNode,
    nodeIndex: number,
    onVertices: (done: number) => void,
  ): Promise<{ mesh: Mesh; materials: Material[] }> {
    const begin = await this.#runInBudget<MeshBegin>(S.MESH_BEGIN, { id: n.id, posed: true });
    this.#guard?.check(n.id, begin.fp, 'posed mesh');
    if (begin.vertices !== begin.baseVertices)
      throw new DazMeshTopologyError(n.label, begin.vertices, begin.baseVertices);
    const expect = countCheck(n.label);
    // The arrays are read side by side so the server always has a request queued: read one
    // after the other, each array's pipeline would drain at its end and leave DAZ Studio idle.
    const posed = { posed: true };
    const [positions, normals, uvValues, facets] = await Promise.all([
      this.#readFloats(POSITIONS, n.id, begin.vertices, posed, expect, onVertices),
      this.#options.normals
        ? this.#readFloats(NORMALS, n.id, begin.vertices, posed, expect)
        : Promise.resolve(null),
      this.#readFloats(UVS, n.id, begin.uvs, {}, expect),
      this.#readFacets(n.id, begin.facets, expect),
    ]);
    const materials = await this.#runInBudget<RawMaterial[]>(S.MATERIALS, { id: n.id });
    // Facets index material GROUPS; match each group to the shape's material of the same name.
    const groupToSlot = begin.groups.map((g, i) => {
      const byName = materials.findIndex((m) => m.name === g);
      return byName >= 0 ? byName : Math.min(i, materials.length - 1);
    });
    for (let f = 0; f < facets.faceMaterial.length; f++)
      facets.faceMaterial[f] = groupToSlot[facets.faceMaterial[f]] ?? 0;
    const mesh: Mesh = {
      name: n.label,
      node: nodeIndex,
      space: 'world',
      positions,
      faceSizes: facets.faceSizes,
      faceVertexIndices: facets.vertexIndices,
      uvSets: begin.uvs > 0 ? [{ name: begin.uvSet, values: uvValues, cornerIndices: facets.uvIndices }] : [],
      normals,
      faceMaterial: facets.faceMaterial,
      materials: [],
      materialGroups: begin.groups,
      subdivision: begin.subd,
    };
    return { mesh, materials: materials.map(toMaterial) };
  }

  /**
   * Stream one array of a mesh in chunks without holding the whole array: what a writer that
   * emits as it reads uses. Memory is bounded by the chunk size (`chunkBytes`) times the
   * requests in flight. Positions and normals are posed world space unless `rest` is set.
   */
  async *streamMesh(
    nodeLabel: string,
    kind: 'positions' | 'normals' | 'uvs',
    options: { rest?: boolean } = {},
  ): AsyncGenerator<{ start: number; values: Float32Array }> {
    const node = await this.#findMesh(nodeLabel);
    const posed = !options.rest;
    const begin = (await this.#run<MeshBegin>(S.MESH_BEGIN, { id: node.id, posed })).value;
    const spec = kind === 'uvs' ? UVS : kind === 'normals' ? NORMALS : POSITIONS;
    const total = kind === 'uvs' ? begin.uvs : begin.vertices;
    const expect = countCheck(nodeLabel);
    // Every chunk must come from the pose whose cache mesh-begin built.
    const guard = begin.fp ? new PoseGuard([[node.id, { label: nodeLabel, expected: begin.fp }]]) : null;
    for await (const chunk of this.#arrayChunks(spec, node.id, total, { posed }, guard)) {
      expect(`${kind} count`, chunk.n, total);
      yield { start: chunk.start * spec.stride, values: chunk.values };
    }
  }
  /**
   * Stream a mesh's facets in chunks without holding them all: per chunk, from facet `start`,
   * the face sizes, the vertex and UV index of every corner, and each face's material group
   * (an index into the mesh's material group names). Memory is bounded as in streamMesh.
   */
  async *streamFacets(nodeLabel: string): AsyncGenerator<FacetChunk> {
    const node = await this.#findMesh(nodeLabel);
    const begin = (await this.#run<MeshBegin>(S.MESH_BEGIN, { id: node.id, posed: false })).value;
    yield* this.#facetChunks(node.id, begin.facets, countCheck(nodeLabel));
  }

  /** The inventory entry of the mesh labelled `label` (for the streaming reads). */
  async #findMesh(label: string): Promise<InventoryNode> {
    const inventory = (await this.#run<Inventory>(S.INVENTORY)).value;
    return findNodeByLabel(inventory.nodes, label, 'a mesh', (n) => Boolean(n.mesh));
  }

  async #readFloats(
    spec: ArraySpec,
    id: number,
    total: number,
    args: Record<string, unknown>,
    expect: CountCheck,
    onDone?: (done: number) => void,
  ): Promise<Float32Array> {
    const out = new Float32Array(total * spec.stride);
    for await (const chunk of this.#arrayChunks(spec, id, total, args, this.#guard)) {
      expect(spec.what, chunk.n, total);
      out.set(chunk.values, chunk.start * spec.stride);
      onDone?.(chunk.start + chunk.count);
    }
    return out;
  }

  /** Chunks of one array, decoded to floats, in order. */
  async *#arrayChunks(
    spec: ArraySpec,
    id: number,
    total: number,
    args: Record<string, unknown>,
    guard: PoseGuard | null,
  ) {
    for await (const chunk of readChunks(this.#plan(total, spec.guessBytes), (start, count) =>
      this.#run<{ n: number; p: string; fp?: Fingerprint | null }>(spec.script, {
        id,
        start,
        count,
        ...args,
      }),
    )) {
      // Posed values follow the pose: each chunk must have been read in the inventory's pose.
      guard?.check(id, chunk.value.fp, `${spec.what.replace(' count', '')} chunk from ${chunk.start}`);
      const list = numberList(chunk.value.p, spec.script.name);
      if (list.length !== chunk.count * spec.stride) {
        throw new DazProtocolError(
          `${spec.script.name}: expected ${chunk.count * spec.stride} numbers, got ${list.length}`,
        );
      }
      const values = decodeTupleDeltas(list, spec.stride, spec.scale);
      yield { start: chunk.start, count: chunk.count, n: chunk.value.n, values };
    }
  }

  /** A mesh's facets, whole: the chunks of #facetChunks put end to end. */
  async #readFacets(id: number, total: number, expect: CountCheck) {
    const faceSizes = new Uint8Array(total);
    const faceMaterial = new Uint16Array(total);
    const vertexPieces: Uint32Array[] = [];
    const uvPieces: Uint32Array[] = [];
    for await (const chunk of this.#facetChunks(id, total, expect)) {
      faceSizes.set(chunk.faceSizes, chunk.start);
      faceMaterial.set(chunk.faceMaterial, chunk.start);
      vertexPieces.push(chunk.vertexIndices);
      uvPieces.push(chunk.uvIndices);
    }
    return { faceSizes, faceMaterial, vertexIndices: concat(vertexPieces), uvIndices: concat(uvPieces) };
  }

  /**
   * Facets in chunks, in order, each decoded on its own: face sizes, vertex and UV indices per
   * corner, and the material GROUP per face (see #readMesh for groups and slots).
   */
  async *#facetChunks(id: number, total: number, expect: CountCheck): AsyncGenerator<FacetChunk> {
    for await (const chunk of readChunks(this.#plan(total, 60), (start, count) =>
      this.#run<{ n: number; c: string; r: string; m: string }>(S.MESH_FACETS, { id, start, count }),
    )) {
      expect('facet count', chunk.value.n, total);
      const count = chunk.count;
      // Corners are unknown until decoded: 4 slots per facet (-1 pads triangles), then compacted.
      const v4 = new Int32Array(count * 4);
      const t4 = new Int32Array(count * 4);
      decodeFacets(
        numberList(chunk.value.c, 'mesh-facets'),
        numberList(chunk.value.r, 'mesh-facets'),
        v4,
        t4,
        0,
        count,
      );
      const runs = numberList(chunk.value.m, 'mesh-facets');
      const faceMaterial = new Uint16Array(count);
      let f = 0;
      for (let r = 0; r + 1 < runs.length && f <= count; r += 2) {
        faceMaterial.fill(runs[r], f, Math.min(count, f + runs[r + 1]));
        f += runs[r + 1];
      }
      if (f !== count)
        throw new DazProtocolError(`mesh-facets: material runs cover ${f} facets, expected ${count}`);
      const faceSizes = new Uint8Array(count);
      let corners = 0;
      for (let k = 0; k < count; k++) {
        faceSizes[k] = v4[k * 4 + 3] < 0 ? 3 : 4;
        corners += faceSizes[k];
      }
      const vertexIndices = new Uint32Array(corners);
      const uvIndices = new Uint32Array(corners);
      let c = 0;
      for (let k = 0; k < count; k++) {
        for (let corner = 0; corner < faceSizes[k]; corner++, c++) {
          vertexIndices[c] = v4[k * 4 + corner];
          uvIndices[c] = Math.max(0, t4[k * 4 + corner]);
        }
      }
      yield { start: chunk.start, faceSizes, vertexIndices, uvIndices, faceMaterial };
    }
  }

  #plan(total: number, guessBytesPerElement: number): ChunkPlan {
    return {
      total,
      guessBytesPerElement,
      // Grown under a rate limit, but never past 32 MB unless the caller asked for more.
      targetBytes: () =>
        Math.max(
          this.#options.chunkBytes,
          Math.min(this.#options.chunkBytes * this.#chunkScale, MAX_GROWN_CHUNK_BYTES),
        ),
      concurrency: this.#options.concurrency,
      budget: this.#budget,
    };
  }

  async #readSkeleton(
    n: InventoryNode,
    nodeIndex: number,
    indexById: Map<number, number>,
  ): Promise<Skeleton> {
    const { bones, fp } = await this.#runInBudget<{ bones: RawBone[]; fp: Fingerprint }>(S.SKELETON, {
      id: n.id,
    });
    this.#guard?.check(n.id, fp, 'skeleton');
    const jointIndex = new Map(bones.map((b, i) => [b.name, i]));
    const joints: Joint[] = bones.map((b) => ({
      name: b.name,
      label: b.label,
      parent: b.parent === null ? -1 : (jointIndex.get(b.parent) ?? -1),
      node: indexById.get(b.id) ?? -1,
      rotationOrder: isRotationOrderName(b.order) ? b.order : 'XYZ',
      origin: b.origin,
      end: b.end,
      orientation: b.orientation,
      rotation: b.rotation,
      translation: b.translation,
    }));
    return { name: n.name, label: n.label, node: nodeIndex, joints };
  }

  /** Rest mesh, skin weights and morphs of every figure mesh. */
  async #readRig(
    scene: Scene,
    meshNodes: InventoryNode[],
    indexById: Map<number, number>,
    onMesh: (meshesDone: number, label: string) => void,
  ): Promise<void> {
    for (const [done, n] of meshNodes.entries()) {
      onMesh(done, n.label);
      const mesh = scene.meshes.find((m) => m.node === indexById.get(n.id)) as Mesh;
      const begin = (await this.#run<MeshBegin>(S.MESH_BEGIN, { id: n.id, posed: false })).value;
      const expect = countCheck(n.label);
      if (begin.baseVertices !== mesh.positions.length / 3) {
        throw new DazSceneChangedError(
          `${n.label}: the base mesh has ${begin.baseVertices} vertices, the cached one ${mesh.positions.length / 3}`,
        );
      }
      const positions = await this.#readFloats(POSITIONS, n.id, begin.vertices, { posed: false }, expect);
      const skeletonIndex = n.skeleton ? scene.nodes[indexById.get(n.id) as number].skeleton : undefined;
      const skin =
        skeletonIndex === undefined
          ? null
          : await this.#readSkin(n.id, skeletonIndex, scene.skeletons[skeletonIndex]);
      const morphs = await this.#readMorphs(n.id, n.label, positions);
      mesh.rest = { positions, skin, morphs };
    }
  }

  async #readSkin(id: number, skeleton: number, rig: Skeleton): Promise<Skin> {
    const jointIndex = new Map(rig.joints.map((j, i) => [j.name, i]));
    const joints: Skin['joints'] = [];
    let total = 1;
    for (let start = 0; start < total; ) {
      const { n, bones } = (
        await this.#run<{ n: number; bones: { bone: string; i: number[]; w: number[] }[] }>(S.SKIN_WEIGHTS, {
          id,
          start,
          count: 8,
        })
      ).value;
      total = n;
      for (const b of bones) {
        const joint = jointIndex.get(b.bone);
        if (joint === undefined)
          throw new DazProtocolError(`skin weights name bone "${b.bone}", which is not in ${rig.label}`);
        if (b.i.length)
          joints.push({ joint, indices: Uint32Array.from(b.i), weights: Float32Array.from(b.w) });
      }
      start += Math.max(1, bones.length);
      if (bones.length === 0) break;
    }
    return { skeleton, joints };
  }

  /**
   * The chosen morphs of a mesh (all without a selection), chunk by chunk. A chosen morph that
   * moves nothing is left out; one not chosen but dialled in is folded into `positions`.
   */
  async #readMorphs(id: number, label: string, positions: Float32Array): Promise<MorphTarget[]> {
    const morphs: MorphTarget[] = [];
    const report: MorphReadReport = { label, total: 0, kept: [], still: [], folded: [] };
    const selection = this.#options.morphs;
    let total = 1;
    for (let start = 0; start < total; ) {
      const {
        n,
        all,
        morphs: batch,
        fp,
      } = (
        await this.#run<{
          n: number;
          all: number;
          morphs: { name: string; label: string; value: number; w: boolean; i: number[]; d: number[] }[];
          fp: Fingerprint;
        }>(S.MORPHS, {
          id,
          start,
          count: 4,
          ...(selection ? { include: selection.include, exclude: selection.exclude } : {}),
        })
      ).value;
      this.#guard?.check(id, fp, 'morph values');
      total = n;
      report.total = all;
      for (const m of batch) {
        if (!m.w) {
          for (let k = 0; k < m.i.length; k++)
            for (let c = 0; c < 3; c++) positions[3 * m.i[k] + c] += m.value * m.d[3 * k + c];
          report.folded.push(m.name);
        } else if (!m.d.some((x) => Math.abs(x) >= STILL_DELTA_CM)) {
          report.still.push(m.name);
        } else {
          report.kept.push({ name: m.name, label: m.label });
          morphs.push({
            name: m.name,
            label: m.label,
            value: m.value,
            indices: Uint32Array.from(m.i),
            deltas: Float32Array.from(m.d),
          });
        }
      }
      if (batch.length === 0) break;
      start += batch.length;
    }
    this.#options.onMorphs?.(report);
    return morphs;
  }
}

/** Read a whole scene: `new SceneReader(client, options).read()`. */
export function readScene(client: DazClient, options: ReadSceneOptions = {}): Promise<Scene> {
  return new SceneReader(client, options).read();
}

/** Checks that an element count a chunk reports is still the one read at the start. */
type CountCheck = (what: string, saw: number, wanted: number) => void;

/** The count check of the mesh labelled `label`: a moved count means the scene changed. */
function countCheck(label: string): CountCheck {
  return (what, saw, wanted) => {
    if (saw !== wanted)
      throw new DazSceneChangedError(`${label}: ${what} went from ${wanted} to ${saw} during the read`);
  };
}

/** Typed arrays end to end. */
function concat(pieces: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A script's number list: the JSON text of an array of numbers, carried as a string. */
function numberList(text: unknown, script: string): number[] {
  if (typeof text !== 'string')
    throw new DazProtocolError(`${script}: expected a string of numbers, got ${typeof text}`);
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    throw new DazProtocolError(`${script}: the number list is malformed near "${text.slice(0, 40)}"`);
  }
  if (!Array.isArray(list)) throw new DazProtocolError(`${script}: expected an array of numbers`);
  return list as number[];
}

// ─── conversions ───

interface MeshBegin {
  vertices: number;
  baseVertices: number;
  facets: number;
  uvs: number;
  uvSet: string;
  groups: string[];
  materials: string[];
  subd: { enabled: boolean; level: number };
  fp: Fingerprint | null;
}

export interface RawMaterial {
  name: string;
  shader: string;
  channels: { name: string; label: string; value: MaterialChannel['value'] | null; map: string | null }[];
}

interface RawCamera {
  id: number;
  focalLength: number;
  frameWidth: number;
  aspect: number;
  near: number;
  far: number;
  focalDistance: number;
  fStop: number;
  dof: boolean;
  fov: number;
}

interface RawLight {
  id: number;
  kind: 'distant' | 'spot' | 'point';
  on: boolean;
  color: [number, number, number];
  intensity: number;
  flux: number;
  photometric: boolean;
  spread: number | null;
  temperature: number | null;
  geometry: number;
  width: number;
  height: number;
}

interface RawBone {
  id: number;
  name: string;
  label: string;
  parent: string | null;
  order: string;
  origin: [number, number, number];
  end: [number, number, number];
  orientation: [number, number, number, number];
  rotation: [number, number, number];
  translation: [number, number, number];
}

function toSceneNode(n: InventoryNode, indexById: Map<number, number>): SceneNode {
  const [a, b, c, d, e, f, g, h, i, tx, ty, tz] = n.m;
  // DAZ's world transform maps rest points; the node's frame sits at its (posed) pivot.
  const w = new Float64Array([a, b, c, 0, d, e, f, 0, g, h, i, 0, tx, ty, tz, 1]);
  const worldMatrix = mat4.translate(new Float64Array(16), w, n.origin) as Float64Array;
  return {
    id: String(n.id),
    name: n.name,
    label: n.label,
    kind: kindOf(n),
    className: n.cls,
    parent: indexById.get(n.parent) ?? -1,
    worldMatrix,
    visible: n.visible,
  };
}

/** A material as the MATERIALS script answers it, as a scene material (also for export plans). */
export function toMaterial(m: RawMaterial): Material {
  const channels: Record<string, MaterialChannel> = {};
  for (const c of m.channels) {
    channels[c.name] = { label: c.label, value: c.value ?? '', ...(c.map ? { map: c.map } : {}) };
  }
  return { name: m.name, shader: m.shader, channels };
}

function toCamera(c: RawCamera, name: string, node: number): Camera {
  return {
    name,
    node,
    focalLengthMm: c.focalLength,
    frameWidthMm: c.frameWidth,
    aspectRatio: c.aspect,
    nearCm: c.near,
    farCm: c.far,
    focalDistanceCm: c.focalDistance,
    fStop: c.fStop,
    depthOfField: c.dof,
    horizontalFovRad: c.fov,
  };
}

function toLight(l: RawLight, name: string, node: number): Light {
  return {
    name,
    node,
    kind: l.kind,
    color: l.color,
    intensity: l.intensity,
    fluxLm: l.flux,
    photometric: l.photometric,
    on: l.on,
    ...(l.spread === null ? {} : { spreadAngleDeg: l.spread }),
    ...(l.temperature === null ? {} : { temperatureK: l.temperature }),
    geometry: l.geometry,
    widthCm: l.width,
    heightCm: l.height,
  };
}
