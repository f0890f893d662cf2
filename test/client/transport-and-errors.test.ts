import { afterEach, describe, expect, it } from 'vitest';
import { DazClient } from '../../src/client/dazscript-client.js';
import { busyScript, sleep, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { freeLoopbackPort } from '../helpers/free-port.js';

describe('client transport and typed errors', () => {
  let t: TestEmulator | undefined;
  const clients: DazClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await t?.close();
    t = undefined;
  });

  it('reports connection refused with a hint to start the server', async () => {
    const client = DazClient.connect({
      host: '127.0.0.1',
      port: await freeLoopbackPort(),
      token: 'x',
      env: {},
    });
    clients.push(client);
    await expect(client.execute('1')).rejects.toMatchObject({
      code: 'DAZPORT_CONNECTION',
      message: expect.stringContaining('cannot reach a DazScript Server at http://127.0.0.1:'),
      suggestion: expect.stringContaining('dazport emulator'),
    });
  });

  it('tells a missing or wrong token (401) and a refused address (403) apart as auth errors', async () => {
    t = await startTestEmulator();
    const none = t.client({ token: '' });
    const wrong = t.client({ token: 'f'.repeat(32) });
    clients.push(none, wrong);
    await expect(none.execute('1')).rejects.toMatchObject({
      code: 'DAZPORT_AUTH',
      status: 401,
      serverCode: 'AUTH_MISSING_TOKEN',
    });
    await expect(wrong.execute('1')).rejects.toMatchObject({
      code: 'DAZPORT_AUTH',
      status: 401,
      serverCode: 'AUTH_INVALID_TOKEN',
    });
    await t.close();
    t = await startTestEmulator({ ipAllowList: { enabled: true, ips: ['10.1.1.1'] } });
    const blocked = t.client();
    clients.push(blocked);
    await expect(blocked.execute('1')).rejects.toMatchObject({
      code: 'DAZPORT_AUTH',
      status: 403,
      serverCode: 'IP_NOT_WHITELISTED',
    });
  });

  it('turns limits into server errors with the server code (413 is not retried)', async () => {
    t = await startTestEmulator({ maxBodyMB: 1 });
    let retries = 0;
    const client = t.client({ onRetry: () => retries++ });
    clients.push(client);
    await expect(client.execute(`${'1;'.repeat(600_000)}`)).rejects.toMatchObject({
      code: 'DAZPORT_SERVER',
      status: 413,
      serverCode: 'BODY_TOO_LARGE',
    });
    expect(retries).toBe(0);
  });

  it('separates syntax errors from runtime errors, with the line and a numbered diagnostic', async () => {
    t = await startTestEmulator();
    const client = t.client();
    clients.push(client);
    const syntax = await client.execute('var a = 1;\nlet b = 2;').catch((e) => e);
    expect(syntax).toMatchObject({ code: 'DAZPORT_SCRIPT', isSyntaxError: true, line: 2 });
    expect(syntax.diagnostic).toBe('  1 | var a = 1;\n> 2 | let b = 2;');
    const runtime = await client.execute("print('before');\nnope();").catch((e) => e);
    expect(runtime).toMatchObject({
      code: 'DAZPORT_SCRIPT',
      isSyntaxError: false,
      line: 2,
      output: ['before'],
    });
    expect(runtime.requestId).toMatch(/^[0-9a-f]{8}$/);
  });

  it('times out a request that gets no answer in time', async () => {
    t = await startTestEmulator();
    const client = t.client({ timeoutMs: 300 });
    clients.push(client);
    await expect(client.execute(busyScript(1_500))).rejects.toMatchObject({ code: 'DAZPORT_TIMEOUT' });
  });

  it('retries 429 (concurrency) until a slot frees, for any request', async () => {
    t = await startTestEmulator({ maxConcurrent: 1 });
    const retries: string[] = [];
    const client = t.client({ onRetry: (r) => retries.push(r.reason), retry: { baseDelayMs: 50 } });
    clients.push(client);
    const slow = t.execute(busyScript(600));
    await sleep(100);
    const { result } = await client.execute('40 + 2');
    expect(result).toBe(42);
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => r === 'HTTP 429')).toBe(true);
    await slow;
  });

  it('retries 503 STUDIO_BUSY after the server’s Retry-After, and gives up with the server error when told to', async () => {
    t = await startTestEmulator();
    const delays: number[] = [];
    const client = t.client({ onRetry: (r) => delays.push(r.delayMs) });
    clients.push(client);
    const busy = t.execute(`startProgress("Loading"); ${busyScript(1_200)}`);
    await sleep(200);
    expect((await client.execute('7')).result).toBe(7);
    expect(delays[0]).toBe(2_000); // Retry-After: 2
    await busy;
    const impatient = t.client({ retry: { attempts: 1 } });
    clients.push(impatient);
    const busyAgain = t.execute(`startProgress("Loading"); ${busyScript(800)}`);
    await sleep(200);
    await expect(impatient.execute('7')).rejects.toMatchObject({
      code: 'DAZPORT_SERVER',
      status: 503,
      serverCode: 'STUDIO_BUSY',
      detail: expect.stringContaining('progress dialog'),
    });
    await busyAgain;
  });

  it('survives the server closing connections (5 requests, idle timeout) without the caller noticing', async () => {
    t = await startTestEmulator({ keepAliveIdleMs: 200 });
    const client = t.client({ connections: 1 });
    clients.push(client);
    const script = { name: 'echo', source: 'getArguments()[0].i', idempotent: true };
    for (let i = 0; i < 12; i++) expect((await client.run(script, { i })).result).toBe(i);
    await sleep(500); // the server dropped the idle connection
    for (let i = 0; i < 3; i++)
      expect((await client.execute(`${i} * 2`, {}, { idempotent: true })).result).toBe(i * 2);
  });

  it('never puts the token in an error, its JSON or its stack', async () => {
    t = await startTestEmulator();
    const secret = 'c'.repeat(32);
    const client = t.client({ token: secret });
    clients.push(client);
    const err = await client.execute('1').catch((e) => e);
    expect(err.code).toBe('DAZPORT_AUTH');
    for (const text of [
      err.message,
      JSON.stringify(err.toJSON()),
      String(err.stack),
      JSON.stringify(err.context),
    ]) {
      expect(text).not.toContain(secret);
    }
    const good = t.client();
    clients.push(good);
    const scriptErr = await good.execute('throw "x"').catch((e) => e);
    expect(JSON.stringify(scriptErr.toJSON())).not.toContain(t.token);
  });
});
