/**
 * The HTTP side's handle on the emulated DAZ main thread: one worker, one FIFO queue. Sync
 * executes and async jobs share the queue, so every script runs serially whatever the number of
 * concurrent requests, as in DAZ Studio.
 *
 * The worker is started through a tiny eval bootstrap so it loads the same module graph whether
 * dazport runs from compiled JavaScript (dist) or from TypeScript sources (tsx, vitest).
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DazportError } from '../../errors.js';
import { clearKill, createRenderKillFlag, type RenderKillFlag } from '../render/render-control.js';
import { prebuiltMannequins } from '../scenes/prebuilt-mannequins.js';
import type { FrameBatch } from './scene-event-frames.js';
import type { ScriptJob, ScriptOutcome } from './script-runtime.js';
import type { FromWorker, ToWorker, WorkerInit, WorkerStart } from './worker-protocol.js';

export interface HostOutcome extends ScriptOutcome {
  /** Time spent waiting for the main thread (queue), ms. */
  waitMs: number;
  /** Time spent running, ms. */
  runMs: number;
}

export interface QueuedScript {
  /** Settles when the script has run (or the host stopped). */
  done: Promise<HostOutcome>;
  /** Remove the script if it has not started; false once it runs. */
  cancel(): boolean;
}

interface Entry {
  id: number;
  job: ScriptJob;
  enqueuedAt: number;
  startedAt: number;
  onStart?: () => void;
  resolve: (outcome: HostOutcome) => void;
  /** Not a script: the plugin's save-copy to this path (see save-copy.ts). */
  saveCopyTo?: string;
}

