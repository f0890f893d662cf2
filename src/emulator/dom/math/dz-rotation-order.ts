import {
  type Axis,
  isRotationOrderName,
  orderAxes,
  orderFromAxes,
  ROTATION_ORDERS,
  type RotationOrderName,
} from '../../../math/rotation-order.js';
import { DZ_SERIALIZE } from '../../runtime/json-builder.js';

/**
 * DzRotationOrder: `order` (XYZ=0 … ZYX=5) and the three axes (x=0, y=1, z=2). Returned by
 * `getRotationOrder()`; its `toString()` is the order's letters ("YZX"). Serialized as the
 * property map the plugin produces for value objects (`{order, firstAxis, ...}`).
 */
export class DzRotationOrder {
  #name: RotationOrderName = 'XYZ';

  /** `()`, `(order: number | string | DzRotationOrder)` or `(first, second, third)`. */
  constructor(a?: number | string | DzRotationOrder, b?: number, c?: number) {
    if (a instanceof DzRotationOrder) this.#name = a.#name;
    else if (typeof a === 'string' && isRotationOrderName(a.toUpperCase()))
      this.#name = a.toUpperCase() as RotationOrderName;
    else if (typeof a === 'number' && b !== undefined && c !== undefined) {
      this.#name = orderFromAxes(a as Axis, b as Axis, c as Axis) ?? 'XYZ';
    } else if (typeof a === 'number' && ROTATION_ORDERS[a]) this.#name = ROTATION_ORDERS[a];
  }

  get order(): number {
    return ROTATION_ORDERS.indexOf(this.#name);
  }

  get firstAxis(): number {
    return orderAxes(this.#name)[0];
  }

  get secondAxis(): number {
    return orderAxes(this.#name)[1];
  }

  get thirdAxis(): number {
    return orderAxes(this.#name)[2];
  }

  setOrder(first: number, second: number, third: number): void {
    this.#name = orderFromAxes(first as Axis, second as Axis, third as Axis) ?? this.#name;
  }

  toString(): string {
    return this.#name;
  }

  [DZ_SERIALIZE](): unknown {
    return {
      firstAxis: this.firstAxis,
      order: this.order,
      secondAxis: this.secondAxis,
      thirdAxis: this.thirdAxis,
    };
  }
}

/** @internal The order's letters, for emulator code. */
export function rotationOrderName(order: DzRotationOrder): RotationOrderName {
  return order.toString() as RotationOrderName;
}
