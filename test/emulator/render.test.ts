/**
 * Rendering: App.getRenderMgr() and DzRenderOptions driven by scripts as an SDK sends them, and
 * the plugin's render routes (submit, batch, SSE progress, cancel, bad requests). Images are
 * decoded with sharp (libvips), not with the emulator's own PNG writer, and checked against
 * where the camera projects the figure's bounding box, computed here from the camera's pose.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

type Json = Record<string, unknown>;
const BACKGROUND = [38, 38, 38];

interface Image {
  width: number;
  height: number;
  data: Buffer;
}

async function decode(path: string): Promise<Image> {
  const { data, info } = await sharp(readFileSync(path))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

function isBackground(img: Image, x: number, y: number): boolean {
  const i = (y * img.width + x) * 3;
  return (
    img.data[i] === BACKGROUND[0] && img.data[i + 1] === BACKGROUND[1] && img.data[i + 2] === BACKGROUND[2]
  );
}

/** Bounding rectangle of the pixels that are not background, and how many there are. */
function foreground(img: Image): { count: number; minX: number; maxX: number; minY: number; maxY: number } {
  const r = { count: 0, minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (isBackground(img, x, y)) continue;
      r.count++;
      r.minX = Math.min(r.minX, x);
      r.maxX = Math.max(r.maxX, x);
      r.minY = Math.min(r.minY, y);
      r.maxY = Math.max(r.maxY, y);
    }
  }
  return r;
}

interface SseEvent {
  event: string;
  data: Json;
}

/** Read an SSE stream to its end (the server closes it after the terminal event). */
async function readSse(url: string, token: string, dispatcher: Agent): Promise<SseEvent[]> {
  const res = await request(url, { headers: { 'x-api-token': token }, dispatcher });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/event-stream');
  const text = await res.body.text();
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('event: '))
    .map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      return { event: eventLine.slice(7), data: JSON.parse(dataLine.slice(6)) as Json };
    });
}

