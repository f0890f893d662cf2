/**
 * An emulated Poser with PoserTalkr running in it: Debian's `python3` runs
 * python/poser_talkr_server.py, which is the TCP server itself and executes what clients send
 * against an emulated `poser` module (python/poser/) holding a built-in scene.
 *
 * Why Python serves the socket and Node only starts it: PoserTalkr's semantics are Python's
 * (eval/exec in one workspace per client address, a packet per recv(), one interpreter thread),
 * so a Python server reproduces them as they are, with nothing to translate; a Node proxy in
 * front would add a second framing layer the real PoserTalkr does not have. Node waits for the
 * "listening <host> <port>" line on the child's stdout; the child exits when its stdin closes,
 * so it never outlives this process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DazportError } from '../../errors.js';

/** Built-in scenes of the Poser emulator. */
export const POSER_SCENE_NAMES = ['figure'] as const;
export type PoserSceneName = (typeof POSER_SCENE_NAMES)[number];

export interface PoserEmulatorOptions {
  /** Default 127.0.0.1: PoserTalkr has no authentication, so the emulator stays on loopback. */
  host?: string;
  /** Default 55555 (PoserTalkr's); 0 picks a free port. */
  port?: number;
  /** Default 'figure'. */
  scene?: PoserSceneName;
  /** The Python interpreter, default `python3`. */
  python?: string;
  /** How long the server may take to start listening, ms; default 15,000. */
  startTimeoutMs?: number;
}

export interface PoserEmulator {
  host: string;
  port: number;
  /** Stops the server (its Python process); safe to call twice. */
  close(): Promise<void>;
}

const SERVER = fileURLToPath(new URL('./python/poser_talkr_server.py', import.meta.url));
/** The textures the built-in scene's materials name (assets/ ships with the package). */
const TEXTURES = fileURLToPath(new URL('../../../assets/textures', import.meta.url));

export async function startPoserEmulator(options: PoserEmulatorOptions = {}): Promise<PoserEmulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 55555;
  const scene = options.scene ?? 'figure';
  const python = options.python ?? 'python3';
  if (!(POSER_SCENE_NAMES as readonly string[]).includes(scene)) {
    throw new DazportError('DAZPORT_SCENE_NOT_FOUND', `the Poser emulator has no built-in scene "${scene}"`, {
      context: { scene, candidates: [...POSER_SCENE_NAMES] },
      suggestion: `use one of: ${POSER_SCENE_NAMES.join(', ')}`,
    });
  }
  // -u: the "listening" line arrives at once; -B: no __pycache__ written beside the sources.
  const child = spawn(
    python,
    ['-u', '-B', SERVER, '--host', host, '--port', String(port), '--scene', scene, '--textures', TEXTURES],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const listening = await waitForListening(
    child,
    python,
    `${host}:${port}`,
    options.startTimeoutMs ?? 15_000,
  );
  let closed: Promise<void> | null = null;
  return {
    host: listening.host,
    port: listening.port,
    close() {
      closed ??= stop(child);
      return closed;
    },
  };
}

function waitForListening(
  child: ChildProcess,
  python: string,
  address: string,
  timeoutMs: number,
): Promise<{ host: string; port: number }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (err: DazportError) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const timer = setTimeout(
      () =>
        fail(
          new DazportError(
            'DAZPORT_EMULATOR_START',
            `the Poser emulator did not start listening within ${timeoutMs} ms`,
            {
              context: { address, stderr: stderr.trim() },
            },
          ),
        ),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const m = /^listening (\S+) (\d+)$/m.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      resolve({ host: m[1], port: Number(m[2]) });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', (err: NodeJS.ErrnoException) => {
      fail(
        err.code === 'ENOENT'
          ? new DazportError(
              'DAZPORT_PYTHON_MISSING',
              `the Poser emulator needs ${python}, which was not found`,
              {
                context: { python },
                suggestion: 'install Python 3 (Debian/Ubuntu: apt-get install python3) or put it on PATH',
                cause: err,
              },
            )
          : new DazportError('DAZPORT_EMULATOR_START', `cannot start ${python}: ${err.message}`, {
              context: { python },
              cause: err,
            }),
      );
    });
    child.once('exit', (code) => {
      const why = stderr.trim() || `exit code ${code}`;
      fail(
        code === 3
          ? new DazportError('DAZPORT_LISTEN', `the Poser emulator cannot listen on ${address}: ${why}`, {
              context: { address },
              suggestion: 'pick another port (0 takes a free one), or stop what listens there',
            })
          : new DazportError(
              'DAZPORT_EMULATOR_START',
              `the Poser emulator stopped before listening: ${why}`,
              {
                context: { address, exitCode: code },
              },
            ),
      );
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}
