/**
 * Reading a long array from DAZ Studio in chunks, several requests in flight: while the client
 * parses one answer the server already builds the next. Chunk sizes adapt to a target answer
 * size from the bytes per element measured so far, so a chunk stays a few MB whatever the data.
 * Results come back in order, and at most `concurrency` chunks are held at once: memory is
 * bounded by the chunk size, not by the array. Arrays read side by side can share one
 * RequestBudget, which bounds their requests in flight together.
 *
 * Failures: answers can come back in any order, so a later request may fail while an earlier
 * one is still pending. Every request's promise is observed the moment it is made (an
 * unobserved rejection kills a Node process), and the first failure, in time, ends the read at
 * once: waiting for the earlier answer would only delay an error that is certain.
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
  /** Requests in order: the answer's promise, and the chunk once it is in. */
  const inFlight: { answer: Promise<Chunk<T>>; arrived: { chunk?: Chunk<T> } }[] = [];
  // The first failure of any request in flight, and the wait it must end if one is under way.
  let failure: { error: unknown } | undefined;
  let interruptWait: ((error: unknown) => void) | undefined;
  // Call with a slot taken; the slot is given back when the answer is in (or the request failed).
  const issue = () => {
    const size = Math.max(
      1,
      Math.min(plan.maxCount ?? Number.POSITIVE_INFINITY, Math.floor(targetBytes() / bytesPerElement)),
    );
    const start = next;
    const count = Math.min(size, plan.total - start);
    next += count;
    const arrived: { chunk?: Chunk<T> } = {};
    const answer = fetch(start, count).then(
      ({ value, bytes }) => {
        budget.release();
        // Smooth the estimate so one odd chunk does not swing the next size.
        if (count > 0 && bytes > 0) bytesPerElement = 0.5 * bytesPerElement + 0.5 * (bytes / count);
        arrived.chunk = { start, count, value };
        return arrived.chunk;
      },
      (err: unknown) => {
        budget.release();
        if (!failure) {
          failure = { error: err };
          interruptWait?.(err);
        }
        throw err;
      },
    );
    // Observed here; the loop below awaits it in order, or the first failure ends the read first.
    answer.catch(() => undefined);
    inFlight.push({ answer, arrived });
  };
  // Keep as many requests in flight as the budget allows; with none in flight, wait for a slot.
  const fill = async () => {
    while (next < plan.total && inFlight.length < plan.concurrency && budget.tryAcquire()) issue();
    if (next < plan.total && inFlight.length === 0) {
      await budget.acquire();
      issue();
    }
  };
  // The next chunk in order (at once if it is in), unless a request fails before it comes.
  const nextInOrder = (head: (typeof inFlight)[number]) => {
    if (head.arrived.chunk) return Promise.resolve(head.arrived.chunk);
    return new Promise<Chunk<T>>((resolve, reject) => {
      if (failure) reject(failure.error);
      interruptWait = reject;
      head.answer.then(resolve, reject);
    }).finally(() => {
      interruptWait = undefined;
    });
  };
  try {
    await fill();
    while (inFlight.length > 0) {
      const chunk = await nextInOrder(inFlight.shift() as (typeof inFlight)[number]);
      await fill();
      yield chunk;
    }
  } finally {
    // A consumer that stops early, or a failure, leaves requests in flight: each is already
    // observed, and gives its slot back when it settles.
    inFlight.length = 0;
  }
}
