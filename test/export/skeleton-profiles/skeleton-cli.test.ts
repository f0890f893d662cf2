/**
 * The profile flags on the command line: `export --skeleton` on a rigged emulated figure, `daz`
 * (the default) giving the same bytes as no flag at all, and the flag errors as usage errors.
 * The exports read one emulator per built-in scene (`--port`), started once for the file, and
 * the Genesis 8 Male export without a flag is written once, the reference of the unity, daz and
 * unreal runs.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { runInProcess } from '../../helpers/in-process-cli.js';
import { readBack, skinnedPositions } from '../gltf/helpers/read-back.js';
import { readBack as readUsda } from '../usda/read-back.js';
import { maxDiff, skinnedPoints } from '../usda/usd-eval.js';

let dir: string;
let g8m: TestEmulator;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-skeleton-cli-'));
  g8m = await startTestEmulator({ scene: 'g8m' });
}, 60_000);
afterAll(async () => {
  await g8m?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SLOW_MS = 180_000;
const CMU = join(process.cwd(), 'fixtures/bvh/cmu_01_01.bvh');

/** `export` against the file's emulator of `t`'s scene. */
const exportFrom = (t: TestEmulator) => [
  'export',
  '--port',
  String(t.emulator.server.port),
  '--token',
  t.token,
];

/**
 * The rigged Genesis 8 Male written as `<dir>/<name>/g8m.glb` and `.usda` (the same file names in
 * each folder, so the .usda's texture paths match too).
 */
async function riggedG8m(name: string, extra: string[] = []): Promise<{ glb: string; usda: string }> {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const [glb, usda] = [join(folder, 'g8m.glb'), join(folder, 'g8m.usda')];
  const r = await runInProcess([
    ...exportFrom(g8m),
    '--rigged',
    '--json',
    ...extra,
    '--out',
    glb,
    '--out',
    usda,
  ]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return { glb, usda };
}

let plainRun: Promise<{ glb: string; usda: string }> | undefined;
/** The export with no --skeleton flag, written once for the tests that compare with it. */
const plain = () => {
  plainRun ??= riggedG8m('plain');
  return plainRun;
};

describe('--skeleton on the command line', () => {
  it(
    'export --rigged --skeleton unity names the joints for Unity; --skeleton daz writes the same bytes as no flag',
    async () => {
      const unityGlb = join(dir, 'unity.glb');
      const unity = await runInProcess([
        ...exportFrom(g8m),
        '--rigged',
        '--json',
        '--skeleton',
        'unity',
        '--out',
        unityGlb,
      ]);
      expect(unity.code, unity.stdout + unity.stderr).toBe(0);
      const doc = await readBack(unityGlb);
      const joints = doc
        .getRoot()
        .listSkins()[0]
        .listJoints()
        .map((j) => j.getName());
      expect(joints).toEqual(
        expect.arrayContaining(['Hips', 'Spine', 'Chest', 'UpperChest', 'LeftUpperArm', 'RightToes']),
      );
      expect(joints).not.toContain('Root');
      const reference = await plain();
      const daz = await riggedG8m('daz', ['--skeleton', 'daz']);
      expect(readFileSync(daz.glb).equals(readFileSync(reference.glb))).toBe(true);
      expect(readFileSync(daz.usda, 'utf8')).toBe(readFileSync(reference.usda, 'utf8'));
    },
    SLOW_MS,
  );

  it(
    'export --skeleton unreal of a posed Genesis 8 Male: the same skinned meshes as the daz export (glTF, USDA)',
    async () => {
      const [daz, unreal] = [await plain(), await riggedG8m('unreal', ['--skeleton', 'unreal'])];
      const skinned = (doc: Document) =>
        doc
          .getRoot()
          .listNodes()
          .filter((n) => n.getSkin() && n.getMesh())
          .flatMap((n) => {
            const mesh = n.getMesh();
            return mesh ? mesh.listPrimitives().flatMap((p) => Array.from(skinnedPositions(n, mesh, p))) : [];
          });
      const [ue, dazDoc] = [await readBack(unreal.glb), await readBack(daz.glb)];
      expect(
        ue
          .getRoot()
          .listNodes()
          .find((n) => n.getName() === 'lowerarm_l')
          ?.getParentNode()
          ?.getName(),
      ).toBe('upperarm_l');
      const [a, b] = [skinned(ue), skinned(dazDoc)];
      expect(a.length).toBeGreaterThan(0);
      expect(maxDiff(a, b), 'metres').toBeLessThan(1e-6);
      const [usdUe, usdDaz] = [await readUsda(unreal.usda), await readUsda(daz.usda)];
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
        ...exportFrom(g8m),
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
        ...exportFrom(g8m),
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
      const anim = await startTestEmulator({ scene: 'g9-anim' });
      const base = [...exportFrom(anim), '--animation', 'bake', '--json'];
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
      const [daz, ue] = await (async () => {
        try {
          return [await targets('anim-daz.glb', []), await targets('anim-ue.glb', ['--skeleton', 'unreal'])];
        } finally {
          await anim.close();
        }
      })();
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
