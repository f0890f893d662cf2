/**
 * An emulator of Dust3D's Remote IO server (Dust3D started with `-remoteio`), for tests and for
 * trying the Dust3D source without Dust3D. It speaks the protocol the way Dust3D's
 * RemoteIoConnection does:
 *
 * - input: hex packets ended by `\0`; an empty packet ends the current read's batch (the rest
 *   waits for more data), and an odd-length packet is never consumed, so the connection stalls,
 *   as in Dust3D;
 * - output: `+OK\r\n<data>` or `-<message>\r\n`, hex-encoded, `\0`-ended; an unknown command
 *   gets no reply at all (unless `strict`);
 * - events `#name id\r\n` of the connection's window, written as they happen, so the events an
 *   edit causes come before its reply; `#resultmeshchanged` follows once the mesh is regenerated
 *   (just after the reply: Dust3D regenerates in a thread), and `exportasobj` returns the last
 *   generated mesh, which may lag the latest edit until that event, as in Dust3D;
 * - a new connection is attached to the first window, as Dust3D attaches it.
 *
 * It listens on loopback unless told otherwise: the protocol has no authentication.
 *
 * @example
 * const emu = await startDust3dEmulator({ port: 0, scene: 'creature' });
 * const client = await Dust3dClient.connect({ port: emu.port });
 * // …
 * await emu.close();
 *
 * @category Dust3D emulator
 */
import { createServer, type Socket } from 'node:net';
import { DazportError } from '../../errors.js';
import {
  DUST3D_SCENE_NAMES,
  type Dust3dSceneName,
  isDust3dSceneName,
  loadBuiltinDust3dScene,
  SEED_WINDOW_ID,
  seededIdSource,
} from './builtin-scenes.js';
import { COMMAND_HANDLERS, type CommandResult, runHandler } from './command-handlers.js';
import type { Dust3dDocument } from './document-model.js';
import { generateMesh, writeObj } from './mesh-generator.js';
import { parseQUuid } from './qt-text.js';
import { writeSnapshotXml } from './snapshot-xml.js';

export interface StartDust3dEmulatorOptions {
  /** Default `127.0.0.1` (loopback only). */
  host?: string;
  /** Default 53309, Dust3D's; 0 for a free port. */
  port?: number;
  /** A built-in scene ({@link DUST3D_SCENE_NAMES}), or one per window (default `creature`). */
  scene?: Dust3dSceneName | Dust3dSceneName[];
  /** Answer unknown commands and non-numbers with `-` errors (Dust3D ignores or reads 0). */
  strict?: boolean;
  /** Shown in window titles (default `1.0.0-beta.17`, the protocol document's). */
  version?: string;
}

export interface Dust3dEmulatorWindow {
  id: string;
  title: string;
  document: Dust3dDocument;
  /** Polygons and vertices of the last generated result mesh. */
  meshStats(): { vertices: number; polygons: number };
}

export interface RunningDust3dEmulator {
  host: string;
  port: number;
  windows: Dust3dEmulatorWindow[];
  close(): Promise<void>;
}

interface Window extends Dust3dEmulatorWindow {
  obj: string;
  stats: { vertices: number; polygons: number };
  subscribers: Set<(name: string, id?: string) => void>;
  regenerating: boolean;
}

interface Connection {
  socket: Socket;
  cache: string;
  window: Window | null;
  unsubscribe: () => void;
}

