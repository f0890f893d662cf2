/**
 * The bodies of `POST /render` and `POST /render/batch`, read and checked as the plugin reads
 * them (field names, defaults, which check comes first, error codes and wording; see
 * shared/reference/dazscript-server-and-dazpy.md §1.3 "Render"), and the DazScript each render
 * job runs on the main thread. The script is the emulator's own; it uses only calls the DAZ
 * script API documents, plus `opts.camera`, the dynamic property DAZ's doRender reads.
 */
import { quoteStringStd } from '../runtime/json-builder.js';
import { ServerRefusal } from './error-response.js';
import { variantMap, variantString } from './request-parsing.js';

export interface FigureMorphs {
  name: string;
  morphs: Record<string, unknown>;
}

export interface RenderSpec {
  outputPath: string;
  width: number;
  height: number;
  camera: string;
  engine: string;
  resetMorphs: boolean;
  figures: FigureMorphs[];
}

export const MAX_BATCH_VARIANTS = 100;
export const MAX_ANIMATION_FRAMES = 1000;
const ENGINES = new Set(['iray', 'viewport', 'filament']);

type Parsed<T> = { ok: true; value: T } | { ok: false; refusal: ServerRefusal };

/** `POST /render`: one render. */
export function readRenderBody(body: Record<string, unknown>): Parsed<RenderSpec> {
  const outputPath = variantString(body.output_path).trim();
  if (!outputPath) return refuse('MISSING_FIELD', "Field 'output_path' is required");
  const width = has(body, 'width') ? variantInt(body.width) : 0;
  const height = has(body, 'height') ? variantInt(body.height) : 0;
  const checked = checkScalars(width, height, variantString(body.engine).trim().toLowerCase(), '', '');
  if (checked) return { ok: false, refusal: checked };
  const figures = readFigures(body, '');
  if (!figures.ok) return figures;
  return {
    ok: true,
    value: {
      outputPath,
      width,
      height,
      camera: variantString(body.camera).trim(),
      engine: variantString(body.engine).trim().toLowerCase(),
      resetMorphs: variantBool(body.reset_morphs),
      figures: figures.value,
    },
  };
}

/** `POST /render/batch`: `{base?, variants[]}`, each variant overriding the base. */
export function readBatchBody(body: Record<string, unknown>): Parsed<RenderSpec[]> {
  const base = variantMap(body.base);
  const baseFigures = readFigures(base, 'base.');
  if (!baseFigures.ok) return baseFigures;
  if (!has(body, 'variants')) return refuse('MISSING_FIELD', 'variants');
  const variants = Array.isArray(body.variants) ? body.variants : [];
  if (variants.length === 0) return refuse('INVALID_FIELD', 'variants must be a non-empty array');
  if (variants.length > MAX_BATCH_VARIANTS) {
    return refuse('INVALID_FIELD', `variants exceeds maximum of ${MAX_BATCH_VARIANTS}`);
  }
  const specs: RenderSpec[] = [];
  for (let vi = 0; vi < variants.length; vi++) {
    const v = variantMap(variants[vi]);
    const at = `variants[${vi}]`;
    const outputPath = variantString(v.output_path).trim();
    if (!outputPath) return refuse('MISSING_FIELD', `Field '${at}.output_path' is required`);
    const pick = <T>(key: string, read: (x: unknown) => T): T => read(has(v, key) ? v[key] : base[key]);
    const width = has(v, 'width') ? variantInt(v.width) : has(base, 'width') ? variantInt(base.width) : 0;
    const height = has(v, 'height')
      ? variantInt(v.height)
      : has(base, 'height')
        ? variantInt(base.height)
        : 0;
    const engine = pick('engine', variantString).trim().toLowerCase();
    const checked = checkScalars(width, height, engine, `${at}: `, `${at}.`);
    if (checked) return { ok: false, refusal: checked };
    let figures: FigureMorphs[];
    if (has(v, 'figures') || has(v, 'figure')) {
      const own = readFigures(v, `${at}.`, true);
      if (!own.ok) return own;
      figures = own.value;
    } else if (has(v, 'morphs') && baseFigures.value.length === 1) {
      // A variant with only morphs overrides the single base figure's morphs, key by key.
      const only = baseFigures.value[0];
      figures = [{ name: only.name, morphs: { ...only.morphs, ...variantMap(v.morphs) } }];
    } else {
      figures = baseFigures.value;
    }
    specs.push({
      outputPath,
      width,
      height,
      camera: pick('camera', variantString).trim(),
      engine,
      resetMorphs: pick('reset_morphs', variantBool),
      figures,
    });
  }
  return { ok: true, value: specs };
}

