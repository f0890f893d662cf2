/**
 * The engine options through the command line and `export --dry-run`: help that teaches them,
 * usage errors that name the flag (exit 1, before any emulator starts), a --json report, and a
 * plan whose texture files, sizes and formats are those the export then writes, with size
 * estimates within ±30% for quantized / meshopt geometry.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageInfo } from '../../src/export/texture-output.js';
import { exportScene } from '../../src/jobs/export-scene.js';
import { planExport } from '../../src/jobs/plan-export.js';
import { summarizeIssues, validateFile } from '../export/gltf/helpers/validate.js';
import { runInProcess } from '../helpers/in-process-cli.js';
import { sharedEmulators } from '../helpers/shared-emulators.js';

// One g9 emulator for the runs that reach the scene; the usage errors keep --emulated.
const emulators = sharedEmulators();
afterAll(() => emulators.close());

describe('engine options on the command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-engine-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('export --help and retarget --help teach every option with examples', async () => {
    for (const command of ['export', 'retarget']) {
      const help = await runInProcess([command, '--help']);
      expect(help.code).toBe(0);
      for (const flag of [
        '--texture-max',
        '--texture-format',
        '--jpeg-quality',
        '--meshopt',
        '--quantize',
        '--up',
        '--scale',
      ])
        expect(help.stdout, `${command} ${flag}`).toContain(flag);
      expect(help.stdout).toContain('glTF is\n');
      expect(help.stdout).toMatch(/\$ dazport export .*--texture-max 2048 --quantize/);
    }
  });

  it('a glTF-only option for a .usda, or --up z for a .glb, is exit 1 naming the flag', async () => {
    const meshopt = await runInProcess([
      'export',
      '--emulated',
      'g9',
      '--out',
      join(dir, 'a.usda'),
      '--meshopt',
    ]);
    expect(meshopt.code).toBe(1);
    expect(meshopt.stderr).toContain('a.usda: --meshopt');
    expect(meshopt.stderr).toContain('without --meshopt');
    const up = await runInProcess(['export', '--emulated', 'g9', '--out', join(dir, 'a.glb'), '--up', 'z']);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('glTF is Y-up by specification');
    const quality = await runInProcess([
      'export',
      '--emulated',
      'g9',
      '--out',
      join(dir, 'a.glb'),
      '--jpeg-quality',
      '0',
    ]);
    expect(quality.code).toBe(1);
    expect(quality.stderr).toContain('--jpeg-quality');
    const retarget = await runInProcess([
      'retarget',
      'fixtures/bvh/cmu_01_01.bvh',
      '--to',
      'genesis9',
      '--out',
      join(dir, 'walk.usda'),
      '--quantize',
    ]);
    expect(retarget.code).toBe(1);
    expect(retarget.stderr).toContain('walk.usda: --quantize');
  });

  it('--json reports the smaller output', async () => {
    const out = join(dir, 'json.glb');
    const run = await runInProcess([
      '--json',
      'export',
      ...(await emulators.connection('g9')),
      '--rigged',
      '--out',
      out,
      '--meshopt',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.outputs[0]).toMatchObject({ file: out, joints: 143, engine: { meshopt: true } });
    expect(report.outputs[0].bytes).toBe(statSync(out).size);
    expect(report.outputs[0].bytes).toBeLessThan(1_000_000);
  }, 60_000);

  it('--dry-run plans the texture files, sizes and formats the export writes; geometry within ±30%', async () => {
    const options = { rigged: true, textureMax: 64, textureFormat: 'jpeg' as const };
    await emulators.withClient('g9', async ({ client }) => {
      const outs = [join(dir, 'plan', 'scene.gltf'), join(dir, 'plan', 'scene.usda')];
      const plan = await planExport(client, outs, options);
      const real = await exportScene(client, outs, options);
      const gltf = plan.outputs[0];
      expect([gltf.binary?.path, ...gltf.textures.map((t) => t.path)].sort()).toEqual(
        real.outputs[0].sideFiles.slice().sort(),
      );
      expect(plan.outputs[1].textures.map((t) => t.path).sort()).toEqual(
        real.outputs[1].sideFiles.slice().sort(),
      );
      for (const t of [...gltf.textures, ...plan.outputs[1].textures]) {
        const info = imageInfo(readFileSync(t.path));
        expect({ width: t.width, height: t.height, mimeType: t.mimeType }, t.path).toEqual({
          width: info?.width,
          height: info?.height,
          mimeType: info?.mimeType,
        });
      }
      expect(plan.notes.join(' ')).toContain('estimated');
      for (const flag of ['quantize', 'meshopt'] as const) {
        const out = [join(dir, 'plan', `${flag}.gltf`)];
        const planned = await planExport(client, out, { rigged: true, [flag]: true });
        await exportScene(client, out, { rigged: true, [flag]: true });
        const bin = statSync(join(dir, 'plan', `${flag}.bin`)).size;
        const estimate = planned.outputs[0].binary?.bytes ?? 0;
        expect(Math.abs(estimate - bin), `${flag}: ${estimate} vs ${bin}`).toBeLessThanOrEqual(0.3 * bin);
      }
    });
  }, 90_000);

  it('retarget: a meshopt .glb at scale 2 passes the validator; its translation keys are twice the plain ones', async () => {
    const clip = 'fixtures/bvh/cmu_01_01.bvh';
    const plain = join(dir, 'walk.glb');
    const small = join(dir, 'walk-small.glb');
    const base = ['retarget', clip, '--to', 'genesis9', '--frames', '0:20'];
    expect((await runInProcess([...base, '--out', plain])).code).toBe(0);
    const run = await runInProcess([
      '--json',
      ...base,
      '--out',
      small,
      '--meshopt',
      '--scale',
      '2',
      '--texture-max',
      '32',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).outputs[0].engine).toEqual({ textureMax: 32, meshopt: true, scale: 2 });
    const report = await validateFile(small);
    expect(report.issues.numErrors, summarizeIssues(report).join('; ')).toBe(0);
    await MeshoptDecoder.ready;
    const io = new NodeIO()
      .registerExtensions(ALL_EXTENSIONS)
      .registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
    const translations = async (file: string) => {
      const doc = await io.read(file);
      const out = new Map<string, number[]>();
      for (const a of doc.getRoot().listAnimations())
        for (const c of a.listChannels())
          if (c.getTargetPath() === 'translation')
            out.set(c.getTargetNode()?.getName() ?? '', [...(c.getSampler()?.getOutput()?.getArray() ?? [])]);
      return { out, doc };
    };
    const a = await translations(plain);
    const b = await translations(small);
    expect(
      b.doc
        .getRoot()
        .listExtensionsUsed()
        .map((e) => e.extensionName),
    ).toContain('EXT_meshopt_compression');
    expect([...b.out.keys()]).toEqual([...a.out.keys()]);
    expect(a.out.size).toBeGreaterThan(0);
    let worst = 0;
    for (const [node, values] of a.out) {
      const scaled = b.out.get(node) as number[];
      for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(scaled[i] - 2 * values[i]));
    }
    expect(worst).toBeLessThan(1e-5);
  }, 90_000);
});
