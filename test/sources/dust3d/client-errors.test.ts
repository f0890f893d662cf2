/**
 * Dust3dClient against scripted loopback servers: replies matched to commands in order with
 * events in between, `-` replies, unknown names refused before sending, and the connection
 * failures (refused, closed mid-reply, silent, bad hex) as typed errors.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Dust3dClient, type Dust3dEvent } from '../../../src/sources/dust3d/index.js';

const hex = (text: string) => `${Buffer.from(text).toString('hex')}\0`;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback server that gives each command's text to `reply` and writes what it returns. */
async function scripted(reply: (command: string, socket: Socket) => string | null): Promise<number> {
  const server = createServer((socket) => {
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\0'); end !== -1; end = buffer.indexOf('\0')) {
        const out = reply(Buffer.from(buffer.slice(0, end), 'hex').toString('utf8'), socket);
        buffer = buffer.slice(end + 1);
        if (out !== null) socket.write(out, 'latin1');
      }
    });
    socket.on('error', () => {});
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

describe('Dust3dClient', () => {
  it('matches replies to commands in order, with events between them, split in odd places', async () => {
    let writes = Promise.resolve();
    const port = await scripted((command, socket) => {
      // Event, reply, event, cut in two in the middle of the reply's hex, written one after the
      // other with a pause so they reach the client as separate reads.
      const all = hex('#nodeadded {1}\r\n') + hex(`+OK\r\nfor ${command}`) + hex('#resultmeshchanged\r\n');
      for (const piece of [all.slice(0, 41), all.slice(41)])
        writes = writes.then(() => new Promise((r) => socket.write(piece, 'latin1', () => setTimeout(r, 5))));
      return null;
    });
    const client = await Dust3dClient.connect({ port });
    const events: Dust3dEvent[] = [];
    const stop = client.onEvent((e) => events.push(e));
    const [a, b] = await Promise.all([client.command('undo'), client.command('redo')]);
    expect([a, b]).toEqual(['for undo', 'for redo']);
    expect(events.slice(0, 2)).toEqual([
      { name: 'nodeadded', id: '{1}' },
      { name: 'resultmeshchanged', id: undefined },
    ]);
    stop();
    client.close();
  });

  it("rejects a '-' reply as DAZPORT_DUST3D_COMMAND naming the command and Dust3D's message; later commands still work", async () => {
    const port = await scripted((command) =>
      command.startsWith('getnodepartid') ? hex('-The specified nodeId not found\r\n') : hex('+OK\r\n'),
    );
    const client = await Dust3dClient.connect({ port });
    const err = await client.command('getnodepartid {1}').catch((e) => e);
    expect(err).toMatchObject({
      code: 'DAZPORT_DUST3D_COMMAND',
      command: 'getnodepartid {1}',
      dust3dMessage: 'The specified nodeId not found',
    });
    expect(err.message).toBe('Dust3D refused "getnodepartid {1}": The specified nodeId not found');
    await expect(client.command('undo')).resolves.toBe('');
    client.close();
  });

  it('refuses a command Dust3D does not know before sending it (Dust3D would never answer)', async () => {
    let received = 0;
    const port = await scripted(() => {
      received++;
      return hex('+OK\r\n');
    });
    const client = await Dust3dClient.connect({ port });
    await expect(client.command('frobnicate 1 2')).rejects.toMatchObject({
      code: 'DAZPORT_DUST3D_COMMAND',
      message: expect.stringContaining('"frobnicate" is not a Remote IO command'),
    });
    await client.command('UNDO');
    expect(received).toBe(1);
    client.close();
  });

  it('a refused connection is DAZPORT_DUST3D_CONNECTION naming the address', async () => {
    const port = await scripted(() => null);
    await new Promise((r) => servers.pop()?.close(r));
    await expect(Dust3dClient.connect({ port })).rejects.toMatchObject({
      code: 'DAZPORT_DUST3D_CONNECTION',
      message: expect.stringContaining(`127.0.0.1:${port}: connection refused`),
    });
  });

  it('a server closing mid-reply fails the outstanding commands with DAZPORT_DUST3D_CONNECTION', async () => {
    const port = await scripted((_command, socket) => {
      socket.end(hex('+OK\r\n<canvas>').slice(0, 11), 'latin1');
      return null;
    });
    const client = await Dust3dClient.connect({ port });
    const [first, second] = await Promise.allSettled([
      client.command('getsnapshot'),
      client.command('listwindow'),
    ]);
    expect(first).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'DAZPORT_DUST3D_CONNECTION',
        message: expect.stringContaining('before answering "getsnapshot"'),
      },
    });
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'DAZPORT_DUST3D_CONNECTION' } });
    await expect(client.command('undo')).rejects.toMatchObject({ code: 'DAZPORT_DUST3D_CONNECTION' });
  });

  it('a command without a reply in timeoutMs is DAZPORT_DUST3D_TIMEOUT, and the connection is dropped', async () => {
    const port = await scripted(() => null);
    const client = await Dust3dClient.connect({ port, timeoutMs: 50 });
    await expect(client.command('exportasobj')).rejects.toMatchObject({
      code: 'DAZPORT_DUST3D_TIMEOUT',
      context: { command: 'exportasobj', timeoutMs: 50 },
    });
    await expect(client.command('undo')).rejects.toMatchObject({ code: 'DAZPORT_DUST3D_TIMEOUT' });
  });

  it('bad hex from the server fails the outstanding command with DAZPORT_PROTOCOL naming the packet', async () => {
    const port = await scripted(() => '2b4f4b0d0ax\0');
    const client = await Dust3dClient.connect({ port });
    await expect(client.command('undo')).rejects.toMatchObject({
      code: 'DAZPORT_PROTOCOL',
      message: expect.stringContaining('"2b4f4b0d0ax"'),
    });
  });
});
