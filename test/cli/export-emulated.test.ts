/**
 * `export --emulated` twice gives the same bytes: each run starts its own embedded emulator on a
 * random port, and the files used to name that port as their source.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dazport-export-emulated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('names the built-in scene as the source, so two runs match byte for byte', async () => {
  for (const run of ['a', 'b']) {
    const r = await runInProcess([
      '-q',
      'export',
      '--emulated',
      'g8m',
      '--out',
      join(dir, `${run}.glb`),
      '--out',
      join(dir, `${run}.usda`),
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
  expect(readFileSync(join(dir, 'a.glb')).equals(readFileSync(join(dir, 'b.glb')))).toBe(true);
  const usda = readFileSync(join(dir, 'a.usda'), 'utf8');
  // Each names its own texture folder (a_textures/, b_textures/); all else is the same.
  expect(usda).toBe(readFileSync(join(dir, 'b.usda'), 'utf8').replaceAll('b_textures/', 'a_textures/'));
  expect(usda).toContain('dazport emulator, built-in scene g8m');
  expect(usda).not.toMatch(/127\.0\.0\.1:\d+/);
}, 60_000);
