/**
 * The Poser emulator speaks PoserTalkr as seed 002 describes it, over raw TCP with no dazport
 * client in between: `=` evaluates and sends str() back, `%` resolves a path, anything else is
 * executed (compiled first when it holds a newline) and only its error text comes back; one
 * workspace per client address, kept across reconnects. One emulator (one python3) for the file.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  POSER_SCENE_NAMES,
  type PoserEmulator,
  startPoserEmulator,
} from '../../../src/emulators/poser/start-poser-emulator.js';

let emulator: PoserEmulator;
beforeAll(async () => {
  emulator = await startPoserEmulator({ port: 0 });
});
afterAll(() => emulator?.close());

/** A raw connection from `localAddress`; replies are read until they hold `until`. */
async function open(localAddress = '127.0.0.1') {
  const socket: Socket = connect({ host: emulator.host, port: emulator.port, localAddress });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  let wake = () => {};
  socket.on('data', (d) => {
    received += d.toString('utf8');
    wake();
  });
  return {
    /** Sends one packet and waits for a reply that ends with `ending` (PoserTalkr has no framing). */
    async ask(packet: string, ending: string | RegExp): Promise<string> {
      received = '';
      socket.write(packet);
      const done = () => (typeof ending === 'string' ? received.endsWith(ending) : ending.test(received));
      while (!done()) await new Promise<void>((r) => (wake = r));
      return received;
    },
    /** Sends a packet that answers nothing when it works (exec), then hangs up. */
    async tell(packet: string): Promise<void> {
      await new Promise<void>((r) => socket.end(packet, r));
      await new Promise((r) => socket.once('close', r));
    },
    /** Hangs up and waits for the server to close its side: its thread no longer takes this address's replies. */
    async close(): Promise<void> {
      socket.end();
      await new Promise((r) => socket.once('close', r));
    },
  };
}

describe('Poser emulator: PoserTalkr protocol', () => {
  it('binds loopback and serves the built-in scenes', () => {
    expect(emulator.host).toBe('127.0.0.1');
    expect(POSER_SCENE_NAMES).toEqual(['figure']);
  });

  it('evaluates "=" packets and sends str() of the result back', async () => {
    const c = await open();
    expect(await c.ask('=4+5', '9')).toBe('9');
    expect(await c.ask('=SCENE.CurrentActor().Name()', 'Hip')).toBe('Hip');
    expect(await c.ask('=[a.Name() for a in poser.Scene().Actors()]', ']')).toBe(
      "['UNIVERSE', 'Ball', 'Main Camera', 'Light 1', 'Light 2']",
    );
    await c.close();
  });

  it('resolves "%" packets with object_from_path', async () => {
    const c = await open();
    expect(await c.ask('%SCENE.CurrentCamera().InternalName()', 'MAIN_CAMERA')).toBe('MAIN_CAMERA');
    expect(await c.ask('%nothing.here', '\n')).toBe("NameError: name 'nothing' is not defined\n");
    await c.close();
  });

  it('executes other packets, compiling those with a newline, sends only errors back, and keeps the workspace across reconnects', async () => {
    const first = await open();
    await first.tell('kept = 41');
    const second = await open();
    expect(await second.ask('=kept + 1', '42')).toBe('42');
    await second.tell('def twice(v):\n    return 2 * v\nblock = twice(kept)');
    const third = await open();
    expect(await third.ask('=block', '82')).toBe('82');
    expect(await third.ask('no_such_name', '\n')).toBe("NameError: name 'no_such_name' is not defined\n");
    expect(await third.ask('def broken(:\n  pass', /SyntaxError: .*\n$/)).toMatch(
      /File "<PoserTalkr>", line 1/,
    );
    expect(await third.ask('=SCENE.Actor("nobody")', '\n')).toBe('poser.error: no actor named nobody\n');
    await third.close();
  });

  it('gives another client address a workspace of its own', async () => {
    const here = await open();
    await here.tell('mine = "127.0.0.1"');
    const other = await open('127.0.0.2');
    expect(await other.ask('=mine', '\n')).toBe("NameError: name 'mine' is not defined\n");
    await other.close();
    const back = await open();
    expect(await back.ask('=mine', '127.0.0.1')).toBe('127.0.0.1');
    await back.close();
  });

  it('emulates Poser’s object model: body parts outside Scene.Actors(), world vertices through WorldMatrix', async () => {
    const c = await open();
    expect(await c.ask('=len(SCENE.Figures()[0].Actors())', '20')).toBe('20');
    const worldMatchesMatrix =
      '=all(abs(w.Y() - (v.X()*m[0][1] + v.Y()*m[1][1] + v.Z()*m[2][1] + m[3][1])) < 1e-12 ' +
      'for a in [SCENE.ActorByInternalName("rForeArm:1")] for m in [a.WorldMatrix()] ' +
      'for v, w in zip(a.Geometry().Vertices(), a.Geometry().WorldVertices()))';
    expect(await c.ask(worldMatchesMatrix, /True|False|Error/)).toBe('True');
    expect(await c.ask('=[p.Name() for p in SCENE.ActorByInternalName("hip:1").Parameters()][:3]', ']')).toBe(
      "['yRot', 'zRot', 'xRot']",
    );
    await c.close();
  });
});

describe('startPoserEmulator errors', () => {
  it('names a missing python3, an unknown scene and a port in use', async () => {
    await expect(startPoserEmulator({ port: 0, python: 'no-such-python3' })).rejects.toMatchObject({
      code: 'DAZPORT_PYTHON_MISSING',
    });
    await expect(startPoserEmulator({ port: 0, scene: 'castle' as 'figure' })).rejects.toMatchObject({
      code: 'DAZPORT_SCENE_NOT_FOUND',
    });
    await expect(startPoserEmulator({ port: emulator.port })).rejects.toMatchObject({
      code: 'DAZPORT_LISTEN',
    });
  });
});
