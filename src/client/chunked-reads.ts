/**
 * Reading a long array from DAZ Studio in chunks, several requests in flight: while the client
 * parses one answer the server already builds the next. Chunk sizes adapt to a target answer
 * size from the bytes per element measured so far, so a chunk stays a few MB whatever the data.
 * Results come back in order, and at most `concurrency` chunks are held at once: memory is
 * bounded by the chunk size, not by the array. Arrays read side by side can share one
 * RequestBudget, which bounds their requests in flight together.
 */
import { RequestBudget } from './request-budget.js';

export interface ChunkPlan {
  /** Elements in all. */
  total: number;
  /** Bytes per element guessed before any answer. */
  guessBytesPerElement: number;
  /** Wanted answer size, bytes; a function is asked again before each request. */
  targetBytes: number | (() => number);
  /** Requests in flight for this array at most. */
  concurrency: number;
  /** Slots shared with other arrays read at the same time (default: this array's own). */
  budget?: RequestBudget;
  /** Never ask for more than this many elements at once. */
  maxCount?: number;
}

export interface Chunk<T> {
  start: number;
  count: number;
  value: T;
}

export async function* readChunks<T>(
  plan: ChunkPlan,
  fetch: (start: number, count: number) => Promise<{ value: T; bytes: number }>,
): AsyncGenerator<Chunk<T>> {
  const budget = plan.budget ?? new RequestBudget(plan.concurrency);
  const target = plan.targetBytes;
  const targetBytes = typeof target === 'function' ? target : () => target;
  let bytesPerElement = plan.guessBytesPerElement;
  let next = 0;
  const inFlight: Promise<Chunk<T>>[] = [];
  // Call with a slot taken; the slot is given back when the answer is in (or the request failed).
  const issue = () => {
    const size = Math.max(
      1,
      Math.min(plan.maxCount ?? Number.POSITIVE_INFINITY, Math.floor(targetBytes() / bytesPerElement)),
    );
    const start = next;
    const count = Math.min(size, plan.total - start);
    next += count;
    const request = fetch(start, count);
    request.then(
      () => budget.release(),
      () => budget.release(),
    );
    inFlight.push(
      request.then(({ value, bytes }) => {
        // Smooth the estimate so one odd chunk does not swing the next size.
        if (count > 0 && bytes > 0) bytesPerElement = 0.5 * bytesPerElement + 0.5 * (bytes / count);
        return { start, count, value };
      }),
    );
  };
  // Keep as many requests in flight as the budget allows; with none in flight, wait for a slot.
  const fill = async () => {
    while (next < plan.total && inFlight.length < plan.concurrency && budget.tryAcquire()) issue();
    if (next < plan.total && inFlight.length === 0) {
      await budget.acquire();
      issue();
    }
  };
  try {
    await fill();
    while (inFlight.length > 0) {
      const chunk = await (inFlight.shift() as Promise<Chunk<T>>);
      await fill();
      yield chunk;
    }
  } finally {
    // A consumer that stops early (or an error) must not leave rejections unhandled.
    for (const pending of inFlight) pending.catch(() => undefined);
  }
}
