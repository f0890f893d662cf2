/**
 * What one DazScript request costs on the emulator (HTTP + guards + hop to the main thread + vm
 * run + JSON) against a bare Node HTTP server answering the same client with a fixed body. The
 * plugin's README claims "< 10 ms overhead per request"; the emulator should add well under that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { startEmulator } from '../../src/emulator/start-emulator.js';
import { type BenchTask, summarize, type TaskResult } from '../harness.js';

const ROUNDS = 400;
const WARMUP = 50;

async function timeRequests(url: string, headers: Record<string, string>, body: string): Promise<number[]> {
  const pool = new Pool(url, { connections: 1, keepAliveTimeout: 4_000 });
  const times: number[] = [];
  try {
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const t0 = performance.now();
      const res = await pool.request({ method: 'POST', path: '/execute', headers, body });
      await res.body.text();
      if (i >= WARMUP) times.push(performance.now() - t0);
    }
  } finally {
    await pool.close();
  }
  return times;
}

export const emulatorRoundtrip: BenchTask = {
  name: 'emulator-roundtrip',
  async run(): Promise<TaskResult> {
    const home = mkdtempSync(join(tmpdir(), 'dazport-bench-'));
    const emulator = await startEmulator({ port: 0, home, tokenFile: join(home, 'token.txt') });
    const fixed = '{"success":true,"result":2,"output":[],"error":null,"request_id":"00000000"}';
    const bare = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': fixed.length });
        res.end(fixed);
      });
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    try {
      const headers = { 'content-type': 'application/json', 'x-api-token': emulator.token ?? '' };
      const body = JSON.stringify({ script: '1 + 1' });
      const emulatorTimes = await timeRequests(emulator.url, headers, body);
      const bareTimes = await timeRequests(
        `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
        headers,
        body,
      );
      const measured = summarize('emulator POST /execute "1 + 1"', emulatorTimes, 'ms');
      const baseline = summarize('bare node:http, fixed JSON body', bareTimes, 'ms');
      return {
        task: this.name,
        measured,
        baseline,
        ratio: measured.median / baseline.median,
        notes: [
          `emulator overhead over bare HTTP: ${(measured.median - baseline.median).toFixed(3)} ms per request (median)`,
        ],
      };
    } finally {
      bare.close();
      await emulator.stop();
      rmSync(home, { recursive: true, force: true });
    }
  },
};
