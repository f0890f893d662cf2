import type { ScriptRealm } from '../runtime/script-runtime.js';
import type { SceneEvent } from '../runtime/worker-protocol.js';
import { DzBase } from './dz-base.js';
import type { DzNode } from './dz-node.js';

/** DAZ time: an integer tick count, 4800 ticks per second. */
export const TICKS_PER_SECOND = 4800;

/** Receives scene events (node added, time changed ...) for the server's SSE stream. */
export type SceneEventSink = (event: SceneEvent) => void;

/** The `Scene` global: every node in the scene, in depth-first order, with lookups; the timeline. */
export class DzScene extends DzBase {
  protected readonly classChain = ['DzScene', 'DzBase', 'QObject'] as const;
  readonly #nodes: DzNode[] = [];
  readonly #realm: ScriptRealm;
  readonly #emit: SceneEventSink;
  #timeTicks = 0;
  /** Ticks per frame: 160 is 30 fps, DAZ Studio's default. */
  #timeStep = 160;

  constructor(realm: ScriptRealm, roots: DzNode[], emit: SceneEventSink = () => {}) {
    super('Scene');
    this.#realm = realm;
    this.#emit = emit;
    for (const root of roots) root.collect(this.#nodes);
  }

  getTime(): number {
    return this.#timeTicks;
  }

  setTime(ticks: number): void {
    const t = Math.trunc(Number(ticks));
    if (!Number.isFinite(t) || t === this.#timeTicks) return;
    this.#timeTicks = t;
    this.#emit({ type: 'time.changed', data: { time_ticks: t, time_secs: t / TICKS_PER_SECOND } });
  }

  getTimeStep(): number {
    return this.#timeStep;
  }

  setTimeStep(ticks: number): void {
    const step = Math.trunc(Number(ticks));
    if (step > 0) this.#timeStep = step;
  }

  getFrame(): number {
    return Math.floor(this.#timeTicks / this.#timeStep);
  }

  setFrame(frame: number): void {
    this.setTime(Math.trunc(Number(frame)) * this.#timeStep);
  }

  getNumNodes(): number {
    return this.#nodes.length;
  }

  getNode(index: number): DzNode | null {
    return this.#nodes[index] ?? null;
  }

  getNodeList(): DzNode[] {
    const list = this.#realm.evaluate<DzNode[]>('[]');
    for (const node of this.#nodes) list.push(node);
    return list;
  }

  findNode(name: string): DzNode | null {
    return this.#nodes.find((n) => n.getName() === String(name)) ?? null;
  }

  findNodeByLabel(label: string): DzNode | null {
    return this.#nodes.find((n) => n.getLabel() === String(label)) ?? null;
  }
}
