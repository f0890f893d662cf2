import type { DomContext } from './dom-context.js';
import { DzBase } from './dz-base.js';
import { DzCamera } from './dz-camera.js';
import { DzLight } from './dz-light.js';
import { type DzNode, type NodeObserver, nodeInternals } from './dz-node.js';
import { DzSkeleton } from './dz-skeleton.js';
import { DzBox3 } from './math/dz-box3.js';
import { DzTimeRange } from './math/dz-time-range.js';

/** Payload of node events: `{node_id, node_name, node_type}` as the plugin sends them. */
function nodeInfo(node: DzNode): Record<string, unknown> {
  return {
    node_id: `0x${(0x7f3a00000000 + node.elementID * 0x230).toString(16)}`,
    node_name: node.getLabel(),
    node_type: node.className(),
  };
}

const TICKS_PER_FRAME_30FPS = 160;
/** The plugin's debounce of `time.changed` during playback. */
const PLAYBACK_EVENT_INTERVAL_MS = 150;

/** @internal Emulator-side access to the scene (not part of the DAZ API). */
export let sceneInternals: {
  setFilename(scene: DzScene, filename: string): void;
  /** How `loadScene` turns a file into nodes (the scene builder provides it). */
  setLoader(scene: DzScene, loader: SceneLoader): void;
  /** How `saveScene` writes the scene to a file (the scene builder provides it). */
  setSaver(scene: DzScene, saver: SceneSaver): void;
  /** The scene as it is now is what its file holds: `needsSave()` is false until the next edit. */
  markSaved(scene: DzScene): void;
  /**
   * Write the scene to `filename` (with the save events) without making it the scene's file or
   * marking it saved.
   */
  writeCopy(scene: DzScene, filename: string): void;
};

/** Reads a scene file and adds its nodes to `scene`; throws with a message on a bad file. */
export type SceneLoader = (scene: DzScene, filename: string) => void;

/** Writes the scene to a file; throws with a message when it cannot. */
export type SceneSaver = (scene: DzScene, filename: string) => void;

/** DzScene.IncludeFlags (dzscene.h), for getBoundingBox. */
const INCLUDE_FLAGS = {
  DzObjectsOnly: 0x00,
  DzIncludeLightsFlag: 0x01,
  DzIncludeCamerasFlag: 0x02,
  DzIncludeNonShadowersFlag: 0x04,
  DzIncludeNonVisibleFlag: 0x08,
  DzIncludeAllFlag: 0xff,
} as const;

/** DzScene.DefaultMethod / OpenNew / MergeFile. */
const MERGE_FILE = 2;

/**
 * The `Scene` global: every node (figures, their bones, props, cameras, lights) in insertion
 * order, typed lists, selection, and the timeline (DzTime is ticks, 4800 per second).
 * Adding and removing nodes, selection and time changes publish the plugin's SSE events.
 */
export class DzScene extends DzBase implements NodeObserver {
  protected readonly classChain = ['DzScene', 'DzBase', 'QObject'] as const;
  readonly #ctx: DomContext;
  readonly #nodes: DzNode[] = [];
  #primary: DzNode | null = null;
  #time = 0;
  #timeStep = TICKS_PER_FRAME_30FPS;
  #playRange = new DzTimeRange(0, 30 * TICKS_PER_FRAME_30FPS);
  #animRange = new DzTimeRange(0, 30 * TICKS_PER_FRAME_30FPS);
  #filename = '';
  #loader: SceneLoader | null = null;
  #saver: SceneSaver | null = null;
  /** `ctx.revision` and `ctx.edits` when the scene was last loaded, cleared or saved. */
  #saved = { revision: 0, edits: 0 };
  #playing: ReturnType<typeof setInterval> | null = null;
  /** The time last published in a `time.changed` event. */
  #announced = 0;
  #looping = false;

  constructor(ctx: DomContext) {
    super('Scene');
    this.#ctx = ctx;
  }

