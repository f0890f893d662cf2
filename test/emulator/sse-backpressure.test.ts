/**
 * SSE subscribers that never read cannot make the emulator buffer without end: each may have at
 * most SSE_MAX_BUFFERED_BYTES waiting, then it is closed and forgotten, while /status stays fast
 * and a subscriber that does read gets every event. Raw sockets on loopback play the clients
 * that stop reading (a paused socket never drains the kernel's buffers, then the server's).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSE_MAX_BUFFERED_BYTES } from '../../src/emulator/server/scene-events.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const SLOW_CLIENTS = 20;
const EVENTS_PER_ROUND = 50_000;
/** 200,000 events, 22 MB per subscriber: the kernel's socket buffers plus the bound twice over. */
const MAX_ROUNDS = 4;

interface RawClient {
  socket: net.Socket;
  received: () => string;
  ended: Promise<void>;
}

/** Subscribe over a raw socket; `paused` clients never read until resumed. */
async function subscribe(port: number, token: string, paused: boolean): Promise<RawClient> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    text += chunk;
  });
  const ended = new Promise<void>((resolve) => {
    socket.on('end', resolve);
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
  socket.write(
    `GET /scene/events?filter=time HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-API-Token: ${token}\r\n\r\n`,
  );
  if (paused) socket.pause();
  return { socket, received: () => text, ended };
}

describe('SSE subscribers that fall behind', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ sseKeepaliveMs: 60_000, scriptTimeoutMs: 30_000 });
  });
  afterAll(() => t.close());

  it('are closed once SSE_MAX_BUFFERED_BYTES wait for them; /status stays fast; readers get everything', async () => {
    const port = t.emulator.server.port;
    const slow = await Promise.all(
      Array.from({ length: SLOW_CLIENTS }, () => subscribe(port, t.token, true)),
    );
    const reader = await subscribe(port, t.token, false);
    await expect.poll(() => t.emulator.server.sseSubscribers).toBe(SLOW_CLIENTS + 1);

    let slowestStatusMs = 0;
    let probing = true;
    const prober = (async () => {
      // Latency counts from when the probe was due, so a server stalled during the pause counts.
      let due = performance.now();
      while (probing) {
        expect((await t.call('GET', '/status', { token: null })).status).toBe(200);
        slowestStatusMs = Math.max(slowestStatusMs, performance.now() - due);
        due = performance.now() + 25;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    let events = 0;
    for (let round = 0; round < MAX_ROUNDS && t.emulator.server.sseSubscribers > 1; round++) {
      const script = `(function(){ for (var i = 1; i <= ${EVENTS_PER_ROUND}; i++) Scene.setTime(${events} + i); return 1; })()`;
      expect((await t.execute(script)).success).toBe(true);
      events += EVENTS_PER_ROUND;
    }
    probing = false;
    await prober;

    // The one that reads keeps up and is never dropped: it sees the last event.
    const lastFrame = `"time_ticks":${events},`;
    await expect.poll(() => reader.received().includes(lastFrame), { timeout: 10_000 }).toBe(true);
    expect(t.emulator.server.sseSubscribers).toBe(1);
    expect(reader.received().split('"type":"time.changed"').length - 1).toBe(events);

    const stats = t.emulator.server.sseStats;
    expect(stats.dropped).toBe(SLOW_CLIENTS);
    expect(stats.peakBufferedBytes).toBeLessThanOrEqual(SSE_MAX_BUFFERED_BYTES);
    // The old broker held every frame for every client: 1.1 GB and /status stalled for 30 s (then
    // reset). Here it takes tens of ms on an idle machine; the margin is for a loaded CI box.
    expect(slowestStatusMs).toBeLessThan(5_000);

    // Closed for real: a slow client that reads again gets what the kernel held, then the end.
    for (const client of slow) client.socket.resume();
    await Promise.all(slow.map((client) => client.ended));
    for (const client of slow) expect(client.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    reader.socket.destroy();
  }, 60_000);
});
