/**
 * DAZ Studio's main thread, emulated: this worker owns the scene and runs scripts one at a time.
 * The HTTP side stays responsive meanwhile (as the plugin's server threads do) and can answer
 * /status, refuse with 429, and keep SSE streams alive while a long script runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DzScene } from '../dom/dz-scene.js';
import { renderHooks } from '../render/render-control.js';
import { adoptMannequins, buildScene } from '../scenes/build-scene.js';
import { loadSceneSpec } from '../scenes/load-scene.js';
import { EventBatcher } from './event-batcher.js';
import { saveSceneCopy } from './save-copy.js';
import { type ScriptOutcome, ScriptRuntime } from './script-runtime.js';
import type { FromWorker, ToWorker, WorkerStart } from './worker-protocol.js';

const port = parentPort!;
/** What the plugin's animation render script prints before each frame. */
const FRAME_MARKER = /^\[DAZPY_FRAME\] (\d+)\/(\d+)$/;
const events = new EventBatcher((batch) => {
  const message: FromWorker = { type: 'events', batch };
  port.postMessage(message);
});
/** Every other message goes after the events emitted before it. */
const send = (message: FromWorker) => {
  events.flush();
  port.postMessage(message);
};

try {
  const init = workerData as WorkerStart;
  adoptMannequins(init.mannequins ?? {});
  const spec = loadSceneSpec(init.scene);
  let nodes = 0;
  let scene: DzScene | null = null;
  const runtime = new ScriptRuntime((realm) => {
    const built = buildScene(spec, realm, (event) => events.add(event));
    scene = built.scene;
    nodes = built.scene.getNumNodes();
    return built.globals;
  });
  runtime.onBusy = (reason) => send({ type: 'busy', reason });
  renderHooks.killFlag = init.renderKillFlag ?? null;
  renderHooks.onBusy = (reason) => send({ type: 'busy', reason });
  renderHooks.flushEvents = () => events.flush();
  runtime.onBlock = () => events.flush();
  runtime.onPrint = (line) => {
    const marker = FRAME_MARKER.exec(line);
    if (marker) send({ type: 'render-frame', frame: Number(marker[1]), total: Number(marker[2]) });
  };
  port.on('message', (message: ToWorker) => {
    if (message.type === 'run') send({ type: 'done', id: message.id, outcome: runtime.run(message.job) });
    if (message.type === 'save-copy') send({ type: 'done', id: message.id, outcome: saveCopy(message.path) });
  });
  /** A save-copy's answer travels as a script outcome: the result object, or the error. */
  const saveCopy = (path: string): ScriptOutcome => {
    try {
      const result = saveSceneCopy(scene as unknown as DzScene, path);
      return { success: true, resultJson: JSON.stringify(result), output: [], error: null };
    } catch (err) {
      return { success: false, resultJson: 'null', output: [], error: (err as Error).message };
    }
  };
  send({ type: 'ready', sceneSummary: { nodes } });
} catch (err) {
  // Keep a DazportError's code and hint: the user needs them (a scene file that is not there ...).
  const e = err as { message?: string; code?: unknown; suggestion?: unknown; context?: unknown };
  send({
    type: 'fatal',
    message: e.message ?? String(err),
    code: typeof e.code === 'string' ? e.code : undefined,
    suggestion: typeof e.suggestion === 'string' ? e.suggestion : undefined,
    context: e.context && typeof e.context === 'object' ? (e.context as Record<string, unknown>) : undefined,
  });
}
