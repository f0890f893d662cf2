/**
 * DzERCLink: DAZ Studio's property link ("ERC", Enhanced Remote Control), the controller through
 * which a bone's rotation drives a joint corrective morph (JCM). The link sits on the property it
 * drives (the morph's value: `getOwner()`, found with `getNumControllers()`/`getController(i)`)
 * and reads the property that drives it (`getProperty()`, a bone's `XRotate` …, which lists the
 * link among its `getSlaveController(i)`).
 *
 * Evaluation, as DAZ documents the link types (docs.daz3d.com …/object_index/erclink_dz) and the
 * DSON formulas JCMs are saved as: the driven property's value at time t is its own (raw, keyed)
 * value, then each active controller in order applies its operation with the driver's value at t:
 * `ERCDeltaAdd` adds scalar × driver + addend, `ERCAdd`/`ERCSubtract`/`ERCMultiply`/`ERCDivideBy`
 * combine the driver's value, `ERCDivideInto` divides the driver by the value, and `ERCKeyed`
 * adds the value its keys give for the driver's value: linear (or constant) between keys, held
 * at the first and last key beyond them (a JCM keyed 0° → 0, 35° → 1 stays 1 past 35°). The
 * property then clamps to its limits as usual.
 *
 * Only the members DAZ documents are public; TCB keyed links are taken as linear here (the
 * emulator's figures use linear ones, as Genesis JCMs do).
 */
import { DzBase } from '../dz-base.js';
import type { DzNumericProperty } from './dz-numeric-property.js';

/** DzERCLink::ERCType, in DAZ's order. */
export const ERC_TYPES = {
  ERCDeltaAdd: 0,
  ERCDivideInto: 1,
  ERCDivideBy: 2,
  ERCMultiply: 3,
  ERCSubtract: 4,
  ERCAdd: 5,
  ERCKeyed: 6,
} as const;

/** DzERCLink::ERCKeyInterpolation. */
export const ERC_INTERP = { LINEAR_INTERP: 0, CONSTANT_INTERP: 1, TCB_INTERP: 2 } as const;

export class DzERCLink extends DzBase {
  protected readonly classChain = [
    'DzERCLink',
    'DzNumericController',
    'DzController',
    'DzBase',
    'QObject',
  ] as const;
  static readonly ERCDeltaAdd = ERC_TYPES.ERCDeltaAdd;
  static readonly ERCDivideInto = ERC_TYPES.ERCDivideInto;
  static readonly ERCDivideBy = ERC_TYPES.ERCDivideBy;
  static readonly ERCMultiply = ERC_TYPES.ERCMultiply;
  static readonly ERCSubtract = ERC_TYPES.ERCSubtract;
  static readonly ERCAdd = ERC_TYPES.ERCAdd;
  static readonly ERCKeyed = ERC_TYPES.ERCKeyed;
  static readonly LINEAR_INTERP = ERC_INTERP.LINEAR_INTERP;
  static readonly CONSTANT_INTERP = ERC_INTERP.CONSTANT_INTERP;
  static readonly TCB_INTERP = ERC_INTERP.TCB_INTERP;

  /** Holds whether the controller is evaluated and applied. */
  active = true;
  /** Holds the scalar (multiplier) of an ERCDeltaAdd link. */
  scalar: number;
  /** Holds the addend of the link. */
  addend: number;
  /** Holds the interpolation of an ERCKeyed link's keys. */
  keyInterpolation: number = ERC_INTERP.LINEAR_INTERP;
  #type: number;
  #driver: DzNumericProperty;
  #owner: DzNumericProperty | null = null;
  /** ERCKeyed: driver values (ascending) and the values they give. */
  readonly #keys: number[] = [];
  readonly #values: number[] = [];

  constructor(type: number, property: DzNumericProperty, scalar = 1, addend = 0) {
    super('');
    this.#type = Math.trunc(Number(type));
    this.#driver = property;
    this.scalar = Number(scalar);
    this.addend = Number(addend);
  }

