/**
 * Messages between the HTTP side of the emulator and its DAZ "main thread" (a worker thread that
 * owns the emulated scene and runs every script, one at a time).
 */
import type { MannequinMesh } from '../scenes/mannequin/mannequin-mesh.js';
import type { FrameBatch } from './scene-event-frames.js';
import type { ScriptJob, ScriptOutcome } from './script-runtime.js';

/** A scene event as the plugin's SceneEventBroker publishes it (before the SSE envelope). */
export interface SceneEvent {
  /** Event type, e.g. `node.added`, `scene.loaded`, `time.changed`. */
  type: string;
  data: Record<string, unknown>;
}

export type ToWorker =
  | { type: 'run'; id: number; job: ScriptJob }
  /** The plugin's POST /scene/save-copy, answered with `done` (see save-copy.ts). */
  | { type: 'save-copy'; id: number; path: string };

export type FromWorker =
  | { type: 'ready'; sceneSummary: { nodes: number } }
  | { type: 'done'; id: number; outcome: ScriptOutcome }
  | { type: 'events'; batch: FrameBatch }
  | { type: 'busy'; reason: string | null }
  /** A script printed `[DAZPY_FRAME] n/total` (an animation render reached frame n). */
  | { type: 'render-frame'; frame: number; total: number }
  | { type: 'fatal'; message: string; code?: string; suggestion?: string; context?: Record<string, unknown> };

/** What the worker is started with. */
export interface WorkerInit {
  /** Built-in scene name (`g9`, `g8f`, `g8m`, `heavy`, `empty`) or a scene JSON file path. */
  scene: string;
}

/** What the worker is started with: the init, and figure meshes the host thread already built. */
export interface WorkerStart extends WorkerInit {
  mannequins?: Record<string, MannequinMesh>;
  /** Shared with the HTTP side: set to stop the render in progress (render-control.ts). */
  renderKillFlag?: Int32Array;
}
