import type { DomContext } from '../dom-context.js';
import { DzTexture } from '../dz-texture.js';
import { DzERCLink } from './dz-erc-link.js';
import { DzProperty } from './dz-property.js';
import { INTERP_LINEAR, KeyTrack } from './key-track.js';

export interface NumericOptions {
  value?: number;
  min?: number;
  max?: number;
  clamped?: boolean;
  /** A texture map may be attached (material channels). */
  mappable?: boolean;
  /** Initial map (image file path). */
  map?: string | null;
}

/**
 * DzNumericProperty: the animatable numeric core (keys, min/max, clamping, a texture map).
 * `getValue()` without a time evaluates at the current scene time; `setValue(v)` without a time
 * sets the static value, or, once the property has keys, the key at the current time.
 */
export abstract class DzNumericProperty extends DzProperty {
  #min: number;
  #max: number;
  #clamped: boolean;
  readonly #default: number;
  readonly #mappable: boolean;
  #map: DzTexture | null;

  constructor(ctx: DomContext, name: string, label: string, options: NumericOptions = {}) {
    const value = options.value ?? 0;
    super(ctx, name, label, new KeyTrack(value));
    this.#default = value;
    this.#min = options.min ?? -1e10;
    this.#max = options.max ?? 1e10;
    this.#clamped = options.clamped ?? false;
    this.#mappable = options.mappable ?? false;
    this.#map = options.map ? new DzTexture(options.map) : null;
  }

  override isNumeric(): boolean {
    return true;
  }

  /** The property's own (keyed) value, before its ERC controllers and clamping. */
  getRawValue(time?: number): number {
    return this.#track.evaluate(time === undefined ? this.ctx.clock.now() : Math.trunc(Number(time)));
  }

  /** The value DAZ shows: the raw value through every controller (ERC links), then clamped. */
  getDoubleValue(time?: number): number {
    const t = time === undefined ? this.ctx.clock.now() : Math.trunc(Number(time));
    let v = this.getRawValue(t);
    for (const link of controllersOf(this)) v = DzERCLink.applyLink(link, v, t);
    return this.#clamp(v);
  }

  /** `(value)` or `(time, value)`. */
  setDoubleValue(a: number, b?: number): void {
    if (b === undefined) this.setNumber(Number(a));
    else this.setNumber(Number(b), Math.trunc(Number(a)));
  }

  getDefaultValue(): number {
    return this.#default;
  }

  getMin(): number {
    return this.#min;
  }

  getMax(): number {
    return this.#max;
  }

  setMinMax(min: number, max: number): void {
    this.#min = Number(min);
    this.#max = Number(max);
  }

  isClamped(): boolean {
    return this.#clamped;
  }

  setIsClamped(onOff: boolean): void {
    this.#clamped = Boolean(onOff);
  }

  getKeyValue(i: number): number {
    return this.#track.values[Math.trunc(i)] ?? 0;
  }

  setKeyValue(i: number, value: number): void {
    const k = Math.trunc(i);
    if (k >= 0 && k < this.#track.values.length) {
      this.ctx.undo.willChange(this.#track);
      this.#track.values[k] = Number(value);
      this.changed();
    }
  }

  // ─── maps ───
  isMappable(): boolean {
    return this.#mappable;
  }

  isMapped(): boolean {
    return this.#map !== null;
  }

  getMapValue(): DzTexture | null {
    return this.#map;
  }

  setMap(image: string | DzTexture): void {
    if (!this.#mappable) return;
    this.#map = image instanceof DzTexture ? image : image ? new DzTexture(String(image)) : null;
    this.changed();
  }

  clearMap(): void {
    this.#map = null;
    this.changed();
  }

  /** @internal Set a number, keyed at `time` when given, or at the current time once keyed. */
  protected setNumber(value: number, time?: number, interp = INTERP_LINEAR): void {
    if (!Number.isFinite(value)) throw this.ctx.typeError(`${this.getName()}: value must be a finite number`);
    const v = this.#clamp(value);
    this.ctx.undo.willChange(this.#track);
    if (time !== undefined) this.#track.setKey(time, v, interp);
    else if (this.#track.hasKeys) this.#track.setKey(this.ctx.clock.now(), v, interp);
    else this.#track.staticValue = v;
    this.changed();
  }

  get #track(): KeyTrack {
    return this.track as KeyTrack;
  }

  #clamp(v: number): number {
    return this.#clamped ? Math.min(this.#max, Math.max(this.#min, v)) : v;
  }
}

const statics = DzProperty as unknown as {
  controllersOf(p: DzProperty): readonly DzERCLink[];
  link(driven: DzProperty, link: DzERCLink, driver: DzProperty): void;
};
const controllersOf = (p: DzProperty) => statics.controllersOf(p);

/**
 * @internal Add an ERC link to `driven` (what DAZ does when it loads a DSON formula): `link`
 * drives `driven` from its own `getProperty()`. Not a script API.
 */
export function addPropertyLink(driven: DzNumericProperty, link: DzERCLink): void {
  DzERCLink.attach(link, driven);
  statics.link(driven, link, link.getProperty());
}
