/**
 * `GET /scene/events`: Server-Sent Events as the plugin's SceneEventBroker writes them (frames
 * and categories: runtime/scene-event-frames.ts). A `:keepalive` comment goes out after every
 * 3 s without events; `?filter=` takes exact, comma-separated category names and ignores unknown
 * ones (none known = all).
 *
 * A subscriber that does not read cannot make the emulator hold events for it without end: once
 * more than a bound of bytes waits for it in the server (the writer's queue, Node's buffer and the
 * socket's), its connection is closed and it is forgotten. The plugin's broker has no such
 * bound; it would grow.
 */
import type { ServerResponse } from 'node:http';
import { EVENT_CATEGORIES, type EventCategory, type FrameBatch } from '../runtime/scene-event-frames.js';
import { BoundedResponseWriter } from './bounded-writer.js';
import { SSE_MAX_BUFFERED_BYTES } from './config.js';
import { startEventStream } from './http-io.js';

/** Parse `?filter=`: exact tokens, no trimming, unknown ignored, nothing known means everything. */
export function parseFilter(filter: string | null): ReadonlySet<EventCategory> {
  const wanted = new Set<EventCategory>();
  for (const token of (filter ?? '').split(',')) {
    if ((EVENT_CATEGORIES as readonly string[]).includes(token)) wanted.add(token as EventCategory);
  }
  return wanted.size === 0 ? new Set(EVENT_CATEGORIES) : wanted;
}

export { SSE_MAX_BUFFERED_BYTES } from './config.js';

const KEEPALIVE = ':keepalive\n\n';

export interface BrokerStats {
  subscribers: number;
  /** Subscribers closed because they fell more than the bound behind. */
  dropped: number;
  /** Most bytes ever waiting for one subscriber right after a write. */
  peakBufferedBytes: number;
}

interface Subscriber {
  res: ServerResponse;
  writer: BoundedResponseWriter;
  categories: ReadonlySet<EventCategory>;
  readonly keepalive: NodeJS.Timeout;
}

export class SceneEventBroker {
  readonly #subscribers = new Set<Subscriber>();
  #dropped = 0;
  #peakBufferedBytes = 0;

  constructor(
    private readonly keepaliveMs: number,
    private readonly maxBufferedBytes = SSE_MAX_BUFFERED_BYTES,
  ) {}

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  get stats(): BrokerStats {
    return {
      subscribers: this.#subscribers.size,
      dropped: this.#dropped,
      peakBufferedBytes: this.#peakBufferedBytes,
    };
  }

  subscribe(res: ServerResponse, filter: string | null): void {
    startEventStream(res);
    const subscriber: Subscriber = {
      res,
      writer: new BoundedResponseWriter(res, this.maxBufferedBytes),
      categories: parseFilter(filter),
      keepalive: setTimeout(() => this.#keepalive(subscriber), this.keepaliveMs),
    };
    this.#subscribers.add(subscriber);
    const drop = () => this.#drop(subscriber);
    res.on('close', drop);
    res.on('error', drop);
  }

  #keepalive(subscriber: Subscriber): void {
    if (this.#send(subscriber, KEEPALIVE, KEEPALIVE.length)) subscriber.keepalive.refresh();
  }

  /** Write, or close a subscriber that the write would put over the bound; false if closed. */
  #send(subscriber: Subscriber, text: string, bytes: number): boolean {
    if (!subscriber.writer.write(text, bytes)) {
      this.#drop(subscriber);
      this.#dropped++;
      // Not end(): the terminator would queue behind what the client is not reading.
      subscriber.res.destroy();
      return false;
    }
    this.#peakBufferedBytes = Math.max(this.#peakBufferedBytes, subscriber.writer.bufferedBytes);
    return true;
  }

  /** Send each subscriber the frames of its categories, as one write per batch. */
  publish(batch: FrameBatch): void {
    if (this.#subscribers.size === 0 || batch.lengths.length === 0) return;
    const present = new Set<EventCategory>();
    for (const index of batch.categories) present.add(EVENT_CATEGORIES[index]);
    const wholeBytes = Buffer.byteLength(batch.text);
    for (const subscriber of this.#subscribers) {
      const wantsAll = [...present].every((category) => subscriber.categories.has(category));
      const text = wantsAll ? batch.text : framesFor(batch, subscriber.categories);
      if (text === '') continue;
      const bytes = wantsAll ? wholeBytes : Buffer.byteLength(text);
      if (!this.#send(subscriber, text, bytes)) continue;
      // The idle clock restarts with every frame: keepalives only fill silence.
      subscriber.keepalive.refresh();
    }
  }

  #drop(subscriber: Subscriber): void {
    clearTimeout(subscriber.keepalive);
    this.#subscribers.delete(subscriber);
  }

  /** Server stop: end every stream cleanly (chunked terminator), so clients see EOF, not a reset. */
  closeAll(): void {
    for (const subscriber of [...this.#subscribers]) {
      this.#drop(subscriber);
      subscriber.writer.end();
    }
  }
}

/** The frames of `batch` in the wanted categories, in order. */
function framesFor(batch: FrameBatch, wanted: ReadonlySet<EventCategory>): string {
  let text = '';
  let at = 0;
  for (let i = 0; i < batch.lengths.length; i++) {
    const end = at + batch.lengths[i];
    if (wanted.has(EVENT_CATEGORIES[batch.categories[i]])) text += batch.text.slice(at, end);
    at = end;
  }
  return text;
}
