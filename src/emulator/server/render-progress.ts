/**
 * `GET /render/:id/progress`: a render job's progress as Server-Sent Events, as the plugin's
 * RenderProgressBroker sends them. Named events, one JSON object each:
 *
 *   event: progress  data: {"request_id":"rnd-…","percent":0}            when the job starts
 *   event: progress  data: {…,"percent":100·(n−1)/total}       animation renders, before frame n
 *   event: complete  data: {"request_id","output_path","file_size_bytes","duration_ms"}
 *   event: error     data: {"request_id","error","duration_ms"}
 *
 * then the stream ends. A subscriber arriving after the end gets the stored terminal event at
 * once; one arriving while the job runs sees no replayed `progress`. `complete` means the script
 * returned, even when its result says the render failed; a render cancelled while it ran ends in
 * `error` with an empty message. A job cancelled while still queued never starts, so its stream
 * gets no terminal event (keepalives until the client gives up): all three are the plugin's.
 */
import { statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { startEventStream } from './http-io.js';

const KEEPALIVE = ':keepalive\n\n';

interface Watch {
  outputPath: string;
  terminal: string | null;
  subscribers: Set<ServerResponse>;
}

export class RenderProgressBroker {
  readonly #watches = new Map<string, Watch>();
  readonly #keepalives = new Map<ServerResponse, NodeJS.Timeout>();

  constructor(private readonly keepaliveMs: number) {}

  /** When the render is queued: remember where its image goes. */
  track(id: string, outputPath: string): void {
    this.#watches.set(id, { outputPath, terminal: null, subscribers: new Set() });
  }

  knows(id: string): boolean {
    return this.#watches.has(id);
  }

  /** Open an SSE stream on `res` for render `id` (which must be tracked). */
  watch(id: string, res: ServerResponse): void {
    const w = this.#watches.get(id);
    if (!w) throw new Error(`render ${id} is not tracked`);
    startEventStream(res);
    if (w.terminal) {
      res.end(w.terminal);
      return;
    }
    w.subscribers.add(res);
    const keepalive = setInterval(() => res.write(KEEPALIVE), this.keepaliveMs);
    this.#keepalives.set(res, keepalive);
    res.on('close', () => {
      w.subscribers.delete(res);
      this.#stopKeepalive(res);
    });
  }

  started(id: string): void {
    this.#push(id, event('progress', `{"request_id":${json(id)},"percent":0}`), false);
  }

  /** Frame `frame` (1-based) of `total` is about to render: percent = 100·(frame−1)/total. */
  frame(id: string, frame: number, total: number): void {
    const percent = Math.floor((100 * (frame - 1)) / total);
    this.#push(id, event('progress', `{"request_id":${json(id)},"percent":${percent}}`), false);
  }

  completed(id: string, durationMs: number): void {
    const w = this.#watches.get(id);
    if (!w) return;
    // QFileInfo::size(): 0 for a file that is not there (an animation's {frame} pattern).
    const size = statSync(w.outputPath, { throwIfNoEntry: false })?.size ?? 0;
    this.#push(
      id,
      event(
        'complete',
        `{"request_id":${json(id)},"output_path":${json(w.outputPath)},"file_size_bytes":${size},"duration_ms":${durationMs}}`,
      ),
      true,
    );
  }

  failed(id: string, error: string, durationMs: number): void {
    this.#push(
      id,
      event('error', `{"request_id":${json(id)},"error":${json(error)},"duration_ms":${durationMs}}`),
      true,
    );
  }

  /** Server stop: end every stream. */
  closeAll(): void {
    for (const w of this.#watches.values()) {
      for (const res of w.subscribers) {
        this.#stopKeepalive(res);
        res.end();
      }
      w.subscribers.clear();
    }
  }

  #push(id: string, frame: string, terminal: boolean): void {
    const w = this.#watches.get(id);
    if (!w) return;
    if (terminal) w.terminal = frame;
    for (const res of w.subscribers) {
      if (terminal) {
        this.#stopKeepalive(res);
        res.end(frame);
      } else {
        res.write(frame);
        this.#keepalives.get(res)?.refresh();
      }
    }
    if (terminal) w.subscribers.clear();
  }

  #stopKeepalive(res: ServerResponse): void {
    const timer = this.#keepalives.get(res);
    if (timer) clearInterval(timer);
    this.#keepalives.delete(res);
  }
}

function event(type: string, data: string): string {
  return `event: ${type}\ndata: ${data}\n\n`;
}

function json(text: string): string {
  return JSON.stringify(text);
}
