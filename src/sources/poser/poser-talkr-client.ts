/**
 * A client of PoserTalkr, the TCP command server that runs inside Poser (seed 002): a packet
 * starting with `=` is evaluated, `%` resolved with object_from_path, anything else executed;
 * results come back as raw text on the same connection; each client IP address has its own
 * workspace, kept across reconnects.
 *
 * PoserTalkr has no framing in either direction, so this client:
 * - installs a helper in its workspace first (python/dazport_helper.py, one `=` packet), then asks
 *   every question as `=__dazport_call("<id>", "<op>", "<base64 JSON args>", locals())`, whose
 *   answer is one envelope (envelope.ts) that a reader finds in any split of the byte stream;
 * - sends one packet at a time, the next only after the answer to the previous one arrived, each
 *   smaller than MAX_PACKET_BYTES: PoserTalkr takes whatever one recv() returns as one packet, so
 *   two packets sent together, or a long one, would be cut or glued;
 * - gives request ids a per-connection prefix and skips envelopes with other ids (the answer to
 *   a request of an earlier connection from this address, still queued for it);
 * - treats text outside an envelope (an error PoserTalkr sent back on its own) as
 *   DAZPORT_POSER_PROTOCOL, a Python exception the helper caught as DAZPORT_POSER_SCRIPT, and a
 *   refused, closed or silent connection as DAZPORT_POSER_CONNECTION / DAZPORT_POSER_TIMEOUT.
 * Security: PoserTalkr has no authentication and runs any Python it is sent; connect to
 * loopback (the default) or a trusted network only.
 */
import { randomBytes } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { deflateSync } from 'node:zlib';
import { DazportError } from '../../errors.js';
import { ENVELOPE_BEGIN, EnvelopeReader } from './envelope.js';
import {
  type PythonFailure,
  poserConnectionError,
  poserProtocolError,
  poserScriptError,
  poserTimeoutError,
} from './poser-errors.js';
import { poserPythonSource } from './python-files.js';

export interface PoserTalkrConnectOptions {
  /** Default 127.0.0.1 (PoserTalkr has no authentication: keep it on loopback). */
  host?: string;
  /** Default 55555, PoserTalkr's port. */
  port?: number;
  /** How long one request (or the connect) may take, ms; default 60,000. */
  timeoutMs?: number;
}

export const POSER_TALKR_DEFAULTS: Required<PoserTalkrConnectOptions> = {
  host: '127.0.0.1',
  port: 55555,
  timeoutMs: 60_000,
};

/** PoserTalkr's sample client reads 4 KB at a time; every packet dazport sends stays below. */
export const MAX_PACKET_BYTES = 3000;

/** Text outside an envelope that is followed by nothing for this long is reported as it is. */
const STRAY_QUIET_MS = 300;

interface HelperReply {
  ok: boolean;
  value?: unknown;
  type?: string;
  message?: string;
  traceback?: string;
}

interface Waiter {
  wake: () => void;
  fail: (err: Error) => void;
}

