import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

describe('status, health, metrics and the catch-all 404', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.close());

  it('GET /status needs no token and reports running and the version', async () => {
    const r = await t.call('GET', '/status', { token: null });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.text).toBe('{"running":true,"version":"2.9.2"}');
  });

  it('GET /health has the plugin keys in the plugin order', async () => {
    const r = await t.call('GET', '/health', { token: null });
    expect(r.status).toBe(200);
    const body = r.json();
    expect(Object.keys(body)).toEqual([
      'status',
      'version',
      'running',
      'auth_enabled',
      'active_requests',
      'uptime_seconds',
    ]);
    expect(body).toMatchObject({ status: 'ok', running: true, auth_enabled: true, active_requests: 0 });
    expect(Number.isInteger(body.uptime_seconds)).toBe(true);
  });

  it('GET /metrics counts executes, failures and auth failures', async () => {
    const before = (await t.call('GET', '/metrics', { token: null })).json<Record<string, number>>();
    await t.execute('1');
    await t.execute('throw "x"');
    await t.call('POST', '/execute', { json: { script: '1' }, token: null });
    const after = (await t.call('GET', '/metrics', { token: null })).json<Record<string, number>>();
    expect(Object.keys(after)).toEqual([
      'total_requests',
      'successful_requests',
      'failed_requests',
      'auth_failures',
      'active_requests',
      'uptime_seconds',
      'success_rate_percent',
      'avg_main_thread_wait_ms',
      'max_main_thread_wait_ms',
    ]);
    expect(after.total_requests - before.total_requests).toBe(2); // the 401 is not an execute
    expect(after.successful_requests - before.successful_requests).toBe(1);
    expect(after.failed_requests - before.failed_requests).toBe(1);
    expect(after.auth_failures - before.auth_failures).toBe(1);
    expect(after.success_rate_percent).toBeCloseTo(
      (after.successful_requests / after.total_requests) * 100,
      10,
    );
  });

  it('unknown paths get the bare catch-all 404 without auth', async () => {
    for (const [method, path] of [
      ['GET', '/completely/unknown/path'],
      ['POST', '/nope'],
      ['PUT', '/execute'],
      ['DELETE', '/status'],
    ]) {
      const r = await t.call(method, path, { token: null });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.text).toBe('{"error":"not found"}');
    }
  });
});
