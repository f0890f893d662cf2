/**
 * A second `dazport emulator` on a port already taken (by DAZ Studio or another emulator) must
 * leave the running server and its token file alone, say what happened, and exit 3 at once.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { DazClient } from '../../src/client/dazscript-client.js';
import { startEmulator } from '../../src/emulator/start-emulator.js';
import { type CliResult, spawnCli } from '../helpers/cli.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

/** Run the CLI; a run that has not exited after `ms` is killed and reported as hung. */
function runCliWithin(args: string[], ms: number): Promise<CliResult & { hung: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args);
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout!.on('data', (d) => {
      stdout += d;
    });
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, ms);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, hung });
    });
  });
}

describe('dazport emulator on a busy port', () => {
  let first: TestEmulator;
  let tokenFile: string;
  beforeAll(async () => {
    first = await startTestEmulator({ scene: 'empty' });
    tokenFile = join(first.home, 'token.txt');
  });
  afterAll(() => first.close());

  it('exits 3 with a clear message, leaving the running emulator, its token file and clients working', async () => {
    const port = first.emulator.server.port;
    const tokenBefore = readFileSync(tokenFile, 'utf8');
    const modifiedBefore = statSync(tokenFile).mtimeMs;
    const earlyClient = DazClient.connect({ port, tokenFile, env: {} });
    expect((await earlyClient.execute('1 + 1')).result).toBe(2);

    const second = await runCliWithin(
      ['emulator', '--scene', 'empty', '--port', String(port), '--token-file', tokenFile],
      20_000,
    );
    expect(second.hung).toBe(false);
    expect(second.code).toBe(EXIT.CONNECTION);
    expect(second.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
    expect(second.stderr).toMatch(/DAZ Studio .* or another dazport emulator/);
    expect(second.stderr).toContain('hint: pick another --port, or --port 0 for any free one');

    expect(readFileSync(tokenFile, 'utf8')).toBe(tokenBefore);
    expect(statSync(tokenFile).mtimeMs).toBe(modifiedBefore);
    expect((await earlyClient.execute('2 + 2')).result).toBe(4);
    const lateClient = DazClient.connect({ port, tokenFile, env: {} });
    expect((await lateClient.execute('3 + 3')).result).toBe(6);
    await Promise.all([earlyClient.close(), lateClient.close()]);
  }, 40_000);

  it('as a library call: rejects with DAZPORT_LISTEN before loading a scene or writing the token', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dazport-busy-'));
    try {
      const otherTokenFile = join(home, 'token.txt');
      const started = performance.now();
      await expect(
        // `heavy` takes seconds to build: failing fast proves the bind came first.
        startEmulator({ scene: 'heavy', port: first.emulator.server.port, home, tokenFile: otherTokenFile }),
      ).rejects.toMatchObject({
        code: 'DAZPORT_LISTEN',
        context: { port: first.emulator.server.port, code: 'EADDRINUSE' },
      });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(() => statSync(otherTokenFile)).toThrow(/ENOENT/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
