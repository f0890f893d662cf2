/**
 * The plugin's render routes, after their guards (server.ts runs those):
 *
 *   POST /render                 → {request_id:"rnd-…", status:"queued", submitted_at}
 *   POST /render/batch           → {batch_id:"bat-…", request_ids:[…], total}
 *   POST /render/animation       → like /render; one job renders a frame range
 *   POST /render/:id/cancel      → as DELETE /requests/:id; 400 for an id that is not rnd-
 *   GET  /render/:id/progress    → SSE (render-progress.ts); 404 for unknown or non-rnd- ids
 *
 * A render is an async job whose script configures DzRenderOptions and calls doRender on the
 * main thread, like every other script. Figures named in a request are looked up in the scene
 * (a small script on the main thread) before anything is queued, as the plugin does. Cancelling
 * a running render sets the kill flag the renderer polls (the plugin's killRender()).
 */
import type { ServerResponse } from 'node:http';
import { requestKill } from '../render/render-control.js';
import type { ScriptHost } from '../runtime/script-host.js';
import type { AsyncJobManager, JobHooks } from './async-jobs.js';
import type { EmulatorConfig } from './config.js';
import { errorBody, type ServerRefusal } from './error-response.js';
import { sendJson } from './http-io.js';
import { newAsyncId } from './ids.js';
import { RenderProgressBroker } from './render-progress.js';
import {
  animationScript,
  cameraCheckScript,
  figureCheckScript,
  type RenderSpec,
  readAnimationBody,
  readBatchBody,
  readRenderBody,
  renderScript,
} from './render-requests.js';
import { parseJsonObject } from './request-parsing.js';

export class RenderRoutes {
  readonly progress: RenderProgressBroker;
  readonly #hooks: JobHooks;
  /** The render job running on the main thread, if any: frame markers belong to it. */
  #running: string | null = null;

  constructor(
    private readonly jobs: AsyncJobManager,
    private readonly host: ScriptHost,
    private readonly config: EmulatorConfig,
  ) {
    this.progress = new RenderProgressBroker(config.sseKeepaliveMs);
    this.#hooks = {
      onStart: (id) => {
        this.#running = id;
        this.progress.started(id);
      },
      onFinish: (id, end) => {
        if (this.#running === id) this.#running = null;
        if (end.executed && !end.cancelled) this.progress.completed(id, end.durationMs);
        else this.progress.failed(id, end.executed ? '' : end.error, end.durationMs);
      },
    };
    // The plugin turns `[DAZPY_FRAME] n/total` printed during a render job into progress.
    host.on('render-frame', (frame, total) => {
      const id = this.#running;
      if (!id || total <= 0) return;
      this.progress.frame(id, frame, total);
      this.jobs.setProgress(id, (frame - 1) / total);
    });
  }

  async render(res: ServerResponse, bodyText: string): Promise<void> {
    const parsed = parseJsonObject(bodyText);
    if (!parsed.ok) return sendJson(res, 400, errorBody('INVALID_JSON'));
    const spec = readRenderBody(parsed.value);
    if (!spec.ok) return refuse(res, spec.refusal);
    const missing = await this.#missingFigure(spec.value);
    if (missing !== null)
      return sendJson(res, 400, errorBody('INVALID_FIELD', `Figure not found in scene: ${missing}`));
    const queued = this.#queue(spec.value);
    if (!queued.ok) return sendJson(res, 503, errorBody('SERVER_UNAVAILABLE', queued.detail));
    sendJson(res, 200, queued.body);
  }

