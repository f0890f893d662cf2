/**
 * Fault injection through a loopback proxy in front of the emulator (test/helpers/fault-proxy.ts):
 * answers out of order with a later request failing, answers truncated with a matching
 * Content-Length, answers stalled past the read timeout, and a token rotated on disk by a
 * restart. Reads are retried a bounded number of times and come out byte-identical; writes are
 * never sent twice.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DazClient, type RegisteredScript } from '../../src/client/dazscript-client.js';
import { readScene } from '../../src/client/scene-reader.js';
import { startEmulator } from '../../src/emulator/start-emulator.js';
import { exportScene } from '../../src/jobs/export-scene.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import {
  chunkStart,
  type Fault,
  type FaultPlan,
  type FaultProxy,
  type ProxiedRequest,
  scriptOf,
  startFaultProxy,
} from '../helpers/fault-proxy.js';

const ECHO: RegisteredScript = { name: 'echo', source: 'getArguments()[0]', idempotent: true };
const NOTE: RegisteredScript = {
  name: 'note',
  source: 'var n = (typeof notes === "number" ? notes : 0) + 1; notes = n; n',
  idempotent: false,
};

/**
 * Spoil the first `times` attempts of each request `pick` chooses; a request is known by its
 * path and body, so its retries are recognised (and `pick` is asked once per request). `fault`
 * is told the attempt (1, 2 ...) and which picked request this is (0, 1 ... in arrival order).
 */
function firstAttempts(
  times: number,
  pick: (path: string, body: string) => boolean,
  fault: (request: ProxiedRequest, attempt: number, nth: number) => Fault,
): FaultPlan {
  const seen = new Map<string, { nth: number; attempts: number }>();
  let picked = 0;
  return (request) => {
    const key = `${request.path} ${request.body}`;
    let entry = seen.get(key);
    if (!entry) {
      entry = { nth: pick(request.path, request.body) ? picked++ : -1, attempts: 0 };
      seen.set(key, entry);
    }
    if (entry.nth < 0) return undefined;
    entry.attempts++;
    return entry.attempts <= times ? fault(request, entry.attempts, entry.nth) : undefined;
  };
}