export class PoserTalkrClient {
  readonly address: string;
  /** The Python version inside Poser, as the helper reported it. */
  python = '';
  readonly #socket: Socket;
  readonly #timeoutMs: number;
  readonly #reader = new EnvelopeReader();
  readonly #session = randomBytes(4).toString('hex');
  #sequence = 0;
  #waiter: Waiter | null = null;
  #closed: Error | null = null;
  #lastData = 0;
  #received = 0;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(socket: Socket, address: string, timeoutMs: number) {
    this.#socket = socket;
    this.address = address;
    this.#timeoutMs = timeoutMs;
    socket.on('data', (chunk: Buffer) => {
      this.#lastData = Date.now();
      this.#received += chunk.length;
      this.#reader.push(chunk);
      this.#waiter?.wake();
    });
    socket.on('close', () => {
      this.#closed ??= poserConnectionError(`PoserTalkr at ${address} closed the connection`, address);
      this.#waiter?.fail(this.#closed);
    });
    socket.on('error', (err) => {
      this.#closed ??= poserConnectionError(
        `the connection to PoserTalkr at ${address} failed: ${err.message}`,
        address,
        err,
      );
    });
  }

  /** Connects and installs dazport's helper in this address's PoserTalkr workspace. */
  static async connect(options: PoserTalkrConnectOptions = {}): Promise<PoserTalkrClient> {
    const { host, port, timeoutMs } = { ...POSER_TALKR_DEFAULTS, ...options };
    const address = `${host}:${port}`;
    const socket = await openSocket(host, port, timeoutMs, address);
    const client = new PoserTalkrClient(socket, address, timeoutMs);
    try {
      await client.#installHelper();
    } catch (err) {
      await client.close();
      throw err;
    }
    return client;
  }

  /** Evaluates a Python expression in the workspace: its value when JSON can carry it, else str(value). */
  evaluate(expr: string): Promise<unknown> {
    return this.call('eval', { expr });
  }

  /** Executes Python statements in the workspace, as PoserTalkr's exec does; throws on an exception. */
  async execute(code: string): Promise<void> {
    await this.call('exec', { code });
  }

  /**
   * PoserTalkr's own `%` request: what its object_from_path makes of `path`, as the raw text it
   * sends back. The end of that text is known from a helper request sent after its first bytes;
   * an empty answer cannot be told from none, so it ends in DAZPORT_POSER_TIMEOUT.
   */
  objectFromPath(path: string): Promise<string> {
    return this.#serial(async () => {
      if (path.includes('\n'))
        throw new DazportError('DAZPORT_USAGE', 'an object path is one line', { context: { path } });
      this.#send(`%${path}`);
      await this.#until(() => this.#reader.pending().length > 0, `%${path.slice(0, 40)}`);
      const { prefix } = await this.#request('ping', {}, true);
      return prefix;
    });
  }

  /** One helper operation (python/dazport_helper.py): its value, or a typed error. */
  call<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    return this.#serial(async () => (await this.#request(op, args, false)).value as T);
  }

  async close(): Promise<void> {
    this.#closed ??= poserConnectionError('the client was closed', this.address);
    if (this.#socket.destroyed) return;
    await new Promise<void>((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.end();
      this.#socket.destroySoon();
    });
  }

  async #installHelper(): Promise<void> {
    const packed = deflateSync(Buffer.from(poserPythonSource('dazport_helper'), 'utf8')).toString('base64');
    const id = this.#nextId();
    const packet =
      `=eval(compile(__import__('zlib').decompress(__import__('base64').b64decode('${packed}'))` +
      `.decode('utf-8'),'<dazport>','exec'),globals()) or __dazport_call('${id}','ping','',locals())`;
    const reply = await this.#serial(() => this.#exchange(id, 'install helper', packet, false));
    this.python = String((reply.value as { python?: string } | undefined)?.python ?? '');
  }

  #nextId(): string {
    this.#sequence += 1;
    return `${this.#session}-${this.#sequence}`;
  }

  /** Runs requests one after another: PoserTalkr must get one packet per read. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #request(op: string, args: Record<string, unknown>, allowPrefix: boolean) {
    const id = this.#nextId();
    const encoded = Buffer.from(JSON.stringify(args), 'utf8').toString('base64');
    return this.#exchange(id, op, `=__dazport_call('${id}','${op}','${encoded}',locals())`, allowPrefix);
  }

  async #exchange(
    id: string,
    op: string,
    packet: string,
    allowPrefix: boolean,
  ): Promise<{ prefix: string; value: unknown }> {
    if (Buffer.byteLength(packet) > MAX_PACKET_BYTES) {
      throw new DazportError(
        'DAZPORT_INTERNAL',
        `request ${op} is ${Buffer.byteLength(packet)} bytes, more than PoserTalkr takes in one packet (${MAX_PACKET_BYTES})`,
        { context: { op, bytes: Buffer.byteLength(packet) } },
      );
    }
    this.#send(packet);
    let prefix = '';
    for (;;) {
      const read = this.#reader.next();
      if (!read && this.#strayThenSilence(allowPrefix)) throw this.#stray(this.#reader.pending(), id);
      if (!read) {
        const seen = this.#received;
        await this.#until(() => this.#received > seen || this.#strayThenSilence(allowPrefix), id);
        continue;
      }
      if (read.prefix.trim() && !allowPrefix) throw this.#stray(read.prefix, id);
      prefix += read.prefix;
      if (read.envelope.id !== id) continue; // an answer meant for an earlier connection
      const reply = parseReply(read.envelope.payload, id);
      if (!reply.ok) throw poserScriptError(reply as PythonFailure, id, op);
      return { prefix, value: reply.value };
    }
  }

  /** Text that is not the start of an envelope, then silence: an error PoserTalkr sent alone. */
  #strayThenSilence(allowPrefix: boolean): boolean {
    if (allowPrefix || Date.now() - this.#lastData < STRAY_QUIET_MS) return false;
    const text = this.#reader.pending();
    return text.trim() !== '' && !text.includes(ENVELOPE_BEGIN);
  }

  #stray(text: string, request: string): Error {
    const err = poserProtocolError(
      `PoserTalkr sent text outside dazport's envelope while answering ${request}`,
      text,
      request,
    );
    this.#socket.destroy();
    return err;
  }

  #send(packet: string): void {
    if (this.#closed) throw this.#closed;
    this.#socket.write(packet);
  }

  /** Waits for new bytes until `done()` holds; fails on close or when the request times out. */
  #until(done: () => boolean, request: string): Promise<void> {
    const started = Date.now();
    return new Promise<void>((resolve, reject) => {
      let tick: NodeJS.Timeout | undefined;
      const finish = (err?: Error) => {
        clearTimeout(timer);
        clearInterval(tick);
        this.#waiter = null;
        if (err) reject(err);
        else resolve();
      };
      const check = () => {
        if (done()) finish();
        else if (Date.now() - started >= this.#timeoutMs) finish(this.#timedOut(request));
      };
      const timer = setTimeout(() => finish(this.#timedOut(request)), this.#timeoutMs);
      tick = setInterval(check, STRAY_QUIET_MS / 3);
      if (this.#closed) return finish(this.#closed);
      this.#waiter = { wake: check, fail: (err) => finish(err) };
      check();
    });
  }

  #timedOut(request: string): Error {
    const text = this.#reader.pending();
    this.#socket.destroy();
    return text.trim() && !text.includes(ENVELOPE_BEGIN)
      ? poserProtocolError(
          `PoserTalkr answered request ${request} with text outside dazport's envelope`,
          text,
          request,
        )
      : poserTimeoutError(request, this.address, this.#timeoutMs);
  }
}

function parseReply(payload: string, id: string): HelperReply {
  try {
    const reply = JSON.parse(payload) as HelperReply;
    if (typeof reply === 'object' && reply !== null && typeof reply.ok === 'boolean') return reply;
  } catch {
    // reported below
  }
  throw poserProtocolError(`the envelope of request ${id} does not hold dazport's JSON`, payload, id);
}

function openSocket(host: string, port: number, timeoutMs: number, address: string): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = netConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(poserConnectionError(`no answer from ${address} within ${timeoutMs} ms`, address));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = err.code === 'ECONNREFUSED' ? 'nothing listens there (connection refused)' : err.message;
      reject(poserConnectionError(`cannot reach PoserTalkr at ${address}: ${why}`, address, err));
    });
  });
}
