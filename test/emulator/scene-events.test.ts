import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/start-emulator.js';
import { sleep, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

interface Stream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: () => string;
  /** Resolves when the accumulated text satisfies `test`, rejects after `ms`. */
  waitFor: (test: (text: string) => boolean, ms?: number) => Promise<string>;
  ended: Promise<'end' | 'error'>;
  close: () => void;
}

async function openStream(url: string, token: string | null): Promise<Stream> {
  const controller = new AbortController();
  const res = await request(url, {
    headers: token ? { 'x-api-token': token } : {},
    signal: controller.signal,
  });
  let text = '';
  const waiters = new Set<() => void>();
  const ended = new Promise<'end' | 'error'>((resolve) => {
    res.body.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      for (const w of waiters) w();
    });
    res.body.on('end', () => resolve('end'));
    res.body.on('error', () => resolve('error'));
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    text: () => text,
    ended,
    close: () => controller.abort(),
    waitFor: (test, ms = 3_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (test(text)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(text);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`stream did not match within ${ms} ms; got: ${JSON.stringify(text)}`));
        }, ms);
        waiters.add(check);
        check();
      }),
  };
}

function dataFrames(text: string): { type: string; ts: number; data: Record<string, unknown> }[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => JSON.parse(frame.slice(6)));
}