describe('rendering (g9)', () => {
  let t: TestEmulator;
  let agent: Agent;
  beforeAll(async () => {
    t = await startTestEmulator();
    agent = new Agent({ connections: 8 });
  });
  afterAll(async () => {
    await agent.close();
    await t.close();
  });

  const run = async (script: string, args?: Json): Promise<Json> => {
    const body = await t.execute(script, args);
    expect(body.error).toBeNull();
    return body.result as Json;
  };

  it('renders through the render manager as an SDK script drives it, and draws the figure where the camera sees it', async () => {
    const out = join(t.home, 'figure.png');
    // Only the figure: props hidden, so every drawn pixel must belong to it.
    const result = await run(
      `(function () {
        var args = getArguments()[0];
        var figure = Scene.getSkeletonList()[0];
        var nodes = Scene.getNodeList();
        for (var i = 0; i < nodes.length; i++) {
          if (nodes[i].getObject() && nodes[i] !== figure) nodes[i].setVisible(false);
        }
        var mgr = App.getRenderMgr();
        var opts = mgr.getRenderOptions();
        var before = { has: mgr.hasRender(), rendering: mgr.isRendering(), w: opts.imageSize.width, h: opts.imageSize.height };
        var size = opts.imageSize;
        size.setWidth(320);
        size.setHeight(240);
        opts.imageSize = size;
        opts.gamma = 2.2;
        opts.doubleSided = true;
        opts.renderImgFilename = args.out;
        opts.renderImgToId = DzRenderOptions.DirectToFile;
        opts.applyChanges();
        var during = null;
        var finished = null;
        function onStart() { during = mgr.isRendering(); }
        function onFinish(ok) { finished = ok; }
        mgr.renderStarting.connect(onStart);
        mgr['renderFinished(bool)'].connect(onFinish);
        var ok = mgr.doRender();
        mgr.renderStarting.disconnect(onStart);
        mgr['renderFinished(bool)'].disconnect(onFinish);
        var camera = Scene.getCameraList()[0];
        var box = figure.getObject().getBoundingBox();
        var pos = camera.getWSPos();
        var rot = camera.getWSRot();
        for (i = 0; i < nodes.length; i++) nodes[i].setVisible(true);
        return {
          ok: ok, finished: finished, during: during, before: before,
          after: { has: mgr.hasRender(), rendering: mgr.isRendering(), last: opts.lastRenderImgFilename,
            saved: mgr.getLastSavedRenderPath(), renderer: mgr.getActiveRenderer().className() },
          fov: camera.getFieldOfView(),
          camPos: [pos.x, pos.y, pos.z], camRot: [rot.x, rot.y, rot.z, rot.w],
          boxMin: [box.min.x, box.min.y, box.min.z], boxMax: [box.max.x, box.max.y, box.max.z]
        };
      })()`,
      { out },
    );
    expect(result).toMatchObject({
      ok: true,
      finished: true,
      during: true,
      before: { has: false, rendering: false, w: 1920, h: 1080 },
      after: { has: true, rendering: false, last: out, saved: out, renderer: 'DzIrayRenderer' },
    });
    const img = await decode(out);
    expect([img.width, img.height]).toEqual([320, 240]);

    // Project the figure's world box through the camera (looks down −Z, horizontal FOV).
    const [qx, qy, qz, qw] = result.camRot as number[];
    const camPos = result.camPos as number[];
    const focal = img.width / 2 / Math.tan((result.fov as number) / 2);
    const project = (p: number[]): [number, number] => {
      const d = [p[0] - camPos[0], p[1] - camPos[1], p[2] - camPos[2]];
      const c = rotateByConjugate([qx, qy, qz, qw], d);
      return [img.width / 2 + (c[0] / -c[2]) * focal, img.height / 2 - (c[1] / -c[2]) * focal];
    };
    const lo = result.boxMin as number[];
    const hi = result.boxMax as number[];
    const corners = [0, 1, 2, 3, 4, 5, 6, 7].map((k) =>
      project([k & 1 ? hi[0] : lo[0], k & 2 ? hi[1] : lo[1], k & 4 ? hi[2] : lo[2]]),
    );
    const box = {
      minX: Math.min(...corners.map((c) => c[0])),
      maxX: Math.max(...corners.map((c) => c[0])),
      minY: Math.min(...corners.map((c) => c[1])),
      maxY: Math.max(...corners.map((c) => c[1])),
    };
    const fg = foreground(img);
    // The silhouette fills a good part of its projected box and never leaves it.
    expect(fg.count).toBeGreaterThan(0.15 * (box.maxX - box.minX) * (box.maxY - box.minY));
    expect(fg.minX).toBeGreaterThanOrEqual(Math.floor(box.minX) - 1);
    expect(fg.maxX).toBeLessThanOrEqual(Math.ceil(box.maxX) + 1);
    expect(fg.minY).toBeGreaterThanOrEqual(Math.floor(box.minY) - 1);
    expect(fg.maxY).toBeLessThanOrEqual(Math.ceil(box.maxY) + 1);
    // Its torso, a third of the way down the box, is drawn.
    const cx = Math.round((box.minX + box.maxX) / 2);
    const cy = Math.round(box.minY + (box.maxY - box.minY) / 3);
    expect(isBackground(img, cx, cy)).toBe(false);
    expect(isBackground(img, 0, 0)).toBe(true);
  });

  it('keeps the image in the render window unless the target is DirectToFile, and lets gamma change it', async () => {
    const out = join(t.home, 'not-written.png');
    const r = await run(
      `(function () {
        var mgr = App.getRenderMgr();
        var opts = mgr.getRenderOptions();
        opts.renderImgToId = opts.NewWindow;
        opts.renderImgFilename = getArguments()[0].out;
        return { ok: mgr.doRender(opts), target: opts.renderImgToId, enums: [opts.ActiveView, opts.NewWindow, opts.DirectToFile, DzRenderOptions.Software] };
      })()`,
      { out },
    );
    expect(r).toEqual({ ok: true, target: 1, enums: [0, 1, 2, 2] });
    expect(existsSync(out)).toBe(false);

    const paths = [join(t.home, 'gamma-1.png'), join(t.home, 'gamma-22.png')];
    await run(
      `(function () {
        var args = getArguments()[0];
        var opts = App.getRenderMgr().getRenderOptions();
        opts.imageSize = new QSize(64, 64);
        opts.renderImgToId = opts.DirectToFile;
        opts.gamma = 1; opts.renderImgFilename = args.paths[0]; App.getRenderMgr().doRender(opts);
        opts.gamma = 2.2; opts.renderImgFilename = args.paths[1]; App.getRenderMgr().doRender(opts);
      })()`,
      { paths },
    );
    const [linear, corrected] = await Promise.all(paths.map(decode));
    const sum = (img: Image) => img.data.reduce((a, b) => a + b, 0);
    expect(sum(corrected)).toBeGreaterThan(sum(linear)); // gamma 2.2 brightens the shaded figure
  });

  it('restores the default render settings on the same options object', async () => {
    const r = await run(`(function () {
      var mgr = App.getRenderMgr();
      var opts = mgr.getRenderOptions();
      opts.gamma = 1.5; opts.doubleSided = false; opts.imageSize = new QSize(10, 20); opts.renderImgToId = opts.DirectToFile;
      mgr.restoreDefaultRenderOptions();
      var same = mgr.getRenderOptions() === opts;
      return { same: same, gamma: opts.gamma, doubleSided: opts.doubleSided, w: opts.imageSize.width, h: opts.imageSize.height,
        target: opts.renderImgToId, type: opts.renderType, aspect: opts.aspect };
    })()`);
    expect(r).toEqual({
      same: true,
      gamma: 2.2,
      doubleSided: true,
      w: 1920,
      h: 1080,
      target: 1,
      type: 2,
      aspect: 1.77777777777778 /* %.15g */,
    });
  });

  it('fails calls DAZ does not document, as DAZ Studio does', async () => {
    for (const call of [
      'App.getRenderMgr().getRenderOptions().setImageFilename("/tmp/x.png")',
      'App.getRenderMgr().getRenderOptions().setImageSize(10, 10)',
      'App.getRenderMgr().render()',
    ]) {
      const body = await t.execute(`(function () { ${call}; })()`);
      expect(body.success).toBe(false);
      expect(body.error).toMatch(/^Line 1: TypeError: /);
    }
    const bad = await t.execute(
      '(function () { App.getRenderMgr().getRenderOptions().imageSize = new QSize(0, 10); })()',
    );
    expect(bad.error).toMatch(/TypeError: DzRenderOptions.imageSize: expected a QSize of positive integers/);
  });

  it('POST /render queues a rnd- job, streams progress then complete, and writes the PNG', async () => {
    // Hold the main thread so the progress stream is open before the render starts.
    const hold = await t.call('POST', '/execute/async', { json: { script: 'sleep(1000); 1' } });
    expect(hold.status).toBe(200);
    const out = join(t.home, 'route.png');
    const submitted = await t.call('POST', '/render', {
      json: { output_path: out, width: 96, height: 64, camera: 'Camera 1' },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.text).toMatch(
      /^\{"request_id":"rnd-[0-9a-f]{8}","status":"queued","submitted_at":"[\d-]+T[\d:]+"\}$/,
    );
    const id = submitted.json<{ request_id: string }>().request_id;
    const events = await readSse(`${t.url}/render/${id}/progress`, t.token, agent);
    expect(events.map((e) => e.event)).toEqual(['progress', 'complete']);
    expect(events[0].data).toEqual({ request_id: id, percent: 0 });
    const size = readFileSync(out).length;
    expect(events[1].data).toMatchObject({ request_id: id, output_path: out, file_size_bytes: size });
    expect(events[1].data.duration_ms).toEqual(expect.any(Number));
    const img = await decode(out);
    expect([img.width, img.height]).toEqual([96, 64]);
    expect(foreground(img).count).toBeGreaterThan(0);

    // A late subscriber gets the stored terminal event at once.
    const late = await readSse(`${t.url}/render/${id}/progress`, t.token, agent);
    expect(late.map((e) => e.event)).toEqual(['complete']);
    const result = (await t.call('GET', `/requests/${id}/result?wait=true&timeout=10`)).json();
    expect(result).toMatchObject({
      status: 'completed',
      success: true,
      result: { success: true, output_path: out, engine: null },
    });

    // Engine readback as the plugin reports it.
    const iray = await t.call('POST', '/render', {
      json: { output_path: join(t.home, 'iray.png'), width: 32, height: 32, engine: 'IRAY' },
    });
    const irayId = iray.json<{ request_id: string }>().request_id;
    const irayResult = (await t.call('GET', `/requests/${irayId}/result?wait=true&timeout=10`)).json<{
      result: Json;
    }>();
    expect(irayResult.result.engine).toMatchObject({
      status: 'verified_iray',
      engine: 'iray',
      render_type: { raw: 2, name: 'Software' },
      active_renderer: { class_name: 'DzIrayRenderer', name: 'NVIDIA Iray' },
    });
  });

  it('cancels a render while it runs: the render stops, no file, an error event', async () => {
    // A slot on renderStarting holds the render in progress long enough to cancel it.
    const hold = await t.execute(
      'var holdRenderSlot = function () { sleep(1500); }; App.getRenderMgr().renderStarting.connect(holdRenderSlot); true',
    );
    expect(hold.result).toBe(true);
    // And the main thread is held so the progress stream is open before the job starts.
    await t.call('POST', '/execute/async', { json: { script: 'sleep(1000); 1' } });
    const out = join(t.home, 'cancelled.png');
    const submitted = await t.call('POST', '/render', {
      json: { output_path: out, width: 400, height: 300 },
    });
    const id = submitted.json<{ request_id: string }>().request_id;
    const res = await request(`${t.url}/render/${id}/progress`, {
      headers: { 'x-api-token': t.token },
      dispatcher: agent,
    });
    const chunks: string[] = [];
    let cancelled: Promise<unknown> | null = null;
    for await (const chunk of res.body) {
      chunks.push(String(chunk));
      if (!cancelled && chunks.join('').includes('event: progress')) {
        cancelled = t.call('POST', `/render/${id}/cancel`).then((r) => {
          expect(r.status).toBe(200);
          expect(r.json()).toMatchObject({
            request_id: id,
            status: 'cancelled',
            message: 'Cancellation requested',
          });
        });
      }
    }
    await cancelled;
    const text = chunks.join('');
    expect(text).toMatch(/^event: progress\ndata: \{"request_id":"rnd-[0-9a-f]{8}","percent":0\}\n\n/);
    expect(text).toMatch(
      /event: error\ndata: \{"request_id":"rnd-[0-9a-f]{8}","error":"","duration_ms":\d+\}\n\n$/,
    );
    expect(existsSync(out)).toBe(false);
    const status = (await t.call('GET', `/requests/${id}/result`)).json();
    expect(status).toMatchObject({ status: 'cancelled', error: 'Cancelled' });
    const again = await t.call('POST', `/render/${id}/cancel`);
    expect([again.status, again.text]).toEqual([400, '{"success":false,"error":"Request already finished"}']);

    // The next render is not affected by the old kill request.
    const released = await t.execute('App.getRenderMgr().renderStarting.disconnect(holdRenderSlot); true');
    expect(released.result).toBe(true);
    const next = await t.execute(
      `(function () {
      var opts = App.getRenderMgr().getRenderOptions();
      opts.renderImgFilename = getArguments()[0].out;
      opts.imageSize = new QSize(32, 32);
      return App.getRenderMgr().doRender(opts);
    })()`,
      { out: join(t.home, 'after-cancel.png') },
    );
    expect(next.result).toBe(true);
  });

  it('keeps DAZ Studio busy while it renders: scene events render.started/finished, 503 STUDIO_BUSY between', async () => {
    // The slot holds the render until the test has seen the 503 (it drops a file), so the check
    // does not depend on how soon the scene event arrives on a loaded machine.
    const release = join(t.home, 'busy-release');
    const hold = await t.execute(
      `var busySlot = function () { var f = new DzFile(${JSON.stringify(release)}); for (var i = 0; i < 500 && !f.exists(); i++) sleep(20); }; App.getRenderMgr().renderStarting.connect(busySlot); true`,
    );
    expect(hold.result).toBe(true);
    const events = await request(`${t.url}/scene/events?filter=render`, {
      headers: { 'x-api-token': t.token },
      dispatcher: agent,
    });
    const submitted = await t.call('POST', '/render', {
      json: { output_path: join(t.home, 'busy.png'), width: 32, height: 32 },
    });
    expect(submitted.status).toBe(200);
    let seen = '';
    let busy: Awaited<ReturnType<TestEmulator['call']>> | null = null;
    for await (const chunk of events.body) {
      seen += String(chunk);
      if (!busy && seen.includes('"type":"render.started"')) {
        busy = await t.call('POST', '/execute', { json: { script: '1' } });
        writeFileSync(release, '');
      }
      if (seen.includes('"type":"render.finished"')) break;
    }
    events.body.destroy();
    expect(busy?.status).toBe(503);
    expect(busy?.headers['retry-after']).toBe('2');
    expect(busy?.json()).toMatchObject({ error_code: 'STUDIO_BUSY', detail: 'DAZ Studio is rendering' });
    expect(seen).toMatch(
      /data: \{"type":"render.started","ts":\d+,"data":\{\}\}\n\n[\s\S]*data: \{"type":"render.finished"/,
    );
    const released = await t.execute('App.getRenderMgr().renderStarting.disconnect(busySlot); 1');
    expect(released.success).toBe(true);
  });

  it('renders the pose of the current frame, frame after frame, as an animation script drives it', async () => {
    const paths = [join(t.home, 'frame-0000.png'), join(t.home, 'frame-0010.png')];
    const r = await run(
      `(function () {
        var args = getArguments()[0];
        var step = Scene.getTimeStep();
        var arm = Scene.getSkeletonList()[0].findBone('l_upperarm');
        arm.getZRotControl().setValue(0, 0);
        arm.getZRotControl().setValue(10 * step, -70);
        var mgr = App.getRenderMgr();
        var opts = mgr.getRenderOptions();
        opts.imageSize = new QSize(96, 96);
        opts.renderImgToId = opts.DirectToFile;
        var original = Scene.getFrame();
        var ok = [];
        var frames = [0, 10];
        for (var i = 0; i < frames.length; i++) {
          Scene.setFrame(frames[i]);
          opts.renderImgFilename = args.paths[i];
          ok.push(mgr.doRender(opts));
        }
        Scene.setFrame(original);
        arm.getZRotControl().deleteAllKeys();
        arm.getZRotControl().setValue(0);
        return ok;
      })()`,
      { paths },
    );
    expect(r).toEqual([true, true]);
    const [first, tenth] = await Promise.all(paths.map(decode));
    let differing = 0;
    for (let i = 0; i < first.data.length; i += 3)
      if (first.data.compare(tenth.data, i, i + 3, i, i + 3) !== 0) differing++;
    expect(differing).toBeGreaterThan(20); // the raised arm moved
  });

  it('POST /render/animation renders a frame range in one job, with progress per frame', async () => {
    await t.call('POST', '/execute/async', { json: { script: 'sleep(1000); 1' } });
    const pattern = join(t.home, 'anim-{frame}.png');
    const submitted = await t.call('POST', '/render/animation', {
      json: {
        output_path: pattern,
        start_frame: 2,
        end_frame: 5,
        frame_padding: 3,
        width: 40,
        height: 30,
        // No camera: its pre-flight check would wait behind the held main thread.
      },
    });
    expect(submitted.status).toBe(200);
    const id = submitted.json<{ request_id: string }>().request_id;
    expect(id).toMatch(/^rnd-[0-9a-f]{8}$/);
    const events = await readSse(`${t.url}/render/${id}/progress`, t.token, agent);
    expect(events.map((e) => [e.event, e.data.percent])).toEqual([
      ['progress', 0],
      ['progress', 0],
      ['progress', 25],
      ['progress', 50],
      ['progress', 75],
      ['complete', undefined],
    ]);
    expect(events[5].data).toMatchObject({ output_path: pattern, file_size_bytes: 0 });
    const result = (await t.call('GET', `/requests/${id}/result`)).json<{ result: Json; output: string[] }>();
    const paths = [2, 3, 4, 5].map((f) => join(t.home, `anim-00${f}.png`));
    expect(result.result).toEqual({ success: true, frame_count: 4, output_paths: paths, engine: null });
    expect(result.output).toEqual([
      '[DAZPY_FRAME] 1/4',
      '[DAZPY_FRAME] 2/4',
      '[DAZPY_FRAME] 3/4',
      '[DAZPY_FRAME] 4/4',
    ]);
    for (const path of paths) expect((await decode(path)).width).toBe(40);
    const frame = await t.execute('Scene.getFrame()');
    expect(frame.result).toBe(0); // restored

    const bad: Array<[Json, string, string]> = [
      [
        { output_path: '/tmp/a.png', start_frame: 0, end_frame: 1 },
        'INVALID_FIELD',
        'output_path must contain the literal token {frame}',
      ],
      [{ output_path: '/tmp/{frame}.png', end_frame: 1 }, 'MISSING_FIELD', 'start_frame'],
      [
        { output_path: '/tmp/{frame}.png', start_frame: 3, end_frame: 1 },
        'INVALID_FIELD',
        'end_frame must be >= start_frame',
      ],
      [
        { output_path: '/tmp/{frame}.png', start_frame: 0, end_frame: 1000 },
        'INVALID_FIELD',
        'frame range exceeds maximum of 1000 frames',
      ],
      [
        { output_path: '/tmp/{frame}.png', start_frame: 0, end_frame: 1, frame_padding: 11 },
        'INVALID_FIELD',
        'frame_padding must be between 1 and 10',
      ],
      [
        { output_path: '/tmp/{frame}.png', start_frame: 0, end_frame: 1, camera: 'Nope' },
        'INVALID_FIELD',
        'Camera not found in scene: Nope',
      ],
    ];
    for (const [json, code, detail] of bad) {
      const r = await t.call('POST', '/render/animation', { json });
      expect([r.status, r.json()]).toEqual([400, expect.objectContaining({ error_code: code, detail })]);
    }
  });

  it('POST /render/batch renders each variant from its own camera and size', async () => {
    await run(`(function () {
      var cam = new DzBasicCamera();
      cam.setLabel('Side Camera');
      Scene.addNode(cam);
      cam.setWSPos(new DzVec3(400, 120, 0));
      cam.aimAt(new DzVec3(0, 100, 0));
      return true;
    })()`);
    const paths = [join(t.home, 'front.png'), join(t.home, 'side.png')];
    const r = await t.call('POST', '/render/batch', {
      json: {
        base: { width: 80, height: 120, figure: 'Genesis 9', morphs: {} },
        variants: [
          { output_path: paths[0], camera: 'Camera 1' },
          { output_path: paths[1], camera: 'Side Camera', width: 60, height: 60 },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(
      /^\{"batch_id":"bat-[0-9a-f]{8}","request_ids":\["rnd-[0-9a-f]{8}","rnd-[0-9a-f]{8}"\],"total":2\}$/,
    );
    const ids = r.json<{ request_ids: string[] }>().request_ids;
    for (const id of ids) {
      const events = await readSse(`${t.url}/render/${id}/progress`, t.token, agent);
      expect(events.at(-1)?.event).toBe('complete');
    }
    const [front, side] = await Promise.all(paths.map(decode));
    expect([front.width, front.height, side.width, side.height]).toEqual([80, 120, 60, 60]);
    expect(foreground(front).count).toBeGreaterThan(0);
    expect(foreground(side).count).toBeGreaterThan(0);
  });

  it('answers bad render requests with the plugin error shapes', async () => {
    const post = (path: string, json: unknown) => t.call('POST', path, { json });
    const cases: Array<[string, unknown, number, string, string]> = [
      ['/render', {}, 400, 'MISSING_FIELD', "Field 'output_path' is required"],
      [
        '/render',
        { output_path: '/tmp/a.png', width: 100 },
        400,
        'INVALID_FIELD',
        'width and height must both be provided or both omitted',
      ],
      [
        '/render',
        { output_path: '/tmp/a.png', width: -5, height: -5 },
        400,
        'INVALID_FIELD',
        'width and height must be positive integers',
      ],
      [
        '/render',
        { output_path: '/tmp/a.png', engine: 'cycles' },
        400,
        'INVALID_FIELD',
        'engine must be one of: iray, viewport, filament',
      ],
      [
        '/render',
        { output_path: '/tmp/a.png', figure: 'Nobody' },
        400,
        'INVALID_FIELD',
        'Figure not found in scene: Nobody',
      ],
      [
        '/render',
        { output_path: '/tmp/a.png', figures: [{ morphs: {} }] },
        400,
        'MISSING_FIELD',
        'figures[0].name',
      ],
      ['/render/batch', {}, 400, 'MISSING_FIELD', 'variants'],
      ['/render/batch', { variants: [] }, 400, 'INVALID_FIELD', 'variants must be a non-empty array'],
      [
        '/render/batch',
        { variants: Array.from({ length: 101 }, () => ({ output_path: '/tmp/x.png' })) },
        400,
        'INVALID_FIELD',
        'variants exceeds maximum of 100',
      ],
      [
        '/render/batch',
        { variants: [{ output_path: '/tmp/x.png' }, { width: 4 }] },
        400,
        'MISSING_FIELD',
        "Field 'variants[1].output_path' is required",
      ],
      [
        '/render/batch',
        { variants: [{ output_path: '/tmp/x.png', engine: 'x' }] },
        400,
        'INVALID_FIELD',
        'variants[0].engine must be one of: iray, viewport, filament',
      ],
      [
        '/render/batch',
        { variants: [{ output_path: '/tmp/x.png', figure: 'Nobody' }] },
        400,
        'INVALID_FIELD',
        'variants[0]: Figure not found in scene: Nobody',
      ],
    ];
    for (const [path, json, status, code, detail] of cases) {
      const r = await post(path, json);
      expect([path, r.status, r.json()]).toEqual([
        path,
        status,
        expect.objectContaining({ success: false, error_code: code, detail }),
      ]);
    }
    const badJson = await t.call('POST', '/render', { body: '{oops' });
    expect([badJson.status, badJson.json().error_code]).toEqual([400, 'INVALID_JSON']);

    const notRender = await t.call('POST', '/render/execute-12345678/cancel');
    expect([notRender.status, notRender.text]).toEqual([
      400,
      '{"success":false,"error":"Not a render request"}',
    ]);
    const notRenderSse = await t.call('GET', '/render/execute-12345678/progress');
    expect([notRenderSse.status, notRenderSse.text]).toEqual([404, '{"error":"Not a render request"}']);
    const unknown = await t.call('GET', '/render/rnd-00000000/progress');
    expect([unknown.status, unknown.text]).toEqual([404, '{"error":"Render request not found"}']);
    const unknownCancel = await t.call('POST', '/render/rnd-00000000/cancel');
    expect([unknownCancel.status, unknownCancel.text]).toEqual([
      404,
      '{"success":false,"error":"Request not found"}',
    ]);
  });

  it('checks the token on every render route', async () => {
    const routes: Array<[string, string]> = [
      ['POST', '/render'],
      ['POST', '/render/batch'],
      ['POST', '/render/animation'],
      ['POST', '/render/rnd-00000000/cancel'],
      ['GET', '/render/rnd-00000000/progress'],
    ];
    for (const [method, path] of routes) {
      const none = await t.call(method, path, { token: null, json: { output_path: '/tmp/x.png' } });
      expect([path, none.status, none.json().error_code]).toEqual([path, 401, 'AUTH_MISSING_TOKEN']);
      const wrong = await t.call(method, path, {
        token: 'f'.repeat(32),
        json: { output_path: '/tmp/x.png' },
      });
      expect([path, wrong.status, wrong.json().error_code]).toEqual([path, 401, 'AUTH_INVALID_TOKEN']);
    }
  });
});

/** Rotate `v` by the inverse of unit quaternion `q` (x, y, z, w): world → camera axes. */
function rotateByConjugate(q: number[], v: number[]): number[] {
  const [x, y, z, w] = [-q[0], -q[1], -q[2], q[3]];
  // v' = v + 2w(u×v) + 2u×(u×v), u = (x, y, z)
  const c1 = [y * v[2] - z * v[1], z * v[0] - x * v[2], x * v[1] - y * v[0]];
  const c2 = [y * c1[2] - z * c1[1], z * c1[0] - x * c1[2], x * c1[1] - y * c1[0]];
  return [v[0] + 2 * (w * c1[0] + c2[0]), v[1] + 2 * (w * c1[1] + c2[1]), v[2] + 2 * (w * c1[2] + c2[2])];
}
