/** A token file given as `~/…` (option or DAZ_TOKEN_FILE) is read from the home folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DazClient } from '../../src/client/dazscript-client.js';
import { discoverToken } from '../../src/client/token.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

describe('token file under ~', () => {
  let home: string;
  let emu: TestEmulator;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'dazport-home-'));
    emu = await startTestEmulator();
    writeFileSync(join(home, 'token.txt'), `${emu.token}\n`);
  });
  afterAll(async () => {
    await emu.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('reads tokenFile and DAZ_TOKEN_FILE given as ~/… from the given home', () => {
    const file = join(home, 'token.txt');
    expect(discoverToken({ tokenFile: '~/token.txt', env: {}, home })).toEqual({
      token: emu.token,
      source: 'option',
      file,
    });
    expect(discoverToken({ env: { DAZ_TOKEN_FILE: '~/token.txt' }, home })).toEqual({
      token: emu.token,
      source: 'DAZ_TOKEN_FILE',
      file,
    });
  });

  it('names a missing ~ path as typed and as expanded', () => {
    expect(() => discoverToken({ tokenFile: '~/missing.txt', env: {}, home })).toThrowError(
      expect.objectContaining({
        code: 'DAZPORT_TOKEN_FILE',
        message: `cannot read the token file ~/missing.txt (${join(home, 'missing.txt')})`,
      }),
    );
  });

  it('DazClient.connect({ tokenFile: "~/…" }) authenticates against the emulator with HOME moved', async () => {
    const saved = process.env.HOME;
    process.env.HOME = home;
    let client: DazClient | undefined;
    try {
      const url = new URL(emu.url);
      client = DazClient.connect({
        host: url.hostname,
        port: Number(url.port),
        tokenFile: '~/token.txt',
        env: {},
        retry: { attempts: 1 },
      });
      expect((await client.execute('6 * 7')).result).toBe(42);
    } finally {
      process.env.HOME = saved;
      await client?.close();
    }
  });
});
