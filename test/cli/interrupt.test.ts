/**
 * Ctrl-C (SIGINT) or SIGTERM while an export is writing: dazport removes its temporary files,
 * says so in one line (or one JSON object with --json) and exits 130 / 143. The signal is sent
 * the moment a temporary file appears in the output folder, so it lands mid-write.
 */
import { mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputOf, spawnCliInOneProcess } from '../helpers/cli.js';

const GIVE_UP_MS = 90_000;
const TEMP = /^\..+\.tmp$/;

/** Start an export into `dir`, send `signal` as soon as a temporary file shows up there. */
async function interruptExport(dir: string, signal: NodeJS.Signals, extra: string[] = []) {
  const out = (ext: string) => ['--out', join(dir, `g9.${ext}`)];
  const args = [
    ...extra,
    'export',
    '--emulated',
    'g9',
    '--rigged',
    '--morphs',
    ...out('gltf'),
    ...out('usda'),
  ];
  const child = spawnCliInOneProcess(args);
  const ended = outputOf(child);
  /** Temporary files seen when the signal was sent. */
  let tempsSeen: string[] = [];
  // Woken by the folder's own change events (not a poll, which kept a core busy while it waited).
  await new Promise<void>((resolve) => {
    const done = () => {
      watcher.close();
      clearTimeout(giveUp);
      resolve();
    };
    const watcher = watch(dir, () => {
      tempsSeen = readdirSync(dir).filter((f) => TEMP.test(f));
      if (tempsSeen.length > 0) done();
    });
    const giveUp = setTimeout(done, GIVE_UP_MS);
    ended.then(done, done);
  });
  child.kill(tempsSeen.length > 0 ? signal : 'SIGKILL');
  const end = await ended;
  return { ...end, tempsSeen, left: readdirSync(dir).filter((f) => TEMP.test(f)) };
}

describe('interrupting a command', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dazport-interrupt-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('Ctrl-C mid-write: exit 130, one line on stderr, no temporary file left', async () => {
    const dir = mkdtempSync(join(root, 'int-'));
    const r = await interruptExport(dir, 'SIGINT');
    expect(r.tempsSeen.length).toBeGreaterThan(0);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 130, signal: null });
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dazport: interrupted by SIGINT: removed \d+ temporary files?; /);
    expect(r.left).toEqual([]);
  }, 120_000);

  it('SIGTERM with --json: exit 143 and the error as one JSON object on stdout', async () => {
    const dir = mkdtempSync(join(root, 'term-'));
    const r = await interruptExport(dir, 'SIGTERM', ['--json']);
    expect(r.tempsSeen.length).toBeGreaterThan(0);
    expect(r.code).toBe(143);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: { code: 'DAZPORT_INTERRUPTED', context: { signal: 'SIGTERM' } },
    });
    expect(r.left).toEqual([]);
  }, 120_000);
});
