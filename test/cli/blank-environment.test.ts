/**
 * `DAZ_HOST=` and `DAZ_PORT=` left blank in a shell profile or an .env file mean "not given".
 * Taken literally, a blank host bound the emulator to every interface (it printed
 * `http://:43931`) and sent clients to no host at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DazClient } from '../../src/index.js';
import { outputOf, runCli, spawnCli } from '../helpers/cli.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ scene: 'empty' });
});
afterAll(() => emu?.close());

describe('a blank DAZ_HOST or DAZ_PORT', () => {
  it('leaves the emulator on loopback', async () => {
    // The empty scene: where it listens is under test, not what it serves (g9 takes a second to build).
    const child = spawnCli(['emulator', '--port', '0', '--scene', 'empty'], {
      HOME: emu.home,
      DAZ_HOST: '',
      DAZ_PORT: '',
    });
    const ended = outputOf(child);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d) => {
        out += d;
        if (out.includes('http://')) resolve();
      });
      child.once('close', () => reject(new Error(`ended early: ${out}`)));
    });
    child.kill('SIGINT');
    await ended;
    expect(out).toMatch(/on http:\/\/127\.0\.0\.1:\d+/);
  }, 30_000);

  it('sends the CLI and the library to 127.0.0.1', async () => {
    const port = String(emu.emulator.server.port);
    const r = await runCli(['scene', '--json', '--token', emu.token], { DAZ_HOST: '', DAZ_PORT: port });
    expect(r.code, r.stderr).toBe(0);
    const client = DazClient.connect({ token: emu.token, env: { DAZ_HOST: ' ', DAZ_PORT: port } });
    expect(client.url).toBe(`http://127.0.0.1:${port}`);
    await client.close();
  }, 30_000);

  it('takes the default port when DAZ_PORT is blank', async () => {
    // Nothing listens on 18811 here (or DAZ Studio does): either way not a usage error.
    const r = await runCli(['scene', '--json', '--token', 'x', '--timeout', '2000'], {
      DAZ_PORT: '',
      DAZ_HOST: '',
    });
    expect(r.code).not.toBe(1);
  }, 30_000);
});
