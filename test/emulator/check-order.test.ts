/**
 * The plugin's order of checks, one pair at a time: each case sets up two failures at once and
 * asserts the one that must win.
 *   /execute: slot → IP → rate → body size → token → busy → JSON/validation
 */
import { afterEach, describe, expect, it } from 'vitest';
import { busyScript, sleep, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const BLOCKED = { enabled: true, ips: ['10.255.255.1'] }; // our requests come from 127.0.0.1
const BIG = 'x'.repeat(1024 * 1024 + 10); // just over a 1 MB body limit

describe('order of checks', () => {
  let t: TestEmulator | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('concurrency slot comes before the IP allow-list (a blocked client still meets 429 first)', async () => {
    t = await startTestEmulator({ maxConcurrent: 0, ipAllowList: BLOCKED });
    const r = await t.call('POST', '/execute', { json: { script: '1' } });
    expect(r.status).toBe(429);
    expect(r.json()).toEqual({
      success: false,
      error_code: 'CONCURRENT_LIMIT_EXCEEDED',
      error: 'Server busy: maximum concurrent requests reached, please retry',
    });
    expect(r.headers['retry-after']).toBeUndefined();
  });

  it('a held slot refuses the next sync execute with 429, and frees on completion', async () => {
    t = await startTestEmulator({ maxConcurrent: 1 });
    const slow = t.execute(busyScript(600));
    await sleep(150);
    const refused = await t.call('POST', '/execute', { json: { script: '1' } });
    expect(refused.status).toBe(429);
    // Unauthenticated requests take slots too: still 429, not 401.
    expect((await t.call('POST', '/execute', { json: { script: '1' }, token: null })).status).toBe(429);
    // Async submits take no slot.
    expect((await t.call('POST', '/execute/async', { json: { script: '1' } })).status).toBe(200);
    expect((await slow).result).toBe('done');
    expect((await t.execute('2')).result).toBe(2);
  });

  it('IP allow-list comes before the rate limit (blocked requests do not use up the window)', async () => {
    t = await startTestEmulator({
      ipAllowList: BLOCKED,
      rateLimit: { enabled: true, maxRequests: 1, windowMs: 60_000 },
    });
    for (let i = 0; i < 3; i++) {
      const r = await t.call('POST', '/execute', { json: { script: '1' } });
      expect(r.status).toBe(403);
      expect(r.json()).toMatchObject({ error_code: 'IP_NOT_WHITELISTED', detail: '127.0.0.1' });
    }
  });

  it('rate limit comes before the body size, and counts requests that later fail auth', async () => {
    t = await startTestEmulator({
      maxBodyMB: 1,
      rateLimit: { enabled: true, maxRequests: 2, windowMs: 60_000 },
    });
    expect(
      (await t.call('POST', '/execute', { json: { script: '1' }, token: 'wrong'.repeat(8) })).status,
    ).toBe(401);
    expect((await t.call('POST', '/execute', { json: { script: '1' } })).status).toBe(200);
    const r = await t.call('POST', '/execute', { json: { script: BIG } });
    expect(r.status).toBe(429);
    expect(r.json()).toMatchObject({ error_code: 'RATE_LIMIT_EXCEEDED', detail: '127.0.0.1' });
  });

  it('body size comes before the token (413 for an anonymous oversized body)', async () => {
    t = await startTestEmulator({ maxBodyMB: 1 });
    const r = await t.call('POST', '/execute', { json: { script: BIG }, token: null });
    expect(r.status).toBe(413);
    expect(r.json()).toEqual({
      success: false,
      error_code: 'BODY_TOO_LARGE',
      error: 'Request body exceeds maximum allowed size',
      detail: `Body is ${BIG.length + 13} bytes; maximum is 1 MB (1048576 bytes)`,
    });
  });

  it('the token comes before JSON validation (401, then 400 with a token)', async () => {
    t = await startTestEmulator();
    expect((await t.call('POST', '/execute', { body: '{oops', token: null })).status).toBe(401);
    expect((await t.call('POST', '/execute', { body: '{oops' })).status).toBe(400);
  });

  it('busy (a progress dialog open in DAZ Studio) answers 503 STUDIO_BUSY with Retry-After: 2, after the token', async () => {
    t = await startTestEmulator();
    const long = t.execute(`startProgress("Working", 10); ${busyScript(800)}`);
    await sleep(250);
    expect((await t.call('POST', '/execute', { json: { script: '1' }, token: null })).status).toBe(401);
    const busy = await t.call('POST', '/execute', { json: { script: '1' } });
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('2');
    expect(busy.json()).toEqual({
      success: false,
      error_code: 'STUDIO_BUSY',
      error: "DAZ Studio's main thread is busy; please retry shortly",
      detail: 'DAZ Studio is showing a progress dialog for a foreground operation',
    });
    // Registry execute checks busy before looking the script up.
    expect((await t.call('POST', '/scripts/unknown/execute', { json: {} })).status).toBe(503);
    expect((await long).result).toBe('done');
    expect((await t.execute('3')).result).toBe(3); // the dialog closed with the script
  });

  it('/scripts/:id/execute has no body-size check; it still checks the token', async () => {
    t = await startTestEmulator({ maxBodyMB: 1 });
    await t.call('POST', '/scripts/register', {
      json: { name: 'echo', script: 'getArguments()[0].pad.length' },
    });
    const r = await t.call('POST', '/scripts/echo/execute', { json: { args: { pad: BIG } } });
    expect(r.status).toBe(200);
    expect(r.json().result).toBe(BIG.length);
    expect((await t.call('POST', '/scripts/echo/execute', { json: {}, token: null })).status).toBe(401);
  });

  it('token-only routes ignore the IP allow-list and the rate limit', async () => {
    t = await startTestEmulator({
      ipAllowList: BLOCKED,
      rateLimit: { enabled: true, maxRequests: 1, windowMs: 60_000 },
    });
    for (let i = 0; i < 3; i++) {
      expect((await t.call('GET', '/scripts')).status).toBe(200);
      expect((await t.call('GET', '/requests')).status).toBe(200);
    }
    expect((await t.call('POST', '/execute/async', { json: { script: '1' } })).status).toBe(403);
  });

  it('the rate limit slides: a refused client gets through once the window has moved', async () => {
    t = await startTestEmulator({ rateLimit: { enabled: true, maxRequests: 2, windowMs: 400 } });
    expect((await t.call('POST', '/execute', { json: { script: '1' } })).status).toBe(200);
    expect((await t.call('POST', '/execute', { json: { script: '1' } })).status).toBe(200);
    const refused = await t.call('POST', '/execute', { json: { script: '1' } });
    expect(refused.status).toBe(429);
    await sleep(450);
    expect((await t.call('POST', '/execute', { json: { script: '1' } })).status).toBe(200);
  });
});
