import { expect } from 'vitest';

/** Element-wise toBeCloseTo for number tuples, with a label naming the failing component. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  digits: number,
  label = '',
): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(actual[i], `${label}[${i}]`).toBeCloseTo(expected[i], digits);
}
