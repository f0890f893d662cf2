/**
 * The DazScript Server client: scripts (inline or registered), async jobs, scene events.
 * Works the same against DAZ Studio and the emulator. Tokens are discovered (see token.ts) and
 * never printed; errors are typed (errors.ts) and carry the server's request id.
 *
 * ```ts
 * const client = DazClient.connect({ host: '127.0.0.1', port: 18811 });
 * const { result } = await client.execute<number>('Scene.getNumNodes()');
 * await client.close();
 * ```
 */
import { createHash } from 'node:crypto';
import { DEFAULT_HOST, DEFAULT_PORT } from './connection.js';
import { DazJobError, DazServerError, DazTimeoutError } from './errors.js';
import { type SceneEventMessage, type SceneEventOptions, sceneEvents } from './scene-events.js';
import { type ExecuteResult, scriptResult } from './script-result.js';
import { type DiscoveredToken, discoverToken, rereadToken, type TokenDiscoveryOptions } from './token.js';
import { describeTokenOrigin, type TokenOptionNames } from './token-origin.js';
import { type RetryInfo, type RetryPolicy, Transport, type TransportOptions } from './transport.js';

export type { ExecuteResult } from './script-result.js';

export interface DazClientOptions extends TokenDiscoveryOptions {
  /** Default `DAZ_HOST`, then 127.0.0.1. */
  host?: string;
  /** Default `DAZ_PORT`, then 18811. */
  port?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  tokenHeader?: TransportOptions['tokenHeader'];
  connections?: number;
  dispatcher?: TransportOptions['dispatcher'];
  onRetry?: TransportOptions['onRetry'];
  /**
   * How your user names the token and tokenFile options, for auth errors: `the token option` by
   * default; the CLI passes its flags (`--token`, `--token-file`).
   */
  tokenOptionNames?: TokenOptionNames;
}

export interface ExecuteOptions {
  /**
   * The script only reads: safe to send again after a connection reset, a timeout or an answer
   * cut short. Default false for inline scripts; a registered script's own `idempotent` otherwise.
   */
  idempotent?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told about each retry of this request, with the refusal's code (a rate limit ...). */
  onRetry?: (info: RetryInfo) => void;
}

/** A script the client registers once and then runs by name (re-registering after a restart). */
export interface RegisteredScript {
  /** Short name; the server name adds a hash of the source so versions never collide. */
  name: string;
  source: string;
  /** Only reads the scene: safe to send again after a reset, a timeout or an answer cut short. */
  idempotent: boolean;
}

export interface JobOptions {
  /** Overall deadline (default 10 minutes); the job is cancelled when it passes. */
  timeoutMs?: number;
  /** Seconds per long poll (default 30). */
  pollSec?: number;
  signal?: AbortSignal;
}

export class DazClient {
  readonly transport: Transport;
  #token: DiscoveredToken;
  /** Names of scripts registered on this server in this session, by server name. */
  readonly #registered = new Set<string>();

  constructor(transport: Transport, token: DiscoveredToken) {
    this.transport = transport;
    this.#token = token;
  }

  /** Where the token in use came from (read again from its file after a 401 that a restart explains). */
  get token(): DiscoveredToken {
    return this.#token;
  }

