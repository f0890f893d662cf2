/**
 * A loopback HTTP proxy in front of an emulator that spoils chosen answers, for fault-injection
 * tests: the request still reaches the emulator (the script runs), then the answer is
 *
 * - `truncate`: cut to a part of its bytes, with a Content-Length that matches the cut body
 *   (what a server that builds a broken answer sends: nothing at the HTTP level is wrong);
 * - `stall`: held back until the client gives up, or for `ms` at most, then dropped (pick `ms`
 *   well past the client's read timeout: undici checks its timeouts only every half second);
 * - `delay`: held back for `ms`, then sent whole (answers out of order);
 * - `reset`: its headers and half its body sent, then the connection dropped;
 * - `fail`: replaced by a 500 INTERNAL_ERROR.
 *
 * Answers without a fault (the SSE stream among them) are piped through as they come.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'truncate' /** Share of the body kept, 0..1 (default 0.5). */; keep?: number }
  | { kind: 'stall'; ms: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
  | { kind: 'fail' };

export interface ProxiedRequest {
  /** 0, 1, 2 ... in the order requests arrived. */
  index: number;
  method: string;
  path: string;
  /** The request body as text ('' for none). */
  body: string;
}

/** Decides each request's fault (undefined: pass it through untouched). */
export type FaultPlan = (request: ProxiedRequest) => Fault | undefined;

export interface FaultProxy {
  port: number;
  /** What was done, per request, in arrival order. */
  log: { request: ProxiedRequest; fault?: Fault['kind'] }[];
  /** Replace the plan (e.g. a clean run, then a faulty one). */
  setPlan(plan: FaultPlan): void;
  close(): Promise<void>;
}

export async function startFaultProxy(
  targetPort: number,
  plan: FaultPlan = () => undefined,
): Promise<FaultProxy> {
  let current = plan;
  let index = 0;
  const log: FaultProxy['log'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    return timer;
  };
  const forget = (timer: NodeJS.Timeout) => {
    clearTimeout(timer);
    timers.delete(timer);
  };

  const server = createServer((req, res) => {
    readAll(req).then(
      (raw) => handle(req, res, raw.toString('utf8')),
      () => res.destroy(),
    );
  });
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const request: ProxiedRequest = {
      index: index++,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      body,
    };
    const fault = current(request);
    log.push({ request, fault: fault?.kind });
    if (fault?.kind === 'fail') {
      sendJson(res, 500, { success: false, error: 'injected failure', error_code: 'INTERNAL_ERROR' });
      return;
    }
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: request.method,
        path: request.path,
        headers: req.headers,
        // A connection per request: a reused upstream socket the emulator is closing would add
        // resets of the proxy's own making to the faults asked for.
        agent: false,
      },
      (answer) => {
        const headers = endToEnd(answer.headers);
        if (!fault) {
          res.writeHead(answer.statusCode ?? 502, headers);
          res.flushHeaders(); // an event stream's headers go out before its first event
          answer.pipe(res);
          return;
        }
        readAll(answer).then(
          (whole) => {
            let out = whole;
            if (fault.kind === 'truncate')
              out = out.subarray(0, Math.floor(out.length * (fault.keep ?? 0.5)));
            headers['content-length'] = String(out.length);
            const send = () => {
              if (res.destroyed) return;
              res.writeHead(answer.statusCode ?? 502, headers);
              res.end(out);
            };
            if (fault.kind === 'reset') {
              res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(whole.length) });
              res.write(whole.subarray(0, whole.length >> 1), () => res.destroy());
            } else if (fault.kind === 'stall') {
              // Until the client gives up (undici's timeouts tick in ~0.5 s steps) or `ms` pass.
              const timer = later(fault.ms, () => res.destroy());
              res.on('close', () => forget(timer));
            } else if (fault.kind === 'delay') later(fault.ms, send);
            else send();
          },
          () => res.destroy(),
        );
      },
    );
    upstream.on('error', () => res.destroy());
    // A client that gives up (timeout, abort) closes its side: stop the upstream answer too.
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    setPlan: (next) => {
      current = next;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (d: Buffer) => parts.push(d));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}

/**
 * The upstream answer's headers without the hop-by-hop ones: the proxy's own connection to the
 * client keeps alive (or not) by its own rules, not by the emulator's answer to the proxy.
 */
function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...rest } = headers;
  return rest;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Name of the registered script a request runs (`mesh-positions` ...), or '' for other routes. */
export function scriptOf(path: string): string {
  return /^\/scripts\/dazport-(.+)-[0-9a-f]{10}\/execute$/.exec(path)?.[1] ?? '';
}

/** The `start` argument of a chunk request's body, or -1. */
export function chunkStart(body: string): number {
  try {
    const start = (JSON.parse(body) as { args?: { start?: unknown } }).args?.start;
    return typeof start === 'number' ? start : -1;
  } catch {
    return -1;
  }
}