  static {
    sceneInternals = {
      setFilename: (scene, filename) => {
        scene.#filename = filename;
      },
      setLoader: (scene, loader) => {
        scene.#loader = loader;
      },
      setSaver: (scene, saver) => {
        scene.#saver = saver;
      },
      markSaved: (scene) => scene.#markSaved(),
      writeCopy: (scene, filename) => {
        if (!scene.#saver) throw new Error('this scene cannot be saved');
        // The plugin writes the copy with Scene.saveScene, so subscribers see the save events.
        scene.#ctx.emit({ type: 'scene.saving', data: { filename } });
        scene.#saver(scene, filename);
        scene.#ctx.emit({ type: 'scene.saved', data: { filename } });
      },
    };
  }

  // ─── nodes ───
  getNumNodes(): number {
    return this.#nodes.length;
  }

  getNode(index: number): DzNode | null {
    return this.#nodes[Math.trunc(index)] ?? null;
  }

  getNodeList(): DzNode[] {
    return this.#ctx.array(this.#nodes);
  }

  findNode(name: string): DzNode | null {
    return this.#nodes.find((n) => n.getName() === String(name)) ?? null;
  }

  findNodeByLabel(label: string): DzNode | null {
    return this.#nodes.find((n) => n.getLabel() === String(label)) ?? null;
  }

  findNodeByElementID(id: number): DzNode | null {
    return this.#nodes.find((n) => n.elementID === Number(id)) ?? null;
  }

  findNodeIndex(node: DzNode): number {
    return this.#nodes.indexOf(node);
  }

  /** Add a node and its descendants; false if it is already in the scene. */
  addNode(node: DzNode): boolean {
    if (!node || this.#nodes.includes(node)) return false;
    this.#insert(node);
    return true;
  }

  #insert(node: DzNode): void {
    if (!this.#nodes.includes(node)) {
      this.#nodes.push(node);
      this.#ctx.edits++;
      nodeInternals.setObserver(node, this);
      this.#ctx.emit({ type: 'node.added', data: nodeInfo(node) });
      const kind = kindOf(node);
      if (kind) this.#ctx.emit({ type: `${kind}.added`, data: nodeInfo(node) });
    }
    for (let i = 0; i < node.getNumNodeChildren(); i++) this.#insert(node.getNodeChild(i) as DzNode);
  }

  removeNode(node: DzNode): boolean {
    if (!this.#nodes.includes(node)) return false;
    node.getNodeParent()?.removeNodeChild(node);
    this.#remove(node);
    return true;
  }

  #remove(node: DzNode): void {
    for (let i = 0; i < node.getNumNodeChildren(); i++) this.#remove(node.getNodeChild(i) as DzNode);
    const at = this.#nodes.indexOf(node);
    if (at < 0) return;
    // Deselect while the node still reports to the scene, so selection events go out.
    if (node.isSelected()) node.select(false);
    if (this.#primary === node) this.#setPrimary(null);
    this.#nodes.splice(at, 1);
    this.#ctx.edits++;
    nodeInternals.setObserver(node, null);
    const kind = kindOf(node);
    if (kind) this.#ctx.emit({ type: `${kind}.removed`, data: nodeInfo(node) });
    this.#ctx.emit({ type: 'node.removed', data: nodeInfo(node) });
  }

  /** Remove every node. */
  clear(): void {
    this.pause();
    this.#ctx.emit({ type: 'scene.clear_starting', data: {} });
    for (const node of [...this.#nodes].reverse()) if (node.isRootNode()) this.#remove(node);
    this.#time = 0;
    this.#filename = '';
    this.#ctx.revision++;
    this.#markSaved();
    this.#ctx.emit({ type: 'scene.cleared', data: {} });
  }

  // NodeObserver: children attached to a node that is in the scene join the scene.
  nodeChildAdded(_parent: DzNode, child: DzNode): void {
    this.#insert(child);
  }

  nodeChildRemoved(): void {}

  selectionChanged(node: DzNode, selected: boolean): void {
    this.#ctx.emit({ type: 'selection.list_changed', data: {} });
    if (selected && !this.#primary) this.#setPrimary(node);
    else if (!selected && this.#primary === node)
      this.#setPrimary(this.#nodes.find((n) => n.isSelected()) ?? null);
  }

  #setPrimary(node: DzNode | null): void {
    this.#primary = node;
    this.#ctx.emit({ type: 'selection.primary_changed', data: node ? nodeInfo(node) : {} });
  }

  // ─── typed lists ───
  #of<T extends DzNode>(test: (n: DzNode) => n is T): T[] {
    return this.#nodes.filter(test);
  }

  getNumSkeletons(): number {
    return this.#of(isSkeleton).length;
  }
  getSkeleton(i: number): DzSkeleton | null {
    return this.#of(isSkeleton)[Math.trunc(i)] ?? null;
  }
  getSkeletonList(): DzSkeleton[] {
    return this.#ctx.array(this.#of(isSkeleton));
  }
  findSkeleton(name: string): DzSkeleton | null {
    return this.#of(isSkeleton).find((n) => n.getName() === String(name)) ?? null;
  }
  findSkeletonByLabel(label: string): DzSkeleton | null {
    return this.#of(isSkeleton).find((n) => n.getLabel() === String(label)) ?? null;
  }

  /** Cameras only: lights inherit DzCamera but live in their own list. */
  getNumCameras(): number {
    return this.#of(isCamera).length;
  }
  getCamera(i: number): DzCamera | null {
    return this.#of(isCamera)[Math.trunc(i)] ?? null;
  }
  getCameraList(): DzCamera[] {
    return this.#ctx.array(this.#of(isCamera));
  }
  findCamera(name: string): DzCamera | null {
    return this.#of(isCamera).find((n) => n.getName() === String(name)) ?? null;
  }
  findCameraByLabel(label: string): DzCamera | null {
    return this.#of(isCamera).find((n) => n.getLabel() === String(label)) ?? null;
  }

  getNumLights(): number {
    return this.#of(isLight).length;
  }
  getLight(i: number): DzLight | null {
    return this.#of(isLight)[Math.trunc(i)] ?? null;
  }
  getLightList(): DzLight[] {
    return this.#ctx.array(this.#of(isLight));
  }
  findLight(name: string): DzLight | null {
    return this.#of(isLight).find((n) => n.getName() === String(name)) ?? null;
  }
  findLightByLabel(label: string): DzLight | null {
    return this.#of(isLight).find((n) => n.getLabel() === String(label)) ?? null;
  }

  // ─── selection ───
  getPrimarySelection(): DzNode | null {
    return this.#primary;
  }

  setPrimarySelection(node: DzNode): boolean {
    if (!this.#nodes.includes(node)) return false;
    node.select(true);
    if (this.#primary !== node) this.#setPrimary(node);
    return true;
  }

  getSelectedNodeList(): DzNode[] {
    return this.#ctx.array(this.#nodes.filter((n) => n.isSelected()));
  }

  getNumSelectedNodes(): number {
    return this.#nodes.filter((n) => n.isSelected()).length;
  }

  getSelectedNode(i: number): DzNode | null {
    return this.#nodes.filter((n) => n.isSelected())[Math.trunc(i)] ?? null;
  }

  selectAllNodes(onOff: boolean): void {
    for (const n of this.#nodes) n.select(Boolean(onOff));
  }

  getSelectedSkeletonList(): DzSkeleton[] {
    return this.#ctx.array(this.#of(isSkeleton).filter((n) => n.isSelected()));
  }

  // ─── time ───
  getTime(): number {
    return this.#time;
  }

  setTime(ticks: number): void {
    const t = Math.trunc(Number(ticks));
    if (!Number.isFinite(t) || t === this.#time) return;
    this.#time = t;
    this.#announceTime();
  }

  #announceTime(): void {
    const t = this.#time;
    this.#announced = t;
    this.#ctx.emit({ type: 'time.changed', data: { time_ticks: t, time_secs: t / 4800 } });
  }

  getTimeStep(): number {
    return this.#timeStep;
  }

  setTimeStep(ticks: number): void {
    const step = Math.trunc(Number(ticks));
    if (step > 0 && step !== this.#timeStep) {
      this.#timeStep = step;
      this.#ctx.edits++;
    }
  }

  getFrame(): number {
    return Math.floor(this.#time / this.#timeStep);
  }

  /** Clamped to the animation range, as in DAZ Studio. */
  setFrame(frame: number): void {
    const t = Math.trunc(Number(frame)) * this.#timeStep;
    this.setTime(Math.max(this.#animRange.start, Math.min(this.#animRange.end, t)));
  }

  stepTime(frames = 1, forward = true): void {
    this.setFrame(this.getFrame() + (forward ? 1 : -1) * Math.trunc(frames));
  }

  getPlayRange(): DzTimeRange {
    return new DzTimeRange(this.#playRange);
  }

  /** Clamped to the animation range, as DAZ Studio does (dazpy widens the animation range first). */
  setPlayRange(range: DzTimeRange): void {
    this.#playRange = clampRange(new DzTimeRange(range), this.#animRange);
    this.#ctx.edits++;
  }

  getAnimRange(): DzTimeRange {
    return new DzTimeRange(this.#animRange);
  }

  /** The play range stays inside it. */
  setAnimRange(range: DzTimeRange): void {
    this.#animRange = new DzTimeRange(range);
    this.#playRange = clampRange(this.#playRange, this.#animRange);
    this.#ctx.edits++;
  }

  beginTimeEdit(): void {}

  finishTimeEdit(): void {}

  // ─── playback ───
  /**
   * Play the play range from the current time, as the timeline's Play button does: once the
   * script has returned, time advances one frame per frame period (with `realtime`, by the wall
   * clock, skipping frames to keep up); at the end of the range it wraps to the start when
   * looping is on, else playback stops there. As the plugin does, `time.changed` goes out at most
   * every 150 ms while playing, and once more with the time playback stopped at. DAZ Studio has
   * no `stop()`: `pause()` ends playback where it is.
   */
  play(realtime = true): void {
    if (this.#playing) return;
    const range = this.#playRange;
    if (this.#time < range.start || this.#time >= range.end) this.setTime(range.start);
    const periodMs = (this.#timeStep * 1000) / 4800;
    let last = performance.now();
    let announcedAt = last;
    this.#playing = setInterval(() => {
      const now = performance.now();
      const frames = realtime ? Math.max(1, Math.round((now - last) / periodMs)) : 1;
      last = now;
      let next = this.#time + frames * this.#timeStep;
      if (next > this.#playRange.end) {
        if (!this.#looping) {
          this.#time = this.#playRange.end;
          this.pause();
          return;
        }
        next = this.#playRange.start;
      }
      this.#time = next;
      if (now - announcedAt >= PLAYBACK_EVENT_INTERVAL_MS) {
        announcedAt = now;
        this.#announceTime();
      }
    }, periodMs);
    this.#playing.unref?.();
    this.#ctx.emit({ type: 'playback.started', data: {} });
  }

  pause(): void {
    if (!this.#playing) return;
    clearInterval(this.#playing);
    this.#playing = null;
    if (this.#time !== this.#announced) this.#announceTime();
    this.#ctx.emit({ type: 'playback.finished', data: {} });
  }

  isPlaying(): boolean {
    return this.#playing !== null;
  }

  /** Whether playback wraps around at the end of the play range. */
  loopPlayback(onOff: boolean): void {
    this.#looping = Boolean(onOff);
  }

  isLoopingEnabled(): boolean {
    return this.#looping;
  }

  // ─── file ───
  /**
   * Load a scene file (in the emulator: a dazport scene JSON file) replacing the scene, or merged
   * into it with `method` 2 (MergeFile). Returns a DzError: 0 on success, 1 when the file cannot
   * be read or is not a scene (the reason is printed, as DAZ Studio logs it).
   */
  loadScene(filename: string, method = 0): number {
    const file = String(filename);
    this.#ctx.emit({ type: 'scene.loading', data: {} });
    if (Number(method) !== MERGE_FILE) this.clear();
    try {
      if (!this.#loader) throw new Error('this scene cannot load files');
      this.#loader(this, file);
    } catch (err) {
      this.#ctx.realm.evaluate<(m: string) => void>('print')(`loadScene: ${(err as Error).message}`);
      this.#ctx.emit({ type: 'scene.loaded', data: {} });
      return 1;
    }
    this.#filename = file;
    if (Number(method) !== MERGE_FILE) this.#markSaved();
    this.#ctx.emit({ type: 'scene.loaded', data: {} });
    return 0;
  }

  /**
   * Save the scene to `filename` (default: its own file) in the emulator's scene file format,
   * which `loadScene` reads back (see scenes/save-scene.ts for what it holds). The file becomes the
   * scene's file and `needsSave()` turns false. Returns a DzError: 0 on success, 1 when there is
   * no file name or the file cannot be written (the reason is printed, as DAZ Studio logs it).
   */
  saveScene(filename?: string): number {
    const file = filename === undefined || filename === null ? this.#filename : String(filename);
    const print = this.#ctx.realm.evaluate<(m: string) => void>('print');
    if (!file) {
      print('saveScene: no file name, and the scene has never been saved');
      return 1;
    }
    this.#ctx.emit({ type: 'scene.saving', data: { filename: file } });
    try {
      if (!this.#saver) throw new Error('this scene cannot be saved');
      this.#saver(this, file);
    } catch (err) {
      print(`saveScene: ${(err as Error).message}`);
      return 1;
    }
    this.#filename = file;
    this.#markSaved();
    this.#ctx.emit({ type: 'scene.saved', data: { filename: file } });
    return 0;
  }

  #markSaved(): void {
    this.#saved = { revision: this.#ctx.revision, edits: this.#ctx.edits };
  }

  /** Mark the scene modified, as DAZ Studio's `markChanged()` does. */
  markChanged(): void {
    this.#ctx.edits++;
  }

  getFilename(): string {
    return this.#filename;
  }

  /**
   * True once anything saved with the scene changed since it was loaded, cleared or saved: a
   * property value or key (transforms, poses, morphs, materials, lights), an undo or redo, a node
   * added, removed or re-parented, a label, visibility, the timeline's ranges or `markChanged()`.
   * Selection and the current time are not saved with a scene here, so they do not count.
   */
  needsSave(): boolean {
    return this.#ctx.revision !== this.#saved.revision || this.#ctx.edits !== this.#saved.edits;
  }

  update(): void {}

  // ─── bounds ───
  get DzObjectsOnly(): number {
    return INCLUDE_FLAGS.DzObjectsOnly;
  }
  get DzIncludeLightsFlag(): number {
    return INCLUDE_FLAGS.DzIncludeLightsFlag;
  }
  get DzIncludeCamerasFlag(): number {
    return INCLUDE_FLAGS.DzIncludeCamerasFlag;
  }
  get DzIncludeNonShadowersFlag(): number {
    return INCLUDE_FLAGS.DzIncludeNonShadowersFlag;
  }
  get DzIncludeNonVisibleFlag(): number {
    return INCLUDE_FLAGS.DzIncludeNonVisibleFlag;
  }
  get DzIncludeAllFlag(): number {
    return INCLUDE_FLAGS.DzIncludeAllFlag;
  }

  /**
   * The world box around the scene's nodes with geometry (each as getWSBoundingBox gives it),
   * plus lights and cameras when `flags` say so, and hidden nodes only with
   * DzIncludeNonVisibleFlag. Every emulated object casts shadows, so DzIncludeNonShadowersFlag
   * changes nothing. An empty box (isValid() false) when nothing qualifies.
   */
  getBoundingBox(flags: number = INCLUDE_FLAGS.DzIncludeAllFlag): DzBox3 {
    const f = Math.trunc(Number(flags));
    const box = new DzBox3();
    for (const node of this.#nodes) {
      if (!node.isVisible() && !(f & INCLUDE_FLAGS.DzIncludeNonVisibleFlag)) continue;
      const wanted = isLight(node)
        ? f & INCLUDE_FLAGS.DzIncludeLightsFlag
        : isCamera(node)
          ? f & INCLUDE_FLAGS.DzIncludeCamerasFlag
          : node.getObject() !== null;
      if (wanted) box.include(node.getWSBoundingBox());
    }
    return box;
  }
}

function clampRange(range: DzTimeRange, within: DzTimeRange): DzTimeRange {
  const clamp = (t: number) => Math.max(within.start, Math.min(within.end, t));
  return new DzTimeRange(clamp(range.start), clamp(range.end));
}

function isSkeleton(n: DzNode): n is DzSkeleton {
  return n instanceof DzSkeleton;
}

function isCamera(n: DzNode): n is DzCamera {
  return n instanceof DzCamera && !(n instanceof DzLight);
}

function isLight(n: DzNode): n is DzLight {
  return n instanceof DzLight;
}

function kindOf(node: DzNode): 'skeleton' | 'camera' | 'light' | null {
  if (isSkeleton(node)) return 'skeleton';
  if (isLight(node)) return 'light';
  if (isCamera(node)) return 'camera';
  return null;
}
