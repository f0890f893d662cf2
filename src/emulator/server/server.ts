/**
 * The emulated DazScript Server: the plugin's HTTP protocol over an emulated DAZ Studio.
 *
 * Routes, guards and bodies follow the plugin (DazScript Server 2.9, DAZ Studio 4 flavour; see
 * shared/reference/dazscript-server-and-dazpy.md §1). Guards run in the plugin's order per route:
 *
 *   POST /execute                slot → IP → rate → body size → token → busy → JSON → fields
 *   POST /scripts/:id/execute    slot → IP → rate → token → busy → lookup
 *   POST /execute/async          IP → rate → token → busy → JSON → fields → queue
 *   POST /scripts/:id/async      IP → rate → token → busy → lookup → queue
 *   POST /render[/batch|/animation]  IP → rate → token → busy → JSON → fields → scene check → queue
 *   registry, /requests*, SSE, /render/:id/cancel and /progress    token only
 *   POST /scene/save-copy        token → JSON → path → main thread (runtime/save-copy.ts)
 *   /status /health /metrics     nothing
 *
 * Before all of them, on every route (the catch-all 404 and SSE included), the emulator's own
 * {@link OriginGuard} refuses what a web page may have sent: a foreign `Origin`, or a `Host` that
 * is not a loopback name or the bound address (DNS rebinding). The plugin has no such check.
 *
 * Scripts run on one emulated main thread ({@link ScriptHost}), serially, whatever the number of
 * concurrent requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isAbsolute } from 'node:path';
import { quoteString, quoteStringStd } from '../runtime/json-builder.js';
import { ScriptHost } from '../runtime/script-host.js';
import { outputJson } from '../runtime/script-runtime.js';
import { AsyncJobManager } from './async-jobs.js';
import { type EmulatorConfig, resolveConfig } from './config.js';
import { errorBody, ServerRefusal } from './error-response.js';
import { ConcurrencySlots, IpAllowList, SlidingWindowRateLimiter } from './guards.js';
import { peerAddress, readBody, sendJson } from './http-io.js';
import { newRequestId } from './ids.js';
import { listen } from './listen.js';
import { MetricsCollector } from './metrics.js';
import { OriginGuard } from './origin-guard.js';
import { SCRIPT_NAME_PATTERN, ScriptRegistry } from './registry.js';
import { RenderRoutes } from './render-routes.js';
import {
  executeFields,
  loadScriptSource,
  parseJsonObject,
  validateExecuteFields,
  variantMap,
  variantString,
} from './request-parsing.js';
import { type BrokerStats, SceneEventBroker } from './scene-events.js';
import { localIsoSeconds } from './time-format.js';
import { requestToken, tokensMatch } from './token.js';

/** Largest body any route buffers; the plugin's own maximum body setting is 50 MB. */
const HARD_BODY_CAP = 50 * 1024 * 1024;

type Guard = 'slot' | 'ip' | 'rate' | 'body' | 'auth' | 'busy';

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  ip: string;
  body: { text: string; size: number; truncated: boolean };
}

export interface EmulatorServerOptions extends Partial<EmulatorConfig> {
  /** Built-in scene name or scene JSON path (default `g9`). */
  scene?: string;
}

export class EmulatorServer {
  readonly config: EmulatorConfig;
  readonly host: ScriptHost;
  readonly #http: Server;
  readonly #slots: ConcurrencySlots;
  readonly #ipAllowList: IpAllowList;
  readonly #originGuard: OriginGuard;
  readonly #rateLimiter: SlidingWindowRateLimiter;
  readonly #metrics = new MetricsCollector();
  readonly #registry = new ScriptRegistry();
  readonly #events: SceneEventBroker;
  readonly #jobs: AsyncJobManager;
  readonly #renders: RenderRoutes;
  readonly #longPolls = new Set<AbortController>();
  /** Settles when the main thread has loaded the scene; requests wait for it. */
  readonly #sceneLoaded = deferred();
  #running = false;

