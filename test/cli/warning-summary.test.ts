/**
 * Warnings: one summary line per output by default (material losses counted by feature), every
 * warning with --verbose, none with --quiet or --json; a retarget onto a built-in figure reports
 * no material losses of the mannequin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarizeWarnings, warningLines } from '../../src/cli/print-warnings.js';
import {
  materialLossWarning,
  parseMaterialLoss,
  toPbr,
  withoutMaterialLosses,
} from '../../src/export/material-mapping.js';
import type { Material } from '../../src/scene/material.js';
import { runInProcess } from '../helpers/in-process-cli.js';

/**
 * A Genesis 9 skin surface as DAZ Studio ships it: subsurface, translucency and dual-lobe on.
 * For USD, which has no diffuse transmission, all three are lost; glTF keeps the translucency.
 */
const skin = (name: string): Material => ({
  name,
  shader: 'PBRSkin',
  channels: {
    'Sub Surface Enable': { label: 'Sub Surface Enable', value: true },
    'Translucency Weight': { label: 'Translucency Weight', value: 0.5 },
    'Dual Lobe Specular Weight': { label: 'Dual Lobe Specular Weight', value: 1 },
  },
});
const G9_WARNINGS = ['Torso', 'Face', 'Arms', 'Legs'].flatMap((s) => toPbr(skin(s), 'usd').warnings);

describe('warning summary', () => {
  it('counts material losses by feature in one line', () => {
    expect(G9_WARNINGS).toHaveLength(12);
    expect(summarizeWarnings(G9_WARNINGS)).toBe(
      '12 material values have no PBR equivalent (translucency ×4, subsurface scattering ×4, dual-lobe specular ×4)',
    );
    const withOthers = [
      ...G9_WARNINGS,
      'light Sun is off: written with intensity 0',
      'texture x.png not found',
    ];
    expect(summarizeWarnings(withOthers)).toMatch(
      /^12 material values .*; 2 other warnings, the first: light Sun is off: written with intensity 0$/,
    );
    expect(summarizeWarnings(['a', 'b', 'c'])).toBe('3 warnings, the first: a');
  });

  it('reads back every loss it writes, whatever the surface is called', () => {
    const pbr = toPbr({
      name: 'Cornea: Outer',
      shader: 'Iray Uber',
      channels: {
        'Refraction Weight': { label: 'Refraction Weight', value: 1 },
        'Refraction Color': { label: 'Refraction Color', value: [1, 0.5, 0.5] },
        'Top Coat Weight': { label: 'Top Coat Weight', value: 0.2 },
        'Top Coat IOR': { label: 'Top Coat IOR', value: 1.8 },
      },
    });
    expect(pbr.losses.map((l) => l.feature)).toEqual(['refraction colour', 'top coat IOR']);
    for (const loss of pbr.losses) {
      expect(parseMaterialLoss(materialLossWarning(loss))).toEqual(loss);
      expect(pbr.warnings).toContain(materialLossWarning(loss));
    }
    expect(parseMaterialLoss('Face: bump map b.png not exported')).toBeUndefined();
    const other = 'Face: bump map b.png not exported';
    expect(withoutMaterialLosses([...pbr.warnings, other])).toEqual([other]);
  });

  it('one line by default, each warning with --verbose, none with --quiet or --json', () => {
    expect(warningLines('g9.glb', G9_WARNINGS, {})).toEqual([
      expect.stringMatching(/^warning: g9\.glb: 12 material values .*; --verbose lists them$/),
    ]);
    expect(warningLines('g9.glb', G9_WARNINGS, { verbose: true })).toHaveLength(12);
    expect(warningLines('g9.glb', G9_WARNINGS, { quiet: true })).toEqual([]);
    expect(warningLines('g9.glb', G9_WARNINGS, { quiet: true, verbose: true })).toEqual([]);
    expect(warningLines('g9.glb', G9_WARNINGS, { json: true })).toEqual([]);
    expect(warningLines('a.bvh', ['Frames: says 3'], {})).toEqual(['warning: a.bvh: Frames: says 3']);
  });
});

describe('warnings of the commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dazport-warnings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('export: the report, then one warning line per output', async () => {
    const outs = [join(dir, 'g9.glb'), join(dir, 'g9.usda')];
    const r = await runInProcess(['export', '--emulated', 'g9', '--out', outs[0], '--out', outs[1]]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^wrote /);
    expect(r.stderr.trim().split('\n')).toEqual(
      outs.map((o) => expect.stringMatching(new RegExp(`^warning: ${o}: \\d+ material values have no PBR`))),
    );
  }, 60_000);

  it('retarget onto a built-in figure: its outputs carry no material warnings for the mannequin', async () => {
    const CMU = join(import.meta.dirname, '..', '..', 'fixtures', 'bvh', 'cmu_01_01.bvh');
    const out = join(dir, 'walk.glb');
    const r = await runInProcess([
      '--json',
      'retarget',
      CMU,
      '--to',
      'genesis9',
      '--out',
      out,
      '--frames',
      '0:30',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.outputs[0].warnings.filter((w: string) => parseMaterialLoss(w))).toEqual([]);
  }, 60_000);
});
