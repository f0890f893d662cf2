import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process-cli.js';

describe('dazport CLI', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'dazport-cli-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  // The JSON demo (inventory, exports, retarget) is checked in main-job.test.ts: one run of it.
  // This one runs in-process, and at 5 fps: its text is under test, not the clip's frames.
  // The emulator's tests start it as a process: they signal it and read what the bin prints.
  it('demo in human form names the emulator and every node', async () => {
    const r = await runInProcess([
      'demo',
      '--scene',
      'g8f',
      '--out-dir',
      join(home, 'demo-g8f'),
      '--fps',
      '5',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/embedded DAZ Studio emulator \(scene g8f\)/);
    expect(r.stdout).toMatch(/Genesis 8 Female\s+DzFigure\s+170 bones, [\d,]+ vertices/);
  }, 60_000);

  it('emulator serves until SIGTERM, prints the token file but never the token', async () => {
    const tokenFile = join(home, 'emu-token.txt');
    const child = spawnCli(['emulator', '--port', '0', '--token-file', tokenFile, '--json']);
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    const info = await new Promise<{ url: string; tokenFile: string }>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        stdout += d;
        if (stdout.includes('\n')) resolve(JSON.parse(stdout.split('\n')[0]));
      });
      child.on('close', () => reject(new Error(`emulator exited early: ${stderr}`)));
    });
    expect(info.tokenFile).toBe(tokenFile);
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const res = await request(`${info.url}/execute`, {
      method: 'POST',
      headers: { 'x-api-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ script: 'Scene.getNumSkeletons()' }),
    });
    expect((await res.body.json()) as unknown).toMatchObject({ success: true, result: 1 });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout + stderr).not.toContain(token);
  });

  it('human start-up text tells clients where the token file is', async () => {
    const child = spawnCli(['emulator', '--port', '0', '--token-file', join(home, 't2.txt')]);
    let stdout = '';
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (d) => {
        stdout += d;
        if (stdout.includes('Ctrl-C')) resolve();
      });
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    await exited;
    expect(stdout).toMatch(/DazScript Server emulator 2\.9\.2 on http:\/\/127\.0\.0\.1:\d+ \(scene g9\)/);
    expect(stdout).toContain(`export DAZ_TOKEN_FILE=${join(home, 't2.txt')}`);
    expect(stdout).not.toContain(readFileSync(join(home, 't2.txt'), 'utf8').trim());
  });

  it('exits 1 with a clear message on a bad option value', async () => {
    const r = await runInProcess(['emulator', '--port', 'abc']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--port takes a whole number from 0 to 65535, got "abc"');
  });

  it('exits 2 for a scene that is neither built in nor a file, with a hint', async () => {
    const r = await runInProcess([
      'emulator',
      '--port',
      '0',
      '--scene',
      join(home, 'missing.json'),
      '--token-file',
      join(home, 't3.txt'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/neither built in nor a readable file/);
    expect(r.stderr).toMatch(
      /hint: use one of g9, g8f, g8m, g9-anim, heavy, empty \(heavy:<vertices> up to 5,000,000\)/,
    );
  });

  it('reports errors as JSON with --json', async () => {
    const r = await runInProcess([
      '--json',
      'emulator',
      '--port',
      '0',
      '--scene',
      'nope.json',
      '--token-file',
      join(home, 't4.txt'),
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'DAZPORT_SCENE_NOT_FOUND' } });
  });

  it('--help teaches: commands, start here, exit statuses', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dazport demo');
    expect(r.stdout).toContain('Exit status');
    const sub = await runInProcess(['emulator', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--token-file');
    expect(sub.stdout).toContain('Not a sandbox');
  });
});