  private constructor(config: EmulatorConfig, host: ScriptHost) {
    this.config = config;
    this.host = host;
    this.#slots = new ConcurrencySlots(config.maxConcurrent);
    this.#ipAllowList = new IpAllowList(config.ipAllowList.enabled, config.ipAllowList.ips);
    this.#originGuard = new OriginGuard(config.host, () => this.port);
    this.#rateLimiter = new SlidingWindowRateLimiter(
      config.rateLimit.enabled,
      config.rateLimit.maxRequests,
      config.rateLimit.windowMs,
    );
    this.#events = new SceneEventBroker(config.sseKeepaliveMs, config.sseMaxBufferedBytes);
    this.#jobs = new AsyncJobManager(host, config, this.#metrics);
    this.#renders = new RenderRoutes(this.#jobs, host, config);
    host.on('scene-events', (batch) => this.#events.publish(batch));
    this.#http = createServer(
      {
        keepAliveTimeout: config.keepAliveIdleMs,
        requestTimeout: config.readTimeoutMs,
        headersTimeout: Math.min(config.readTimeoutMs, 60_000),
      },
      (req, res) => {
        this.#handle(req, res).catch((err: Error) => {
          sendJson(res, 500, errorBody('INTERNAL_ERROR', err.message));
        });
      },
    );
  }

  /**
   * Listen, then load the scene on a fresh main thread. Binding comes first so a taken address
   * fails at once, before anything else started (and, in startEmulator, before the token file is
   * touched). Requests that arrive while the scene loads wait for it.
   */
  static async start(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
    const { scene = 'g9', ...overrides } = options;
    const config = resolveConfig(overrides);
    if (config.authEnabled && (!config.token || config.token.length < 32)) {
      throw new Error('emulator auth is enabled but no token of at least 32 characters was given');
    }
    const host = new ScriptHost({ scene });
    const server = new EmulatorServer(config, host);
    await listen(server.#http, config.host, config.port);
    server.#running = true;
    try {
      await host.start();
    } catch (err) {
      server.#sceneLoaded.reject(err);
      await server.stop();
      throw err;
    }
    server.#sceneLoaded.resolve();
    return server;
  }

  get port(): number {
    return (this.#http.address() as AddressInfo).port;
  }

  /** Base URL, e.g. `http://127.0.0.1:18811`. */
  get url(): string {
    const host = this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host;
    return `http://${host}:${this.port}`;
  }

  /** Number of open SSE subscriptions (tests, diagnostics). */
  get sseSubscribers(): number {
    return this.#events.subscriberCount;
  }

  /** SSE subscribers, those dropped for falling behind, and the most bytes that waited for one. */
  get sseStats(): BrokerStats {
    return this.#events.stats;
  }

  /** Stop: cancel pending async jobs, end SSE streams, close connections, stop the main thread. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#jobs.stop();
    this.#renders.stop();
    this.#events.closeAll();
    for (const poll of this.#longPolls) poll.abort();
    const closed = new Promise<void>((resolve) => this.#http.close(() => resolve()));
    this.#http.closeIdleConnections();
    setTimeout(() => this.#http.closeAllConnections(), 1_000).unref();
    await this.host.stop();
    await closed;
  }

  // ─── dispatch ────────────────────────────────────────────────────────────

  readonly #routes: Route[] = [
    route('GET', /^\/status$/, (x) => this.#status(x)),
    route('GET', /^\/health$/, (x) => this.#health(x)),
    route('GET', /^\/metrics$/, (x) => sendJson(x.res, 200, this.#metrics.metricsJson(this.#slots.active))),
    route('POST', /^\/execute$/, (x) => this.#execute(x)),
    route('POST', /^\/execute\/async$/, (x) => this.#executeAsync(x)),
    route('POST', /^\/scripts\/register$/, (x) => this.#register(x)),
    route('GET', /^\/scripts$/, (x) =>
      this.#guarded(x, ['auth'], () => sendJson(x.res, 200, this.#registry.listJson())),
    ),
    route('DELETE', /^\/scripts\/([^/]+)$/, (x, [id]) => this.#unregister(x, id)),
    route('POST', /^\/scripts\/([^/]+)\/execute$/, (x, [id]) => this.#executeRegistered(x, id)),
    route('POST', /^\/scripts\/([^/]+)\/async$/, (x, [id]) => this.#asyncRegistered(x, id)),
    route('GET', /^\/requests$/, (x) =>
      this.#guarded(x, ['auth'], () =>
        sendJson(x.res, 200, this.#jobs.list(x.url.searchParams.get('status') ?? '')),
      ),
    ),
    route('GET', /^\/requests\/([^/]+)\/status$/, (x, [id]) => this.#jobStatus(x, id)),
    route('GET', /^\/requests\/([^/]+)\/result$/, (x, [id]) => this.#jobResult(x, id)),
    route('DELETE', /^\/requests\/([^/]+)$/, (x, [id]) => this.#jobCancel(x, id)),
    route('GET', /^\/scene\/events$/, (x) => this.#sceneEvents(x)),
    // Render routes: submits are guarded like async submits, cancel and progress by token only.
    route('POST', /^\/render$/, (x) =>
      this.#guarded(x, ['ip', 'rate', 'auth', 'busy'], () => this.#renders.render(x.res, x.body.text)),
    ),
    route('POST', /^\/render\/batch$/, (x) =>
      this.#guarded(x, ['ip', 'rate', 'auth', 'busy'], () => this.#renders.batch(x.res, x.body.text)),
    ),
    route('POST', /^\/render\/animation$/, (x) =>
      this.#guarded(x, ['ip', 'rate', 'auth', 'busy'], () => this.#renders.animation(x.res, x.body.text)),
    ),
    route('POST', /^\/render\/([^/]+)\/cancel$/, (x, [id]) =>
      this.#guarded(x, ['auth'], () => this.#renders.cancel(x.res, id)),
    ),
    route('GET', /^\/render\/([^/]+)\/progress$/, (x, [id]) =>
      this.#guarded(x, ['auth'], () => this.#renders.watch(x.res, id)),
    ),
    route('POST', /^\/scene\/save-copy$/, (x) => this.#guarded(x, ['auth'], () => this.#saveCopy(x))),
  ];

  /** Requests served per connection, for cpp-httplib's keep_alive_max_count. */
  readonly #servedBySocket = new WeakMap<Socket, number>();

  /**
   * The plugin's server closes a connection right after its 5th response (`Connection: close`).
   * Node's own `maxRequestsPerSocket` sends the header but leaves the socket open until the idle
   * timeout, so the count is kept here and the socket is ended as httplib ends it.
   */
  #countRequest(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    const served = (this.#servedBySocket.get(socket) ?? 0) + 1;
    this.#servedBySocket.set(socket, served);
    if (served >= this.config.keepAliveMaxRequests) {
      res.setHeader('Connection', 'close');
      res.once('finish', () => socket.end());
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // First, before the body is read or a script queued: a web page gets nothing from here.
    const refusal = this.#originGuard.check(req.headers);
    if (refusal) {
      return sendJson(res, refusal.status, refusal.body(), { ...refusal.headers, Connection: 'close' });
    }
    await this.#sceneLoaded.promise;
    this.#countRequest(req, res);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    // /execute refuses anything over the body limit, so it needs no more; other routes have no
    // limit in the plugin, and the emulator still will not buffer more than HARD_BODY_CAP.
    const execute = method === 'POST' && path === '/execute';
    const body = await readBody(req, execute ? this.#maxBodyBytes : HARD_BODY_CAP);
    if (body.truncated && !execute) {
      return sendJson(
        res,
        413,
        errorBody(
          'BODY_TOO_LARGE',
          `Body is ${body.size} bytes; the emulator buffers at most ${HARD_BODY_CAP} bytes`,
        ),
      );
    }
    const x: Exchange = { req, res, url, ip: peerAddress(req), body };
    for (const route of this.#routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(path);
      if (match) return route.handle(x, match.slice(1).map(decode));
    }
    // The plugin's catch-all: no auth, a bare JSON 404.
    return sendJson(res, 404, '{"error":"not found"}');
  }

  get #maxBodyBytes(): number {
    return this.config.maxBodyMB * 1024 * 1024;
  }

  // ─── guards ──────────────────────────────────────────────────────────────

  /**
   * Run `guards` in order; the first refusal answers. A slot, once taken, is released when the
   * response is done, whatever happens in between.
   */
  async #guarded(x: Exchange, guards: Guard[], handler: () => void | Promise<void>): Promise<void> {
    for (const guard of guards) {
      const refusal = this.#check(guard, x);
      if (refusal) return sendJson(x.res, refusal.status, refusal.body(), refusal.headers);
    }
    await handler();
  }

  #check(guard: Guard, x: Exchange): ServerRefusal | null {
    switch (guard) {
      case 'slot':
        if (!this.#slots.tryAcquire()) return new ServerRefusal('CONCURRENT_LIMIT_EXCEEDED');
        x.res.once('close', () => this.#slots.release());
        return null;
      case 'ip':
        return this.#ipAllowList.allows(x.ip) ? null : new ServerRefusal('IP_NOT_WHITELISTED', x.ip);
      case 'rate':
        return this.#rateLimiter.allow(x.ip)
          ? null
          : new ServerRefusal('RATE_LIMIT_EXCEEDED', x.ip, {
              'Retry-After': String(this.#rateLimiter.retryAfterSeconds(x.ip)),
            });
      case 'body': {
        const max = this.#maxBodyBytes;
        if (x.body.size <= max) return null;
        return new ServerRefusal(
          'BODY_TOO_LARGE',
          `Body is ${x.body.size} bytes; maximum is ${this.config.maxBodyMB} MB (${max} bytes)`,
        );
      }
      case 'auth': {
        if (!this.config.authEnabled) return null;
        const token = requestToken(x.req.headers);
        if (token && tokensMatch(token, this.config.token ?? '')) return null;
        this.#metrics.recordAuthFailure();
        return new ServerRefusal(token ? 'AUTH_INVALID_TOKEN' : 'AUTH_MISSING_TOKEN');
      }
      case 'busy': {
        const reason = this.host.busyReason;
        return reason ? new ServerRefusal('STUDIO_BUSY', reason, { 'Retry-After': '2' }) : null;
      }
    }
  }

  // ─── info ────────────────────────────────────────────────────────────────

  #status(x: Exchange): void {
    sendJson(x.res, 200, `{"running":true,"version":${JSON.stringify(this.config.version)}}`);
  }

  #health(x: Exchange): void {
    sendJson(
      x.res,
      200,
      `{"status":"ok","version":${JSON.stringify(this.config.version)},"running":${this.#running},` +
        `"auth_enabled":${this.config.authEnabled},"active_requests":${this.#slots.active},` +
        `"uptime_seconds":${this.#metrics.uptimeSeconds()}}`,
    );
  }

  // ─── scene I/O ───────────────────────────────────────────────────────────

  /** `POST /scene/save-copy {path}` → `{ok, path, source, method}` (main-thread side: save-copy.ts). */
  async #saveCopy(x: Exchange): Promise<void> {
    const parsed = parseJsonObject(x.body.text);
    if (!parsed.ok) return sendJson(x.res, 400, errorBody('INVALID_JSON', parsed.detail));
    const path = parsed.value.path;
    if (typeof path !== 'string' || path === '') {
      return sendJson(x.res, 400, errorBody('MISSING_FIELD', "Field 'path' is required"));
    }
    if (!isAbsolute(path)) {
      return sendJson(x.res, 400, errorBody('INVALID_FIELD', `'path' must be absolute: ${path}`));
    }
    const outcome = await this.host.saveCopy(path, this.config.scriptTimeoutMs);
    if (!outcome.success) return sendJson(x.res, 500, errorBody('INTERNAL_ERROR', outcome.error ?? ''));
    sendJson(x.res, 200, outcome.resultJson);
  }

  // ─── execute ─────────────────────────────────────────────────────────────

  #execute(x: Exchange): Promise<void> {
    return this.#guarded(x, ['slot', 'ip', 'rate', 'body', 'auth', 'busy'], async () => {
      const parsed = parseJsonObject(x.body.text);
      if (!parsed.ok) {
        this.#metrics.recordRequest(false);
        return sendJson(x.res, 400, errorBody('INVALID_JSON', parsed.detail));
      }
      const fields = executeFields(parsed.value);
      const invalid = validateExecuteFields(fields, this.config.maxScriptKB);
      if (invalid) {
        this.#metrics.recordRequest(false);
        return sendJson(x.res, invalid.status, invalid.body());
      }
      const loaded = loadScriptSource(fields);
      if (!loaded.ok) {
        this.#metrics.recordRequest(false);
        return sendJson(x.res, 400, errorBody('SCRIPT_FILE_LOAD_FAILED', fields.scriptFile));
      }
      await this.#runSync(x, loaded.source, fields.scriptFile, fields.args, true);
    });
  }

  #executeRegistered(x: Exchange, id: string): Promise<void> {
    return this.#guarded(x, ['slot', 'ip', 'rate', 'auth', 'busy'], async () => {
      const registered = this.#registry.get(id);
      if (!registered) return sendJson(x.res, 404, errorBody('SCRIPT_NOT_FOUND', id));
      // The plugin ignores a body it cannot parse here: the script runs with no args.
      const parsed = x.body.text ? parseJsonObject(x.body.text) : null;
      const args = parsed?.ok ? variantMap(parsed.value.args) : {};
      await this.#runSync(x, registered.script, '', args, false);
    });
  }

  async #runSync(
    x: Exchange,
    source: string,
    scriptFile: string,
    args: Record<string, unknown>,
    sampleWait: boolean,
  ): Promise<void> {
    const requestId = newRequestId();
    const outcome = await this.host.enqueue({
      source,
      scriptFile: scriptFile || undefined,
      args,
      timeoutMs: this.config.scriptTimeoutMs,
      maxOutputLines: this.config.maxOutputLines,
      dialect: 'builder',
    }).done;
    if (sampleWait) this.#metrics.recordMainThreadWait(outcome.waitMs);
    this.#metrics.recordRequest(outcome.success);
    const body =
      `{"success":${outcome.success},"result":${outcome.success ? outcome.resultJson : 'null'},` +
      `"output":${outputJson(outcome.output)},"error":${outcome.error === null ? 'null' : quoteString(outcome.error)},` +
      `"request_id":"${requestId}"}`;
    sendJson(x.res, 200, body);
  }

  // ─── registry ────────────────────────────────────────────────────────────

  #register(x: Exchange): Promise<void> {
    return this.#guarded(x, ['auth'], () => {
      const parsed = parseJsonObject(x.body.text);
      if (!parsed.ok) return sendJson(x.res, 400, errorBody('INVALID_JSON'));
      const name = variantString(parsed.value.name).trim();
      const description = variantString(parsed.value.description).trim();
      const script = variantString(parsed.value.script);
      if (!name) return sendJson(x.res, 400, errorBody('MISSING_FIELD', "Field 'name' is required"));
      if (!SCRIPT_NAME_PATTERN.test(name)) {
        return sendJson(
          x.res,
          400,
          errorBody(
            'INVALID_FIELD',
            "Field 'name' must be 1-64 characters: letters, digits, hyphens, underscores only",
          ),
        );
      }
      if (!script.trim())
        return sendJson(x.res, 400, errorBody('MISSING_FIELD', "Field 'script' is required"));
      const now = Date.now();
      const { updated } = this.#registry.register(name, script, description, now);
      sendJson(
        x.res,
        200,
        `{"success":true,"id":${quoteStringStd(name)},"registered_at":"${localIsoSeconds(now)}","updated":${updated}}`,
      );
    });
  }

  #unregister(x: Exchange, id: string): Promise<void> {
    return this.#guarded(x, ['auth'], () => {
      if (this.#registry.delete(id))
        return sendJson(x.res, 200, `{"success":true,"id":${quoteStringStd(id)}}`);
      sendJson(x.res, 404, `{"success":false,"error":${quoteStringStd(`Script not found: '${id}'`)}}`);
    });
  }

  // ─── async ───────────────────────────────────────────────────────────────

  #executeAsync(x: Exchange): Promise<void> {
    return this.#guarded(x, ['ip', 'rate', 'auth', 'busy'], () => {
      const parsed = parseJsonObject(x.body.text);
      if (!parsed.ok) return sendJson(x.res, 400, errorBody('INVALID_JSON'));
      const fields = executeFields(parsed.value);
      const invalid = validateExecuteFields(fields, this.config.maxScriptKB);
      if (invalid) return sendJson(x.res, invalid.status, invalid.body());
      const loaded = loadScriptSource(fields);
      // The plugin loads the file when the job runs; a file that vanished fails the job then.
      const source = loaded.ok
        ? loaded.source
        : `throw ${JSON.stringify(`Failed to load script file: ${fields.scriptFile}`)};`;
      this.#submit(x, 'execute', source, fields.scriptFile, fields.args);
    });
  }

  #asyncRegistered(x: Exchange, id: string): Promise<void> {
    return this.#guarded(x, ['ip', 'rate', 'auth', 'busy'], () => {
      const registered = this.#registry.get(id);
      if (!registered) return sendJson(x.res, 404, errorBody('SCRIPT_NOT_FOUND', id));
      const parsed = x.body.text ? parseJsonObject(x.body.text) : null;
      const args = parsed?.ok ? variantMap(parsed.value.args) : {};
      this.#submit(x, 'script', registered.script, '', args);
    });
  }

  #submit(
    x: Exchange,
    type: 'execute' | 'script',
    source: string,
    scriptFile: string,
    args: Record<string, unknown>,
  ): void {
    const submitted = this.#jobs.submit(type, { source, scriptFile: scriptFile || undefined, args });
    if (submitted.ok) sendJson(x.res, 200, submitted.body);
    else sendJson(x.res, 503, errorBody('SERVER_UNAVAILABLE', submitted.detail));
  }

  #jobStatus(x: Exchange, id: string): Promise<void> {
    return this.#guarded(x, ['auth'], () => {
      const reply = this.#jobs.status(id);
      sendJson(x.res, reply.status, reply.body);
    });
  }

  #jobResult(x: Exchange, id: string): Promise<void> {
    return this.#guarded(x, ['auth'], async () => {
      const wait = x.url.searchParams.get('wait') === 'true';
      const t = Number.parseInt(x.url.searchParams.get('timeout') ?? '', 10);
      const timeoutSec = Number.isFinite(t) && t > 0 ? t : 300;
      const poll = new AbortController();
      this.#longPolls.add(poll);
      x.res.once('close', () => poll.abort());
      try {
        const reply = await this.#jobs.result(id, wait, timeoutSec, poll.signal);
        sendJson(x.res, reply.status, reply.body);
      } finally {
        this.#longPolls.delete(poll);
      }
    });
  }

  #jobCancel(x: Exchange, id: string): Promise<void> {
    return this.#guarded(x, ['auth'], () => {
      const reply = this.#jobs.cancel(id);
      sendJson(x.res, reply.status, reply.body);
    });
  }

  // ─── events ──────────────────────────────────────────────────────────────

  #sceneEvents(x: Exchange): Promise<void> {
    return this.#guarded(x, ['auth'], () => this.#events.subscribe(x.res, x.url.searchParams.get('filter')));
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** A promise settled from outside; a rejection nobody awaits is not an unhandled one. */
function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

interface Route {
  method: string;
  pattern: RegExp;
  handle: (x: Exchange, params: string[]) => void | Promise<void>;
}

function route(method: string, pattern: RegExp, handle: Route['handle']): Route {
  return { method, pattern, handle };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
