/**
 * PoserTalkrClient against fake PoserTalkr servers on loopback: replies cut into single bytes,
 * a stale envelope and the answer in one write, stray text, a server that closes mid-reply or
 * never answers, a refused connection. Each fake answers dazport's helper requests the way the
 * helper does, from the packet it received.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { formatEnvelope } from '../../../src/sources/poser/envelope.js';
import { MAX_PACKET_BYTES, PoserTalkrClient } from '../../../src/sources/poser/poser-talkr-client.js';
import { freeLoopbackPort } from '../../helpers/free-port.js';

interface Request {
  id: string;
  op: string;
  args: Record<string, unknown>;
}

/** The request in a packet the client sent (the helper install ends with a ping). */
function parseRequest(packet: string): Request {
  const m = /__dazport_call\('([^']+)','(\w+)','([^']*)',locals\(\)\)$/.exec(packet);
  if (!m) throw new Error(`not a dazport request: ${packet.slice(0, 80)}`);
  return { id: m[1], op: m[2], args: m[3] ? JSON.parse(Buffer.from(m[3], 'base64').toString('utf8')) : {} };
}

const ok = (id: string, value: unknown) => formatEnvelope(id, JSON.stringify({ ok: true, value }));

type Answer = (socket: Socket, request: Request, packet: string) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A fake PoserTalkr: answers the install ping itself, every later packet with `answer`. */
async function fakeServer(answer: Answer): Promise<number> {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('data', (data) => {
      const packet = data.toString('utf8');
      const request = parseRequest(packet);
      if (request.op === 'ping' && packet.startsWith('=eval(compile('))
        socket.write(ok(request.id, { python: 'fake' }));
      else answer(socket, request, packet);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

async function writeBytewise(socket: Socket, text: string): Promise<void> {
  for (const b of Buffer.from(text)) {
    socket.write(Buffer.from([b]));
    await new Promise((r) => setImmediate(r));
  }
}

describe('PoserTalkrClient', () => {
  it('installs its helper in one packet below PoserTalkr’s read size, then asks one request at a time', async () => {
    const packets: string[] = [];
    const port = await fakeServer((socket, req, packet) => {
      packets.push(packet);
      socket.write(ok(req.id, req.args.expr === 'a' ? 1 : 2));
    });
    const client = await PoserTalkrClient.connect({ port, timeoutMs: 5000 });
    expect(client.python).toBe('fake');
    expect(await Promise.all([client.evaluate('a'), client.evaluate('b')])).toEqual([1, 2]);
    expect(packets).toHaveLength(2); // never glued: the second waited for the first answer
    for (const p of packets) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_PACKET_BYTES);
    await client.close();
  });

  it('puts together a reply that arrives one byte per read', async () => {
    const port = await fakeServer(
      (socket, req) => void writeBytewise(socket, ok(req.id, { text: 'ünï', n: [1.5] })),
    );
    const client = await PoserTalkrClient.connect({ port, timeoutMs: 5000 });
    expect(await client.evaluate('x')).toEqual({ text: 'ünï', n: [1.5] });
    await client.close();
  });

  it('skips an envelope meant for an earlier connection that arrives in the same read as the answer', async () => {
    const port = await fakeServer((socket, req) => socket.write(ok('0ld-9', 'stale') + ok(req.id, 'fresh')));
    const client = await PoserTalkrClient.connect({ port, timeoutMs: 5000 });
    expect(await client.evaluate('x')).toBe('fresh');
    await client.close();
  });

  it('reports text outside an envelope as a protocol error that quotes it', async () => {
    const stray = "NameError: name '__dazport_call' is not defined\n";
    const port = await fakeServer((socket, req, packet) =>
      socket.write(packet.includes("'eval'") ? stray : stray + ok(req.id, 1)),
    );
    const alone = await PoserTalkrClient.connect({ port, timeoutMs: 5000 });
    await expect(alone.evaluate('x')).rejects.toMatchObject({
      code: 'DAZPORT_POSER_PROTOCOL',
      message: expect.stringContaining("NameError: name '__dazport_call' is not defined"),
    });
    await alone.close();
    const followed = await PoserTalkrClient.connect({ port, timeoutMs: 5000 });
    await expect(followed.execute('y = 1')).rejects.toMatchObject({ code: 'DAZPORT_POSER_PROTOCOL' });
    await followed.close();
  });

  it('turns the helper’s report of a Python exception into DAZPORT_POSER_SCRIPT naming it and the request', async () => {
    const port = await fakeServer((socket, req) =>
      socket.write(
        formatEnvelope(
          req.id,
          JSON.stringify({
            ok: false,
            type: 'ZeroDivisionError',
            message: 'division by zero',
            traceback: 'Traceback…',
          }),
        ),
      ),
    );
    const client = await PoserTalkrClient.connect({ port, timeoutMs: 5000 });
    const err = (await client.evaluate('1/0').catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({
      code: 'DAZPORT_POSER_SCRIPT',
      context: { op: 'eval', pythonType: 'ZeroDivisionError' },
    });
    expect(err.message).toMatch(/ZeroDivisionError: division by zero \(request [0-9a-f]+-2, eval\)/);
    await client.close();
  });

  it('fails with DAZPORT_POSER_CONNECTION when the server closes mid-reply or nothing listens', async () => {
    const port = await fakeServer((socket, req) => {
      socket.end(ok(req.id, 'cut short').slice(0, 20));
    });
    const client = await PoserTalkrClient.connect({ port, timeoutMs: 5000 });
    await expect(client.evaluate('x')).rejects.toMatchObject({ code: 'DAZPORT_POSER_CONNECTION' });
    await client.close();

    const freePort = await freeLoopbackPort();
    await expect(PoserTalkrClient.connect({ port: freePort, timeoutMs: 5000 })).rejects.toMatchObject({
      code: 'DAZPORT_POSER_CONNECTION',
      message: expect.stringContaining('connection refused'),
    });
  });

  it('fails with DAZPORT_POSER_TIMEOUT when Poser does not answer', async () => {
    const port = await fakeServer(() => {});
    const client = await PoserTalkrClient.connect({ port, timeoutMs: 400 });
    await expect(client.evaluate('x')).rejects.toMatchObject({
      code: 'DAZPORT_POSER_TIMEOUT',
      context: { timeoutMs: 400 },
    });
    await client.close();
  });
});
