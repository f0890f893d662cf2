/**
 * The emulator against the protocol document (../shared/seeds/003_*.txt) and Dust3D's
 * RemoteIoConnection: exact replies for the document's examples, Dust3D's error texts, events
 * before replies, the stale-until-regenerated result mesh, history, and the framing quirks.
 * Raw sockets, so what is checked is the bytes, not the dazport client's reading of them.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDust3dEmulator, startDust3dEmulator } from '../../../src/emulators/dust3d/index.js';
import {
  SEED_LISTWINDOW,
  SEED_NODE_ID,
  SEED_OBJ,
  SEED_PART_ID,
  SEED_SNAPSHOT_XML,
} from '../../sources/dust3d/seed-examples.js';

/** A raw protocol session: send texts, collect decoded packets. */
class Session {
  packets: string[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];
  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffer += chunk.toString('latin1');
      for (let end = this.buffer.indexOf('\0'); end !== -1; end = this.buffer.indexOf('\0')) {
        this.packets.push(Buffer.from(this.buffer.slice(0, end), 'hex').toString('utf8'));
        this.buffer = this.buffer.slice(end + 1);
      }
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static open(port: number): Promise<Session> {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new Session(socket)));
    });
  }
  sendRaw(raw: string): void {
    this.socket.write(raw, 'latin1');
  }
  send(...commands: string[]): void {
    this.sendRaw(commands.map((c) => `${Buffer.from(c).toString('hex')}\0`).join(''));
  }
  /** Waits until `predicate` holds for the packets received so far. */
  async until(predicate: (packets: string[]) => boolean): Promise<string[]> {
    while (!predicate(this.packets)) await new Promise<void>((r) => this.waiters.push(r));
    return this.packets;
  }
  /** Sends one command and resolves its reply (events before it are kept in `packets`). */
  async ask(command: string): Promise<string> {
    const before = this.replies().length;
    this.send(command);
    await this.until(() => this.replies().length > before);
    return this.replies()[before];
  }
  replies(): string[] {
    return this.packets.filter((p) => !p.startsWith('#'));
  }
  close(): void {
    this.socket.destroy();
  }
}

/** The document's quotes are typographic and its indentation gone; Dust3D's are `"` and 4 spaces. */
const asDust3dWrites = (xml: string) => xml.replaceAll('”', '"');
const withoutIndentation = (xml: string) => xml.replace(/^ +/gm, '');

let emu: RunningDust3dEmulator;
beforeAll(async () => {
  emu = await startDust3dEmulator({ port: 0, scene: ['seed', 'creature'] });
});
afterAll(() => emu.close());

describe('Dust3D emulator: the protocol document, exactly', () => {
  it('binds loopback by default and lists the windows as Dust3D does (%20 for spaces, \\r\\n lines)', async () => {
    expect(emu.host).toBe('127.0.0.1');
    const s = await Session.open(emu.port);
    const reply = await s.ask('listwindow');
    expect(reply.split('\r\n')[0]).toBe('+OK');
    expect(reply.split('\r\n')[1]).toBe(SEED_LISTWINDOW);
    expect(reply.split('\r\n')).toHaveLength(4);
    s.close();
  });

  it("answers getNodePartId, getSnapshot and exportAsObj with the document's own replies", async () => {
    const s = await Session.open(emu.port);
    expect(await s.ask(`getNodePartId ${SEED_NODE_ID}`)).toBe(`+OK\r\n${SEED_PART_ID}`);
    const xml = (await s.ask('getSnapshot')).replace(/^\+OK\r\n/, '');
    expect(withoutIndentation(xml)).toBe(asDust3dWrites(SEED_SNAPSHOT_XML));
    expect(xml).toContain('\n    <nodes>\n        <node id=');
    expect(await s.ask('exportAsObj')).toBe(`+OK\r\n${SEED_OBJ}`);
    s.close();
  });
});