describe('reads through a faulty connection', () => {
  let t: TestEmulator;
  let proxy: FaultProxy;
  const clients: DazClient[] = [];
  const unhandled: unknown[] = [];
  const listen = (reason: unknown) => unhandled.push(reason);
  const clientFor = (extra: Parameters<typeof DazClient.connect>[0] = {}) => {
    const client = DazClient.connect({
      host: '127.0.0.1',
      port: proxy.port,
      token: t.token,
      env: {},
      retry: { baseDelayMs: 20 },
      ...extra,
    });
    clients.push(client);
    return client;
  };
  const attempts = (script: string) => proxy.log.filter((l) => scriptOf(l.request.path) === script).length;

  beforeAll(async () => {
    t = await startTestEmulator({ scene: 'g8f' });
    proxy = await startFaultProxy(t.emulator.server.port);
  });
  afterAll(async () => {
    await proxy.close();
    await t.close();
  });
  beforeEach(() => {
    unhandled.length = 0;
    proxy.log.length = 0;
    process.on('unhandledRejection', listen);
  });
  afterEach(async () => {
    process.off('unhandledRejection', listen);
    proxy.setPlan(() => undefined);
    for (const c of clients.splice(0)) await c.close();
  });

  it('a later chunk failing while an earlier one is pending fails the read with that error, and nothing is left unobserved', async () => {
    let failed = false;
    proxy.setPlan((r) => {
      if (scriptOf(r.path) !== 'mesh-positions') return undefined;
      if (chunkStart(r.body) === 0) return { kind: 'delay', ms: 400 };
      if (failed) return undefined;
      failed = true;
      return { kind: 'fail' };
    });
    const client = clientFor();
    await expect(readScene(client, { chunkBytes: 64 * 1024, concurrency: 6 })).rejects.toMatchObject({
      code: 'DAZPORT_SERVER',
      status: 500,
    });
    await new Promise((r) => setTimeout(r, 600)); // the held answer arrives after the failure
    expect(failed).toBe(true);
    expect(unhandled).toEqual([]);
  });

  it('retries reads whose answers are truncated (Content-Length matching) or stall past the timeout', async () => {
    const client = clientFor({ timeoutMs: 400 });
    const clean = await client.run(ECHO, { text: 'x'.repeat(5_000) });
    proxy.setPlan(
      firstAttempts(
        2,
        (path) => scriptOf(path) === 'echo',
        () => ({ kind: 'truncate', keep: 0.7 }),
      ),
    );
    proxy.log.length = 0;
    expect((await client.run(ECHO, { text: 'x'.repeat(5_000) })).result).toEqual(clean.result);
    expect(attempts('echo')).toBe(3);
    proxy.setPlan(
      firstAttempts(
        1,
        (path) => scriptOf(path) === 'echo',
        () => ({ kind: 'stall', ms: 5_000 }),
      ),
    );
    proxy.log.length = 0;
    expect((await client.run(ECHO, { n: 2 })).result).toEqual({ n: 2 });
    expect(attempts('echo')).toBe(2);
    proxy.setPlan(
      firstAttempts(
        1,
        (path) => path === '/status',
        () => ({ kind: 'truncate' }),
      ),
    );
    expect((await client.status()).running).toBe(true);
  });

  it('gives up after a bounded number of attempts with a typed error that says how many', async () => {
    const client = clientFor({ timeoutMs: 300 });
    await client.register(ECHO);
    proxy.log.length = 0;
    proxy.setPlan((r) => (scriptOf(r.path) === 'echo' ? { kind: 'truncate', keep: 0.9 } : undefined));
    const truncated = await client.run(ECHO, { a: 1 }).catch((e) => e);
    expect(truncated).toMatchObject({
      code: 'DAZPORT_PROTOCOL',
      message: expect.stringMatching(/cut short .* 3 attempts/),
      context: expect.objectContaining({ attempts: 3 }),
    });
    expect(attempts('echo')).toBe(3);
    proxy.log.length = 0;
    proxy.setPlan((r) => (scriptOf(r.path) === 'echo' ? { kind: 'stall', ms: 5_000 } : undefined));
    const stalled = await client.run(ECHO, { a: 2 }).catch((e) => e);
    expect(stalled).toMatchObject({
      code: 'DAZPORT_TIMEOUT',
      message: expect.stringContaining('3 attempts'),
      context: expect.objectContaining({ attempts: 3 }),
    });
    expect(attempts('echo')).toBe(3);
  });

  it('never sends a write twice on a truncated or stalled answer: the script may have run', async () => {
    const client = clientFor({ timeoutMs: 300 });
    await client.register(NOTE);
    const before = (await client.execute<number>('typeof notes === "number" ? notes : 0')).result;
    proxy.log.length = 0;
    proxy.setPlan((r) => (scriptOf(r.path) === 'note' ? { kind: 'truncate' } : undefined));
    await expect(client.run(NOTE)).rejects.toMatchObject({
      code: 'DAZPORT_PROTOCOL',
      message: expect.stringContaining('may have run'),
    });
    proxy.setPlan((r) => (scriptOf(r.path) === 'note' ? { kind: 'stall', ms: 5_000 } : undefined));
    await expect(client.run(NOTE)).rejects.toMatchObject({ code: 'DAZPORT_TIMEOUT' });
    proxy.setPlan((r) =>
      r.path === '/execute' && r.body.includes('notes += 1') ? { kind: 'truncate' } : undefined,
    );
    await expect(client.execute('notes += 1')).rejects.toMatchObject({ code: 'DAZPORT_PROTOCOL' });
    expect(attempts('note')).toBe(2);
    expect(proxy.log.filter((l) => l.request.body.includes('notes += 1'))).toHaveLength(1);
    proxy.setPlan(() => undefined);
    // Each write ran exactly once (the stalled one ran before its answer was held back).
    expect((await client.execute<number>('notes')).result).toBe(before + 3);
  });

  it('exports byte-identical files through truncations and stalls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dazport-faults-'));
    try {
      const client = clientFor({ timeoutMs: 500 });
      const options = { rigged: true, morphs: true, chunkBytes: 64 * 1024 };

      await exportScene(client, join(dir, 'clean.glb'), options);
      // Every fourth script request is spoiled twice (the third attempt goes through): cut short
      // both times, or (one in six) first stalled past the timeout, then cut short.
      let scripts = 0;
      proxy.setPlan(
        firstAttempts(
          2,
          (path) => scriptOf(path) !== '' && scripts++ % 4 === 0,
          (_r, attempt, nth) =>
            attempt === 1 && nth % 6 === 0 ? { kind: 'stall', ms: 5_000 } : { kind: 'truncate', keep: 0.4 },
        ),
      );
      proxy.log.length = 0;
      await exportScene(client, join(dir, 'faulty.glb'), options);
      const spoiled = proxy.log.filter((l) => l.fault);
      expect(spoiled.filter((l) => l.fault === 'truncate').length).toBeGreaterThanOrEqual(25);
      expect(spoiled.filter((l) => l.fault === 'stall').length).toBeGreaterThanOrEqual(2);
      expect(readFileSync(join(dir, 'faulty.glb')).equals(readFileSync(join(dir, 'clean.glb')))).toBe(true);
      expect(unhandled).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a token rotated on disk (DAZ Studio restarted)', () => {
  it('is read again once on 401 and the request goes through; a token given directly still fails as before', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dazport-rotate-'));
    const tokenFile = join(home, 'token.txt');
    let emulator = await startEmulator({ port: 0, home, tokenFile, scene: 'empty' });
    const port = emulator.server.port;
    const fromFile = DazClient.connect({ host: '127.0.0.1', port, tokenFile, env: {} });
    const direct = DazClient.connect({ host: '127.0.0.1', port, token: emulator.token ?? '', env: {} });
    try {
      expect((await fromFile.execute('1 + 1')).result).toBe(2);
      expect((await direct.execute('2 + 2')).result).toBe(4);
      const oldToken = emulator.token;
      await emulator.stop();
      emulator = await startEmulator({ port, home, tokenFile, scene: 'empty' });
      expect(emulator.token).not.toBe(oldToken);
      // A write too: a 401 is a refusal before anything ran.
      expect((await fromFile.execute('3 + 3')).result).toBe(6);
      expect((await fromFile.run(ECHO, { k: 1 })).result).toEqual({ k: 1 });
      await expect(direct.execute('4 + 4')).rejects.toMatchObject({ code: 'DAZPORT_AUTH', status: 401 });
      // A file whose token is wrong and stays wrong: read once more, then the auth error as before.
      const stale = join(home, 'stale.txt');
      writeFileSync(stale, `${'f'.repeat(32)}\n`);
      const wrong = DazClient.connect({ host: '127.0.0.1', port, tokenFile: stale, env: {} });
      await expect(wrong.execute('5 + 5')).rejects.toMatchObject({ code: 'DAZPORT_AUTH', status: 401 });
      await wrong.close();
    } finally {
      await fromFile.close();
      await direct.close();
      await emulator.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
