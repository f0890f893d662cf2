/**
 * The emulator never writes DAZ Studio's own token file, not even to create it when it is
 * absent: DAZ Studio writes it at its next start, and until then every client reading the
 * default file would send the emulator's token to DAZ Studio. Checked with a temp HOME, in the
 * library (startEmulator) and through `dazport emulator --token-file`, which must exit 1 before
 * it listens and name the emulator's own file instead.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/start-emulator.js';
import { outputOf, spawnCli } from '../helpers/cli.js';

describe("the emulator and DAZ Studio's absent token file", () => {
  const home = mkdtempSync(join(tmpdir(), 'dazport-daztoken-'));
  const dazFile = join(home, '.daz3d', 'dazscriptserver_token.txt');
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('startEmulator refuses the path, as given or as ~/…, and creates nothing', async () => {
    for (const tokenFile of [dazFile, '~/.daz3d/dazscriptserver_token.txt']) {
      await expect(startEmulator({ port: 0, home, tokenFile })).rejects.toMatchObject({
        code: 'DAZPORT_TOKEN_FILE_PROTECTED',
        message: expect.stringContaining(dazFile),
        suggestion: expect.stringContaining(join(home, '.daz3d', 'dazport-emulator-token.txt')),
      });
      expect(existsSync(dazFile)).toBe(false);
    }
  });

  it('dazport emulator --token-file <DAZ default> exits 1 naming its own default file', async () => {
    const child = spawnCli(
      ['emulator', '--port', '0', '--token-file', '~/.daz3d/dazscriptserver_token.txt'],
      {
        HOME: home,
      },
    );
    // An emulator that accepted the path would serve until stopped: bound the wait.
    const stop = setTimeout(() => child.kill('SIGTERM'), 10_000);
    const r = await outputOf(child).finally(() => clearTimeout(stop));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("DAZ Studio's own token file");
    expect(r.stderr).toContain(join(home, '.daz3d', 'dazport-emulator-token.txt'));
    expect(r.stderr).toMatch(/--token-file/);
    expect(existsSync(dazFile)).toBe(false);
    expect(existsSync(join(home, '.daz3d', 'dazport-emulator-token.txt'))).toBe(false);
  }, 20_000);
});
