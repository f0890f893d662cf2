/**
 * `GET /scene/events`: Server-Sent Events as the plugin's SceneEventBroker writes them.
 * Frames are bare `data: {"type":…,"ts":<epoch ms>,"data":{…}}` lines (no `event:` field);
 * a `:keepalive` comment goes out after every 3 s without events; `?filter=` takes exact,
 * comma-separated category names and ignores unknown ones (none known = all).
 */
import type { ServerResponse } from 'node:http';
import type { SceneEvent } from '../runtime/worker-protocol.js';

export const EVENT_CATEGORIES = [
  'node',
  'skeleton',
  'light',
  'camera',
  'selection',
  'scene',
  'time',
  'render',
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** The category an event type belongs to (`time.changed` and `playback.*` are `time`). */
export function categoryOf(type: string): EventCategory | undefined {
  const prefix = type.split('.')[0];
  if (prefix === 'playback') return 'time';
  return (EVENT_CATEGORIES as readonly string[]).includes(prefix) ? (prefix as EventCategory) : undefined;
}

/** Parse `?filter=`: exact tokens, no trimming, unknown ignored, nothing known means everything. */
export function parseFilter(filter: string | null): ReadonlySet<EventCategory> {
  const wanted = new Set<EventCategory>();
  for (const token of (filter ?? '').split(',')) {
    if ((EVENT_CATEGORIES as readonly string[]).includes(token)) wanted.add(token as EventCategory);
  }
  return wanted.size === 0 ? new Set(EVENT_CATEGORIES) : wanted;
}

interface Subscriber {
  res: ServerResponse;
  categories: ReadonlySet<EventCategory>;
  keepalive: NodeJS.Timeout;
}

export class SceneEventBroker {
  readonly #subscribers = new Set<Subscriber>();

  constructor(private readonly keepaliveMs: number) {}

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  subscribe(res: ServerResponse, filter: string | null): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const subscriber: Subscriber = {
      res,
      categories: parseFilter(filter),
      keepalive: setTimeout(() => this.#keepalive(subscriber), this.keepaliveMs),
    };
    this.#subscribers.add(subscriber);
    const drop = () => this.#drop(subscriber);
    res.on('close', drop);
    res.on('error', drop);
  }

  #keepalive(subscriber: Subscriber): void {
    subscriber.res.write(':keepalive\n\n');
    subscriber.keepalive = setTimeout(() => this.#keepalive(subscriber), this.keepaliveMs);
  }

  publish(event: SceneEvent, ts = Date.now()): void {
    const category = categoryOf(event.type);
    if (!category) return;
    const frame = `data: {"type":${JSON.stringify(event.type)},"ts":${ts},"data":${JSON.stringify(event.data)}}\n\n`;
    for (const subscriber of this.#subscribers) {
      if (!subscriber.categories.has(category)) continue;
      subscriber.res.write(frame);
      // The idle clock restarts with every frame: keepalives only fill silence.
      clearTimeout(subscriber.keepalive);
      subscriber.keepalive = setTimeout(() => this.#keepalive(subscriber), this.keepaliveMs);
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
      subscriber.res.end();
    }
  }
}
