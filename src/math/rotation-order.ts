/**
 * Euler rotation orders as DAZ Studio uses them. An order names three axes; the rotation is
 * intrinsic, applied first-axis first: R = R(first) · R(second) · R(third) with column vectors
 * (so a vector is turned by the third axis first, in the frame already turned by the others).
 * The first axis is a bone's long (twist) axis. Angles in DAZ channels are degrees.
 */
export type RotationOrderName = 'XYZ' | 'XZY' | 'YXZ' | 'YZX' | 'ZXY' | 'ZYX';

/** DzRotationOrder enum values. */
export const ROTATION_ORDERS: readonly RotationOrderName[] = ['XYZ', 'XZY', 'YXZ', 'YZX', 'ZXY', 'ZYX'];

/** Axis indices: x = 0, y = 1, z = 2 (DzRotationOrder.firstAxis ...). */
export type Axis = 0 | 1 | 2;

export function orderAxes(order: RotationOrderName): [Axis, Axis, Axis] {
  return [axisIndex(order[0]), axisIndex(order[1]), axisIndex(order[2])];
}

function axisIndex(letter: string): Axis {
  return (letter.charCodeAt(0) - 88) as Axis; // 'X' = 88
}

export function orderFromAxes(a: Axis, b: Axis, c: Axis): RotationOrderName | undefined {
  const name = `${'XYZ'[a]}${'XYZ'[b]}${'XYZ'[c]}`;
  return (ROTATION_ORDERS as readonly string[]).includes(name) ? (name as RotationOrderName) : undefined;
}

export function isRotationOrderName(value: string): value is RotationOrderName {
  return (ROTATION_ORDERS as readonly string[]).includes(value);
}
