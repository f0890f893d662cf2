/**
 * Writes a stream of small texts (SSE frames) to one HTTP response while honouring backpressure,
 * with a bound on what may wait for the client.
 *
 * Texts are queued and go out as one write per event-loop turn (or as soon as 64 KB wait), and
 * not at all while the socket drains (they wait for 'drain'). Written one by one, each frame cost a `writev` system call per
 * subscriber, three socket writes with chunked framing, and, once the client stopped reading, a
 * buffered chunk in Node: closing a client that fell behind then built one Error per chunk
 * (120,000 for a 4 MB backlog) and stalled the server for seconds. Queued here, a waiting frame
 * is a string shared by every subscriber, and closing costs one write error.
 */
import type { ServerResponse } from 'node:http';

/** Queued bytes that are written at once rather than at the end of the event-loop turn. */
const WRITE_THROUGH_BYTES = 64 * 1024;

/** HTTP chunked framing one write adds on top of its text (size line and CRLFs). */
const CHUNK_FRAMING_BYTES = 16;

export class BoundedResponseWriter {
  readonly #res: ServerResponse;
  readonly #maxBytes: number;
  #queue: string[] = [];
  #queuedBytes = 0;
  #flushScheduled = false;

  constructor(res: ServerResponse, maxBytes: number) {
    this.#res = res;
    this.#maxBytes = maxBytes;
    res.on('drain', () => this.#flush());
  }

  /** Bytes waiting in the server for this client: the queue, Node's and the socket's buffers. */
  get bufferedBytes(): number {
    return this.#res.writableLength + this.#queuedBytes;
  }

  /**
   * Queue `text` (`bytes` long in UTF-8) for the next write. Returns false, queueing nothing,
   * when it would put more than the bound waiting for the client.
   */
  write(text: string, bytes: number): boolean {
    if (this.bufferedBytes + bytes + CHUNK_FRAMING_BYTES > this.#maxBytes) return false;
    this.#queue.push(text);
    this.#queuedBytes += bytes;
    // A big backlog goes out now: the event loop may be busy for a while yet.
    if (this.#queuedBytes >= WRITE_THROUGH_BYTES) this.#flush();
    else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => {
        this.#flushScheduled = false;
        this.#flush();
      });
    }
    return true;
  }

  /** Write what is queued and end the response (a clean end of stream for the client). */
  end(): void {
    if (this.#res.destroyed || this.#res.writableEnded) return;
    if (this.#queue.length > 0) this.#res.write(this.#take());
    this.#res.end();
  }

  /** Write the queue as one chunk, unless the socket is still draining ('drain' calls again). */
  #flush(): void {
    if (this.#queue.length === 0 || this.#res.writableNeedDrain) return;
    if (this.#res.destroyed || this.#res.writableEnded) return;
    this.#res.write(this.#take());
  }

  #take(): string {
    const text = this.#queue.length === 1 ? this.#queue[0] : this.#queue.join('');
    this.#queue = [];
    this.#queuedBytes = 0;
    return text;
  }
}
