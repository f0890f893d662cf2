/**
 * A client of Dust3D's Remote IO server (Dust3D started with `-remoteio`, TCP 127.0.0.1:53309).
 *
 * One TCP connection; commands go out in order and their replies come back in the same order,
 * so the client keeps one queue of outstanding commands and gives each reply to the oldest.
 * Events (`#…`) can arrive between replies and go to {@link Dust3dClient.onEvent} listeners.
 * Anything that would let the queue drift (a reply timing out, a packet that is not the
 * protocol, the server closing) fails every outstanding command and closes the connection.
 *
 * The protocol has no authentication: connect to loopback unless you trust the network.
 *
 * @example
 * const client = await Dust3dClient.connect({ port: 53309 });
 * const [window] = await client.listWindows();
 * await client.selectWindow(window.id);
 * const obj = await client.exportAsObj();
 * client.close();
 *
 * @category Dust3D
 */
import { connect as netConnect, type Socket } from 'node:net';
import { commandName, isKnownCommand } from './commands.js';
import {
  Dust3dCommandError,
  Dust3dConnectionError,
  Dust3dPacketError,
  Dust3dTimeoutError,
} from './errors.js';
import { type Dust3dPacket, encodePacket, PacketDecoder } from './packet-framing.js';
import { type Dust3dSnapshot, parseSnapshot } from './parse-snapshot.js';

/** Dust3D's Remote IO port (fixed in Dust3D; the emulator can take another). */
export const DUST3D_DEFAULT_PORT = 53309;

export interface Dust3dConnectOptions {
  /** Default `127.0.0.1`: the protocol has no authentication. */
  host?: string;
  /** Default {@link DUST3D_DEFAULT_PORT}. */
  port?: number;
  /** Time allowed to connect and for each reply, ms (default 10000). */
  timeoutMs?: number;
}

export const DUST3D_CONNECT_DEFAULTS = { host: '127.0.0.1', port: DUST3D_DEFAULT_PORT, timeoutMs: 10_000 };

/** An event Dust3D pushed: `#nodeadded {id}` gives `{ name: 'nodeadded', id: '{id}' }`. */
export interface Dust3dEvent {
  name: string;
  id: string | undefined;
}

/** One document window as `listwindow` gives it. */
export interface Dust3dWindow {
  /** `{uuid}`, what `selectwindow` takes. */
  id: string;
  /** The window title (`%20` decoded to spaces), e.g. `Dust3D 1.0.0-beta.17 *`. */
  title: string;
}

interface Outstanding {
  command: string;
  resolve: (data: string) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class Dust3dClient {
  /** `host:port`, for messages and scene descriptions. */
  readonly address: string;
  private readonly decoder = new PacketDecoder();
  private readonly queue: Outstanding[] = [];
  private readonly listeners = new Set<(event: Dust3dEvent) => void>();
  private readonly closeListeners = new Set<(reason: Error) => void>();
  private failure: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    readonly host: string,
    readonly port: number,
    private readonly timeoutMs: number,
  ) {
    this.address = `${host}:${port}`;
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (err) =>
      this.fail(new Dust3dConnectionError(this.address, err.message, { cause: err })),
    );
    socket.on('close', () =>
      this.fail(
        new Dust3dConnectionError(
          this.address,
          this.queue.length
            ? `closed the connection before answering "${this.queue[0].command}"`
            : 'the connection is closed',
        ),
      ),
    );
  }

  /** Opens the connection. Rejects with `DAZPORT_DUST3D_CONNECTION` when nothing answers. */
  static connect(options: Dust3dConnectOptions = {}): Promise<Dust3dClient> {
    const { host, port, timeoutMs } = { ...DUST3D_CONNECT_DEFAULTS, ...options };
    const address = `${host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Dust3dConnectionError(address, `no connection within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const what =
          err.code === 'ECONNREFUSED'
            ? 'connection refused (is Dust3D running with -remoteio?)'
            : err.message;
        reject(new Dust3dConnectionError(address, what, { cause: err, context: { errno: err.code } }));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        resolve(new Dust3dClient(socket, host, port, timeoutMs));
      });
    });
  }

  /**
   * Sends one command and resolves the data of its `+` reply (what follows the `+OK` line).
   * Rejects a `-` reply as `DAZPORT_DUST3D_COMMAND` with Dust3D's message, and refuses names
   * Dust3D does not know before sending (it would never answer them).
   */
  command(text: string): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    if (!isKnownCommand(text))
      return Promise.reject(
        new Dust3dCommandError(
          text,
          `"${commandName(text)}" is not a Remote IO command (Dust3D would not answer)`,
        ),
      );
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new Dust3dTimeoutError(this.address, text, this.timeoutMs));
      }, this.timeoutMs);
      this.queue.push({ command: text, resolve, reject, timer });
      this.socket.write(encodePacket(text));
    });
  }

  /** The open document windows, in Dust3D's order (the first is the one it selects by itself). */
  async listWindows(): Promise<Dust3dWindow[]> {
    const data = await this.command('listwindow');
    return data
      .split(/\r?\n/)
      .filter((line) => line.trim())
      .map((line) => {
        const space = line.indexOf(' ');
        const id = space === -1 ? line : line.slice(0, space);
        const title = space === -1 ? '' : line.slice(space + 1).replaceAll('%20', ' ');
        return { id, title };
      });
  }

  /** Makes the window the target of later commands (and the source of events). */
  async selectWindow(id: string): Promise<void> {
    await this.command(`selectwindow ${id}`);
  }

  /** The result mesh as Dust3D's OBJ text (`# DUST3D`, `v`, `f`); empty when it has no mesh yet. */
  exportAsObj(): Promise<string> {
    return this.command('exportasobj');
  }

  /** The document's nodes, edges, parts and components (`getsnapshot`), parsed. */
  async getSnapshot(): Promise<Dust3dSnapshot> {
    return parseSnapshot(await this.command('getsnapshot'));
  }

  /** Calls `listener` for every event; returns the function that stops it. */
  onEvent(listener: (event: Dust3dEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the connection; outstanding commands reject. */
  /**
   * Told once when the connection ends, with why (Dust3D quit, the network failed, or
   * {@link close}): a long-lived watch learns that no more events will come. Returns unsubscribe.
   */
  onClose(listener: (reason: Error) => void): () => void {
    if (this.failure) {
      const reason = this.failure;
      queueMicrotask(() => listener(reason));
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.fail(new Dust3dConnectionError(this.address, 'the client closed the connection'));
  }

  private receive(chunk: Buffer): void {
    let packets: Dust3dPacket[];
    try {
      packets = this.decoder.push(chunk);
    } catch (err) {
      this.fail(err as Dust3dPacketError);
      return;
    }
    for (const packet of packets) {
      if (packet.kind === 'event') {
        for (const listener of [...this.listeners]) listener({ name: packet.name, id: packet.id });
        continue;
      }
      const head = this.queue.shift();
      if (!head) {
        this.fail(new Dust3dPacketError('a reply arrived with no command waiting for one', packet.text));
        return;
      }
      clearTimeout(head.timer);
      if (packet.kind === 'ok') head.resolve(packet.data);
      else head.reject(new Dust3dCommandError(head.command, packet.message));
    }
  }

  private fail(err: Error): void {
    if (!this.failure) {
      this.failure = err;
      for (const listener of this.closeListeners) listener(err);
      this.closeListeners.clear();
    }
    for (const item of this.queue.splice(0)) {
      clearTimeout(item.timer);
      item.reject(err);
    }
    this.socket.destroy();
  }
}
