/**
 * How a render on the emulated main thread hears from outside while it runs. The worker is busy
 * in one synchronous script for the whole render, so messages cannot reach it; a shared flag
 * can. The HTTP side sets it to cancel a running render (the plugin's `killRender()`), clears it
 * when the next job starts, and the rasterizer polls it.
 */

/** Index 0: 1 while a kill was requested for the job that runs now. */
export type RenderKillFlag = Int32Array;

/** A flag both threads can see. */
export function createRenderKillFlag(): RenderKillFlag {
  return new Int32Array(new SharedArrayBuffer(4));
}

export function requestKill(flag: RenderKillFlag): void {
  Atomics.store(flag, 0, 1);
}

export function clearKill(flag: RenderKillFlag): void {
  Atomics.store(flag, 0, 0);
}

export function killRequested(flag: RenderKillFlag | null): boolean {
  return flag !== null && Atomics.load(flag, 0) === 1;
}

/** What the main thread's render manager is wired to (worker-main sets it; tests may not). */
export interface RenderHooks {
  killFlag: RenderKillFlag | null;
  /** Busy reason while a render runs (503 STUDIO_BUSY on the HTTP side), null after. */
  onBusy: (reason: string | null) => void;
  /**
   * Send the scene events emitted so far: a render holds the thread, and an event still waiting
   * in a batch (render.started) would otherwise go out only after it.
   */
  flushEvents: () => void;
}

export const renderHooks: RenderHooks = { killFlag: null, onBusy: () => {}, flushEvents: () => {} };
