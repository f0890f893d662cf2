/**
 * `dazport export --morphs <patterns>` / `--morph-preset` on the command line: help that says
 * what patterns match, a pattern matching nothing warns once and exits 0, `--json` lists the
 * morphs per figure, `--dry-run` says which morphs would be written, bad values are exit 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.js';
import { sharedEmulators } from '../helpers/shared-emulators.js';

const dir = mkdtempSync(join(tmpdir(), 'dazport-cli-morphs-'));
// The runs that reach the scene use one emulator per scene; usage errors keep --emulated.
const emulators = sharedEmulators();
afterAll(async () => {
  await emulators.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export --morphs / --morph-preset', () => {
  it('--help explains patterns (name and label, case-insensitive) and the presets', async () => {
    const r = await runInProcess(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--morphs [patterns]');
    expect(r.stdout).toMatch(/on the morph's name and on its\s+label,\s+case-insensitive/);
    expect(r.stdout).toMatch(/choices: "arkit", "visemes", "expressions", "all",\s+"none"/);
    expect(r.stdout).toContain("--morphs 'eCTRLv*'");
  });

  it('a pattern matching nothing: one warning line, exit 0; the report lists what was written', async () => {
    const out = join(dir, 'v.glb');
    const r = await runInProcess([
      'export',
      ...(await emulators.connection('g8f')),
      '--out',
      out,
      '--morphs',
      'eCTRLv*,zzz*',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('morphs of Genesis 8 Female: 2 of 12 written (eCTRLvAA, eCTRLvEE)');
    expect(r.stderr).toContain('--morphs: 1 pattern matched no morph (zzz*)');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('warning:'))).toHaveLength(1);
  }, 90_000);

  it('--json: the morphs per figure, still ones and unmatched patterns', async () => {
    const r = await runInProcess([
      'export',
      ...(await emulators.connection('g9')),
      '--out',
      join(dir, 'g9.glb'),
      '--morph-preset',
      'visemes',
      '--morphs',
      'facs_bs_Tongue*',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.morphs.figures).toEqual([
      expect.objectContaining({
        label: 'Genesis 9',
        written: ['facs_ctrl_vAA', 'facs_ctrl_vEE'],
        still: ['facs_bs_TongueOut'],
      }),
    ]);
    expect(json.morphs.unmatched).toEqual([]);
  }, 90_000);

  it('--dry-run says which morphs would be written', async () => {
    const r = await runInProcess([
      'export',
      ...(await emulators.connection('g9')),
      '--out',
      join(dir, 'plan.glb'),
      '--morph-preset',
      'arkit',
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'morphs of Genesis 9: 5 of 14 chosen (facs_jnt_JawOpen, facs_bs_EyeBlinkLeft, facs_bs_EyeBlinkRight, facs_bs_MouthSmileLeft, facs_bs_TongueOut)',
    );
  }, 90_000);

  it('an empty pattern or an unknown preset is a usage error (exit 1)', async () => {
    const empty = await runInProcess([
      'export',
      '--emulated',
      'g9',
      '--out',
      join(dir, 'x.glb'),
      '--morphs',
      'a,,b',
    ]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('an empty pattern is not one');
    const preset = await runInProcess([
      'export',
      '--emulated',
      'g9',
      '--out',
      join(dir, 'x.glb'),
      '--morph-preset',
      'faces',
    ]);
    expect(preset.code).toBe(1);
    expect(preset.stderr).toContain("'--morph-preset <set>' argument 'faces' is invalid");
  });
});
