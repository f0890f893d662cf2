/**
 * Async execution as the plugin does it: jobs queue FIFO behind everything else on the main
 * thread, run one at a time, and are remembered (queued → running → completed | failed |
 * cancelled) until an hourly sweep forgets finished ones. Bodies follow the plugin's
 * `AsyncRequestManager` key for key (see shared/reference/dazscript-server-and-dazpy.md §1.5).
 */
import { formatG15, quoteStringStd } from '../runtime/json-builder.js';
import type { QueuedScript, ScriptHost } from '../runtime/script-host.js';
import type { ScriptJob } from '../runtime/script-runtime.js';
import type { EmulatorConfig } from './config.js';
import { newAsyncId } from './ids.js';
import type { MetricsCollector } from './metrics.js';
import { localIsoSeconds } from './time-format.js';

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

interface Job {
  id: string;
  status: JobStatus;
  progress: number;
  submittedAtMs: number;
  startedAtMs: number;
  completedAtMs: number;
  resultJson: string;
  output: string[];
  error: string | null;
  queued: QueuedScript;
}

const TERMINAL: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'cancelled']);
const NOT_FOUND = '{"success":false,"error":"Request not found"}';
const STALE_MESSAGE =
  "Request timed out after running for longer than expected; DAZ Studio's main thread may be blocked behind a dialog (e.g. a failed render's error prompt). This request's script may still complete in the background, but its result will no longer be tracked -- check DAZ Studio directly.";

export type JobsReply = { status: number; body: string };

/** How a job ended, as the plugin's render progress broker hears it. */
export interface JobEnd {
  /** The script returned (no exception). */
  executed: boolean;
  /** A client cancelled the job while it ran. */
  cancelled: boolean;
  /** The script's error text, empty when it returned. */
  error: string;
  durationMs: number;
}

/** Callbacks for one job (render jobs use them for their progress stream). */
export interface JobHooks {
  onStart?: (id: string) => void;
  onFinish?: (id: string, end: JobEnd) => void;
}

