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
 * - An answer that does not come within the timeout, or comes cut short (its JSON stops
 *   before its end though the byte count matched its Content-Length), is retried only for
 *   idempotent requests too, and at most `faultAttempts` attempts in all (each may cost a whole
 *   timeout); then a typed error says how many attempts were made. A write that met either
 *   fails at once: it may have run.
 * - A 401 when the token came from a file: DAZ Studio writes a new token at each start, so the
 *   file is read once more and, if the token changed, the request is sent again with it (a 401
 *   is a refusal before anything ran, so this holds for writes too).
 * - Connection refused is not retried: nothing listens, and the user should hear that at once.
 *
 * The pool keeps idle connections for 4 s, under the server's 5 s, so it rarely reuses a socket
 * the server is about to close.
 */
import { type Dispatcher, Pool } from 'undici';
import { abortableSleep } from './abortable-sleep.js';
import { CutShortAnswer, errorCode, judgeFailure, judgeReply, REFUSED_CODES } from './attempt-verdict.js';
import { baseUrl } from './connection.js';
import { DazAuthError, DazConnectionError, DazProtocolError } from './errors.js';
import { isCutShortJson, parseServerJson } from './lenient-json.js';
import type { TokenOrigin } from './token-origin.js';

export interface RetryPolicy {
  /** Attempts in all, first included. */
  attempts: number;
  /**
   * Attempts in all for an idempotent request whose answers time out or come back cut short.
   * Not bounded by `maxTotalMs`: each attempt is bounded by the timeout already.
   */
  faultAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up retrying refusals and resets once this much time has passed since the first attempt. */
  maxTotalMs: number;
}

export const RETRY_DEFAULTS: RetryPolicy = {
  attempts: 6,
  faultAttempts: 3,
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
  /**
   * Asked after a 401 for the token anew, from the file it came from (DAZ Studio writes a new
   * one at each start); undefined when there is no file or it cannot be read. Without it a 401
   * fails at once.
   */
  rereadToken?: () => string | undefined;
  /** Where the token in use came from, named in a 401/403 error (never the token itself). */
  tokenOrigin?: () => TokenOrigin;
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
  /** `HTTP 429`, `connection ECONNRESET`, `timeout`, `answer cut short` ... */
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
  /**
   * Safe to send twice: it only reads (status, GET routes, scripts that read the scene). Only
   * such requests are sent again after a reset, a timeout or an answer cut short.
   */
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

export class Transport {
  readonly url: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #tokenHeader: TransportOptions['tokenHeader'];
  #token: string;
  readonly #rereadToken: TransportOptions['rereadToken'];
  readonly #tokenOrigin: TransportOptions['tokenOrigin'];
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #onRetry: TransportOptions['onRetry'];

  constructor(options: TransportOptions) {
    this.url = baseUrl(options.host, options.port);
    this.#ownsDispatcher = !options.dispatcher;
    this.#dispatcher =
      options.dispatcher ??
      new Pool(this.url, { connections: options.connections ?? 4, keepAliveTimeout: 4_000, pipelining: 1 });
    this.#tokenHeader = options.tokenHeader;
    this.#token = options.token;
    this.#rereadToken = options.rereadToken;
    this.#tokenOrigin = options.tokenOrigin;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retry = { ...RETRY_DEFAULTS, ...options.retry };
    this.#onRetry = options.onRetry;
  }

  /** Send a request; JSON answers with status < 400 come back, refusals throw typed errors. */
  async request(spec: RequestSpec): Promise<JsonResponse> {
    const started = Date.now();
    let faults = 0;
    let tokenReread = false;
    for (let attempt = 1; ; ) {
      const token = this.#token;
      let reply: JsonResponse | undefined;
      let failure: unknown;
      try {
        reply = await this.#once(spec, token);
      } catch (err) {
        failure = err;
      }
      if (reply && reply.status < 400) return reply;
      if (reply?.status === 401 && !tokenReread && this.#rereadToken) {
        tokenReread = true;
        // Sent again at once, not counted: nothing ran, and the new token is not a retry's luck.
        if (this.#tokenChangedSince(token)) continue;
      }
      const verdict = reply
        ? judgeReply(reply)
        : judgeFailure(failure, { ...spec, url: this.url, timeoutMs: spec.timeoutMs ?? this.#timeoutMs });
      if (!verdict.retry) throw this.#withTokenOrigin(verdict.error);
      if (verdict.fault) faults++;
      const backoff =
        Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1)) *
        (0.75 + Math.random() / 2);
      const delayMs = Math.round(verdict.afterMs ?? backoff);
      const outOfTime = !verdict.fault && Date.now() - started + delayMs > this.#retry.maxTotalMs;
      if (
        attempt >= this.#retry.attempts ||
        faults >= this.#retry.faultAttempts ||
        outOfTime ||
        spec.signal?.aborted
      )
        throw this.#withTokenOrigin(verdict.giveUp(attempt));
      const info: RetryInfo = {
        attempt,
        reason: verdict.reason,
        code: verdict.code,
        delayMs,
        path: spec.path,
      };
      this.#onRetry?.(info);
      spec.onRetry?.(info);
      await abortableSleep(delayMs, spec.signal);
      attempt++;
    }
  }

  /** A refusal of the token says where the token came from, when the client told us. */
  #withTokenOrigin(err: unknown): unknown {
    return err instanceof DazAuthError && this.#tokenOrigin ? err.withOrigin(this.#tokenOrigin()) : err;
  }

  /** Read the token again after a 401; true if it is not the one that was refused. */
  #tokenChangedSince(refused: string): boolean {
    const fresh = this.#rereadToken?.();
    if (fresh) this.#token = fresh;
    return this.#token !== refused;
  }

  #headers(token: string): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) {
      if (this.#tokenHeader === 'bearer') headers.authorization = `Bearer ${token}`;
      else headers['x-api-token'] = token;
    }
    return headers;
  }

  async #once(spec: RequestSpec, token: string): Promise<JsonResponse> {
    const headers = this.#headers(token);
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
    const bytes = Buffer.byteLength(text);
    const json = String(response.headers['content-type'] ?? '').includes('json');
    // An empty body where JSON was announced is the shortest cut of all.
    if (text === '' && json && response.statusCode === 200) throw new CutShortAnswer(response.statusCode, 0);
    let body: unknown;
    try {
      body = text === '' ? null : parseServerJson(text);
    } catch {
      if (isCutShortJson(text)) throw new CutShortAnswer(response.statusCode, bytes);
      throw new DazProtocolError(
        `${spec.method} ${spec.path}: the answer is not JSON (HTTP ${response.statusCode})`,
        {
          status: response.statusCode,
          path: spec.path,
          bodyStart: text.slice(0, 80),
        },
      );
    }
    return { status: response.statusCode, body, bytes, headers: response.headers };
  }

  /** A raw streaming GET (SSE); the caller consumes and closes the body. */
  async stream(path: string, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    try {
      return await this.#dispatcher.request({
        origin: this.url,
        method: 'GET',
        path,
        headers: { ...this.#headers(this.#token), accept: 'text/event-stream' },
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
