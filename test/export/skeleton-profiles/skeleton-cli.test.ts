/**
 * The profile flags on the command line: `export --skeleton` on a rigged emulated figure, `daz`
 * (the default) giving the same bytes as no flag at all, and the flag errors as usage errors.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/in-process-cli.js';
import { readBack, skinnedPositions } from '../gltf/helpers/read-back.js';
import { readBack as readUsda } from '../usda/read-back.js';
import { maxDiff, skinnedPoints } from '../usda/usd-eval.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-skeleton-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SLOW_MS = 180_000;
const CMU = join(process.cwd(), 'fixtures/bvh/cmu_01_01.bvh');

describe('--skeleton on the command line', () => {
  it(
    'export --rigged --skeleton unity names the joints for Unity; --skeleton daz writes the same bytes as no flag',
    async () => {
      const base = ['export', '--emulated', 'g8f', '--rigged', '--json'];
      const unity = await runInProcess([...base, '--skeleton', 'unity', '--out', join(dir, 'unity.glb')]);
      expect(unity.code, unity.stdout + unity.stderr).toBe(0);
      const doc = await readBack(join(dir, 'unity.glb'));
      const joints = doc
        .getRoot()
        .listSkins()[0]
        .listJoints()
        .map((j) => j.getName());
      expect(joints).toEqual(
        expect.arrayContaining(['Hips', 'Spine', 'Chest', 'UpperChest', 'LeftUpperArm', 'RightToes']),
      );
      expect(joints).not.toContain('Root');
      const plain = await runInProcess([...base, '--out', join(dir, 'plain.glb')]);
      const daz = await runInProcess([...base, '--skeleton', 'daz', '--out', join(dir, 'daz.glb')]);
      expect([plain.code, daz.code]).toEqual([0, 0]);
      expect(readFileSync(join(dir, 'daz.glb')).equals(readFileSync(join(dir, 'plain.glb')))).toBe(true);
    },
    SLOW_MS,
  );

  it(
    'export --skeleton unreal of a posed Genesis 8 Male: the same skinned meshes as the daz export (glTF, USDA)',
    async () => {
      const base = ['export', '--emulated', 'g8m', '--rigged', '--json'];
      for (const [name, extra] of [
        ['g8m-daz', []],
        ['g8m-ue', ['--skeleton', 'unreal']],
      ] as const) {
        const r = await runInProcess([
          ...base,
          ...extra,
          '--out',
          join(dir, `${name}.glb`),
          '--out',
          join(dir, `${name}.usda`),
        ]);
        expect(r.code, r.stderr).toBe(0);
      }
      const skinned = (doc: Document) =>
        doc
          .getRoot()
          .listNodes()
          .filter((n) => n.getSkin() && n.getMesh())
          .flatMap((n) => {
            const mesh = n.getMesh();
            return mesh ? mesh.listPrimitives().flatMap((p) => Array.from(skinnedPositions(n, mesh, p))) : [];
          });
      const [ue, daz] = [await readBack(join(dir, 'g8m-ue.glb')), await readBack(join(dir, 'g8m-daz.glb'))];
      expect(
        ue
          .getRoot()
          .listNodes()
          .find((n) => n.getName() === 'lowerarm_l')
          ?.getParentNode()
          ?.getName(),
      ).toBe('upperarm_l');
      const [a, b] = [skinned(ue), skinned(daz)];
      expect(a.length).toBeGreaterThan(0);
      expect(maxDiff(a, b), 'metres').toBeLessThan(1e-6);
      const [usdUe, usdDaz] = [
        await readUsda(join(dir, 'g8m-ue.usda')),
        await readUsda(join(dir, 'g8m-daz.usda')),
      ];
      expect(usdUe.problems).toEqual([]);
      const usdSkinned = (r: typeof usdUe) =>
        [...r.layer.byPath.values()]
          .filter((p) => p.props.has('primvars:skel:jointIndices'))
          .flatMap((m) => Array.from(skinnedPoints(r.layer, m)));
      const [ua, ub] = [usdSkinned(usdUe), usdSkinned(usdDaz)];
      expect(ua.length).toBeGreaterThan(0);
      expect(maxDiff(ua, ub), 'cm').toBeLessThan(1e-3);
    },
    SLOW_MS,
  );

  it(
    'a posed export (no --rigged) says the profile needs rigged output; root motion on a still scene says so',
    async () => {
      const posed = await runInProcess([
        'export',
        '--emulated',
        'g8f',
        '--skeleton',
        'unreal',
        '--only',
        'figures',
        '--out',
        join(dir, 'posed.glb'),
        '--json',
      ]);
      expect(posed.code, posed.stderr).toBe(0);
      const warnings: string[] = JSON.parse(posed.stdout).outputs[0].warnings;
      expect(warnings.some((w) => w.includes('--skeleton') && w.includes('--rigged'))).toBe(true);
      const still = await runInProcess([
        'export',
        '--emulated',
        'g8f',
        '--rigged',
        '--root-motion',
        'in-place',
        '--only',
        'figures',
        '--out',
        join(dir, 'still.glb'),
        '--json',
      ]);
      expect(still.code, still.stderr).toBe(0);
      expect(JSON.parse(still.stdout).outputs[0].warnings).toContain(
        'root motion "in-place": no motion translates the hip; nothing to move',
      );
    },
    SLOW_MS,
  );

  it(
    "scene animation under --skeleton unreal: the root bone shifts no prop's track onto a bone",
    async () => {
      const base = ['export', '--emulated', 'g9-anim', '--animation', 'bake', '--json'];
      const targets = async (file: string, extra: string[]) => {
        const r = await runInProcess([...base, ...extra, '--out', join(dir, file)]);
        expect(r.code, r.stdout + r.stderr).toBe(0);
        const doc = await readBack(join(dir, file));
        return doc
          .getRoot()
          .listAnimations()
          .flatMap((a) =>
            a.listChannels().map((c) => `${c.getTargetNode()?.getName()}.${c.getTargetPath()}`),
          );
      };
      const daz = await targets('anim-daz.glb', []);
      const ue = await targets('anim-ue.glb', ['--skeleton', 'unreal']);
      expect(daz).toContain('Textured Cube.translation');
      // The same channels, the figure's under UE5 names, the cube's still on the cube.
      expect(ue).toContain('Textured Cube.translation');
      expect(ue).toContain('pelvis.translation');
      expect(ue.filter((t) => t.startsWith('Textured Cube.'))).toEqual(
        daz.filter((t) => t.startsWith('Textured Cube.')),
      );
      expect(ue).toHaveLength(daz.length);
    },
    SLOW_MS,
  );

  it('refuses an unknown profile, extract without a root bone, and a profile with .duf (exit 1)', async () => {
    const bad = await runInProcess([
      'retarget',
      CMU,
      '--to',
      'genesis9',
      '--skeleton',
      'maya',
      '--out',
      join(dir, 'a.glb'),
      '--json',
    ]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('DAZPORT_USAGE');
    const extract = await runInProcess([
      'retarget',
      CMU,
      '--to',
      'genesis9',
      '--skeleton',
      'unreal',
      '--no-root-bone',
      '--root-motion',
      'extract',
      '--out',
      join(dir, 'b.glb'),
      '--json',
    ]);
    expect(extract.code).toBe(1);
    expect(JSON.parse(extract.stdout).error.suggestion).toContain('--root-bone');
    const duf = await runInProcess([
      'retarget',
      CMU,
      '--to',
      'genesis9',
      '--skeleton',
      'mixamo',
      '--out',
      join(dir, 'c.duf'),
      '--json',
    ]);
    expect(duf.code).toBe(1);
    expect(JSON.parse(duf.stdout).error.message).toContain('--skeleton');
  });
});
