/**
 * A refused token (401, exit 4) says where the token came from, with advice for that source:
 * --token / the token option, DAZ_TOKEN, a file named by --token-file / tokenFile or
 * DAZ_TOKEN_FILE, DAZ Studio's default file, or no token at all because that default file does
 * not exist. The token itself never appears: not in the message, the advice, the context, nor
 * anywhere on the CLI's stdout or stderr, human or --json. Every case runs with a temp HOME.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DazClient } from '../../src/client/dazscript-client.js';
import { type DazportError, suggestionFor } from '../../src/errors.js';
import { type CliResult, runCli } from '../helpers/cli.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const wrongToken = () => randomBytes(16).toString('hex');

describe('where a refused token came from', () => {
  let emu: TestEmulator;
  let root: string;
  let port: number;
  beforeAll(async () => {
    emu = await startTestEmulator();
    port = Number(new URL(emu.url).port);
    root = mkdtempSync(join(tmpdir(), 'dazport-token-source-'));
  });
  afterAll(async () => {
    await emu.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A fresh home, with DAZ Studio's default token file holding `defaultToken` when given. */
  function home(name: string, defaultToken?: string): string {
    const dir = join(root, name);
    mkdirSync(join(dir, '.daz3d'), { recursive: true });
    if (defaultToken) writeFileSync(join(dir, '.daz3d', 'dazscriptserver_token.txt'), `${defaultToken}\n`);
    return dir;
  }

  function tokenFile(dir: string, token: string): string {
    const file = join(dir, 'my-token.txt');
    writeFileSync(file, `${token}\n`);
    return file;
  }

  async function refusal(options: Parameters<typeof DazClient.connect>[0]): Promise<DazportError> {
    const client = DazClient.connect({ ...options, host: '127.0.0.1', port, retry: { attempts: 1 } });
    try {
      await client.execute('1');
    } catch (err) {
      return err as DazportError;
    } finally {
      await client.close();
    }
    throw new Error('the server accepted the token');
  }

  /** Everything a library caller can print of the error. */
  const shown = (err: DazportError) =>
    [err.message, suggestionFor(err, 'library'), suggestionFor(err, 'cli'), JSON.stringify(err)].join('\n');

  function expectNoToken(text: string, ...tokens: string[]) {
    for (const token of [...tokens, emu.token]) expect(text).not.toContain(token);
  }

  describe('library', () => {
    it('the token option', async () => {
      const token = wrongToken();
      const err = await refusal({ token, env: {}, home: home('lib-option') });
      expect(err.code).toBe('DAZPORT_AUTH');
      expect(err.message).toMatch(/the token option/);
      expect(err.suggestion).toMatch(/tokenFile/);
      expect(err.context).toMatchObject({ status: 401, tokenSource: 'option' });
      expectNoToken(shown(err), token);
    });

    it('DAZ_TOKEN', async () => {
      const token = wrongToken();
      const err = await refusal({ env: { DAZ_TOKEN: token }, home: home('lib-env') });
      expect(err.message).toMatch(/DAZ_TOKEN\b/);
      expect(err.suggestion).toMatch(/unset DAZ_TOKEN/);
      expect(suggestionFor(err, 'cli')).toMatch(/--token-file/);
      expectNoToken(shown(err), token);
    });

    it('a file named by the tokenFile option', async () => {
      const token = wrongToken();
      const dir = home('lib-file');
      const file = tokenFile(dir, token);
      const err = await refusal({ tokenFile: file, env: {}, home: dir });
      expect(err.message).toContain(file);
      expect(err.message).toMatch(/the tokenFile option/);
      expect(err.context).toMatchObject({ tokenSource: 'option', tokenFile: file });
      expectNoToken(shown(err), token);
    });

    it('a file named by DAZ_TOKEN_FILE', async () => {
      const token = wrongToken();
      const dir = home('lib-envfile');
      const file = tokenFile(dir, token);
      const err = await refusal({ env: { DAZ_TOKEN_FILE: file }, home: dir });
      expect(err.message).toContain(file);
      expect(err.message).toMatch(/DAZ_TOKEN_FILE/);
      expectNoToken(shown(err), token);
    });

    it("DAZ Studio's default file", async () => {
      const token = wrongToken();
      const dir = home('lib-default', token);
      const err = await refusal({ env: {}, home: dir });
      expect(err.message).toContain(join(dir, '.daz3d', 'dazscriptserver_token.txt'));
      expect(err.message).toMatch(/DAZ Studio's default/);
      // The emulator's own file is where a client of the emulator should look.
      expect(err.suggestion).toContain(join(dir, '.daz3d', 'dazport-emulator-token.txt'));
      expect(suggestionFor(err, 'cli')).toContain(
        `--token-file ${join(dir, '.daz3d', 'dazport-emulator-token.txt')}`,
      );
      expectNoToken(shown(err), token);
    });

    it('no token: the default file does not exist', async () => {
      const dir = home('lib-none');
      const err = await refusal({ env: {}, home: dir });
      expect(err.message).toMatch(/no token was sent/);
      expect(err.message).toContain(`${join(dir, '.daz3d', 'dazscriptserver_token.txt')} does not exist`);
      expect(err.suggestion).toContain(join(dir, '.daz3d', 'dazport-emulator-token.txt'));
      expect(err.context).toMatchObject({ tokenSource: 'none' });
      expectNoToken(shown(err));
    });
  });

  describe('CLI (exit 4)', () => {
    const discover = (args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> =>
      runCli(['discover', '--port', String(port), '--timeout', '5000', ...args], {
        DAZ_TOKEN: undefined,
        DAZ_TOKEN_FILE: undefined,
        DAZ_HOST: undefined,
        DAZ_PORT: undefined,
        ...env,
      });

    it('names each source by its flag or variable, and never prints a token', async () => {
      const tokens = Array.from({ length: 4 }, wrongToken);
      const homes = ['cli-flag', 'cli-file', 'cli-envfile', 'cli-none'].map((name) => home(name));
      const fileOf = (i: number) => tokenFile(homes[i], tokens[i]);
      const runs = await Promise.all([
        discover(['--token', tokens[0]], { HOME: homes[0] }),
        discover(['--token-file', fileOf(1)], { HOME: homes[1], DAZ_TOKEN: tokens[2] }),
        discover(['--json'], { HOME: homes[2], DAZ_TOKEN_FILE: fileOf(2) }),
        discover(['--json'], { HOME: homes[3] }),
      ]);
      for (const r of runs) {
        expect(r.code, r.stderr).toBe(4);
        expectNoToken(r.stdout + r.stderr, ...tokens);
      }
      const [flag, file, envFile, none] = runs;
      expect(flag.stderr).toMatch(/the token given with --token\b/);
      expect(flag.stderr).toMatch(/hint: .*--token-file/);
      // An explicit --token-file wins over DAZ_TOKEN in the environment.
      expect(file.stderr).toContain(`read from ${join(homes[1], 'my-token.txt')} (named by --token-file)`);
      expect(file.stderr).toMatch(/hint: .*--token-file/);
      const envFileError = JSON.parse(envFile.stdout).error;
      expect(envFileError.message).toContain(
        `read from ${join(homes[2], 'my-token.txt')} (named by DAZ_TOKEN_FILE)`,
      );
      expect(envFileError.context).toMatchObject({ tokenSource: 'DAZ_TOKEN_FILE' });
      const noneError = JSON.parse(none.stdout).error;
      expect(noneError.message).toContain(
        `${join(homes[3], '.daz3d', 'dazscriptserver_token.txt')} does not exist`,
      );
      expect(noneError.suggestion).toContain(
        `--token-file ${join(homes[3], '.daz3d', 'dazport-emulator-token.txt')}`,
      );
    }, 60_000);
  });
});