/** Extra time past a script's own budget before the host gives up on the worker and restarts it. */
const WATCHDOG_GRACE_MS = 5_000;

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
  await import(workerData.entry);
})().catch((err) => { setImmediate(() => { throw err; }); });
`;

export interface ScriptHostEvents {
  /** Scene events as SSE frames, in the order the scene emitted them. */
  'scene-events': [FrameBatch];
  busy: [string | null];
  /** A script announced frame `frame` of `total` of an animation render. */
  'render-frame': [frame: number, total: number];
}

export class ScriptHost extends EventEmitter<ScriptHostEvents> {
  readonly #init: WorkerInit;
  #worker: Worker | null = null;
  readonly #queue: Entry[] = [];
  #running: Entry | null = null;
  #watchdog: NodeJS.Timeout | null = null;
  #nextId = 1;
  #stopped = false;
  #busyReason: string | null = null;
  /** Set to stop the render running on the main thread; cleared as each script starts. */
  readonly renderKillFlag: RenderKillFlag = createRenderKillFlag();

  constructor(init: WorkerInit) {
    super();
    this.#init = init;
  }

  /** Why DAZ Studio would answer 503 STUDIO_BUSY right now, or null. */
  get busyReason(): string | null {
    return this.#busyReason;
  }

  /** Scripts waiting (not counting the one running). */
  get queueLength(): number {
    return this.#queue.length;
  }

  /** Start the worker and load the scene; rejects with the scene error if it cannot load. */
  async start(): Promise<{ nodes: number }> {
    return this.#spawn();
  }

  #spawn(): Promise<{ nodes: number }> {
    const fromSources = import.meta.url.endsWith('.ts');
    const prebuilt = fromSources ? prebuiltWorkerEntry() : undefined;
    const entry =
      prebuilt ?? new URL(fromSources ? './worker-main.ts' : './worker-main.js', import.meta.url).href;
    const tsxApi = fromSources && !prebuilt ? tsxEsmApiUrl() : undefined;
    const start: WorkerStart = {
      ...this.#init,
      mannequins: prebuiltMannequins(this.#init.scene),
      renderKillFlag: this.renderKillFlag,
    };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...start, entry, tsxApi } });
    this.#worker = worker;
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready':
            ready = true;
            resolve(message.sceneSummary);
            this.#pump();
            break;
          case 'fatal':
            // Keep a DazportError's code and hint across the thread boundary.
            reject(
              message.code?.startsWith('DAZPORT_')
                ? new DazportError(message.code, message.message, {
                    suggestion: message.suggestion,
                    context: message.context,
                  })
                : new DazportError(
                    'DAZPORT_EMULATOR_START',
                    `emulator could not load its scene: ${message.message}`,
                  ),
            );
            void worker.terminate();
            break;
          case 'done':
            this.#finish(message.id, message.outcome);
            break;
          case 'events':
            this.emit('scene-events', message.batch);
            break;
          case 'busy':
            this.#busyReason = message.reason;
            this.emit('busy', message.reason);
            break;
          case 'render-frame':
            this.emit('render-frame', message.frame, message.total);
            break;
        }
      });
      worker.on('error', (err) => {
        if (!ready)
          reject(
            new DazportError('DAZPORT_EMULATOR_START', `emulator worker failed: ${err.message}`, {
              cause: err,
            }),
          );
        else this.#recover(`emulator main thread crashed: ${err.message}`);
      });
      worker.on('exit', (code) => {
        if (this.#worker === worker && !this.#stopped && ready)
          this.#recover(`emulator main thread exited (${code})`);
      });
    });
  }

  /**
   * Queue the plugin's save-copy on the main thread, in turn with scripts; the outcome's
   * `resultJson` is `{ok, path, source, method}`, or `error` says why nothing was written.
   */
  saveCopy(path: string, timeoutMs: number): Promise<HostOutcome> {
    const job: ScriptJob = { source: '', args: {}, timeoutMs, maxOutputLines: 0, dialect: 'builder' };
    return this.enqueue(job, undefined, path).done;
  }

  /** Queue a script. `onStart` fires when the main thread picks it up. */
  enqueue(job: ScriptJob, onStart?: () => void, saveCopyTo?: string): QueuedScript {
    let resolve!: (o: HostOutcome) => void;
    const done = new Promise<HostOutcome>((r) => {
      resolve = r;
    });
    const entry: Entry = {
      id: this.#nextId++,
      job,
      enqueuedAt: performance.now(),
      startedAt: 0,
      onStart,
      resolve,
      saveCopyTo,
    };
    if (this.#stopped) {
      resolve(failed(entry, 'Error: the emulator is stopping'));
    } else {
      this.#queue.push(entry);
      this.#pump();
    }
    return {
      done,
      cancel: () => {
        const at = this.#queue.indexOf(entry);
        if (at < 0) return false;
        this.#queue.splice(at, 1);
        resolve(failed(entry, 'Cancelled'));
        return true;
      },
    };
  }

  #pump(): void {
    if (this.#running || !this.#worker || this.#stopped) return;
    const entry = this.#queue.shift();
    if (!entry) return;
    this.#running = entry;
    clearKill(this.renderKillFlag); // a kill meant for the previous script's render
    entry.startedAt = performance.now();
    entry.onStart?.();
    this.#watchdog = setTimeout(
      () =>
        this.#recover(
          `Error: script did not return within ${entry.job.timeoutMs + WATCHDOG_GRACE_MS} ms; emulator main thread restarted`,
        ),
      entry.job.timeoutMs + WATCHDOG_GRACE_MS,
    );
    const message: ToWorker =
      entry.saveCopyTo === undefined
        ? { type: 'run', id: entry.id, job: entry.job }
        : { type: 'save-copy', id: entry.id, path: entry.saveCopyTo };
    this.#worker.postMessage(message);
  }

  #finish(id: number, outcome: ScriptOutcome): void {
    const entry = this.#running;
    if (!entry || entry.id !== id) return;
    if (this.#watchdog) clearTimeout(this.#watchdog);
    this.#running = null;
    const now = performance.now();
    entry.resolve({ ...outcome, waitMs: entry.startedAt - entry.enqueuedAt, runMs: now - entry.startedAt });
    this.#pump();
  }

  /** The worker died or hung: fail the running script, start a fresh main thread, go on. */
  #recover(reason: string): void {
    if (this.#stopped) return;
    if (this.#watchdog) clearTimeout(this.#watchdog);
    const entry = this.#running;
    this.#running = null;
    const old = this.#worker;
    this.#worker = null;
    if (entry) entry.resolve(failed(entry, reason));
    void old?.terminate();
    this.#spawn().catch((err: Error) => {
      // The scene loaded before, so this is unexpected; fail everything that waits.
      for (const e of this.#queue.splice(0)) e.resolve(failed(e, `Error: ${err.message}`));
    });
  }

  /** Stop the main thread; queued scripts fail with "the emulator is stopping". */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#watchdog) clearTimeout(this.#watchdog);
    for (const entry of this.#queue.splice(0))
      entry.resolve(failed(entry, 'Error: the emulator is stopping'));
    if (this.#running) this.#running.resolve(failed(this.#running, 'Error: the emulator is stopping'));
    this.#running = null;
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }
}

/**
 * A JavaScript build of worker-main, when running from sources and one is named in
 * DAZPORT_EMULATOR_WORKER_JS. The test suite builds one per run (test/helpers/global-setup.ts):
 * tsx's loader costs each worker about half a CPU-second to start, and the suite starts over a
 * hundred emulators. Ignored in dist, whose worker is JavaScript already.
 */
function prebuiltWorkerEntry(): string | undefined {
  const path = process.env.DAZPORT_EMULATOR_WORKER_JS;
  return path && existsSync(path) ? pathToFileURL(path).href : undefined;
}

/**
 * Running from TypeScript sources (tsx, vitest), the worker needs tsx's ESM loader registered
 * before it imports its entry. Resolved through tsx's own `exports` map, ESM flavour.
 */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, string | { import: { default: string } }>;
  };
  const api = manifest.exports['./esm/api'];
  const relative = typeof api === 'string' ? api : api.import.default;
  return pathToFileURL(join(dirname(manifestPath), relative)).href;
}

function failed(entry: Entry, error: string): HostOutcome {
  const now = performance.now();
  const started = entry.startedAt || now;
  return {
    success: false,
    resultJson: 'null',
    output: [],
    error,
    waitMs: started - entry.enqueuedAt,
    runMs: now - started,
  };
}