  /** Build a client from options and the environment (DAZ_HOST, DAZ_PORT, DAZ_TOKEN, DAZ_TOKEN_FILE). */
  static connect(options: DazClientOptions = {}): DazClient {
    const env = options.env ?? process.env;
    const token = discoverToken(options);
    const port = options.port ?? (env.DAZ_PORT ? Number(env.DAZ_PORT) : DEFAULT_PORT);
    // The transport asks for the token anew after a 401: a restarted DAZ Studio wrote a new one.
    let client: DazClient | undefined;
    const reread = () => {
      const fresh = client && rereadToken(client.#token);
      if (client && fresh) client.#token = fresh;
      return fresh?.token;
    };
    const transport = new Transport({
      // A blank DAZ_HOST (`DAZ_HOST=` in a profile) is no host, not an empty one.
      host: options.host ?? (env.DAZ_HOST?.trim() || DEFAULT_HOST),
      port,
      token: token.token,
      rereadToken: token.file ? reread : undefined,
      tokenOrigin: () =>
        describeTokenOrigin(client ? client.#token : token, options.tokenOptionNames, options.home),
      tokenHeader: options.tokenHeader,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      connections: options.connections,
      dispatcher: options.dispatcher,
      onRetry: options.onRetry,
    });
    client = new DazClient(transport, token);
    return client;
  }

  get url(): string {
    return this.transport.url;
  }

  async status(): Promise<{ running: boolean; version: string }> {
    return (await this.transport.request({ method: 'GET', path: '/status', idempotent: true })).body as {
      running: boolean;
      version: string;
    };
  }

  /** Run an inline script (ES5; the value of its last statement is the result). */
  async execute<T = unknown>(
    script: string,
    args: Record<string, unknown> = {},
    options: ExecuteOptions = {},
  ): Promise<ExecuteResult<T>> {
    const reply = await this.transport.request({
      method: 'POST',
      path: '/execute',
      json: { script, args },
      idempotent: options.idempotent ?? false,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onRetry: options.onRetry,
    });
    return scriptResult<T>(reply.body, script, 'POST /execute');
  }

  /** Server-side name of a registered script: name plus a hash of its source. */
  static serverName(script: RegisteredScript): string {
    const hash = createHash('sha256').update(script.source).digest('hex').slice(0, 10);
    return `dazport-${script.name}-${hash}`.slice(0, 64);
  }

  async register(script: RegisteredScript): Promise<void> {
    const name = DazClient.serverName(script);
    await this.transport.request({
      method: 'POST',
      path: '/scripts/register',
      json: { name, script: script.source, description: `dazport ${script.name}` },
      idempotent: true,
    });
    this.#registered.add(name);
  }

  /**
   * Run a registered script by name, registering it first if this client has not. A 404 means
   * the server forgot it (DAZ Studio restarted): register again and run once more.
   */
  async run<T = unknown>(
    script: RegisteredScript,
    args: Record<string, unknown> = {},
    options: ExecuteOptions = {},
  ): Promise<ExecuteResult<T>> {
    const name = DazClient.serverName(script);
    if (!this.#registered.has(name)) await this.register(script);
    const send = () =>
      this.transport.request({
        method: 'POST',
        path: `/scripts/${name}/execute`,
        json: { args },
        idempotent: options.idempotent ?? script.idempotent,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        onRetry: options.onRetry,
      });
    let reply: Awaited<ReturnType<typeof send>>;
    try {
      reply = await send();
    } catch (err) {
      if (!(err instanceof DazServerError && err.status === 404)) throw err;
      this.#registered.delete(name);
      await this.register(script);
      reply = await send();
    }
    return { ...scriptResult<T>(reply.body, script.source, `script ${script.name}`), bytes: reply.bytes };
  }

  // ─── async jobs ───

  /** Queue a script as an async job; returns its request id. */
  async submit(script: string, args: Record<string, unknown> = {}): Promise<string> {
    const reply = await this.transport.request({
      method: 'POST',
      path: '/execute/async',
      json: { script, args },
      idempotent: false,
    });
    return String((reply.body as { request_id?: unknown }).request_id ?? '');
  }

  async jobStatus(requestId: string): Promise<Record<string, unknown>> {
    return (
      await this.transport.request({
        method: 'GET',
        path: `/requests/${encodeURIComponent(requestId)}/status`,
        idempotent: true,
      })
    ).body as Record<string, unknown>;
  }

  /** One (long) poll of a job's result; `waitSec` 0 returns at once. */
  async jobResult(requestId: string, waitSec = 0, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const query = waitSec > 0 ? `?wait=true&timeout=${Math.ceil(waitSec)}` : '';
    const reply = await this.transport.request({
      method: 'GET',
      path: `/requests/${encodeURIComponent(requestId)}/result${query}`,
      idempotent: true,
      timeoutMs: (waitSec + 10) * 1000,
      signal,
    });
    return reply.body as Record<string, unknown>;
  }

  async cancel(requestId: string): Promise<void> {
    await this.transport.request({
      method: 'DELETE',
      path: `/requests/${encodeURIComponent(requestId)}`,
      idempotent: true,
    });
  }

  /** Submit a job and long-poll it to the end; cancels it if the deadline passes. */
  async runJob<T = unknown>(
    script: string,
    args: Record<string, unknown> = {},
    options: JobOptions = {},
  ): Promise<ExecuteResult<T>> {
    const id = await this.submit(script, args);
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    for (;;) {
      const remainingSec = (deadline - Date.now()) / 1000;
      if (remainingSec <= 0 || options.signal?.aborted) {
        await this.cancel(id).catch(() => undefined);
        throw new DazTimeoutError(`async job ${id}`, options.timeoutMs ?? 600_000, { requestId: id });
      }
      const body = await this.jobResult(
        id,
        Math.max(1, Math.min(options.pollSec ?? 30, remainingSec)),
        options.signal,
      );
      const status = String(body.status);
      if (status === 'completed')
        return { result: body.result as T, output: (body.output as string[]) ?? [], requestId: id };
      if (status === 'failed' || status === 'cancelled')
        throw new DazJobError(id, status, String(body.error ?? ''));
    }
  }

  // ─── events ───

  events(options: SceneEventOptions = {}): AsyncGenerator<SceneEventMessage> {
    return sceneEvents(this.transport, options);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