  async batch(res: ServerResponse, bodyText: string): Promise<void> {
    const parsed = parseJsonObject(bodyText);
    if (!parsed.ok) return sendJson(res, 400, errorBody('INVALID_JSON'));
    const specs = readBatchBody(parsed.value);
    if (!specs.ok) return refuse(res, specs.refusal);
    // Every variant is checked before any is queued.
    for (let i = 0; i < specs.value.length; i++) {
      const missing = await this.#missingFigure(specs.value[i]);
      if (missing !== null) {
        return sendJson(
          res,
          400,
          errorBody('INVALID_FIELD', `variants[${i}]: Figure not found in scene: ${missing}`),
        );
      }
    }
    const batchId = newAsyncId('bat');
    const ids: string[] = [];
    for (const spec of specs.value) {
      const queued = this.#queue(spec);
      if (!queued.ok) {
        // Variants already queued still run, as in the plugin.
        const detail = `Queue full after accepting ${ids.length} of ${specs.value.length} variants: ${queued.detail}`;
        return sendJson(res, 503, errorBody('SERVER_UNAVAILABLE', detail));
      }
      ids.push(queued.id);
    }
    sendJson(
      res,
      200,
      `{"batch_id":"${batchId}","request_ids":[${ids.map((id) => `"${id}"`).join(',')}],"total":${ids.length}}`,
    );
  }

  /** `POST /render/animation`: one job rendering a frame range, progress per frame. */
  async animation(res: ServerResponse, bodyText: string): Promise<void> {
    const parsed = parseJsonObject(bodyText);
    if (!parsed.ok) return sendJson(res, 400, errorBody('INVALID_JSON'));
    const spec = readAnimationBody(parsed.value);
    if (!spec.ok) return refuse(res, spec.refusal);
    if (spec.value.camera && (await this.#check(cameraCheckScript(spec.value.camera))) === 'NOT_FOUND') {
      return sendJson(
        res,
        400,
        errorBody('INVALID_FIELD', `Camera not found in scene: ${spec.value.camera}`),
      );
    }
    const submitted = this.jobs.submit('rnd', { source: animationScript(spec.value), args: {} }, this.#hooks);
    if (!submitted.ok) return sendJson(res, 503, errorBody('SERVER_UNAVAILABLE', submitted.detail));
    this.progress.track(submitted.id, spec.value.outputPattern);
    sendJson(res, 200, submitted.body);
  }

  cancel(res: ServerResponse, id: string): void {
    if (!id.startsWith('rnd-')) {
      sendJson(res, 400, '{"success":false,"error":"Not a render request"}');
      return;
    }
    const running = this.jobs.statusOf(id) === 'running';
    const reply = this.jobs.cancel(id);
    if (reply.status === 200 && running) requestKill(this.host.renderKillFlag);
    sendJson(res, reply.status, reply.body);
  }

  watch(res: ServerResponse, id: string): void {
    if (!id.startsWith('rnd-')) sendJson(res, 404, '{"error":"Not a render request"}');
    else if (this.jobs.statusOf(id) === null || !this.progress.knows(id))
      sendJson(res, 404, '{"error":"Render request not found"}');
    else this.progress.watch(id, res);
  }

  stop(): void {
    this.progress.closeAll();
  }

  #queue(spec: RenderSpec): { ok: true; id: string; body: string } | { ok: false; detail: string } {
    const submitted = this.jobs.submit('rnd', { source: renderScript(spec), args: {} }, this.#hooks);
    if (!submitted.ok) return submitted;
    this.progress.track(submitted.id, spec.outputPath);
    return { ok: true, id: submitted.id, body: submitted.body };
  }

  /** The first figure label the scene does not have, or null (also when the check cannot run). */
  async #missingFigure(spec: RenderSpec): Promise<string | null> {
    if (spec.figures.length === 0) return null;
    const result = await this.#check(figureCheckScript(spec.figures.map((f) => f.name)));
    return typeof result === 'string' && result.startsWith('NOT_FOUND:') ? result.slice(10) : null;
  }

  /** Run a pre-flight check script on the main thread; its result, or null if it failed. */
  async #check(source: string): Promise<unknown> {
    const outcome = await this.host.enqueue({
      source,
      args: {},
      timeoutMs: this.config.scriptTimeoutMs,
      maxOutputLines: this.config.maxOutputLines,
      dialect: 'std',
    }).done;
    return outcome.success ? (JSON.parse(outcome.resultJson) as unknown) : null;
  }
}

function refuse(res: ServerResponse, refusal: ServerRefusal): void {
  sendJson(res, refusal.status, refusal.body());
}
