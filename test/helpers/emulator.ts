/**
 * Test harness: an emulator on 127.0.0.1, a free port, a throwaway token file, and an undici
 * client that speaks to it over real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { DazClient } from '../../src/client/dazscript-client.js';
import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from '../../src/emulator/start-emulator.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON (throws if it is not). */
  json: <T = Record<string, unknown>>() => T;
}

export interface CallOptions {
  /** JSON body (stringified). */
  json?: unknown;
  /** Raw body. */
  body?: string | Buffer;
  /** Token to send; `null` sends none; default the emulator's token in X-API-Token. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface TestEmulator {
  emulator: RunningEmulator;
  url: string;
  token: string;
  home: string;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /** Run a script through POST /execute and return the parsed body. */
  execute(script: string, args?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /**
   * A library client of this emulator (the caller closes it). `env: {}`, so DAZ_* variables of
   * the machine running the tests cannot redirect it; `extra` adds or overrides options.
   */
  client(extra?: Parameters<typeof DazClient.connect>[0]): DazClient;
  close(): Promise<void>;
}

export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const home = mkdtempSync(join(tmpdir(), 'dazport-test-'));
  const emulator = await startEmulator({ port: 0, home, tokenFile: join(home, 'token.txt'), ...options });
  const agent = new Agent({ keepAliveTimeout: 1_000, connections: 64 });
  const token = emulator.token ?? '';
  const call = async (method: string, path: string, o: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...o.headers };
    const sendToken = o.token === undefined ? token : o.token;
    if (sendToken !== null && sendToken !== '') headers['x-api-token'] = sendToken;
    let body: string | Buffer | undefined = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['content-type'] = 'application/json';
    }
    const res = await request(`${emulator.url}${path}`, {
      method: method as 'GET',
      headers,
      body,
      dispatcher: agent,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  };
  return {
    emulator,
    url: emulator.url,
    token,
    home,
    call,
    execute: async (script, args) => (await call('POST', '/execute', { json: { script, args } })).json(),
    client: (extra = {}) =>
      DazClient.connect({ host: '127.0.0.1', port: emulator.server.port, token, env: {}, ...extra }),
    close: async () => {
      await agent.close();
      await emulator.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A DazScript that holds DAZ Studio's main thread for `ms`, as a long computation would: with
 * DAZ Script's sleep(), so the wait costs no CPU (a busy loop here once burned a core for ~17 s
 * of each suite run, slowing every test beside it).
 */
export function busyScript(ms: number, result = 'done'): string {
  return `(function(){ sleep(${ms}); return ${JSON.stringify(result)}; })()`;
}
