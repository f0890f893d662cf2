/**
 * A client of the DazScript Server protocol on undici: one keep-alive pool, JSON in, typed
 * errors out. Every response body is consumed so connections return to the pool.
 */
import { Pool } from 'undici';
import { baseUrl, type ConnectionOptions, DEFAULT_HOST, DEFAULT_PORT } from './connection.js';
import {
  DazAuthError,
  DazConnectionError,
  DazProtocolError,
  DazScriptError,
  DazServerError,
} from './errors.js';
import { parseServerJson } from './lenient-json.js';

export interface ExecuteResult<T> {
  result: T;
  output: string[];
  requestId: string;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export class DazScriptClient {
  readonly url: string;
  readonly #pool: Pool;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(options: ConnectionOptions = {}) {
    this.url = baseUrl(options.host ?? DEFAULT_HOST, options.port ?? DEFAULT_PORT);
    this.#token = options.token ?? '';
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    // The server closes a connection after 5 requests or 5 s idle: keep our idle time below that.
    this.#pool = new Pool(this.url, { connections: 4, keepAliveTimeout: 4_000, pipelining: 1 });
  }

  /** Run a script (ES5, returning plain values) and return its completion value. */
  async execute<T = unknown>(script: string, args: Record<string, unknown> = {}): Promise<ExecuteResult<T>> {
    const body = await this.#request('POST', '/execute', { script, args });
    const reply = body as {
      success?: unknown;
      result?: unknown;
      output?: unknown;
      error?: unknown;
      request_id?: unknown;
    };
    const output = Array.isArray(reply.output) ? reply.output.map(String) : [];
    const requestId = typeof reply.request_id === 'string' ? reply.request_id : '';
    if (reply.success === false)
      throw new DazScriptError(String(reply.error ?? ''), requestId, output, script);
    return { result: reply.result as T, output, requestId };
  }

  /** `GET /status`: whether a server answers, and its version. */
  async status(): Promise<{ running: boolean; version: string }> {
    return (await this.#request('GET', '/status')) as { running: boolean; version: string };
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }

  async #request(method: 'GET' | 'POST' | 'DELETE', path: string, json?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (this.#token) headers['x-api-token'] = this.#token;
    let response: Awaited<ReturnType<Pool['request']>>;
    try {
      response = await this.#pool.request({
        method,
        path,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (CONNECTION_ERRORS.has(code))
        throw new DazConnectionError(this.url, { cause: err, context: { path } });
      throw err;
    }
    const text = await response.body.text();
    let parsed: unknown;
    try {
      parsed = parseServerJson(text);
    } catch {
      throw new DazProtocolError(
        `${method} ${path}: the server's answer is not JSON (HTTP ${response.statusCode})`,
        {
          status: response.statusCode,
          path,
        },
      );
    }
    if (response.statusCode >= 400)
      throw refusal(response.statusCode, parsed, response.headers['retry-after']);
    return parsed;
  }
}

function refusal(status: number, body: unknown, retryAfter: string | string[] | undefined): Error {
  const b = (body ?? {}) as { error_code?: unknown; error?: unknown; detail?: unknown };
  const code = typeof b.error_code === 'string' ? b.error_code : '';
  const message = typeof b.error === 'string' ? b.error : `HTTP ${status}`;
  if (status === 401 || status === 403) return new DazAuthError(status, code, message);
  const retry = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  return new DazServerError(
    status,
    code,
    message,
    typeof b.detail === 'string' ? b.detail : undefined,
    Number.isFinite(retry) ? retry : undefined,
  );
}
