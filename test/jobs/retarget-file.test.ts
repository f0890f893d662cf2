/**
 * `retargetFile` is the retarget job in one call, the one the CLI's `retarget` runs: a built-in
 * figure needs no emulator from the caller, and the library writes the same bytes as the CLI for
 * the same clip and options (the scene files used to differ: the CLI alone added rest tracks for
 * the bones the clip does not drive).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { retargetFile } from '../../src/index.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const CMU = join(process.cwd(), 'fixtures/bvh/cmu_01_01.bvh');
/** Two seconds of the walk: enough for every track, quick to retarget. */
const FRAMES: [number, number] = [0, 239];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-retarget-job-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two figure reads over HTTP and two retargets: seconds on a quiet machine, more under load. */
const SLOW_MS = 120_000;

describe('retargetFile', () => {
  it(
    'writes the same .glb and .usda bytes as `dazport retarget` for the same clip and options',
    async () => {
      const names = ['walk.glb', 'walk.usda'];
      const cli = await runInProcess([
        'retarget',
        CMU,
        '--to',
        'genesis9',
        '--frames',
        `${FRAMES[0]}:${FRAMES[1]}`,
        '--fps',
        '30',
        ...names.flatMap((n) => ['--out', join(dir, 'cli', n)]),
        '--json',
      ]);
      expect(cli.code, cli.stdout + cli.stderr).toBe(0);
      const result = await retargetFile(CMU, {
        to: 'genesis9',
        out: names.map((n) => join(dir, 'lib', n)),
        frames: FRAMES,
        fps: 30,
      });
      expect(result.outputs.map((o) => o.format)).toEqual(['glb', 'usda']);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, frames: result.frames, figure: 'Genesis 9' });
      for (const n of names) {
        const fromCli = readFileSync(join(dir, 'cli', n));
        const fromLibrary = readFileSync(join(dir, 'lib', n));
        expect(fromLibrary.length, n).toBe(fromCli.length);
        expect(fromLibrary.equals(fromCli), `${n}: library and CLI bytes differ`).toBe(true);
      }
    },
    SLOW_MS,
  );

  it(
    'retargets onto a built-in figure in one call: no emulator to start, nothing printed',
    async () => {
      const stdout = vi.spyOn(process.stdout, 'write');
      const stderr = vi.spyOn(process.stderr, 'write');
      const progress: string[] = [];
      try {
        const out = join(dir, 'one-call', 'walk.duf');
        const result = await retargetFile(CMU, {
          to: 'genesis8f',
          out,
          frames: FRAMES,
          onProgress: (p) => progress.push(p.stage),
        });
        expect(result.figure).toBe('Genesis 8 Female');
        expect(result.convention).toBe('cmu');
        expect(result.outputs).toMatchObject([{ target: out, format: 'duf', frames: 240 }]);
        expect(result.keysAfter).toBeGreaterThan(0);
        expect(existsSync(out)).toBe(true);
        expect(progress).toContain('read-figure');
        expect(stdout).not.toHaveBeenCalled();
        expect(stderr).not.toHaveBeenCalled();
      } finally {
        stdout.mockRestore();
        stderr.mockRestore();
      }
    },
    SLOW_MS,
  );

  it('names the built-in figures when `to` is none of them, before any work', async () => {
    await expect(
      retargetFile(CMU, { to: 'genesis7', out: join(dir, 'never', 'x.glb') }),
    ).rejects.toMatchObject({
      code: 'DAZPORT_USAGE',
      suggestion: expect.stringContaining("'genesis9', 'genesis8f', 'genesis8m'"),
    });
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
