/**
 * DzRenderMgr (`App.getRenderMgr()`) and its renderers. `doRender(opts?)` renders the scene on
 * the main thread, synchronously, as DAZ Studio does: `renderStarting` fires, DAZ Studio is busy
 * (the plugin answers 503 STUDIO_BUSY meanwhile), the image is made, `renderFinished(bool)`
 * fires, and doRender returns whether it succeeded. The image is the emulator's flat-shaded
 * rasterisation ({@link renderScene}), whichever renderer is active.
 *
 * The camera is `opts.camera` when a script set it (the plugin does; DAZ reads it), else the
 * scene's first camera: the emulator has no viewport. The file is written only when
 * `renderImgToId` is DirectToFile, as in DAZ Studio; otherwise the image stays in memory
 * (`hasRender()` turns true).
 */
import { killRequested, type RenderHooks, renderHooks, requestKill } from '../../render/render-control.js';
import { renderScene, writePngAtomically } from '../../render/render-scene.js';
import type { DomContext } from '../dom-context.js';
import { DzBase } from '../dz-base.js';
import { DzCamera } from '../dz-camera.js';
import { DzLight } from '../dz-light.js';
import type { DzScene } from '../dz-scene.js';
import { DzRenderOptions, recordWrittenImage, renderSettings } from './dz-render-options.js';
import { type ScriptSignal, scriptSignal } from './script-signal.js';

const RENDERING_BUSY_REASON = 'DAZ Studio is rendering';

/** A registered render engine. All of them draw the emulator's flat-shaded image. */
export class DzRenderer extends DzBase {
  protected readonly classChain: readonly string[];
  readonly #hooks: RenderHooks;

  constructor(className: string, name: string, hooks: RenderHooks) {
    super(name);
    this.classChain = [className, 'DzRenderer', 'DzBase', 'QObject'];
    this.#hooks = hooks;
  }

  /** Stop the render in progress (DAZ's kill switch; the plugin's cancel calls it). */
  killRender(): void {
    if (this.#hooks.killFlag) requestKill(this.#hooks.killFlag);
  }
}

export class DzRenderMgr extends DzBase {
  protected readonly classChain = ['DzRenderMgr', 'DzBase', 'QObject'] as const;
  readonly #ctx: DomContext;
  readonly #scene: DzScene;
  readonly #options: DzRenderOptions;
  readonly #renderers: DzRenderer[];
  #active: DzRenderer;
  #rendering = false;
  #hasRender = false;
  #lastSaved = '';
  declare readonly renderStarting: ScriptSignal;
  declare readonly renderFinished: ScriptSignal;
  declare readonly hasRenderChanged: ScriptSignal;
  declare readonly activeRendererChanged: ScriptSignal;

  constructor(ctx: DomContext, scene: DzScene) {
    super('');
    this.#ctx = ctx;
    this.#scene = scene;
    this.#options = new DzRenderOptions(ctx);
    this.#renderers = [
      new DzRenderer('DzIrayRenderer', 'NVIDIA Iray', renderHooks),
      new DzRenderer('DzDelightRenderer', '3Delight', renderHooks),
    ];
    this.#active = this.#renderers[0];
    // QtScript shows each signal under its name and its normalized signature.
    const signals: Array<[string, string]> = [
      ['renderStarting', 'renderStarting()'],
      ['renderFinished', 'renderFinished(bool)'],
      ['hasRenderChanged', 'hasRenderChanged(bool)'],
      ['activeRendererChanged', 'activeRendererChanged(DzRenderer*)'],
    ];
    for (const [name, signature] of signals) {
      const signal = scriptSignal((m) => ctx.typeError(m));
      Object.defineProperty(this, name, { value: signal, enumerable: false });
      Object.defineProperty(this, signature, { value: signal, enumerable: false });
    }
  }

  getRenderOptions(): DzRenderOptions {
    return this.#options;
  }

  getNumRenderers(): number {
    return this.#renderers.length;
  }

  getRenderer(which: number): DzRenderer | null {
    return this.#renderers[Math.trunc(which)] ?? null;
  }

  getRendererList(): DzRenderer[] {
    return this.#ctx.array(this.#renderers);
  }

  findRenderer(className: string): DzRenderer | null {
    return this.#renderers.find((r) => r.className() === String(className)) ?? null;
  }

  getActiveRenderer(): DzRenderer {
    return this.#active;
  }

  setActiveRenderer(renderer: DzRenderer): void {
    if (!(renderer instanceof DzRenderer))
      throw this.#ctx.typeError('DzRenderMgr.setActiveRenderer: expected a DzRenderer');
    if (renderer === this.#active) return;
    this.#active = renderer;
    this.activeRendererChanged(renderer);
  }

  isRendering(): boolean {
    return this.#rendering;
  }

  hasRender(): boolean {
    return this.#hasRender;
  }

  /** Back to the default render settings (the options object stays the same one). */
  restoreDefaultRenderOptions(): void {
    this.#options.restoreDefaultSettings();
  }

  getLastSavedRenderPath(): string {
    return this.#lastSaved;
  }

  /** Render now with `opts` (or the manager's own options); true when an image was made. */
  doRender(opts?: DzRenderOptions): boolean {
    if (opts !== undefined && opts !== null && !(opts instanceof DzRenderOptions)) {
      throw this.#ctx.typeError('DzRenderMgr.doRender: expected a DzRenderOptions');
    }
    if (this.#rendering) return false;
    const options = opts ?? this.#options;
    this.#rendering = true;
    renderHooks.onBusy(RENDERING_BUSY_REASON);
    this.#ctx.emit({ type: 'render.started', data: {} });
    // Subscribers hear of the render while it runs, as the plugin's do, not when it is over.
    renderHooks.flushEvents();
    let succeeded = false;
    try {
      this.renderStarting();
      succeeded = this.#render(options);
    } finally {
      this.#rendering = false;
      renderHooks.onBusy(null);
      this.#ctx.emit({ type: 'render.finished', data: {} });
      this.renderFinished(succeeded);
    }
    return succeeded;
  }

  #render(options: DzRenderOptions): boolean {
    const camera = this.#camera(options);
    if (!camera) return false;
    const size = renderSettings.size(options);
    const target = options.renderImgFilename;
    const toFile = renderSettings.writesFile(options);
    if (toFile && !target) return false;
    const out = renderScene({
      scene: this.#scene,
      camera,
      width: size.width,
      height: size.height,
      doubleSided: options.doubleSided,
      gamma: renderSettings.gammaOut(options),
      shouldStop: () => killRequested(renderHooks.killFlag),
    });
    if (!out.rgb) return false;
    if (toFile) {
      try {
        writePngAtomically(target, size.width, size.height, out.rgb);
      } catch {
        return false; // DAZ Studio reports a failed save in its log; the render did not succeed
      }
      recordWrittenImage(options, target);
      this.#lastSaved = target;
    }
    if (!this.#hasRender) {
      this.#hasRender = true;
      this.hasRenderChanged(true);
    }
    return true;
  }

  /** `opts.camera` when a script set one (a dynamic property, as in QtScript), else the first camera. */
  #camera(options: DzRenderOptions): DzCamera | null {
    const chosen = (options as unknown as { camera?: unknown }).camera;
    if (chosen instanceof DzCamera && !(chosen instanceof DzLight)) return chosen;
    return (this.#scene.getCameraList() as DzCamera[])[0] ?? null;
  }
}
