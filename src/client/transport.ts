/**
 * HTTP transport to a DazScript Server: one keep-alive undici pool, JSON bodies, the token
 * header, timeouts, and the retry policy the real server calls for:
 *
 * - 429 and 503 are refusals made before anything ran (concurrency slots, rate limit, Studio
 *   busy, queue full), so any request may be retried; `Retry-After` is honoured, else
 *   exponential backoff with jitter.
 * - A connection reset before an answer (the server closes keep-alive connections after 5
 *   requests or 5 s idle) is retried only for idempotent requests: a script that changes the
 *   scene may already have run.
 * - Connection refused is not retried: nothing listens, and the user should hear that at once.
 *
 * The pool keeps idle connections for 4 s, under the server's 5 s, so it rarely reuses a socket
 * the server is about to close.
 */
import { type Dispatcher, Pool } from 'undici';
import { baseUrl } from './connection.js';
import {
  DazAuthError,
  DazConnectionError,
  DazProtocolError,
  DazServerError,
  DazTimeoutError,
} from './errors.js';
import { parseServerJson } from './lenient-json.js';

export interface RetryPolicy {
  /** Attempts in all, first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up retrying once this much time has passed since the first attempt. */
  maxTotalMs: number;
}

export const RETRY_DEFAULTS: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  maxTotalMs: 60_000,
};