export async function startDust3dEmulator(
  options: StartDust3dEmulatorOptions = {},
): Promise<RunningDust3dEmulator> {
  const { host = '127.0.0.1', port = 53309, strict = false, version = '1.0.0-beta.17' } = options;
  const names = Array.isArray(options.scene) ? options.scene : [options.scene ?? 'creature'];
  for (const name of names)
    if (!isDust3dSceneName(name))
      throw new DazportError('DAZPORT_SCENE_NOT_FOUND', `no built-in Dust3D scene "${name}"`, {
        context: { scene: name },
        suggestion: `choose one of ${DUST3D_SCENE_NAMES.join(', ')}`,
      });
  const windowIds = seededIdSource(99);
  const windows = names.map((name, i) =>
    openWindow(name === 'seed' && i === 0 ? SEED_WINDOW_ID : windowIds(), `Dust3D ${version} *`, name),
  );
  const connections = new Set<Connection>();

  const server = createServer((socket) => {
    const connection: Connection = { socket, cache: '', window: null, unsubscribe: () => {} };
    connections.add(connection);
    attach(connection, windows[0] ?? null);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      connection.cache += chunk.toString('latin1');
      readCommands(connection);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      connection.unsubscribe();
      connections.delete(connection);
    });
  });

  function attach(connection: Connection, window: Window | null): void {
    if (connection.window === window) return;
    connection.unsubscribe();
    connection.window = window;
    if (!window) return;
    const listener = (name: string, id?: string) =>
      send(connection.socket, `#${name}${id ? ` ${id}` : ''}\r\n`);
    window.subscribers.add(listener);
    connection.unsubscribe = () => window.subscribers.delete(listener);
  }

  function readCommands(connection: Connection): void {
    for (;;) {
      const end = connection.cache.indexOf('\0');
      if (end === -1) return;
      const hex = connection.cache.slice(0, end);
      if (hex.length % 2 !== 0) return; // Dust3D leaves it in its cache: the connection is stuck
      connection.cache = connection.cache.slice(end + 1);
      const command = Buffer.from(hex.replace(/[^0-9a-fA-F]/g, ''), 'hex').toString('utf8');
      if (!command) return;
      const result = execute(connection, command);
      if (!result) continue;
      send(connection.socket, 'error' in result ? `-${result.error}\r\n` : `+OK\r\n${result.data}`);
    }
  }

  function execute(connection: Connection, command: string): CommandResult | null {
    const match = /^([^ \t\r\n]*)[ \t\r\n]*([\s\S]*)$/.exec(command) as RegExpExecArray;
    const name = match[1].toLowerCase();
    const rest = match[2];
    const window = connection.window;
    if (name === 'listwindow')
      return { data: windows.map((w) => `${w.id} ${w.title.replaceAll(' ', '%20')}\r\n`).join('') };
    if (name === 'selectwindow') {
      if (!rest) return { error: 'Must specify window id' };
      const id = parseQUuid(rest);
      if (!id) return { error: `Window id is invalid:${rest}` };
      const found = windows.find((w) => w.id === id);
      if (!found) return { error: `Window id not found:${rest}` };
      attach(connection, found);
      return { data: '' };
    }
    if (name === 'getsnapshot' || name === 'exportasobj') {
      if (!window) return { error: 'No window selected' };
      return { data: name === 'getsnapshot' ? writeSnapshotXml(window.document) : window.obj };
    }
    const handler = COMMAND_HANDLERS[name];
    if (!handler) return strict ? { error: `Unrecognized command: ${name}` } : null;
    const params = rest.split(/[ \t\r\n]+/).filter(Boolean);
    return runHandler(handler, { params, rest, doc: window?.document ?? null, strict });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new DazportError(
          'DAZPORT_LISTEN',
          `the Dust3D emulator cannot listen on ${host}:${port}: ${err.message}`,
          {
            context: { host, port, errno: err.code },
            suggestion:
              err.code === 'EADDRINUSE'
                ? 'Dust3D (or another emulator) already uses the port: close it or choose another port (0 = any free port)'
                : 'check the host address',
            cause: err,
          },
        ),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    host,
    port: bound,
    windows,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connections) c.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function openWindow(id: string, title: string, scene: Dust3dSceneName): Window {
  const document = loadBuiltinDust3dScene(scene);
  const window: Window = {
    id,
    title,
    document,
    obj: '',
    stats: { vertices: 0, polygons: 0 },
    subscribers: new Set(),
    regenerating: false,
    meshStats: () => ({ ...window.stats }),
  };
  const broadcast = (name: string, eventId?: string) => {
    for (const s of [...window.subscribers]) s(name, eventId);
  };
  const regenerate = () => {
    const mesh = generateMesh(document);
    window.obj = writeObj(mesh);
    window.stats = { vertices: mesh.vertices.length / 3, polygons: mesh.faces.length };
  };
  document.onEvent((name, eventId) => {
    broadcast(name, eventId);
    if (name !== 'skeletonchanged' || window.regenerating) return;
    window.regenerating = true;
    broadcast('meshgenerating');
    setImmediate(() => {
      window.regenerating = false;
      regenerate();
      broadcast('resultmeshchanged');
    });
  });
  regenerate();
  return window;
}

function send(socket: Socket, text: string): void {
  if (socket.destroyed) return;
  socket.write(`${Buffer.from(text, 'utf8').toString('hex')}\0`, 'latin1');
}
