/**
 * Paths given as `~/…` without a shell to expand them (quoted, or from the environment) mean the
 * home folder, in every CLI path option and argument. HOME is moved to a temporary folder.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

describe('~ in CLI paths', () => {
  let home: string;
  let emu: TestEmulator;
  let port: string;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'dazport-clihome-'));
    // The token tests list the scene: an empty one is enough to show the token was accepted.
    emu = await startTestEmulator({ scene: 'empty' });
    port = new URL(emu.url).port;
    writeFileSync(join(home, 'x'), `${emu.token}\n`);
  });
  afterAll(async () => {
    await emu.close();
    rmSync(home, { recursive: true, force: true });
  });

  // No DAZ_TOKEN from the caller's environment may win over the file under test.
  const env = () => ({ HOME: home, DAZ_TOKEN: '', DAZ_TOKEN_FILE: '' });

  it("--token-file '~/x' reads the token from $HOME/x", async () => {
    const r = await runCli(
      ['scene', '--host', '127.0.0.1', '--port', port, '--token-file', '~/x', '--json'],
      env(),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 30_000);

  it("DAZ_TOKEN_FILE='~/x' reads the token from $HOME/x", async () => {
    const r = await runCli(['scene', '--host', '127.0.0.1', '--port', port, '--json'], {
      ...env(),
      DAZ_TOKEN_FILE: '~/x',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 30_000);

  it('a BVH clip, --bone-map and --bone-map-template given as ~/… are read and written under $HOME', async () => {
    copyFileSync(join('fixtures', 'bvh', 'cmu_01_01.bvh'), join(home, 'clip.bvh'));
    const r = await runCli(['inspect', '~/clip.bvh', '--bone-map-template', '~/map.json', '--json'], env());
    expect(r.code).toBe(0);
    expect(existsSync(join(home, 'map.json'))).toBe(true);
    const again = await runCli(['inspect', '~/clip.bvh', '--bone-map', '~/map.json', '--json'], env());
    expect(again.code).toBe(0);
  }, 30_000);

  it('retarget reads a ~/ clip and writes a ~/ output', async () => {
    const r = await runCli(
      ['retarget', '~/clip.bvh', '--to', 'genesis9', '--frames', '0:3', '--out', '~/walk.usda', '--json'],
      env(),
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(home, 'walk.usda'), 'utf8')).toContain('SkelAnimation');
  }, 30_000);
});
