/**
 * `dazport export --animation` and `--frame` on the command line: help that teaches, usage
 * errors (exit 1, naming the flag), the dry-run plan saying what the animation read would be,
 * and `--json` staying one object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.js';
import { sharedEmulators } from '../helpers/shared-emulators.js';

const dir = mkdtempSync(join(tmpdir(), 'dazport-cli-anim-'));
// The runs that reach the scene use one emulator per scene; usage errors keep --emulated.
const emulators = sharedEmulators();
afterAll(async () => {
  await emulators.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export --animation / --frame', () => {
  it('--help explains both, with examples', async () => {
    const r = await runInProcess(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--animation <mode>');
    expect(r.stdout).toContain('"none", "keys", "bake"');
    expect(r.stdout).toContain('--frame <n>');
    expect(r.stdout).toContain('dazport export --emulated g9-anim --out anim.glb --animation bake --morphs');
    expect(r.stdout).toContain('dazport export --emulated g9-anim --out frame30.glb --frame 30');
  });

  it('refuses an unknown mode and a frame that is not a whole number (exit 1, naming the flag)', async () => {
    const bad = await runInProcess([
      'export',
      '--emulated',
      'g9-anim',
      '--out',
      join(dir, 'a.glb'),
      '--animation',
      'all',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("'--animation <mode>' argument 'all' is invalid");
    const frame = await runInProcess([
      'export',
      '--emulated',
      'g9-anim',
      '--out',
      join(dir, 'a.glb'),
      '--frame',
      '1.5',
    ]);
    expect(frame.code).toBe(1);
    expect(frame.stderr).toContain('--frame takes a whole number');
  });

  it('a frame outside the scene range is a usage error naming the range', async () => {
    const r = await runInProcess([
      'export',
      ...(await emulators.connection('g9-anim')),
      '--out',
      join(dir, 'f.glb'),
      '--frame',
      '61',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.error.code).toBe('DAZPORT_USAGE');
    expect(out.error.message).toBe("--frame 61: the scene's animation range is frames 0 to 60");
  });

  it('--dry-run says what the animation read would take', async () => {
    const r = await runInProcess([
      'export',
      ...(await emulators.connection('g9-anim')),
      '--out',
      join(dir, 'a.glb'),
      '--animation',
      'bake',
      '--morphs',
      '--dry-run',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.notes).toContain(
      'animation (bake): 61 frames at 30 fps (frames 0–60); keyed: 8 bones, 1 node transform, 1 morph (not in the size estimates)',
    );
  });

  it('an animated morph left out by --morphs is named in a warning, not dropped silently', async () => {
    const r = await runInProcess([
      '--json',
      'export',
      ...(await emulators.connection('g9-anim')),
      '--animation',
      'bake',
      '--morphs',
      'facs_*',
      '--out',
      join(dir, 'unchosen.glb'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const warnings: string[] = JSON.parse(r.stdout).outputs[0].warnings;
    expect(warnings.some((w) => /animated morph body_bs_Belly .*not among the morphs written/.test(w))).toBe(
      true,
    );
  });

  it('writes the animation and says so, --json one object', async () => {
    const r = await runInProcess([
      'export',
      ...(await emulators.connection('g9-anim')),
      '--out',
      join(dir, 'anim.glb'),
      '--animation',
      'bake',
      '--morphs',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.outputs[0].animations).toBe(1);
  }, 60_000);
});
