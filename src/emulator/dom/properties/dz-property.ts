import type { DomContext } from '../dom-context.js';
import { DzBase } from '../dz-base.js';
import { DzTimeRange } from '../math/dz-time-range.js';
import type { DzERCLink } from './dz-erc-link.js';
import type { KeyTrack } from './key-track.js';

/** Who owns a property: anything with a label (a node, a material, a modifier). */
export interface PropertyOwner {
  getLabel(): string;
}

/**
 * DzProperty: name, label, owner and the key API shared by all animatable properties.
 * DzProperty itself has no getValue/setValue (the subclasses define them, as in DAZ Studio).
 */
export abstract class DzProperty extends DzBase {
  #label: string;
  #owner: PropertyOwner | null = null;
  /** Links that drive this property (ERC: a JCM's value driven by a bone's rotation). */
  readonly #controllers: DzERCLink[] = [];
  /** Links this property drives. */
  readonly #slaves: DzERCLink[] = [];
  protected readonly ctx: DomContext;
  /** The curve for animatable properties; null for static ones (images, strings). */
  protected readonly track: KeyTrack | null;

  constructor(ctx: DomContext, name: string, label: string, track: KeyTrack | null) {
    super(name);
    this.ctx = ctx;
    this.#label = label;
    this.track = track;
  }

  getLabel(): string {
    return this.#label;
  }

  setLabel(label: string): void {
    this.#label = String(label);
  }

  getOwner(): PropertyOwner | null {
    return this.#owner;
  }

  getPath(): string {
    return this.#owner ? `/${this.#owner.getLabel()}/${this.getName()}` : `/${this.getName()}`;
  }

  isNumeric(): boolean {
    return false;
  }

  canAnimate(): boolean {
    return this.track !== null;
  }

  getNumKeys(range?: DzTimeRange): number {
    if (!this.track) return 0;
    if (range instanceof DzTimeRange)
      return this.track.times.filter((t) => t >= range.start && t <= range.end).length;
    return this.track.times.length;
  }

  getKeyTime(i: number): number {
    return this.track?.times[Math.trunc(i)] ?? 0;
  }

  hasKeys(): boolean {
    return this.track?.hasKeys ?? false;
  }

  findKeyIndex(time: number): number {
    return this.track?.indexOf(Math.trunc(Number(time))) ?? -1;
  }

  getKeyRange(): DzTimeRange {
    const times = this.track?.times ?? [];
    return times.length ? new DzTimeRange(times[0], times[times.length - 1]) : new DzTimeRange(0, 0);
  }

  getKeyInterpolationType(i: number): number {
    return this.track?.interps[Math.trunc(i)] ?? 0;
  }

  deleteAllKeys(): void {
    if (this.track?.hasKeys) {
      this.ctx.undo.willChange(this.track);
      // DAZ keeps the value the curve had at the current time as the static value.
      this.track.staticValue = this.track.evaluate(this.ctx.clock.now());
      this.track.deleteAll();
      this.changed();
    }
  }

  /** `(interval: DzTimeRange)` or `(start, end)` in ticks; returns how many keys went. */
  deleteKeys(a: DzTimeRange | number, b?: number): number {
    if (!this.track) return 0;
    const [start, end] = a instanceof DzTimeRange ? [a.start, a.end] : [Number(a), Number(b ?? a)];
    this.ctx.undo.willChange(this.track);
    const removed = this.track.deleteRange(start, end);
    if (removed) this.changed();
    return removed;
  }

  // ─── controllers (ERC links) ───
  getNumControllers(): number {
    return this.#controllers.length;
  }

  getController(idx: number): DzERCLink | null {
    return this.#controllers[Math.trunc(idx)] ?? null;
  }

  getControllerList(): DzERCLink[] {
    return [...this.#controllers];
  }

  hasControllers(): boolean {
    return this.#controllers.length > 0;
  }

  getNumSlaveControllers(): number {
    return this.#slaves.length;
  }

  getSlaveController(idx: number): DzERCLink | null {
    return this.#slaves[Math.trunc(idx)] ?? null;
  }

  getSlaveControllerList(): DzERCLink[] {
    return [...this.#slaves];
  }

  hasSlaveControllers(): boolean {
    return this.#slaves.length > 0;
  }

  /** @internal The links driving `property`, in the order they apply. */
  protected static controllersOf(property: DzProperty): readonly DzERCLink[] {
    return property.#controllers;
  }

  /** @internal Link `driven` to its driver: the link applies to `driven`, the driver lists it. */
  protected static link(driven: DzProperty, link: DzERCLink, driver: DzProperty): void {
    driven.#controllers.push(link);
    driver.#slaves.push(link);
    driven.changed();
  }

  /** @internal Record the owner when the property is attached to an element. */
  protected static attachOwner(property: DzProperty, owner: PropertyOwner): void {
    property.#owner = owner;
  }

  protected changed(): void {
    this.ctx.revision++;
  }
}

/** @internal Attach a property to its owner (not a script API). */
export function setPropertyOwner(property: DzProperty, owner: PropertyOwner): void {
  (DzProperty as unknown as { attachOwner(p: DzProperty, o: PropertyOwner): void }).attachOwner(
    property,
    owner,
  );
}
