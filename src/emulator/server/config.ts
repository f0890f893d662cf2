/**
 * Settings of the emulated DazScript Server, with the real plugin's defaults
 * (DazScript Server 2.x `ServerConfig`; see shared/reference/dazscript-server-and-dazpy.md §1.1).
 * Tests lower the limits to exercise them; users rarely touch anything but host, port and auth.
 */

/**
 * Default bound of bytes waiting for one subscriber in the server (the writer's queue plus
 * `res.writableLength`), about 38,000 `time.changed` frames. A client that reads keeps this near
 * zero; the kernel's socket buffers (a few MB on loopback) come on top before anything waits here.
 */
export const SSE_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface EmulatorConfig {
  /** Interface to bind. The real plugin and the emulator default to loopback only. */
  host: string;
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Version string reported by /status and /health. */
  version: string;
  /** Require a token on protected routes (`X-API-Token` or `Authorization: Bearer`). */
  authEnabled: boolean;
  /** The token itself. Set by the emulator at start from its token file; never logged. */
  token?: string;
  /** Concurrent synchronous executes before 429 CONCURRENT_LIMIT_EXCEEDED (real range 5-50). */
  maxConcurrent: number;
  /** Request body limit in MB before 413 BODY_TOO_LARGE (real range 1-50). */
  maxBodyMB: number;
  /** Inline script limit, in KB of UTF-16 code units, before 400 SCRIPT_TOO_LARGE. */
  maxScriptKB: number;
  /** Exact-match IP allow-list; enabled with an empty list blocks everyone, as in the plugin. */
  ipAllowList: { enabled: boolean; ips: string[] };
  /** Per-IP sliding-window rate limit. */
  rateLimit: { enabled: boolean; maxRequests: number; windowMs: number };
  /** Captured `print()` lines per script. */
  maxOutputLines: number;
  /** Async jobs waiting to run before submits are refused with 503. */
  asyncQueueDepth: number;
  /** Async jobs remembered (any state) before submits are refused with 503. */
  asyncMaxTracked: number;
  /** Finished async jobs are forgotten this long after they finish. */
  asyncTtlMs: number;
  /** How often the finished-job sweep runs. */
  asyncSweepMs: number;
  /** A running async job older than this is marked failed (the plugin's stale-job guard). */
  asyncStaleMs: number;
  /** `GET /requests/:id/result?wait=true` polls the job this often. */
  longPollIntervalMs: number;
  /** Requests served on one connection before the server closes it (cpp-httplib keep_alive_max_count). */
  keepAliveMaxRequests: number;
  /** Idle time after which a kept-alive connection is closed. */
  keepAliveIdleMs: number;
  /** Socket read timeout (the plugin's "Timeout" setting); it does not limit script run time. */
  readTimeoutMs: number;
  /** SSE `:keepalive` comment after this much idle time. */
  sseKeepaliveMs: number;
  /**
   * Emulator-only: bytes that may wait for one SSE subscriber before it is closed as too slow
   * (see scene-events.ts). The plugin has no bound.
   */
  sseMaxBufferedBytes: number;
  /**
   * Emulator-only: wall-clock budget for one script. DAZ Studio has none (a runaway script hangs
   * Studio); the emulator stops it so one bad script cannot wedge a test run.
   */
  scriptTimeoutMs: number;
}

export const EMULATOR_DEFAULTS: EmulatorConfig = {
  host: '127.0.0.1',
  port: 18811,
  version: '2.9.2',
  authEnabled: true,
  maxConcurrent: 10,
  maxBodyMB: 5,
  maxScriptKB: 1024,
  ipAllowList: { enabled: false, ips: ['127.0.0.1'] },
  rateLimit: { enabled: false, maxRequests: 60, windowMs: 60_000 },
  maxOutputLines: 10_000,
  asyncQueueDepth: 100,
  asyncMaxTracked: 1000,
  asyncTtlMs: 60 * 60_000,
  asyncSweepMs: 5 * 60_000,
  asyncStaleMs: 30 * 60_000,
  longPollIntervalMs: 500,
  keepAliveMaxRequests: 5,
  keepAliveIdleMs: 5_000,
  readTimeoutMs: 30_000,
  sseKeepaliveMs: 3_000,
  sseMaxBufferedBytes: SSE_MAX_BUFFERED_BYTES,
  scriptTimeoutMs: 60_000,
};

/** Deep-enough merge of user settings over the defaults (the two nested groups are merged too). */
export function resolveConfig(overrides: Partial<EmulatorConfig> = {}): EmulatorConfig {
  return {
    ...EMULATOR_DEFAULTS,
    ...overrides,
    ipAllowList: { ...EMULATOR_DEFAULTS.ipAllowList, ...overrides.ipAllowList },
    rateLimit: { ...EMULATOR_DEFAULTS.rateLimit, ...overrides.rateLimit },
  };
}