  /** Holds the type of operation the link performs (ERCType). */
  get type(): number {
    return this.#type;
  }

  set type(value: number) {
    this.#type = Math.trunc(Number(value));
  }

  /** The property this link drives (the one it was added to). */
  getOwner(): DzNumericProperty | null {
    return this.#owner;
  }

  /** The property that drives this link. */
  getProperty(): DzNumericProperty {
    return this.#driver;
  }

  /** The driving property (the emulator has no 'Fit To' redirection). */
  getCurrentProperty(): DzNumericProperty {
    return this.#driver;
  }

  setProperty(property: DzNumericProperty): void {
    this.#driver = property;
  }

  /** Adds (driver value → value) to an ERCKeyed link; the index it went to, else 0. */
  addKeyValue(key: number, value: number): number {
    if (this.#type !== ERC_TYPES.ERCKeyed) return 0;
    const k = Number(key);
    let i = 0;
    while (i < this.#keys.length && this.#keys[i] < k) i++;
    if (this.#keys[i] === k) this.#values[i] = Number(value);
    else {
      this.#keys.splice(i, 0, k);
      this.#values.splice(i, 0, Number(value));
    }
    return i;
  }

  clearKeys(): void {
    this.#keys.length = 0;
    this.#values.length = 0;
  }

  getNumKeyValues(): number {
    return this.#type === ERC_TYPES.ERCKeyed ? this.#keys.length : 0;
  }

  getKey(which: number): number {
    return this.#keys[Math.trunc(which)] ?? 0;
  }

  getKeyValue(which: number): number {
    return this.#values[Math.trunc(which)] ?? 0;
  }

  findKeyIndex(key: number): number {
    return this.#type === ERC_TYPES.ERCKeyed ? this.#keys.indexOf(Number(key)) : -1;
  }

  removeKeyValue(which: number): boolean {
    const i = Math.trunc(which);
    if (i < 0 || i >= this.#keys.length) return false;
    this.#keys.splice(i, 1);
    this.#values.splice(i, 1);
    return true;
  }

  /** ERCKeyed: the value the keys give for a driver value `val`; otherwise 0. */
  getKeyOpValue(val: number): number {
    const n = this.#keys.length;
    if (this.#type !== ERC_TYPES.ERCKeyed || n === 0) return 0;
    const x = Number(val);
    if (x <= this.#keys[0]) return this.#values[0];
    if (x >= this.#keys[n - 1]) return this.#values[n - 1];
    let i = 0;
    while (this.#keys[i + 1] <= x) i++;
    if (this.keyInterpolation === ERC_INTERP.CONSTANT_INTERP) return this.#values[i];
    const t = (x - this.#keys[i]) / (this.#keys[i + 1] - this.#keys[i]);
    return this.#values[i] + t * (this.#values[i + 1] - this.#values[i]);
  }

  /** @internal The link's operation on `value`, with the driver evaluated at `time` (ticks). */
  static applyLink(link: DzERCLink, value: number, time: number): number {
    if (!link.active) return value;
    const src = link.#driver.getDoubleValue(time);
    switch (link.#type) {
      case ERC_TYPES.ERCDeltaAdd:
        return value + link.scalar * src + link.addend;
      case ERC_TYPES.ERCDivideInto:
        return value === 0 ? value : src / value;
      case ERC_TYPES.ERCDivideBy:
        return src === 0 ? value : value / src;
      case ERC_TYPES.ERCMultiply:
        return value * src;
      case ERC_TYPES.ERCSubtract:
        return value - src;
      case ERC_TYPES.ERCAdd:
        return value + src;
      case ERC_TYPES.ERCKeyed:
        return value + link.getKeyOpValue(src);
      default:
        return value;
    }
  }

  /** @internal Record the property the link was added to. */
  static attach(link: DzERCLink, owner: DzNumericProperty): void {
    link.#owner = owner;
  }
}
