/** Small HTTP helpers: reading a bounded body and sending JSON. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ReceivedBody {
  /** The body, or the first `keepBytes` of it when it was larger. */
  text: string;
  /** Full size in bytes, counted even past the limit. */
  size: number;
  /** True when the body was larger than `keepBytes` and was drained, not kept. */
  truncated: boolean;
}

/**
 * Read the whole body, keeping at most `keepBytes`: past that the rest is drained and counted so
 * the client can finish sending and read the 413 we answer with, instead of a connection reset.
 */
export function readBody(req: IncomingMessage, keepBytes: number): Promise<ReceivedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (truncated) return;
      if (size > keepBytes) {
        truncated = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve({ text: truncated ? '' : Buffer.concat(chunks).toString('utf8'), size, truncated }),
    );
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** The peer address the plugin would see (IPv4-mapped IPv6 shown as plain IPv4). */
export function peerAddress(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/**
 * Start a Server-Sent Events answer as the plugin does (scene events, render progress): the
 * headers that keep proxies from buffering it, sent at once so the client sees the stream open.
 */
export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
}
