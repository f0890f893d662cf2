/**
 * -q/--quiet prints only errors: a command that succeeds prints nothing on stdout or stderr
 * (no report, no warnings, no notes, not even an empty line), and still writes its outputs.
 * An error still prints under -q.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.js';

const BVH = join(import.meta.dirname, '..', '..', 'fixtures', 'bvh');
/** Warns (its frame lines disagree with "Frames:") and has joints no convention maps. */
const BOXING = join(BVH, 'biovision_boxing_toes.bvh');

describe('-q prints nothing when a command succeeds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dazport-quiet-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const silent = async (args: string[]) => {
    const r = await runInProcess(args);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }, args.join(' ')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  };

  it('export (whose outputs have material warnings)', async () => {
    await silent(['-q', 'export', '--emulated', 'g9', '--out', join(dir, 'g9.glb')]);
    expect(existsSync(join(dir, 'g9.glb'))).toBe(true);
  }, 60_000);

  it('retarget of a clip that warns, with unmapped source joints', async () => {
    const out = join(dir, 'box.duf');
    await silent(['retarget', BOXING, '--to', 'genesis9', '--out', out, '--frames', '0:60', '--quiet']);
    expect(existsSync(out)).toBe(true);
  }, 60_000);

  it('inspect of a clip that warns, and discover', async () => {
    await silent(['inspect', BOXING, '-q']);
    await silent(['-q', 'discover', '--figure', 'genesis9']);
  });

  it('an error still prints', async () => {
    const r = await runInProcess(['-q', 'inspect', join(dir, 'missing.bvh')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dazport: .*missing\.bvh/);
  });
});
