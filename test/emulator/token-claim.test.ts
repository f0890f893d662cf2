/**
 * One token file, one running emulator: a second emulator on another port but the same token
 * file used to write its own token there, and every client of the first then failed with 401.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimPath } from '../../src/emulator/server/token-claim.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/start-emulator.js';
import { runCli, spawnCli } from '../helpers/cli.js';

let home: string;
let tokenFile: string;
const running: RunningEmulator[] = [];

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'dazport-token-claim-'));
  tokenFile = join(home, 'token.txt');
});
afterEach(async () => {
  for (const e of running.splice(0)) await e.stop();
  rmSync(home, { recursive: true, force: true });
});

const start = async () => {
  const e = await startEmulator({ port: 0, home, tokenFile, scene: 'empty' });
  running.push(e);
  return e;
};

describe('a token file in use', () => {
  it('stops a second emulator before it writes, naming the first; the first keeps its token', async () => {
    const first = await start();
    const before = readFileSync(tokenFile, 'utf8');
    await expect(start()).rejects.toMatchObject({
      code: 'DAZPORT_TOKEN_FILE_IN_USE',
      message: expect.stringContaining(first.url),
    });
    expect(readFileSync(tokenFile, 'utf8')).toBe(before);
    expect(before.trim()).toBe(first.token);
  });

  it('is free again once its emulator stops', async () => {
    const first = await start();
    await first.stop();
    running.splice(running.indexOf(first), 1);
    expect(existsSync(claimPath(tokenFile))).toBe(false);
    const second = await start();
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(second.token);
  });

  it('is taken over when the emulator that claimed it is gone', async () => {
    // A process that has ended: its pid names no one (a crashed or killed emulator).
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const pid = Number(gone.stdout.toString());
    writeFileSync(claimPath(tokenFile), JSON.stringify({ pid, url: 'http://127.0.0.1:1', id: 'x' }));
    const e = await start();
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(e.token);
  });

  it('on the command line: exit 1, the first emulator named, the token file untouched', async () => {
    const first = spawnCli(['emulator', '--port', '0'], { HOME: home });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      first.stdout?.on('data', (d) => {
        out += d;
        if (out.includes('Ctrl-C')) resolve();
      });
      first.stderr?.on('data', (d) => {
        out += d;
      });
      first.once('close', () => reject(new Error(out)));
    });
    const defaultFile = join(home, '.daz3d', 'dazport-emulator-token.txt');
    const before = readFileSync(defaultFile, 'utf8');
    const second = await runCli(['emulator', '--port', '0'], { HOME: home });
    first.kill('SIGINT');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /the emulator at http:\/\/127\.0\.0\.1:\d+ \(pid \d+\) uses the token file/,
    );
    expect(second.stderr).toMatch(/--token-file/);
    expect(readFileSync(defaultFile, 'utf8')).toBe(before);
  }, 30_000);
});
