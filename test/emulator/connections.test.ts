import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { busyScript, sleep, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

/** One raw HTTP/1.1 exchange on a socket we control, so we can see exactly when the server closes it. */
function exchange(socket: Socket, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buffer.slice(0, headerEnd))?.[1] ?? 0);
      if (buffer.length >= headerEnd + 4 + length) {
        socket.off('data', onData);
        socket.off('error', reject);
        resolve(buffer);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(raw);
  });
}

function statusRequest(port: number): string {
  return `GET /status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`;
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('connections, like cpp-httplib in the plugin', () => {
  let t: TestEmulator | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('closes a kept-alive connection after 5 requests (the 5th answer says Connection: close)', async () => {
    t = await startTestEmulator();
    const port = t.emulator.server.port;
    const socket = await openSocket(port);
    const closedAt = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push(await exchange(socket, statusRequest(port)));
    const lastAnswerAt = Date.now();
    expect(answers.every((a) => a.startsWith('HTTP/1.1 200'))).toBe(true);
    expect(answers.slice(0, 4).every((a) => /connection: keep-alive/i.test(a))).toBe(true);
    expect(answers[4]).toMatch(/connection: close/i);
    // Closed right away, not after the idle timeout (5 s).
    expect((await closedAt) - lastAnswerAt).toBeLessThan(2_000);
  });

  it('closes an idle connection after the keep-alive timeout', async () => {
    t = await startTestEmulator({ keepAliveIdleMs: 300 });
    const port = t.emulator.server.port;
    const socket = await openSocket(port);
    const closedAt = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    await exchange(socket, statusRequest(port));
    const answeredAt = Date.now();
    const idle = (await closedAt) - answeredAt;
    expect(idle).toBeGreaterThanOrEqual(250);
    expect(idle).toBeLessThan(3_000);
  });

  it('runs every script serially on one main thread, whatever the concurrency', async () => {
    t = await startTestEmulator();
    const script =
      '(function(){ var t0 = new Date().getTime(); while (new Date().getTime() - t0 < 80) {} return [t0, new Date().getTime()]; })()';
    const bodies = await Promise.all(Array.from({ length: 8 }, () => t!.execute(script)));
    const spans = bodies.map((b) => b.result as [number, number]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
    const ids = new Set(bodies.map((b) => b.request_id));
    expect(ids.size).toBe(8);
  });

  it('stays responsive on the HTTP side while a long script holds the main thread', async () => {
    t = await startTestEmulator();
    const long = t.execute(busyScript(1_500));
    await sleep(200);
    const started = Date.now();
    const status = await t.call('GET', '/status', { token: null });
    expect(status.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    const health = (await t.call('GET', '/health', { token: null })).json();
    expect(health.active_requests).toBe(1);
    expect((await long).result).toBe('done');
  });

  it('answers 20 parallel requests with only 200 or 429, and correct results', async () => {
    t = await startTestEmulator();
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t!.call('POST', '/execute', { json: { script: `${busyScript(20, 'x')}; ${i} * 2` } }),
      ),
    );
    for (const [i, r] of replies.entries()) {
      expect([200, 429]).toContain(r.status);
      if (r.status === 200) expect(r.json().result).toBe(i * 2);
    }
    expect(replies.some((r) => r.status === 429)).toBe(true);
  });
});