describe("Dust3D emulator: Dust3D's behaviour", () => {
  it("gives Dust3D's error texts, and +OK for well-formed ids that do not exist", async () => {
    const s = await Session.open(emu.port);
    expect(await s.ask('selectwindow')).toBe('-Must specify window id\r\n');
    expect(await s.ask('selectwindow nope')).toBe('-Window id is invalid:nope\r\n');
    expect(await s.ask('selectwindow {11111111-2222-4333-8444-555555555555}')).toBe(
      '-Window id not found:{11111111-2222-4333-8444-555555555555}\r\n',
    );
    expect(await s.ask('getnodepartid {11111111-2222-4333-8444-555555555555}')).toBe(
      '-The specified nodeId not found\r\n',
    );
    expect(await s.ask('getnodepartid')).toBe('-Must specify nodeId parameter\r\n');
    expect(await s.ask('removenode x')).toBe('-Node id is invalid:x\r\n');
    expect(await s.ask('addnode 0.1')).toBe('-Must specify y parameter\r\n');
    expect(await s.ask(`addnodewithid ${SEED_NODE_ID} 0 0 0 0.1`)).toBe(
      '-The specified nodeId already exists\r\n',
    );
    expect(
      await s.ask(
        'addnodewithid {11111111-2222-4333-8444-555555555555} 0 0 0 0.1 {21111111-2222-4333-8444-555555555555}',
      ),
    ).toBe('-The specified fromNodeId does not exists\r\n');
    expect(await s.ask('setpartlockstate {11111111-2222-4333-8444-555555555555} locked')).toBe('+OK\r\n');
    s.close();
  });

  it('answers nothing to an unknown command (Dust3D skips it), so the next reply is the next command’s', async () => {
    const s = await Session.open(emu.port);
    s.send('frobnicate', `getnodepartid ${SEED_NODE_ID}`);
    await s.until(() => s.replies().length === 1);
    expect(s.replies()).toEqual([`+OK\r\n${SEED_PART_ID}`]);
    s.close();
  });

  it('in strict mode answers unknown commands and non-numbers with errors', async () => {
    const strict = await startDust3dEmulator({ port: 0, scene: 'empty', strict: true });
    const s = await Session.open(strict.port);
    expect(await s.ask('frobnicate')).toBe('-Unrecognized command: frobnicate\r\n');
    expect(await s.ask('addnode 0 zero 0 0.1')).toBe('-Parameter y is not a number: zero\r\n');
    s.close();
    await strict.close();
  });

  it('sends the events of an edit before its reply, and #resultmeshchanged once the mesh is regenerated', async () => {
    const edited = await startDust3dEmulator({ port: 0, scene: 'empty' });
    const s = await Session.open(edited.port);
    s.send('addnodewithid {31111111-2222-4333-8444-555555555555} 0.51 0.51 1.01 0.08', 'exportasobj');
    const packets = await s.until((p) => p.includes('#resultmeshchanged\r\n'));
    const reply = packets.indexOf('+OK\r\n');
    expect(packets.slice(0, reply)).toEqual(
      expect.arrayContaining([
        '#nodeadded {31111111-2222-4333-8444-555555555555}\r\n',
        '#skeletonchanged\r\n',
      ]),
    );
    expect(packets.slice(0, reply).some((p) => p.startsWith('#partadded {'))).toBe(true);
    // Sent in the same read as the edit, exportasobj still sees the mesh before it (empty).
    expect(packets[reply + 1]).toBe('+OK\r\n# DUST3D\n');
    // After the event: a lone node is the document's box, centred on the origin it set.
    expect(await s.ask('exportasobj')).toBe(`+OK\r\n${SEED_OBJ}`);
    s.close();
    await edited.close();
  });

  it('undoes and redoes saved snapshots; new empties the document', async () => {
    const history = await startDust3dEmulator({ port: 0, scene: 'empty' });
    const s = await Session.open(history.port);
    const nodes = async () => ((await s.ask('getsnapshot')).match(/<node /g) ?? []).length;
    await s.ask('addnode 0 0 0 0.1');
    await s.ask('savesnapshot');
    await s.ask('addnode 1 0 0 0.1');
    await s.ask('savesnapshot');
    expect(await nodes()).toBe(2);
    await s.ask('undo');
    expect(await nodes()).toBe(1);
    await s.ask('undo'); // back to the empty document, saved when it opened
    expect(await nodes()).toBe(0);
    await s.ask('undo'); // the oldest state: nothing before it
    expect(await nodes()).toBe(0);
    await s.ask('redo');
    expect(await nodes()).toBe(1);
    await s.ask('redo');
    expect(await nodes()).toBe(2);
    await s.ask('new');
    expect(await nodes()).toBe(0);
    s.close();
    await history.close();
  });

  it('stops reading a connection at an odd-length packet, as Dust3D leaves it in its cache', async () => {
    const s = await Session.open(emu.port);
    s.sendRaw('6c6973747\0');
    s.send('listwindow');
    const other = await Session.open(emu.port);
    expect(await other.ask('listwindow')).toMatch(/^\+OK\r\n/);
    expect(s.packets).toEqual([]);
    s.close();
    other.close();
  });
});
