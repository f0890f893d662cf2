/**
 * `dazport export --bake-correctives` on the command line: help that teaches, the usage error
 * without an animation (exit 1, naming the flags), the dry-run plan naming the correctives, the
 * human summary and `--json`'s `correctives` field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.js';
import { sharedEmulators } from '../helpers/shared-emulators.js';

const dir = mkdtempSync(join(tmpdir(), 'dazport-cli-jcm-'));
// The runs that reach the scene use one g9-anim emulator; the usage error keeps --emulated.
const emulators = sharedEmulators();
afterAll(async () => {
  await emulators.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export --bake-correctives', () => {
  it('--help explains it, with an example', async () => {
    const r = await runInProcess(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--bake-correctives');
    expect(r.stdout).toContain('ERC links');
    expect(r.stdout).toContain(
      'dazport export --emulated g9-anim --out walk.glb --animation bake --bake-correctives',
    );
  });

  it('without --animation keys|bake: exit 1, DAZPORT_USAGE naming both flags', async () => {
    const r = await runInProcess([
      'export',
      '--emulated',
      'g9-anim',
      '--out',
      join(dir, 'x.glb'),
      '--bake-correctives',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.error.code).toBe('DAZPORT_USAGE');
    expect(out.error.message).toContain('--bake-correctives');
    expect(out.error.message).toContain('--animation keys');
  });

  it('--dry-run names the correctives and those written only for the bake', async () => {
    const r = await runInProcess([
      'export',
      ...(await emulators.connection('g9-anim')),
      '--out',
      join(dir, 'a.glb'),
      '--animation',
      'bake',
      '--bake-correctives',
      '--morphs',
      'body_cbs_neck1*',
      '--dry-run',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const figure = out.correctives.find((c: { label: string }) => c.label === 'Genesis 9');
    expect(figure.correctives).toContainEqual({ name: 'body_cbs_neck1_x35p', drivers: ['neck1/XRotate'] });
    expect(figure.added).toEqual([
      'body_cbs_forearm_y135n_l',
      'body_cbs_forearm_y135p_r',
      'body_cbs_shin_x155p_l',
    ]);
    expect(out.notes.some((n: string) => n.startsWith('correctives of Genesis 9: 4 driven by bones'))).toBe(
      true,
    );
  });

  it('reports the bake in the summary and in --json', async () => {
    const human = await runInProcess([
      'export',
      ...(await emulators.connection('g9-anim')),
      '--out',
      join(dir, 'h.glb'),
      '--animation',
      'keys',
      '--bake-correctives',
    ]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('correctives of Genesis 9: 2 baked over 61 frames (');
    expect(human.stdout).toContain('body_cbs_neck1_x35p ← neck1/XRotate, 0.00–1.00');
    expect(human.stdout).toContain(
      '2 written as morph targets for the bake (not chosen by --morphs); 2 never change',
    );
    const json = await runInProcess([
      '--json',
      'export',
      ...(await emulators.connection('g9-anim')),
      '--out',
      join(dir, 'j.glb'),
      '--animation',
      'bake',
      '--bake-correctives',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.correctives.frames).toBe(61);
    const [figure] = out.correctives.figures;
    expect(figure.baked.map((b: { name: string }) => b.name)).toEqual([
      'body_cbs_neck1_x35p',
      'body_cbs_forearm_y135p_r',
    ]);
    expect(figure.constant.map((c: { name: string }) => c.name)).toEqual([
      'body_cbs_forearm_y135n_l',
      'body_cbs_shin_x155p_l',
    ]);
    expect(out.outputs[0].warnings.some((w: string) => w.includes('never change over the animation'))).toBe(
      true,
    );
  }, 120_000);
});
