/**
 * What a person sees on the terminal during a real export and a real retarget: the jobs'
 * progress, drawn by the CLI's bar on a terminal stand-in, names phases, mesh k of n, output k of
 * m and counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportProgressReport, retargetProgressReport } from '../../src/cli/progress/job-progress.js';
import { ProgressBar } from '../../src/cli/progress.js';
import { exportScene, retargetFile } from '../../src/index.js';
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

/** A progress bar on a terminal stand-in that keeps every line drawn. */
function recordingBar(): { bar: ProgressBar; lines: string[] } {
  const lines: string[] = [];
  const terminal = {
    isTTY: true,
    columns: 200,
    write: (s: string) => lines.push(s.replace(/\r|\x1b\[K/g, '')) > 0,
  } as unknown as NodeJS.WriteStream;
  // A clock that moves 150 ms per report, so the throttle lets every report through.
  let now = 0;
  return { bar: new ProgressBar({}, terminal, () => (now += 150)), lines };
}

it('shows every phase of an export with its counts, not a bare percentage', async () => {
  const { bar, lines } = recordingBar();
  const client = emu.client();
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

it('shows the clip read in bytes, the retarget with its frames, and output k of m', async () => {
  const { bar, lines } = recordingBar();
  const clip = join(import.meta.dirname, '..', '..', 'fixtures', 'bvh', 'cmu_01_01.bvh');
  await retargetFile(clip, {
    to: 'genesis9',
    out: [join(dir, 'walk.glb'), join(dir, 'walk.duf')],
    onProgress: (p) => bar.show(retargetProgressReport(p)),
  });
  bar.clear();
  const drawn = lines.filter(Boolean);
  if (process.env.SHOW_PROGRESS) console.log([...new Set(drawn)].join('\n'));
  expect(
    drawn.some((l) => /100% reading cmu_01_01\.bvh: [\d.]+ (kB|MB)/.test(l)),
    drawn.join('\n'),
  ).toBe(true);
  expect(drawn.some((l) => /retargeting 2,752 frames onto Genesis 9/.test(l))).toBe(true);
  expect(drawn.some((l) => /writing meshes \(1 of 2, walk\.glb\): [\d,]+ of [\d,]+ vertices/.test(l))).toBe(
    true,
  );
  expect(drawn.some((l) => l.includes('(2 of 2, walk.duf)'))).toBe(true);
});