describe('GET /scene/events (SSE)', () => {
  let t: TestEmulator | undefined;
  const streams: Stream[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await t?.close();
    t = undefined;
  });

  it('streams scene events in the plugin envelope, with SSE headers', async () => {
    t = await startTestEmulator({ sseKeepaliveMs: 5_000 });
    const s = await openStream(`${t.url}/scene/events?filter=time`, t.token);
    streams.push(s);
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toBe('text/event-stream');
    expect(s.headers['cache-control']).toBe('no-cache');
    expect(s.headers['x-accel-buffering']).toBe('no');
    const before = Date.now();
    await t.execute('Scene.setTime(4800); Scene.setTime(9600); 1');
    const text = await s.waitFor((x) => dataFrames(x).length >= 2);
    expect(text).toMatch(
      /^data: \{"type":"time\.changed","ts":\d+,"data":\{"time_ticks":4800,"time_secs":1\}\}\n\n/,
    );
    const frames = dataFrames(text);
    expect(frames.map((f) => f.data)).toEqual([
      { time_ticks: 4800, time_secs: 1 },
      { time_ticks: 9600, time_secs: 2 },
    ]);
    expect(frames[0].ts).toBeGreaterThanOrEqual(before - 1000);
    expect(text).not.toContain('event:');
  });

  it('sends the events a script made before it sleeps while it sleeps, not when it ends', async () => {
    t = await startTestEmulator({ sseKeepaliveMs: 5_000 });
    const s = await openStream(`${t.url}/scene/events?filter=time`, t.token);
    streams.push(s);
    // The second event follows the first within the batch window (event-batcher.ts), so it waits
    // in a batch: the sleep must send it before holding the thread for 4 s.
    let finished = false;
    const run = t.execute('Scene.setTime(4800); Scene.setTime(9600); sleep(4000); 1').then((r) => {
      finished = true;
      return r;
    });
    await s.waitFor((x) => dataFrames(x).length >= 2, 3_000);
    expect(finished).toBe(false);
    expect(dataFrames(s.text()).map((f) => f.data.time_ticks)).toEqual([4800, 9600]);
    expect((await run).success).toBe(true);
  });

  it('filters by category; only unknown tokens means everything', async () => {
    t = await startTestEmulator({ sseKeepaliveMs: 5_000 });
    const nodeOnly = await openStream(`${t.url}/scene/events?filter=node,selection`, t.token);
    const bogus = await openStream(`${t.url}/scene/events?filter=bogus,Time`, t.token);
    const all = await openStream(`${t.url}/scene/events`, t.token);
    streams.push(nodeOnly, bogus, all);
    await t.execute('Scene.setTime(160); 1');
    await all.waitFor((x) => x.includes('time.changed'));
    await bogus.waitFor((x) => x.includes('time.changed'));
    await sleep(200);
    expect(nodeOnly.text()).toBe('');
  });

  it('publishes node, light and selection events when a script changes the scene', async () => {
    t = await startTestEmulator({ sseKeepaliveMs: 5_000, scene: 'empty' });
    const s = await openStream(`${t.url}/scene/events?filter=node,light,selection`, t.token);
    streams.push(s);
    await t.execute(
      '(function(){ var l = new DzSpotLight(); l.setLabel("Key"); Scene.addNode(l); l.select(true); Scene.removeNode(l); return 1; })()',
    );
    const text = await s.waitFor((x) => dataFrames(x).some((f) => f.type === 'node.removed'));
    const frames = dataFrames(text);
    expect(frames.map((f) => f.type)).toEqual([
      'node.added',
      'light.added',
      'selection.list_changed',
      'selection.primary_changed',
      'selection.list_changed',
      'selection.primary_changed',
      'light.removed',
      'node.removed',
    ]);
    expect(frames[0].data).toMatchObject({ node_name: 'Key', node_type: 'DzSpotLight' });
    expect(String(frames[0].data.node_id)).toMatch(/^0x[0-9a-f]+$/);
  });

  it('picks a filtered subscriber its frames out of a burst that mixes categories', async () => {
    t = await startTestEmulator({ sseKeepaliveMs: 5_000, scene: 'empty' });
    const lights = await openStream(`${t.url}/scene/events?filter=light`, t.token);
    streams.push(lights);
    // One burst (one batch from the main thread): node, light, selection and time events mixed.
    await t.execute(
      '(function(){ for (var i = 1; i <= 3; i++) { var l = new DzSpotLight(); l.setLabel("L" + i); Scene.addNode(l); l.select(true); Scene.setTime(i * 160); Scene.removeNode(l); } return 1; })()',
    );
    const text = await lights.waitFor((x) => dataFrames(x).length >= 6);
    await sleep(200);
    expect(dataFrames(lights.text()).map((f) => `${f.type} ${f.data.node_name}`)).toEqual([
      'light.added L1',
      'light.removed L1',
      'light.added L2',
      'light.removed L2',
      'light.added L3',
      'light.removed L3',
    ]);
    expect(
      text
        .split('\n\n')
        .filter((frame) => frame !== '')
        .every((f) => f.startsWith('data: {')),
    ).toBe(true);
  });

  it('loads a scene file with Scene.loadScene: scene.loading, clear, nodes added, scene.loaded', async () => {
    t = await startTestEmulator({ sseKeepaliveMs: 5_000, scene: 'empty' });
    const file = join(t.home, 'room.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'room',
        props: [{ shape: 'box', label: 'Table' }],
        lights: [{ kind: 'point', label: 'Lamp' }],
      }),
    );
    const s = await openStream(`${t.url}/scene/events?filter=scene,node`, t.token);
    streams.push(s);
    const loaded = await t.execute(
      `(function(){ var e = Scene.loadScene(${JSON.stringify(file)}, 0); return [e, Scene.getNumNodes(), Scene.getFilename()]; })()`,
    );
    expect(loaded.result).toEqual([0, 2, file]);
    const text = await s.waitFor((x) => x.includes('scene.loaded'));
    expect(dataFrames(text).map((f) => f.type)).toEqual([
      'scene.loading',
      'scene.clear_starting',
      'scene.cleared',
      'node.added',
      'node.added',
      'scene.loaded',
    ]);
    const bad = await t.execute(
      `(function(){ return [Scene.loadScene(${JSON.stringify(join(t.home, 'nope.json'))}, 2), Scene.getNumNodes()]; })()`,
    );
    expect(bad.result).toEqual([1, 2]); // merge of a missing file: error code, scene untouched
    expect(String((bad.output as string[])[0])).toMatch(
      /loadScene: scene ".*nope\.json" is neither built in nor a readable file/,
    );
  });

  it('sends :keepalive comments while idle', async () => {
    t = await startTestEmulator({ sseKeepaliveMs: 100 });
    const s = await openStream(`${t.url}/scene/events`, t.token);
    streams.push(s);
    const text = await s.waitFor((x) => x.split(':keepalive\n\n').length >= 3);
    expect(text.startsWith(':keepalive\n\n')).toBe(true);
  });

  it('requires the token', async () => {
    t = await startTestEmulator();
    const r = await t.call('GET', '/scene/events', { token: null });
    expect(r.status).toBe(401);
    expect(r.json()).toMatchObject({ error_code: 'AUTH_MISSING_TOKEN' });
  });

  it('ends streams cleanly when the server stops', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dazport-sse-'));
    const emulator = await startEmulator({
      port: 0,
      home,
      tokenFile: join(home, 'token.txt'),
      sseKeepaliveMs: 5_000,
    });
    const s = await openStream(`${emulator.url}/scene/events`, emulator.token);
    await sleep(100);
    expect(emulator.server.sseSubscribers).toBe(1);
    await emulator.stop();
    expect(await s.ended).toBe('end');
  });
});
