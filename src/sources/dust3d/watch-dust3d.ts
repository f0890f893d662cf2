/**
 * Re-read a Dust3D document whenever its result mesh changes, for a `--watch` export.
 *
 * Dust3D pushes `#resultmeshchanged` after each regeneration (several in a burst while a user
 * drags a node), so reads are debounced: one read `debounceMs` after the last event, never two
 * at once, and one more if events came during a read. Events only come for the selected window,
 * which the first read selects.
 *
 * @example
 * const watch = watchDust3d(client, (scene) => writeSceneFile(scene, 'live.glb', { rigged: false }));
 * // … later
 * watch.stop();
 *
 * @category Dust3D
 */
import type { Scene } from '../../scene/scene.js';
import type { Dust3dClient } from './dust3d-client.js';
import { type ReadDust3dSceneOptions, readDust3dScene } from './read-dust3d-scene.js';

export interface WatchDust3dOptions extends ReadDust3dSceneOptions {
  /** Quiet time after the last `resultmeshchanged` before reading, ms (default 250). */
  debounceMs?: number;
  /** Read once at the start too (default true). */
  initialRead?: boolean;
  /** Told of a failed read; the watch goes on (default: ignore). */
  onError?: (err: unknown) => void;
}

export const WATCH_DUST3D_DEFAULTS = { debounceMs: 250, initialRead: true };

export interface Dust3dWatch {
  /** Stops listening; a read under way still finishes and is delivered. */
  stop(): void;
  /** Resolves when no read is waiting or running (for tests and clean shutdown). */
  settled(): Promise<void>;
}

/** Calls `onChange` with a fresh scene after each burst of `resultmeshchanged` events. */
export function watchDust3d(
  client: Dust3dClient,
  onChange: (scene: Scene) => void | Promise<void>,
  options: WatchDust3dOptions = {},
): Dust3dWatch {
  const { debounceMs, initialRead } = { ...WATCH_DUST3D_DEFAULTS, ...options };
  let timer: NodeJS.Timeout | null = null;
  let reading: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const read = () => {
    timer = null;
    if (reading) {
      again = true;
      return;
    }
    reading = (async () => {
      try {
        await onChange(await readDust3dScene(client, options));
      } catch (err) {
        options.onError?.(err);
      }
    })().finally(() => {
      reading = null;
      if (again && !stopped) {
        again = false;
        read();
      }
    });
  };
  const unsubscribe = client.onEvent((event) => {
    if (stopped || event.name !== 'resultmeshchanged') return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(read, debounceMs);
  });
  if (initialRead) read();
  return {
    stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = null;
    },
    async settled() {
      while (timer || reading) await (reading ?? new Promise((r) => setTimeout(r, debounceMs)));
    },
  };
}
