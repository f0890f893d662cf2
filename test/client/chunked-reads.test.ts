import { describe, expect, it } from 'vitest';
import { readChunks } from '../../src/client/chunked-reads.js';

async function collect(total: number, targetBytes: number, bytesPerElement: number, concurrency = 3) {
  const calls: [number, number][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const chunks = [];
  for await (const chunk of readChunks(
    { total, guessBytesPerElement: bytesPerElement, targetBytes, concurrency },
    async (start, count) => {
      calls.push([start, count]);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 1 + ((start * 7) % 5)));
      inFlight--;
      return { value: Array.from({ length: count }, (_, i) => start + i), bytes: count * bytesPerElement };
    },
  )) {
    chunks.push(chunk);
  }
  return { calls, chunks, maxInFlight };
}

describe('readChunks', () => {
  it('reads nothing for an empty array', async () => {
    const r = await collect(0, 100, 10);
    expect(r.calls).toEqual([]);
    expect(r.chunks).toEqual([]);
  });

  it('reads a single element', async () => {
    const r = await collect(1, 100, 10);
    expect(r.chunks).toEqual([{ start: 0, count: 1, value: [0] }]);
  });

  it('covers exact multiples of the chunk size with no empty tail chunk', async () => {
    const r = await collect(40, 100, 10);
    expect(r.calls).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
      [30, 10],
    ]);
  });

  it('yields in order, every element once, with at most `concurrency` requests in flight', async () => {
    const r = await collect(1003, 70, 10, 3);
    expect(r.chunks.flatMap((c) => c.value)).toEqual(Array.from({ length: 1003 }, (_, i) => i));
    expect(r.maxInFlight).toBeLessThanOrEqual(3);
    expect(r.maxInFlight).toBeGreaterThan(1);
  });

  it('takes the whole array in one chunk when the target is huge', async () => {
    const r = await collect(500, 1e12, 10);
    expect(r.calls).toEqual([[0, 500]]);
  });

  it('adapts the chunk size to the measured bytes per element', async () => {
    const calls: number[] = [];
    for await (const _ of readChunks(
      { total: 10_000, guessBytesPerElement: 10, targetBytes: 1_000, concurrency: 1 },
      async (_start, count) => {
        calls.push(count);
        return { value: null, bytes: count * 40 }; // four times the guess
      },
    )) {
      // consume
    }
    expect(calls[0]).toBe(100);
    expect(calls.at(-2)).toBeLessThanOrEqual(30); // converges towards 1000 / 40 = 25
  });
});
