/**
 * The server's scene events (`GET /scene/events`, Server-Sent Events) as an async iterator that
 * reconnects: after the stream ends or fails, and when neither data nor the server's 3-second
 * `:keepalive` comments arrive for `staleAfterMs` (a half-open connection).
 */
import { abortableSleep } from './abortable-sleep.js';
import type { Transport } from './transport.js';

export interface SceneEventMessage {
  type: string;
  /** Server time, epoch ms. */
  ts: number;
  data: Record<string, unknown>;
}

export interface SceneEventOptions {
  /** Categories: node, skeleton, light, camera, selection, scene, time, render. All when empty. */
  filter?: string[];
  signal?: AbortSignal;
  /** Reconnect after a drop (default true). */
  reconnect?: boolean;
  /** Treat the stream as dead after this much silence (default 15 s: five missed keepalives). */
  staleAfterMs?: number;
  /** Told when a connection is (re)established. */
  onConnect?: () => void;
}

export async function* sceneEvents(
  transport: Transport,
  options: SceneEventOptions = {},
): AsyncGenerator<SceneEventMessage> {
  const path = `/scene/events${options.filter?.length ? `?filter=${options.filter.join(',')}` : ''}`;
  const staleAfterMs = options.staleAfterMs ?? 15_000;
  let delay = 200;
  while (!options.signal?.aborted) {
    const connection = new AbortController();
    const stop = () => connection.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    let watchdog: NodeJS.Timeout | undefined;
    const pet = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => connection.abort(), staleAfterMs);
    };
    try {
      const response = await transport.stream(path, connection.signal);
      if (response.statusCode >= 400) {
        const text = await response.body.text();
        throw new Error(`scene events: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
      }
      options.onConnect?.();
      delay = 200;
      pet();
      let buffer = '';
      for await (const chunk of response.body) {
        pet();
        buffer += chunk.toString();
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (data) yield JSON.parse(data) as SceneEventMessage;
        }
      }
    } catch (err) {
      if (options.signal?.aborted) return;
      // An HTTP refusal (auth) will not heal by reconnecting.
      if (err instanceof Error && /HTTP 40[13]/.test(err.message)) throw err;
      if (options.reconnect === false) throw err;
    } finally {
      clearTimeout(watchdog);
      options.signal?.removeEventListener('abort', stop);
      connection.abort();
    }
    if (options.reconnect === false || options.signal?.aborted) return;
    // An abort during the pause ends it at once (no timer left to hold the process).
    await abortableSleep(delay, options.signal);
    delay = Math.min(5_000, delay * 2);
  }
}
