/**
 * Web pages cannot drive the emulator: a foreign `Origin` (a cross-origin fetch or form post) or
 * a `Host` that is not a loopback name (DNS rebinding) is refused with 403 on every route, before
 * auth, body parsing or a script. Clients that are not browsers, dazport's own included, pass.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DazClient } from '../../src/client/dazscript-client.js';
import { DazAuthError } from '../../src/client/errors.js';
import { OriginGuard } from '../../src/emulator/server/origin-guard.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

interface RawReply {
  status: number;
  body: string;
}

/** A request with exactly the headers given (node:http, so `Host` can be anything). */
function send(port: number, method: string, path: string, headers: Record<string, string>, body = '') {
  return new Promise<RawReply>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The script a hostile page would post: it proves the request reached the host process. */
const REACHES_HOST = JSON.stringify({ script: 'print.constructor("return typeof process")()' });

const ROUTES: [string, string][] = [
  ['GET', '/status'],
  ['GET', '/health'],
  ['GET', '/metrics'],
  ['POST', '/execute'],
  ['POST', '/execute/async'],
  ['POST', '/scripts/register'],
  ['GET', '/scripts'],
  ['POST', '/scripts/x/execute'],
  ['GET', '/requests'],
  ['GET', '/requests/abc/result'],
  ['DELETE', '/requests/abc'],
  ['GET', '/scene/events'],
  ['GET', '/no/such/route'],
];

describe('requests from web pages (--no-auth)', () => {
  let t: TestEmulator;
  let port: number;
  beforeAll(async () => {
    t = await startTestEmulator({ noAuth: true, scene: 'empty' });
    port = t.emulator.server.port;
  });
  afterAll(() => t.close());

  it('a cross-origin text/plain POST does not run (it used to reach the host process)', async () => {
    const reply = await send(
      port,
      'POST',
      '/execute',
      { host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'content-type': 'text/plain' },
      REACHES_HOST,
    );
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toEqual({
      success: false,
      error_code: 'ORIGIN_NOT_ALLOWED',
      error: 'Access denied: requests from web pages of other origins are refused',
      detail: "Origin 'http://evil.example' is not this server",
    });
  });

  it('a DNS-rebound page (its own name as Host, no foreign Origin) is refused', async () => {
    const reply = await send(
      port,
      'POST',
      '/execute',
      { host: `evil.example:${port}`, 'content-type': 'text/plain' },
      REACHES_HOST,
    );
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ success: false, error_code: 'HOST_NOT_ALLOWED' });
  });

  it('refuses both on every route, SSE and /status included', async () => {
    for (const [method, path] of ROUTES) {
      const foreign = await send(port, method, path, { host: `127.0.0.1:${port}`, origin: 'https://a.test' });
      expect([method, path, foreign.status]).toEqual([method, path, 403]);
      const rebound = await send(port, method, path, { host: `a.test:${port}` });
      expect([method, path, rebound.status]).toEqual([method, path, 403]);
    }
    expect(t.emulator.server.sseSubscribers).toBe(0);
  });

  it("accepts the server's own origins and loopback hosts, and clients that send no Origin", async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]) {
      const reply = await send(port, 'POST', '/execute', { host: `127.0.0.1:${port}`, origin }, REACHES_HOST);
      expect([origin, reply.status, JSON.parse(reply.body).result]).toEqual([origin, 200, 'object']);
    }
    for (const host of [`localhost:${port}`, `[::1]:${port}`, `127.0.0.2:${port}`, 'localhost']) {
      const reply = await send(port, 'GET', '/status', { host });
      expect([host, reply.status]).toEqual([host, 200]);
    }
    const client = DazClient.connect({ port, token: '', env: {} });
    try {
      expect((await client.execute('6 * 7')).result).toBe(42);
    } finally {
      await client.close();
    }
  });

  it('refuses look-alike origins: another port, https, null', async () => {
    for (const origin of [
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      'null',
      'http://127.0.0.1',
    ]) {
      const reply = await send(port, 'GET', '/status', { host: `127.0.0.1:${port}`, origin });
      expect([origin, reply.status]).toEqual([origin, 403]);
    }
  });
});

describe('requests from web pages (auth on)', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ scene: 'empty' });
  });
  afterAll(() => t.close());

  it('refuses a foreign Origin even with the right token, before the auth check', async () => {
    const port = t.emulator.server.port;
    const headers = { host: `127.0.0.1:${port}`, origin: 'http://evil.example' };
    const withToken = await send(
      port,
      'POST',
      '/execute',
      { ...headers, 'x-api-token': t.token },
      REACHES_HOST,
    );
    expect(withToken.status).toBe(403);
    const without = await send(port, 'POST', '/execute', headers, REACHES_HOST);
    expect(JSON.parse(without.body)).toMatchObject({ error_code: 'ORIGIN_NOT_ALLOWED' });
  });
});

describe('OriginGuard for servers bound beyond loopback', () => {
  it('bound to one address: that address passes, other names and addresses do not', () => {
    const guard = new OriginGuard('192.168.1.5', () => 18811);
    expect(guard.check({ host: '192.168.1.5:18811', origin: 'http://192.168.1.5:18811' })).toBeNull();
    expect(guard.check({ host: 'localhost:18811' })).toBeNull();
    expect(guard.check({ host: '10.0.0.9:18811' })?.code).toBe('HOST_NOT_ALLOWED');
    expect(guard.check({ host: 'evil.example:18811' })?.code).toBe('HOST_NOT_ALLOWED');
    expect(guard.check({ host: '192.168.1.5:18811', origin: 'http://evil.example' })?.code).toBe(
      'ORIGIN_NOT_ALLOWED',
    );
  });

  it('bound to every interface: any IP address passes (it cannot be rebound), names do not', () => {
    for (const bind of ['0.0.0.0', '::']) {
      const guard = new OriginGuard(bind, () => 18811);
      expect(guard.check({ host: '192.168.1.5:18811' })).toBeNull();
      expect(guard.check({ host: '[fe80::1]:18811' })).toBeNull();
      expect(guard.check({ host: 'mypc.local:18811' })?.code).toBe('HOST_NOT_ALLOWED');
    }
  });

  it('a bound IPv6 address and IPv4-mapped loopback', () => {
    const guard = new OriginGuard('fd00::5', () => 18811);
    expect(guard.check({ host: '[fd00::5]:18811', origin: 'http://[fd00::5]:18811' })).toBeNull();
    expect(guard.check({ host: '[::ffff:127.0.0.1]:18811' })).toBeNull();
    expect(guard.check({ host: '[fd00::6]:18811' })?.code).toBe('HOST_NOT_ALLOWED');
  });
});

describe("dazport's client on a refused Host", () => {
  it('says to connect by address, not to edit an IP whitelist', () => {
    const err = new DazAuthError(
      403,
      'HOST_NOT_ALLOWED',
      'Access denied: Host header does not name this server',
    );
    expect(err.code).toBe('DAZPORT_AUTH');
    expect(err.suggestion).toMatch(/connect by address \(127\.0\.0\.1/);
    expect(new DazAuthError(403, 'IP_NOT_WHITELISTED', 'x').suggestion).toMatch(/IP whitelist/);
  });
});