export interface AnimationSpec {
  /** Output path with the literal token `{frame}`, replaced by the zero-padded frame number. */
  outputPattern: string;
  startFrame: number;
  endFrame: number;
  framePadding: number;
  width: number;
  height: number;
  camera: string;
  engine: string;
}

/** `POST /render/animation`: one image per frame of `start_frame..end_frame`. */
export function readAnimationBody(body: Record<string, unknown>): Parsed<AnimationSpec> {
  const outputPattern = variantString(body.output_path).trim();
  if (!outputPattern) return refuse('MISSING_FIELD', "Field 'output_path' is required");
  if (!outputPattern.includes('{frame}')) {
    return refuse('INVALID_FIELD', 'output_path must contain the literal token {frame}');
  }
  if (!has(body, 'start_frame')) return refuse('MISSING_FIELD', 'start_frame');
  if (!has(body, 'end_frame')) return refuse('MISSING_FIELD', 'end_frame');
  const startFrame = variantInt(body.start_frame);
  const endFrame = variantInt(body.end_frame);
  if (startFrame < 0 || endFrame < 0) {
    return refuse('INVALID_FIELD', 'start_frame and end_frame must be non-negative integers');
  }
  if (endFrame < startFrame) return refuse('INVALID_FIELD', 'end_frame must be >= start_frame');
  if (endFrame - startFrame + 1 > MAX_ANIMATION_FRAMES) {
    return refuse('INVALID_FIELD', `frame range exceeds maximum of ${MAX_ANIMATION_FRAMES} frames`);
  }
  const framePadding = has(body, 'frame_padding') ? variantInt(body.frame_padding) : 4;
  if (framePadding < 1 || framePadding > 10)
    return refuse('INVALID_FIELD', 'frame_padding must be between 1 and 10');
  const width = has(body, 'width') ? variantInt(body.width) : 0;
  const height = has(body, 'height') ? variantInt(body.height) : 0;
  const engine = variantString(body.engine).trim().toLowerCase();
  const checked = checkScalars(width, height, engine, '', '');
  if (checked) return { ok: false, refusal: checked };
  return {
    ok: true,
    value: {
      outputPattern,
      startFrame,
      endFrame,
      framePadding,
      width,
      height,
      camera: variantString(body.camera).trim(),
      engine,
    },
  };
}

/** A script returning `'OK'` or `'NOT_FOUND'` for a camera label. */
export function cameraCheckScript(label: string): string {
  return `(function () { return Scene.findCameraByLabel(${quoteStringStd(label)}) ? 'OK' : 'NOT_FOUND'; })()`;
}

/**
 * The animation job: for each frame, set it, name the file, print the frame marker the server
 * turns into progress, doRender; then restore the frame. Reports
 * `{success, frame_count, output_paths, engine}`.
 */
