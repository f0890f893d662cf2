import { afterEach, describe, expect, it } from 'vitest';
import { DazClient } from '../../src/client/dazscript-client.js';
import { busyScript, sleep, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

describe('client: registered scripts, async jobs, scene events', () => {
  let t: TestEmulator | undefined;
  const clients: DazClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await t?.close();
    t = undefined;
  });
  const connect = (port: number, token = '') => {
    const c = DazClient.connect({ host: '127.0.0.1', port, token, env: {} });
    clients.push(c);
    return c;
  };

  it('registers a script once, and again after the server forgot it (a DAZ Studio restart)', async () => {
    t = await startTestEmulator({ noAuth: true });
    const port = t.emulator.server.port;
    const client = connect(port);
    const script = { name: 'twice', source: 'getArguments()[0].x * 2', idempotent: true };
    expect((await client.run(script, { x: 4 })).result).toBe(8);
    expect((await client.run(script, { x: 5 })).result).toBe(10);
    const listed = (await t.call('GET', '/scripts'))
      .json<{ scripts: { name: string }[] }>()
      .scripts.map((s) => s.name);
    expect(listed).toEqual([DazClient.serverName(script)]);
    // Restart the "Studio" on the same port: the registry is gone.
    await t.close();
    t = await startTestEmulator({ noAuth: true, port });
    expect((await client.run(script, { x: 6 })).result).toBe(12);
    expect((await t.call('GET', '/scripts')).json<{ count: number }>().count).toBe(1);
  });

  it('names registered scripts by content, so two versions never collide', () => {
    const a = DazClient.serverName({ name: 'inv', source: '1', idempotent: true });
    const b = DazClient.serverName({ name: 'inv', source: '2', idempotent: true });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^dazport-inv-[0-9a-f]{10}$/);
  });

  it('runs async jobs to the end with long polls, and reports failures as job errors', async () => {
    t = await startTestEmulator();
    const client = connect(t.emulator.server.port, t.token);
    const done = await client.runJob<string>(
      `print("working"); ${busyScript(300, 'ok')}`,
      {},
      { pollSec: 1 },
    );
    expect(done).toMatchObject({ result: 'ok', output: ['working'] });
    expect(done.requestId).toMatch(/^execute-[0-9a-f]{8}$/);
    await expect(client.runJob('throw "broken"')).rejects.toMatchObject({
      code: 'DAZPORT_JOB',
      status: 'failed',
    });
  });

  it('cancels a job that runs past its deadline', async () => {
    t = await startTestEmulator();
    const client = connect(t.emulator.server.port, t.token);
    const err = await client.runJob(busyScript(2_500), {}, { timeoutMs: 1_200, pollSec: 1 }).catch((e) => e);
    expect(err).toMatchObject({ code: 'DAZPORT_TIMEOUT' });
    const status = await client.jobStatus(err.context.requestId);
    expect(status.status).toBe('cancelled');
  });

  it('iterates scene events, and reconnects when the server comes back', async () => {
    t = await startTestEmulator({ noAuth: true, scene: 'empty', sseKeepaliveMs: 100 });
    const port = t.emulator.server.port;
    const client = connect(port);
    const controller = new AbortController();
    let connects = 0;
    const seen: string[] = [];
    const iterating = (async () => {
      for await (const e of client.events({
        filter: ['time'],
        signal: controller.signal,
        onConnect: () => connects++,
      })) {
        seen.push(`${e.type}:${e.data.time_ticks}`);
        if (seen.length === 2) controller.abort();
      }
    })();
    while (connects < 1) await sleep(20);
    await t.execute('Scene.setTime(160)');
    while (seen.length < 1) await sleep(20);
    await t.close();
    t = await startTestEmulator({ noAuth: true, scene: 'empty', port });
    while (connects < 2) await sleep(50);
    await t.execute('Scene.setTime(320)');
    await iterating;
    expect(seen).toEqual(['time.changed:160', 'time.changed:320']);
  });

  it('stops iterating events on an auth refusal instead of retrying forever', async () => {
    t = await startTestEmulator();
    const client = connect(t.emulator.server.port, 'wrong'.repeat(7));
    const run = async () => {
      for await (const _ of client.events({ signal: AbortSignal.timeout(3_000) })) break;
    };
    await expect(run()).rejects.toThrow(/HTTP 401/);
  });

  it('ends at once when aborted while it waits to reconnect', async () => {
    t = await startTestEmulator({ noAuth: true });
    const port = t.emulator.server.port;
    await t.close(); // nothing listens: every connection attempt fails, the pauses grow 200, 400, 800 ms
    t = undefined;
    const client = connect(port);
    const stop = new AbortController();
    const events = client.events({ signal: stop.signal });
    const done = events.next();
    await sleep(700); // in the third pause (800 ms)
    const aborted = performance.now();
    stop.abort();
    expect(await done).toEqual({ done: true, value: undefined });
    expect(performance.now() - aborted).toBeLessThan(300);
  });
});
