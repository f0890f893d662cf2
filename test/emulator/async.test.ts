import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { busyScript, sleep, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

type Json = Record<string, unknown>;

async function submit(t: TestEmulator, script: string, args?: Json): Promise<string> {
  const r = await t.call('POST', '/execute/async', { json: { script, args } });
  expect(r.status).toBe(200);
  return r.json<{ request_id: string }>().request_id;
}

async function result(t: TestEmulator, id: string, query = '?wait=true&timeout=10'): Promise<Json> {
  return (await t.call('GET', `/requests/${id}/result${query}`)).json();
}

describe('async jobs', () => {
  let t: TestEmulator | undefined;
  // Tests that need no option of their own, and leave nothing the next one counts, share one
  // emulator (a start costs up to a second); the others start their own.
  let shared: TestEmulator;
  beforeAll(async () => {
    shared = await startTestEmulator();
  });
  afterAll(async () => {
    await shared?.close();
  });
  afterEach(async () => {
    if (t !== shared) await t?.close();
    t = undefined;
  });

  it('queues, runs and reports a job with the plugin shapes', async () => {
    t = shared;
    const r = await t.call('POST', '/execute/async', {
      json: { script: "print('hello async'); getArguments()[0].n * 2", args: { n: 21 } },
    });
    expect(r.text).toMatch(
      /^\{"request_id":"execute-[0-9a-f]{8}","status":"queued","submitted_at":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"\}$/,
    );
    const id = r.json<{ request_id: string }>().request_id;
    const done = await t.call('GET', `/requests/${id}/result?wait=true&timeout=10`);
    expect(done.status).toBe(200);
    const body = done.json();
    expect(Object.keys(body)).toEqual([
      'request_id',
      'status',
      'success',
      'result',
      'output',
      'error',
      'duration_ms',
      'completed_at',
    ]);
    expect(body).toMatchObject({
      request_id: id,
      status: 'completed',
      success: true,
      result: 42,
      output: ['hello async'],
      error: null,
    });
    const status = (await t.call('GET', `/requests/${id}/status`)).json();
    expect(status).toEqual({ request_id: id, status: 'completed', progress: 1 });
  });

  it('writes async results with JsonStd: always valid JSON, keys sorted', async () => {
    t = shared;
    const id = await submit(t, '({ b: "x\\u0001y", a: NaN })');
    const raw = await t.call('GET', `/requests/${id}/result?wait=true&timeout=10`);
    expect(raw.text).toContain('"result":{"a":nan,"b":"x\\u0001y"}');
  });

  it('runs jobs FIFO, one at a time, behind sync work; reports queue positions and running time', async () => {
    t = await startTestEmulator({ longPollIntervalMs: 20 });
    const blocker = t.execute(busyScript(700));
    await sleep(100);
    const ids = [
      await submit(t, 'var order = []; order.push(1); order.join()'),
      await submit(t, 'order.push(2); order.join()'),
      await submit(t, `order.push(3); ${busyScript(1500, 'x')}; order.join()`),
    ];
    const statuses = await Promise.all(
      ids.map(async (id) => (await t!.call('GET', `/requests/${id}/status`)).json()),
    );
    expect(statuses.map((s) => s.status)).toEqual(['queued', 'queued', 'queued']);
    expect(statuses.map((s) => s.queue_position)).toEqual([1, 2, 3]);
    expect(statuses[0]).toEqual({ request_id: ids[0], status: 'queued', progress: 0, queue_position: 1 });
    await blocker;
    await result(t, ids[1]);
    await sleep(100);
    const running = (await t.call('GET', `/requests/${ids[2]}/status`)).json();
    expect(running.status).toBe('running');
    expect(running.elapsed_ms).toBeGreaterThanOrEqual(0);
    expect(running.queue_position).toBeUndefined();
    expect((await result(t, ids[0])).result).toBe('1');
    expect((await result(t, ids[1])).result).toBe('1,2');
    expect((await result(t, ids[2])).result).toBe('1,2,3');
  });

  it('long-polls: wait returns when the job ends; a short timeout returns the running snapshot', async () => {
    t = await startTestEmulator({ longPollIntervalMs: 50 });
    const id = await submit(t, busyScript(1500));
    const started = Date.now();
    const snapshot = await result(t, id, '?wait=true&timeout=1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(snapshot.status).toBe('running');
    expect(snapshot).not.toHaveProperty('success');
    expect(snapshot).toHaveProperty('progress', 0);
    expect(snapshot).toHaveProperty('elapsed_ms');
    const final = await result(t, id, '?wait=true&timeout=10');
    expect(final).toMatchObject({ status: 'completed', result: 'done' });
    const noWait = await result(t, await submit(t, busyScript(300)), '');
    expect(['queued', 'running']).toContain(noWait.status);
  });

  it('fails a job whose script fails: no output kept, the error with its line', async () => {
    t = shared;
    const id = await submit(t, "print('lost');\nthis is not valid dazscript !!!");
    const body = await result(t, id);
    expect(body).toMatchObject({ status: 'failed', success: false, result: null, output: [] });
    expect(body.error).toMatch(/^Line 2: SyntaxError: /);
  });

  it('cancels a queued job (it never runs) and a running one (marked at once, runs to its end)', async () => {
    t = shared;
    const blocker = t.execute(busyScript(500));
    await sleep(100);
    const queued = await submit(t, 'var sideEffectQueued = 1;');
    const cancel = await t.call('DELETE', `/requests/${queued}`);
    expect(cancel.status).toBe(200);
    expect(cancel.text).toMatch(
      new RegExp(
        `^\\{"request_id":"${queued}","status":"cancelled","message":"Cancellation requested","cancelled_at":"[-0-9T:]+"\\}$`,
      ),
    );
    await blocker;
    expect((await t.execute('typeof sideEffectQueued')).result).toBe('undefined');
    const cancelled = await result(t, queued);
    expect(cancelled).toEqual({
      request_id: queued,
      status: 'cancelled',
      success: false,
      result: null,
      output: [],
      error: 'Cancelled',
    });

    const running = await submit(t, `${busyScript(600, 'x')}; var sideEffectRunning = 1;`);
    await sleep(200);
    expect((await t.call('GET', `/requests/${running}/status`)).json().status).toBe('running');
    expect((await t.call('DELETE', `/requests/${running}`)).status).toBe(200);
    expect((await t.call('GET', `/requests/${running}/status`)).json().status).toBe('cancelled');
    await sleep(700);
    expect((await t.execute('typeof sideEffectRunning')).result).toBe('number'); // it did run to its end
    const late = await result(t, running);
    expect(late).toMatchObject({ status: 'cancelled', error: 'Cancelled' }); // the late completion did not win
    expect(late).toHaveProperty('duration_ms');
  });

  it('refuses to cancel a finished job (400) and knows nothing of unknown ids (404)', async () => {
    t = shared;
    const id = await submit(t, '1');
    await result(t, id);
    const again = await t.call('DELETE', `/requests/${id}`);
    expect(again.status).toBe(400);
    expect(again.text).toBe('{"success":false,"error":"Request already finished"}');
    for (const [method, path] of [
      ['GET', '/requests/execute-00000000/status'],
      ['GET', '/requests/execute-00000000/result'],
      ['DELETE', '/requests/execute-00000000'],
    ]) {
      const r = await t.call(method, path);
      expect(r.status).toBe(404);
      expect(r.text).toBe('{"success":false,"error":"Request not found"}');
    }
  });

  it('lists jobs sorted by id, filters by status, counts the filtered items and totals everything', async () => {
    t = await startTestEmulator();
    const ok = await Promise.all([submit(t, '1'), submit(t, '2')]);
    const bad = await submit(t, 'throw "no"');
    for (const id of [...ok, bad]) await result(t, id);
    const all = (await t.call('GET', '/requests')).json<{ requests: { request_id: string }[] } & Json>();
    expect(all.requests.map((r) => r.request_id)).toEqual([...ok, bad].sort());
    expect(all).toMatchObject({ total: 3, completed: 2, failed: 1, queued: 0, running: 0, cancelled: 0 });
    expect(Object.keys(all.requests[0])).toEqual(['request_id', 'status', 'progress', 'submitted_at']);
    const failed = (await t.call('GET', '/requests?status=failed')).json<
      { requests: { request_id: string }[] } & Json
    >();
    expect(failed.requests.map((r) => r.request_id)).toEqual([bad]);
    expect(failed).toMatchObject({ total: 3, completed: 0, failed: 1 });
    const unknown = (await t.call('GET', '/requests?status=bogus')).json();
    expect(unknown).toMatchObject({ requests: [], total: 3, completed: 0, failed: 0 });
  });

  it('validates submits: 400 for an empty object or non-JSON, 401 without a token', async () => {
    t = shared;
    const empty = await t.call('POST', '/execute/async', { json: {} });
    expect(empty.status).toBe(400);
    expect(empty.json()).toMatchObject({ error_code: 'MISSING_FIELD' });
    const notJson = await t.call('POST', '/execute/async', { body: 'not json' });
    expect(notJson.status).toBe(400);
    expect(notJson.json()).toEqual({
      success: false,
      error_code: 'INVALID_JSON',
      error: 'Invalid JSON in request body',
    });
    expect((await t.call('POST', '/execute/async', { json: { script: '1' }, token: null })).status).toBe(401);
    expect((await t.call('GET', '/requests', { token: null })).status).toBe(401);
  });

  it('refuses with 503 SERVER_UNAVAILABLE when the queue is full or too many jobs are tracked', async () => {
    t = await startTestEmulator({ asyncQueueDepth: 1, asyncMaxTracked: 3 });
    const blocker = t.execute(busyScript(500));
    await sleep(100);
    await submit(t, '1');
    const full = await t.call('POST', '/execute/async', { json: { script: '2' } });
    expect(full.status).toBe(503);
    expect(full.json()).toEqual({
      success: false,
      error_code: 'SERVER_UNAVAILABLE',
      error: 'Service temporarily unavailable',
      detail: 'Queue full: 1 requests pending (max 1)',
    });
    await blocker;
    await sleep(100);
    await result(t, await submit(t, '3'));
    await result(t, await submit(t, '4'));
    const tracked = await t.call('POST', '/execute/async', { json: { script: '5' } });
    expect(tracked.status).toBe(503);
    expect(tracked.json()).toMatchObject({ detail: 'Too many tracked requests: 3 (max 3)' });
  });

  it('forgets finished jobs after the TTL, not before', async () => {
    t = await startTestEmulator({ asyncTtlMs: 300, asyncSweepMs: 50, longPollIntervalMs: 20 });
    const quick = await submit(t, '1');
    await result(t, quick);
    expect((await t.call('GET', `/requests/${quick}/status`)).status).toBe(200);
    await sleep(600);
    expect((await t.call('GET', `/requests/${quick}/status`)).status).toBe(404);
  });

  it('fails jobs that run past the stale limit', async () => {
    t = await startTestEmulator({ asyncSweepMs: 50, asyncStaleMs: 300 });
    const stale = await submit(t, busyScript(900));
    await sleep(600);
    const body = await result(t, stale, '');
    expect(body.status).toBe('failed');
    expect(body.error).toMatch(/^Request timed out after running for longer than expected/);
  });

  it('runs registered scripts asynchronously with script- ids', async () => {
    t = shared;
    await t.call('POST', '/scripts/register', {
      json: { name: 'sum', script: 'getArguments()[0].a + getArguments()[0].b' },
    });
    const r = await t.call('POST', '/scripts/sum/async', { json: { args: { a: 2, b: 3 } } });
    const id = r.json<{ request_id: string }>().request_id;
    expect(id).toMatch(/^script-[0-9a-f]{8}$/);
    expect(await result(t, id)).toMatchObject({ status: 'completed', result: 5 });
  });
});