export class AsyncJobManager {
  readonly #jobs = new Map<string, Job>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(
    private readonly host: ScriptHost,
    private readonly config: EmulatorConfig,
    private readonly metrics: MetricsCollector,
  ) {
    this.#sweeper = setInterval(() => this.sweep(), config.asyncSweepMs);
    this.#sweeper.unref();
  }

  /** Queue a job; a refusal (queue full, too many tracked) comes back as its detail text. */
  submit(
    type: 'execute' | 'script' | 'rnd',
    job: Omit<ScriptJob, 'timeoutMs' | 'maxOutputLines' | 'dialect'>,
    hooks: JobHooks = {},
  ): { ok: true; id: string; submittedAtMs: number; body: string } | { ok: false; detail: string } {
    const queued = [...this.#jobs.values()].filter((j) => j.status === 'queued').length;
    if (queued >= this.config.asyncQueueDepth) {
      return {
        ok: false,
        detail: `Queue full: ${queued} requests pending (max ${this.config.asyncQueueDepth})`,
      };
    }
    if (this.#jobs.size >= this.config.asyncMaxTracked) {
      return {
        ok: false,
        detail: `Too many tracked requests: ${this.#jobs.size} (max ${this.config.asyncMaxTracked})`,
      };
    }
    const id = newAsyncId(type);
    const now = Date.now();
    const record = {
      id,
      status: 'queued',
      progress: 0,
      submittedAtMs: now,
      startedAtMs: 0,
      completedAtMs: 0,
    } as Job;
    record.resultJson = 'null';
    record.output = [];
    record.error = null;
    this.#jobs.set(id, record);
    record.queued = this.host.enqueue(
      {
        ...job,
        timeoutMs: this.config.scriptTimeoutMs,
        maxOutputLines: this.config.maxOutputLines,
        dialect: 'std',
      },
      () => {
        if (record.status !== 'queued') return;
        record.status = 'running';
        record.startedAtMs = Date.now();
        hooks.onStart?.(id);
      },
    );
    record.queued.done.then((outcome) => {
      // The job ran (a job cancelled while queued never starts): tell the render progress
      // stream how, as the plugin does once the script returns, whatever the job's state now.
      if (record.startedAtMs > 0) {
        hooks.onFinish?.(id, {
          executed: outcome.success,
          cancelled: record.status === 'cancelled',
          error: outcome.error ?? '',
          durationMs: Date.now() - record.startedAtMs,
        });
      }
      // A late completion never overrides a terminal state (cancelled, stale-failed).
      if (record.status !== 'running') return;
      record.completedAtMs = Date.now();
      record.progress = 1;
      this.metrics.recordRequest(outcome.success);
      if (outcome.success) {
        record.status = 'completed';
        record.resultJson = outcome.resultJson;
        record.output = outcome.output;
      } else {
        record.status = 'failed';
        record.error = outcome.error ?? 'Error';
      }
    });
    return {
      ok: true,
      id,
      submittedAtMs: now,
      body: `{"request_id":${quoteStringStd(id)},"status":"queued","submitted_at":"${localIsoSeconds(now)}"}`,
    };
  }

  #queuePosition(job: Job): number {
    let position = 0;
    for (const j of this.#jobs.values()) {
      if (j.status === 'queued') position++; // Map order is submission order
      if (j === job) break;
    }
    return position;
  }

  status(id: string): JobsReply {
    const job = this.#jobs.get(id);
    if (!job) return { status: 404, body: NOT_FOUND };
    let body = `{"request_id":${quoteStringStd(job.id)},"status":"${job.status}","progress":${formatG15(job.progress)}`;
    if (job.status === 'running' && job.startedAtMs > 0)
      body += `,"elapsed_ms":${Date.now() - job.startedAtMs}`;
    if (job.status === 'queued') body += `,"queue_position":${this.#queuePosition(job)}`;
    return { status: 200, body: `${body}}` };
  }

  /** `GET /requests/:id/result`, optionally long-polling every 500 ms up to `timeoutSec`. */
  async result(id: string, wait: boolean, timeoutSec: number, signal?: AbortSignal): Promise<JobsReply> {
    const deadline = Date.now() + timeoutSec * 1000;
    if (wait) {
      while (Date.now() < deadline && !signal?.aborted) {
        const job = this.#jobs.get(id);
        if (!job) return { status: 404, body: NOT_FOUND };
        if (TERMINAL.has(job.status)) break;
        await new Promise((r) =>
          setTimeout(r, Math.min(this.config.longPollIntervalMs, deadline - Date.now())),
        );
      }
    }
    const job = this.#jobs.get(id);
    if (!job) return { status: 404, body: NOT_FOUND };
    let body = `{"request_id":${quoteStringStd(job.id)},"status":"${job.status}"`;
    switch (job.status) {
      case 'completed':
        body += `,"success":true,"result":${job.resultJson},"output":[${job.output.map(quoteStringStd).join(',')}],"error":null`;
        break;
      case 'failed':
        body += `,"success":false,"result":null,"output":[],"error":${quoteStringStd(job.error ?? '')}`;
        break;
      case 'cancelled':
        body += ',"success":false,"result":null,"output":[],"error":"Cancelled"';
        break;
      default:
        body += `,"progress":${formatG15(job.progress)}`;
        if (job.startedAtMs > 0) body += `,"elapsed_ms":${Date.now() - job.startedAtMs}`;
    }
    if (job.completedAtMs > 0 && job.startedAtMs > 0) {
      body += `,"duration_ms":${job.completedAtMs - job.startedAtMs},"completed_at":"${localIsoSeconds(job.completedAtMs)}"`;
    }
    return { status: 200, body: `${body}}` };
  }

  /**
   * `DELETE /requests/:id`. A queued job leaves the queue; a running one is marked cancelled at
   * once but keeps running to its end (DAZ Studio cannot interrupt a script).
   */
  cancel(id: string): JobsReply {
    const job = this.#jobs.get(id);
    if (!job) return { status: 404, body: NOT_FOUND };
    if (TERMINAL.has(job.status))
      return { status: 400, body: '{"success":false,"error":"Request already finished"}' };
    if (job.status === 'queued') job.queued.cancel();
    const now = Date.now();
    job.status = 'cancelled';
    job.error = 'Cancelled by client';
    job.completedAtMs = now;
    return {
      status: 200,
      body: `{"request_id":${quoteStringStd(job.id)},"status":"cancelled","message":"Cancellation requested","cancelled_at":"${localIsoSeconds(now)}"}`,
    };
  }

  /** A running job's progress, 0..1 (animation renders report it frame by frame). */
  setProgress(id: string, value: number): void {
    const job = this.#jobs.get(id);
    if (job?.status === 'running') job.progress = value;
  }

  /** The job's state now, or null when it is not known. */
  statusOf(id: string): JobStatus | null {
    return this.#jobs.get(id)?.status ?? null;
  }

  /** `GET /requests[?status=X]`: items sorted by id; counts cover the filtered items, total all. */
  list(filter: string): string {
    const counts: Record<JobStatus, number> = {
      queued: 0,
      running: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    };
    const items: string[] = [];
    for (const job of [...this.#jobs.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (filter && job.status !== filter) continue;
      counts[job.status]++;
      items.push(
        `{"request_id":${quoteStringStd(job.id)},"status":"${job.status}","progress":${formatG15(job.progress)},"submitted_at":"${localIsoSeconds(job.submittedAtMs)}"}`,
      );
    }
    return (
      `{"requests":[${items.join(',')}],"total":${this.#jobs.size},"queued":${counts.queued},` +
      `"running":${counts.running},"completed":${counts.completed},"failed":${counts.failed},"cancelled":${counts.cancelled}}`
    );
  }

  /** Forget finished jobs past their TTL; fail jobs running for longer than the stale limit. */
  sweep(now = Date.now()): void {
    for (const [id, job] of this.#jobs) {
      if (
        TERMINAL.has(job.status) &&
        job.completedAtMs > 0 &&
        now - job.completedAtMs > this.config.asyncTtlMs
      ) {
        this.#jobs.delete(id);
      } else if (job.status === 'running' && now - job.startedAtMs > this.config.asyncStaleMs) {
        job.status = 'failed';
        job.error = STALE_MESSAGE;
        job.completedAtMs = now;
      }
    }
  }

  /** Server stop: everything pending is cancelled ("Server stopped"), as in the plugin. */
  stop(): void {
    clearInterval(this.#sweeper);
    const now = Date.now();
    for (const job of this.#jobs.values()) {
      if (job.status === 'queued' || job.status === 'running') {
        if (job.status === 'queued') job.queued.cancel();
        job.status = 'cancelled';
        job.error = 'Server stopped';
        job.completedAtMs = now;
      }
    }
  }
}
