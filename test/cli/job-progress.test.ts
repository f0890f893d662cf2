/**
 * What a person sees on the terminal during a real export: the export job's progress, drawn by
 * the CLI's bar on a terminal stand-in, names phases, mesh k of n, output k of m and counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportProgressReport } from '../../src/cli/progress/job-progress.js';
import { ProgressBar } from '../../src/cli/progress.js';
import { DazClient, exportScene } from '../../src/index.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let emu: TestEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator({ scene: 'g9' });
  dir = mkdtempSync(join(tmpdir(), 'dazport-export-progress-'));
});
afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('shows every phase of an export with its counts, not a bare percentage', async () => {
  const lines: string[] = [];
  const terminal = {
    isTTY: true,
    columns: 200,
    write: (s: string) => lines.push(s.replace(/\r|\x1b\[K/g, '')) > 0,
  } as unknown as NodeJS.WriteStream;
  // A clock that moves 150 ms per report, so the throttle lets every report through.
  let now = 0;
  const bar = new ProgressBar({}, terminal, () => (now += 150));
  const client = DazClient.connect({
    host: '127.0.0.1',
    port: emu.emulator.server.port,
    token: emu.token,
    env: {},
  });
  await exportScene(client, [join(dir, 'a.glb'), join(dir, 'b.usda')], {
    rigged: true,
    onProgress: (p) => bar.show(exportProgressReport(p)),
  });
  bar.clear();
  const drawn = lines.filter(Boolean);
  if (process.env.SHOW_PROGRESS) console.log([...new Set(drawn)].join('\n'));
  expect(drawn.some((l) => l.includes("reading the scene's inventory"))).toBe(true);
  const meshLine = drawn.find((l) =>
    /reading meshes \(\d+ of \d+, [^)]+\): [\d,.]+ (M )?of [\d,.]+ (M )?vertices · [\d.]+ (kB|MB)/.test(l),
  );
  expect(meshLine, drawn.join('\n')).toBeDefined();
  expect(drawn.some((l) => /reading skin weights and morphs \(\d+ of \d+/.test(l))).toBe(true);
  expect(drawn.some((l) => l.includes('(1 of 2, a.glb)'))).toBe(true);
  expect(drawn.some((l) => l.includes('(2 of 2, b.usda)'))).toBe(true);
  await client.close();
});