export function animationScript(spec: AnimationSpec): string {
  return `(function () {
  var outputPattern = ${quoteStringStd(spec.outputPattern)};
  var startFrame = ${spec.startFrame}, endFrame = ${spec.endFrame}, padding = ${spec.framePadding};
  var width = ${spec.width}, height = ${spec.height};
  var cameraLabel = ${spec.camera ? quoteStringStd(spec.camera) : 'null'};
  var engine = ${spec.engine ? quoteStringStd(spec.engine) : 'null'};
  function pad(n) { var s = String(n); while (s.length < padding) s = '0' + s; return s; }
  var mgr = App.getRenderMgr();
  var opts = mgr.getRenderOptions();
  opts.renderImgToId = opts.DirectToFile;
  if (width > 0) opts.imageSize = new QSize(width, height);
  if (cameraLabel) {
    var camera = Scene.findCameraByLabel(cameraLabel);
    if (!camera) return { success: false, error: 'Camera not found: ' + cameraLabel };
    opts.camera = camera;
  }
${ENGINE_SETUP}  var original = Scene.getFrame();
  var paths = [];
  var allSucceeded = true;
  var finished = null;
  function onFinished(succeeded) { finished = succeeded; }
  mgr['renderFinished(bool)'].connect(onFinished);
  try {
    for (var f = startFrame; f <= endFrame; f++) {
      Scene.setFrame(f);
      var path = outputPattern.replace('{frame}', pad(f));
      opts.renderImgFilename = path;
      finished = null;
      print('[DAZPY_FRAME] ' + (f - startFrame + 1) + '/' + (endFrame - startFrame + 1));
      mgr.doRender(opts);
      if (finished !== true) allSucceeded = false;
      paths.push(path);
    }
  } finally {
    mgr['renderFinished(bool)'].disconnect(onFinished);
  }
  Scene.setFrame(original);
  return { success: allSucceeded, frame_count: paths.length, output_paths: paths, engine: readback };
})()`;
}

/** A script returning `'OK'` or `'NOT_FOUND:<label>'` for the first figure not in the scene. */
export function figureCheckScript(names: string[]): string {
  return `(function () {
  var names = [${names.map(quoteStringStd).join(', ')}];
  for (var i = 0; i < names.length; i++) {
    if (!Scene.findNodeByLabel(names[i])) return 'NOT_FOUND:' + names[i];
  }
  return 'OK';
})()`;
}

/** The render job: pose morphs, set the options, doRender, report `{success, output_path, engine}`. */
export function renderScript(spec: RenderSpec): string {
  const figures = spec.figures.map(
    (f) => `{ name: ${quoteStringStd(f.name)}, morphs: ${JSON.stringify(f.morphs)} }`,
  );
  return `(function () {
  var figures = [${figures.join(', ')}];
  var outputPath = ${quoteStringStd(spec.outputPath)};
  var width = ${spec.width}, height = ${spec.height};
  var cameraLabel = ${spec.camera ? quoteStringStd(spec.camera) : 'null'};
  var engine = ${spec.engine ? quoteStringStd(spec.engine) : 'null'};
  var resetMorphs = ${spec.resetMorphs};
  var i, node;
  for (i = 0; i < figures.length; i++) {
    if (!Scene.findNodeByLabel(figures[i].name)) return { success: false, error: 'Figure not found: ' + figures[i].name };
  }
  for (i = 0; i < figures.length; i++) {
    node = Scene.findNodeByLabel(figures[i].name);
    if (resetMorphs) {
      var props = node.getPropertyList();
      for (var p = 0; p < props.length; p++) {
        if (props[p].inherits('DzFloatProperty')) props[p].setValue(props[p].getDefaultValue());
      }
    }
    for (var label in figures[i].morphs) {
      if (!figures[i].morphs.hasOwnProperty(label)) continue;
      var morph = node.findPropertyByLabel(label);
      if (morph) morph.setValue(figures[i].morphs[label]);
    }
  }
  var mgr = App.getRenderMgr();
  var opts = mgr.getRenderOptions();
  opts.renderImgFilename = outputPath;
  opts.renderImgToId = opts.DirectToFile;
  if (width > 0) opts.imageSize = new QSize(width, height);
  if (cameraLabel) {
    var camera = Scene.findCameraByLabel(cameraLabel);
    if (camera) opts.camera = camera;
  }
${ENGINE_SETUP}  var finished = null;
  function onFinished(succeeded) { finished = succeeded; }
  mgr['renderFinished(bool)'].connect(onFinished);
  try {
    mgr.doRender(opts);
  } finally {
    mgr['renderFinished(bool)'].disconnect(onFinished);
  }
  return { success: finished === true, output_path: outputPath, engine: readback };
})()`;
}

