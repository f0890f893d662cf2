import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChunks } from '../../src/client/chunked-reads.js';
import { RequestBudget } from '../../src/client/request-budget.js';

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

describe('readChunks with a shared RequestBudget', () => {
  /** Reads arrays of the given lengths side by side through one budget; counts requests in flight. */
  async function readSideBySide(lengths: number[], slots: number, delay: (array: number) => number) {
    const budget = new RequestBudget(slots);
    let inFlight = 0;
    let maxInFlight = 0;
    const inFlightWhileAlone: number[] = [];
    let finished = 0;
    const read = async (array: number) => {
      const values: number[] = [];
      for await (const chunk of readChunks(
        { total: lengths[array], guessBytesPerElement: 1, targetBytes: 10, concurrency: slots, budget },
        async (start, count) => {
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          if (finished === lengths.length - 1) inFlightWhileAlone.push(inFlight);
          await new Promise((r) => setTimeout(r, delay(array)));
          inFlight--;
          return { value: Array.from({ length: count }, (_, i) => start + i), bytes: count };
        },
      )) {
        values.push(...chunk.value);
      }
      finished++;
      return values;
    };
    const results = await Promise.all(lengths.map((_, i) => read(i)));
    return { results, maxInFlight, inFlightWhileAlone };
  }

  it('bounds the requests of all arrays together, and the last array left takes every slot', async () => {
    const r = await readSideBySide([30, 40, 400], 4, (array) => (array === 2 ? 3 : 1));
    r.results.forEach((values, i) => {
      expect(values).toEqual(Array.from({ length: [30, 40, 400][i] }, (_, k) => k));
    });
    expect(r.maxInFlight).toBeLessThanOrEqual(4);
    // With a fixed share each (4 / 3 → 1), the long array would be alone with one request.
    expect(Math.max(...r.inFlightWhileAlone)).toBe(4);
  });

  it('gives every slot back when a consumer stops early or a request fails', async () => {
    const budget = new RequestBudget(2);
    const plan = { total: 100, guessBytesPerElement: 1, targetBytes: 10, concurrency: 2, budget };
    for await (const _ of readChunks(plan, async (start, count) => ({
      value: start + count,
      bytes: count,
    }))) {
      break;
    }
    let calls = 0;
    const failing = readChunks(plan, async () => {
      calls++;
      throw new Error('connection reset');
    });
    await expect(failing.next()).rejects.toThrow('connection reset');
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBeGreaterThan(0);
    // Both slots are free again: two can be taken at once, a third cannot.
    expect([budget.tryAcquire(), budget.tryAcquire(), budget.tryAcquire()]).toEqual([true, true, false]);
  });
});

describe('readChunks when a later request fails while an earlier one is pending', () => {
  const unhandled: unknown[] = [];
  const listen = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', listen);
  });
  afterEach(() => {
    process.off('unhandledRejection', listen);
  });
  const plan = { total: 40, guessBytesPerElement: 1, targetBytes: 10, concurrency: 3 };
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('throws the failure at once, without waiting for the earlier answer, and leaves no rejection unobserved', async () => {
    const started = performance.now();
    let releaseFirst = () => {};
    const read = async () => {
      for await (const _ of readChunks(plan, (start, count): Promise<{ value: number; bytes: number }> => {
        if (start === 10) return settle(5).then(() => Promise.reject(new Error('chunk 1 failed')));
        // Chunk 0 answers only when the test lets it: after the failure is in.
        return new Promise((resolve) => {
          releaseFirst = () => resolve({ value: start, bytes: count });
        });
      })) {
        // consume
      }
    };
    await expect(read()).rejects.toThrow('chunk 1 failed');
    expect(performance.now() - started).toBeLessThan(1_000);
    releaseFirst();
    await settle(20);
    expect(unhandled).toEqual([]);
  });

  it('throws the earliest failure when the earlier request fails too, later', async () => {
    const read = async () => {
      for await (const _ of readChunks(plan, (start) =>
        settle(start === 0 ? 60 : start === 10 ? 5 : 30).then(() =>
          Promise.reject(new Error(`chunk ${start / 10} failed`)),
        ),
      )) {
        // consume
      }
    };
    await expect(read()).rejects.toThrow('chunk 1 failed');
    await settle(100); // chunks 0 and 2 fail after the generator has thrown
    expect(unhandled).toEqual([]);
  });

  it('still yields the chunks before the failure, in order', async () => {
    const seen: number[] = [];
    const read = async () => {
      for await (const chunk of readChunks(plan, (start, count) =>
        start === 20
          ? Promise.reject(new Error('chunk 2 failed'))
          : Promise.resolve({ value: start, bytes: count }),
      )) {
        seen.push(chunk.value);
      }
    };
    await expect(read()).rejects.toThrow('chunk 2 failed');
    expect(seen).toEqual([0, 10]);
    await settle(10);
    expect(unhandled).toEqual([]);
  });

  it('does not kill a Node process run with default settings', async () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const tsx = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
    const fixture = join(root, 'test', 'client', 'fixtures', 'out-of-order-failure.ts');
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [tsx, fixture], {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => {
          stdout += d;
        });
        child.stderr.on('data', (d) => {
          stderr += d;
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('caught: chunk 1 failed\n');
    expect(result.code).toBe(0);
  });
});

describe('RequestBudget', () => {
  it('serves waiters first come, first served, and refuses an empty budget', async () => {
    const budget = new RequestBudget(1);
    expect(budget.tryAcquire()).toBe(true);
    const order: string[] = [];
    const a = budget.acquire().then(() => order.push('a'));
    const b = budget.acquire().then(() => order.push('b'));
    budget.release();
    await a;
    budget.release();
    await b;
    expect(order).toEqual(['a', 'b']);
    expect(budget.tryAcquire()).toBe(false); // b holds the only slot
    expect(() => new RequestBudget(0)).toThrow(RangeError);
  });
});

describe('RequestBudget.shrink', () => {
  it('takes a free slot away at once, a taken one when it comes back, never the last', () => {
    const budget = new RequestBudget(3);
    expect(budget.tryAcquire()).toBe(true);
    expect(budget.tryAcquire()).toBe(true);
    budget.shrink(); // one free slot: gone now
    expect(budget.size).toBe(2);
    expect(budget.tryAcquire()).toBe(false);
    budget.shrink(); // both taken: the next one given back is withheld
    expect(budget.size).toBe(1);
    budget.release();
    expect(budget.tryAcquire()).toBe(false);
    budget.release();
    expect(budget.tryAcquire()).toBe(true);
    budget.shrink();
    expect(budget.size).toBe(1);
  });
});