export interface TransportOptions {
  host: string;
  port: number;
  token: string;
  /** `x-api-token` (default, what every plugin version reads first) or `bearer`. */
  tokenHeader?: 'x-api-token' | 'bearer';
  /** Per request, for headers and body each. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Concurrent connections (requests in flight). */
  connections?: number;
  /** Inject a dispatcher (tests, proxies); the transport then does not own it. */
  dispatcher?: Dispatcher;
  /** Told about each retry (never given headers or the token). */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  attempt: number;
  /** `HTTP 429`, `connection ECONNRESET` ... */
  reason: string;
  /** The refusal's `error_code` (RATE_LIMIT_EXCEEDED, CONCURRENT_LIMIT_EXCEEDED, STUDIO_BUSY ...). */
  code?: string;
  delayMs: number;
  path: string;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  json?: unknown;
  /** Safe to send twice (reads). */
  idempotent: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told about each retry of this request (after the transport's own `onRetry`). */
  onRetry?: (info: RetryInfo) => void;
}

export interface JsonResponse {
  status: number;
  body: unknown;
  /** Size of the body as received, bytes (for chunk sizing). */
  bytes: number;
  headers: Record<string, string | string[] | undefined>;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const REFUSED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export class Transport {
  readonly url: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #onRetry: TransportOptions['onRetry'];

  constructor(options: TransportOptions) {
    this.url = baseUrl(options.host, options.port);
    this.#ownsDispatcher = !options.dispatcher;
    this.#dispatcher =
      options.dispatcher ??
      new Pool(this.url, { connections: options.connections ?? 4, keepAliveTimeout: 4_000, pipelining: 1 });
    this.#headers = { accept: 'application/json' };
    if (options.token) {
      if (options.tokenHeader === 'bearer') this.#headers.authorization = `Bearer ${options.token}`;
      else this.#headers['x-api-token'] = options.token;
    }
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retry = { ...RETRY_DEFAULTS, ...options.retry };
    this.#onRetry = options.onRetry;
  }

  /** Send a request; JSON answers with status < 400 come back, refusals throw typed errors. */
  async request(spec: RequestSpec): Promise<JsonResponse> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let reply: JsonResponse | null = null;
      let retryReason = '';
      let retryAfterMs: number | undefined;
      let refusalCode: string | undefined;
      try {
        reply = await this.#once(spec);
      } catch (err) {
        const code = errorCode(err);
        if (REFUSED_CODES.has(code))
          throw new DazConnectionError(this.url, { cause: err, context: { path: spec.path } });
        if (TIMEOUT_CODES.has(code))
          throw new DazTimeoutError(`${spec.method} ${spec.path}`, spec.timeoutMs ?? this.#timeoutMs);
        if (!(RESET_CODES.has(code) && spec.idempotent)) {
          if (RESET_CODES.has(code)) {
            throw new DazConnectionError(this.url, {
              cause: err,
              context: { path: spec.path, reset: true },
              suggestion: 'the connection dropped mid-request; the script may or may not have run',
            });
          }
          throw err;
        }
        retryReason = `connection ${code}`;
      }
      if (reply) {
        if (reply.status < 400) return reply;
        if (reply.status !== 429 && reply.status !== 503) throw refusal(reply);
        retryReason = `HTTP ${reply.status}`;
        const code = (reply.body as { error_code?: unknown } | null)?.error_code;
        refusalCode = typeof code === 'string' ? code : undefined;
        retryAfterMs = retryAfter(reply.headers['retry-after']);
      }
      const elapsed = Date.now() - started;
      const backoff =
        Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1)) *
        (0.75 + Math.random() / 2);
      const delayMs = Math.round(retryAfterMs ?? backoff);
      if (
        attempt >= this.#retry.attempts ||
        elapsed + delayMs > this.#retry.maxTotalMs ||
        spec.signal?.aborted
      ) {
        if (reply) throw refusal(reply);
        throw new DazConnectionError(this.url, {
          context: { path: spec.path, attempts: attempt, reason: retryReason },
        });
      }
      const info: RetryInfo = { attempt, reason: retryReason, code: refusalCode, delayMs, path: spec.path };
      this.#onRetry?.(info);
      spec.onRetry?.(info);
      await sleep(delayMs, spec.signal);
    }
  }

  async #once(spec: RequestSpec): Promise<JsonResponse> {
    const headers = { ...this.#headers };
    if (spec.json !== undefined) headers['content-type'] = 'application/json';
    const timeout = spec.timeoutMs ?? this.#timeoutMs;
    const response = await this.#dispatcher.request({
      origin: this.url,
      method: spec.method,
      path: spec.path,
      headers,
      body: spec.json === undefined ? undefined : JSON.stringify(spec.json),
      headersTimeout: timeout,
      bodyTimeout: timeout,
      signal: spec.signal,
    });
    const text = await response.body.text();
    let body: unknown;
    try {
      body = text === '' ? null : parseServerJson(text);
    } catch {
      throw new DazProtocolError(
        `${spec.method} ${spec.path}: the answer is not JSON (HTTP ${response.statusCode})`,
        {
          status: response.statusCode,
          path: spec.path,
          bodyStart: text.slice(0, 80),
        },
      );
    }
    return { status: response.statusCode, body, bytes: Buffer.byteLength(text), headers: response.headers };
  }

  /** A raw streaming GET (SSE); the caller consumes and closes the body. */
  async stream(path: string, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    try {
      return await this.#dispatcher.request({
        origin: this.url,
        method: 'GET',
        path,
        headers: { ...this.#headers, accept: 'text/event-stream' },
        signal,
        bodyTimeout: 0,
        headersTimeout: this.#timeoutMs,
      });
    } catch (err) {
      if (REFUSED_CODES.has(errorCode(err)))
        throw new DazConnectionError(this.url, { cause: err, context: { path } });
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return '';
}

function retryAfter(value: string | string[] | undefined): number | undefined {
  const seconds = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** An HTTP ≥ 400 answer as a typed error. */
export function refusal(reply: JsonResponse): Error {
  const b = (reply.body ?? {}) as { error_code?: unknown; error?: unknown; detail?: unknown };
  const code = typeof b.error_code === 'string' ? b.error_code : '';
  const message = typeof b.error === 'string' ? b.error : `HTTP ${reply.status}`;
  if (reply.status === 401 || reply.status === 403) return new DazAuthError(reply.status, code, message);
  const retryAfterMs = retryAfter(reply.headers['retry-after']);
  return new DazServerError(
    reply.status,
    code,
    message,
    typeof b.detail === 'string' ? b.detail : undefined,
    retryAfterMs === undefined ? undefined : retryAfterMs / 1000,
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