/**
 * Script lines (inside a render IIFE with \`mgr\`, \`opts\` and \`engine\`) that select the
 * requested engine and leave the plugin's live readback of it in \`readback\`.
 */
const ENGINE_SETUP = `  var readback = null;
  if (engine) {
    var classes = { iray: 'DzIrayRenderer', filament: 'DzFilamentRenderer' };
    if (engine === 'viewport') {
      opts.renderType = opts.ScreenShot;
    } else {
      var renderer = mgr.findRenderer(classes[engine]);
      if (!renderer) throw new Error('Render engine is not registered: ' + classes[engine]);
      mgr.setActiveRenderer(renderer);
      opts.renderType = opts.Software;
    }
    opts.applyChanges();
    var type = Number(opts.renderType);
    var active = mgr.getActiveRenderer();
    readback = {
      selector_schema: 1,
      status: engine === 'iray' ? 'verified_iray' : 'verified_non_iray',
      engine: engine === 'iray' ? 'iray' : (engine === 'viewport' ? 'viewport_gl' : 'other_non_iray'),
      method: 'render_settings_engine_selector',
      reason: engine === 'iray' ? null : 'non_iray_engine',
      render_type: { raw: type, name: ['ScreenShot', 'HardwareAssisted', 'Software'][type] || null,
        provenance: { kind: 'live_readback', source: 'DzRenderOptions.renderType' } },
      active_renderer: { class_name: active ? String(active.className()) : null, name: active ? String(active.getName()) : null,
        provenance: { kind: 'live_readback', source: 'DzRenderMgr.getActiveRenderer' } }
    };
  }
`;

function checkScalars(
  width: number,
  height: number,
  engine: string,
  prefix: string,
  enginePrefix: string,
): ServerRefusal | null {
  if (width > 0 !== height > 0) {
    return new ServerRefusal(
      'INVALID_FIELD',
      `${prefix}width and height must both be provided or both omitted`,
    );
  }
  if (width < 0 || height < 0) {
    return new ServerRefusal('INVALID_FIELD', `${prefix}width and height must be positive integers`);
  }
  if (engine && !ENGINES.has(engine)) {
    return new ServerRefusal(
      'INVALID_FIELD',
      `${enginePrefix}engine must be one of: iray, viewport, filament`,
    );
  }
  return null;
}

/**
 * `figures: [{name, morphs}]` or the `figure` + `morphs` shorthand. An empty `figure` means none,
 * except in a batch variant, where the plugin keeps it (and the scene check then refuses it).
 */
function readFigures(
  body: Record<string, unknown>,
  prefix: string,
  keepEmpty = false,
): Parsed<FigureMorphs[]> {
  if (has(body, 'figures')) {
    const list = Array.isArray(body.figures) ? body.figures : [];
    const figures: FigureMorphs[] = [];
    for (let i = 0; i < list.length; i++) {
      const fig = variantMap(list[i]);
      const name = variantString(fig.name).trim();
      if (!name) return refuse('MISSING_FIELD', `${prefix}figures[${i}].name`);
      figures.push({ name, morphs: variantMap(fig.morphs) });
    }
    return { ok: true, value: figures };
  }
  if (has(body, 'figure')) {
    const name = variantString(body.figure).trim();
    if (name || keepEmpty) return { ok: true, value: [{ name, morphs: variantMap(body.morphs) }] };
  }
  return { ok: true, value: [] };
}

function refuse(
  code: 'MISSING_FIELD' | 'INVALID_FIELD',
  detail: string,
): { ok: false; refusal: ServerRefusal } {
  return { ok: false, refusal: new ServerRefusal(code, detail) };
}

function has(o: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(o, key);
}

/** QVariant::toInt: numbers round, numeric strings parse, anything else is 0. */
function variantInt(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value) : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return 0;
}

/** QVariant::toBool: true, non-zero numbers, and strings other than "", "0" and "false". */
function variantBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return !['', '0', 'false'].includes(value.trim().toLowerCase());
  return false;
}
