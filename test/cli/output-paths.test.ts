/**
 * Outputs that cannot be written fail at once with exit 7, before anything is read. Node's own
 * recursive mkdir spins forever under /proc (mkdir answers ENOENT under an existing folder), so
 * `export --emulated g9 --out /proc/nonexistent/x.glb` read the scene, then hung at 100% CPU.
 * The other commands here point at a port where nothing listens: a command that checked its
 * outputs only after reading would exit 3 (no server) instead of 7. The /proc cases (a spin
 * only a process can be killed out of) and the emulator's token file run as processes; the
 * folders under a file, which cannot hang, run the program in-process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, outputOf, spawnCliInOneProcess } from '../helpers/cli.js';
import { freeLoopbackPort } from '../helpers/free-port.js';
import { runInProcess } from '../helpers/in-process-cli.js';

/** Give up on a command after this long: the old spin never ended. */
const GIVE_UP_MS = 60_000;
const CMU = join(process.cwd(), 'fixtures/bvh/cmu_01_01.bvh');

async function runBounded(args: string[]): Promise<CliResult & { ms: number }> {
  const started = performance.now();
  // One process, so that giving up kills dazport itself, not a wrapper around a spinning child.
  const child = spawnCliInOneProcess(args);
  const timer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
  const result = await outputOf(child);
  clearTimeout(timer);
  return { ...result, ms: performance.now() - started };
}

/** The program in-process, timed like runBounded's processes. */
async function runTimed(args: string[]): Promise<CliResult & { ms: number }> {
  const started = performance.now();
  const result = await runInProcess(args);
  return { ...result, ms: performance.now() - started };
}

describe('unwritable outputs', () => {
  let dir: string;
  let server: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-outputs-'));
    writeFileSync(join(dir, 'file.txt'), 'a file, not a folder');
    server = [
      '--host',
      '127.0.0.1',
      '--port',
      String(await freeLoopbackPort()),
      '--token',
      'x',
      '--timeout',
      '2000',
    ];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const onLinux = process.platform === 'linux';

  it('export, retarget and demo exit 7 before reading anything, naming the output', async () => {
    const underFile = (name: string) => join(dir, 'file.txt', name);
    const live = ['retarget', CMU, '--to', 'live:Genesis 9', ...server];
    /** The output, the command line, and whether it runs as a process (it could spin). */
    const cases: [string, string[], boolean][] = [
      ...(onLinux
        ? [
            [
              '/proc/nonexistent/x.glb',
              ['export', '--emulated', 'g9', '--out', '/proc/nonexistent/x.glb'],
              true,
            ],
            ['/proc/nonexistent/x.duf', [...live, '--out', '/proc/nonexistent/x.duf'], true],
          ]
        : []),
      [underFile('x.gltf'), ['export', ...server, '--out', underFile('x.gltf')], false],
      [underFile('x.usda'), [...live, '--out', underFile('x.usda')], false],
      [underFile('demo/g9.glb'), ['demo', '--out-dir', underFile('demo')], false],
    ] as [string, string[], boolean][];
    // The processes both at once; the in-process runs one after the other (each captures stdout).
    const [spawned, inProcess] = [cases.filter((c) => c[2]), cases.filter((c) => !c[2])];
    const results: Awaited<ReturnType<typeof runBounded>>[] = await Promise.all(
      spawned.map(([, args]) => runBounded(args)),
    );
    for (const [, args] of inProcess) results.push(await runTimed(args));
    const summary = results.map((r, i) => ({
      out: [...spawned, ...inProcess][i][0],
      code: r.code,
      names: r.stderr.includes([...spawned, ...inProcess][i][0]),
      seconds: Math.round(r.ms / 1000),
    }));
    console.log(summary.map((s) => `${s.out}: exit ${s.code} in ${s.seconds} s`).join('\n'));
    for (const s of summary) expect(s, s.out).toMatchObject({ code: 7, names: true });
    for (const r of results) expect(r.stderr).toMatch(/^dazport: cannot create the folder for /);
  }, 200_000);

  it("the emulator's token file: a folder that cannot be made is exit 7 at once, naming the file", async () => {
    const tokenFiles = [
      ...(onLinux ? ['/proc/nonexistent/token.txt'] : []),
      join(dir, 'file.txt', 'token.txt'),
    ];
    const results = await Promise.all(
      tokenFiles.map((file) =>
        runBounded(['emulator', '--scene', 'empty', '--port', '0', '--token-file', file]),
      ),
    );
    results.forEach((r, i) => {
      expect(r.code, tokenFiles[i]).toBe(7);
      expect(r.stderr).toContain(`cannot write the token file ${tokenFiles[i]}`);
    });
  }, 150_000);

  it('--json gives the output error as one JSON object', async () => {
    const out = join(dir, 'file.txt', 'x.gltf');
    const r = await runInProcess(['--json', 'export', ...server, '--out', out]);
    expect(r.code).toBe(7);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: { code: 'DAZPORT_OUTPUT', context: { file: out } },
    });
  }, 90_000);
});
