/**
 * The README's commands run as written right after its Quick start (`npm ci`, then `npm test`):
 * `npx dazport …` runs this project's own bin, which exists because `npm ci` runs `prepare`
 * (the build); and `--json` leaves stdout one JSON object however dazport is started (npm prints
 * its `> dazport@… dazport` banner on stdout unless told --silent).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const BIN = join(ROOT, pkg.bin.dazport);
const CLIP = 'fixtures/bvh/cmu_01_01.bvh';
const run = promisify(execFile);
// A private npx cache: a cache entry made before dist/ existed has no bin link and would hide
// what a fresh clone sees (that stale entry is how `npx dazport` failed "even after a build").
// --ignore-scripts: npx runs `prepare` when it first links this folder into a cache, and while
// src/ is being edited that would rebuild the dist/ other tests may be using.
const npxCache = mkdtempSync(join(tmpdir(), 'dazport-npx-cache-'));
afterAll(() => rmSync(npxCache, { recursive: true, force: true }));

/** stdout holds exactly one JSON object, on one line, and nothing else. */
function onlyJson(stdout: string): Record<string, unknown> {
  const lines = stdout.split('\n').filter((l) => l !== '');
  expect(lines, stdout).toHaveLength(1);
  const value = JSON.parse(lines[0]);
  expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
  return value;
}

describe('dazport after the Quick start', () => {
  it('npm ci builds the bin: prepare runs the build, which writes the executable bin with its shebang', () => {
    expect(pkg.scripts.prepare).toMatch(/^node scripts\/build.mjs/);
    expect(pkg.bin.dazport).toBe('dist/cli/main.js');
    expect(readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(
      true,
    );
    expect(existsSync(BIN), `${BIN} is missing: npm ci (or npm run build) makes it`).toBe(true);
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    if (process.platform !== 'win32') expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('npx dazport … --json prints one JSON object on stdout', async () => {
    const { stdout } = await run(
      'npx',
      ['--cache', npxCache, '--offline', '--ignore-scripts', 'dazport', 'inspect', CLIP, '--json'],
      {
        cwd: ROOT,
      },
    );
    expect(onlyJson(stdout)).toMatchObject({ ok: true, frames: 2752 });
  }, 60_000);

  it('npm run --silent dazport -- … --json prints one JSON object on stdout', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'dazport', '--', 'inspect', CLIP, '--json'], {
      cwd: ROOT,
    });
    expect(onlyJson(stdout)).toMatchObject({ ok: true, frames: 2752 });
  }, 60_000);
});
