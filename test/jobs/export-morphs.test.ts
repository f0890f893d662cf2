/**
 * Choosing morphs on the built-in figures (`morphs` patterns, `morphPreset`): the targets written
 * are exactly the chosen ones (glTF-Transform read-back of extras.targetNames, the Khronos
 * validator; USDA BlendShape prims read back, TinyUSDZ agreeing), a morph that moves nothing is
 * skipped and reported, a pattern that matches nothing is reported, morphs not chosen are not
 * downloaded (fewer bytes for the `morphs` script) and a dialled-in morph that is not chosen is
 * folded into the rest mesh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { compileMorphSelection } from '../../src/client/morph-selection.js';
import { readScene } from '../../src/client/scene-reader.js';
import { exportScene } from '../../src/jobs/export-scene.js';
import type { Mesh } from '../../src/scene/mesh.js';
import { readBack } from '../export/gltf/helpers/read-back.js';
import { summarizeIssues, validateFile } from '../export/gltf/helpers/validate.js';
import { readBack as readBackUsda } from '../export/usda/read-back.js';
import { allPrims } from '../export/usda/usda-parse.js';
import { sharedEmulators } from '../helpers/shared-emulators.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-morphs-'));
});
/** One emulator per scene for the file (a start builds the figure): exports only read the scene. */
const emulators = sharedEmulators();
afterAll(async () => {
  await emulators.close();
  rmSync(dir, { recursive: true, force: true });
});
const withScene = emulators.withClient;

/** Target names of the skinned mesh in a .glb, as glTF-Transform reads them. */
async function targetNames(file: string): Promise<string[]> {
  const doc = await readBack(file);
  const report = await validateFile(file);
  expect(report.issues.numErrors, summarizeIssues(report).join('; ')).toBe(0);
  const meshes = doc
    .getRoot()
    .listMeshes()
    .filter((m) => m.listPrimitives()[0].listTargets().length);
  expect(meshes).toHaveLength(1);
  const names = (meshes[0].getExtras() as { targetNames: string[] }).targetNames;
  expect(meshes[0].listPrimitives()[0].listTargets()).toHaveLength(names.length);
  return names;
}

/** Blend shape prim names under the skinned mesh of a .usda (dazport's parser, TinyUSDZ agreeing). */
async function blendShapes(file: string): Promise<string[]> {
  const r = await readBackUsda(file);
  expect(r.problems).toEqual([]);
  expect(r.differences).toEqual([]);
  const mesh = allPrims(r.layer).find((p) => p.type === 'Mesh' && p.props.has('skel:skeleton'));
  const names = (mesh?.props.get('skel:blendShapes')?.value as string[] | undefined) ?? [];
  expect(mesh?.children.filter((c) => c.type === 'BlendShape').map((c) => c.name)).toEqual(names);
  return names;
}

/** Calls of the `morphs` script and the answer bytes they brought, counted at the client. */
function countMorphReads(client: DazClient): { calls: number; bytes: number } {
  const counts = { calls: 0, bytes: 0 };
  const run = client.run.bind(client);
  client.run = (async (script, args, options) => {
    const r = await run(script, args, options);
    if (script.name === 'morphs') {
      counts.calls++;
      counts.bytes += r.bytes ?? 0;
    }
    return r;
  }) as DazClient['run'];
  return counts;
}

describe('choosing morphs', () => {
  it("g8f --morphs 'eCTRLv*': exactly the visemes, in glTF and USDA", async () => {
    const glb = join(dir, 'g8f-visemes.glb');
    const usda = join(dir, 'g8f-visemes.usda');
    const report = await withScene('g8f', ({ client }) =>
      exportScene(client, [glb, usda], { morphs: ['eCTRLv*'], select: ['Genesis 8 Female'] }),
    );
    expect(await targetNames(glb)).toEqual(['eCTRLvAA', 'eCTRLvEE']);
    expect(await blendShapes(usda)).toEqual(['eCTRLvAA', 'eCTRLvEE']);
    expect(report.morphs?.figures).toEqual([
      expect.objectContaining({ label: 'Genesis 8 Female', written: ['eCTRLvAA', 'eCTRLvEE'], still: [] }),
    ]);
    expect(report.morphs?.unmatched).toEqual([]);
  }, 90_000);

  it('--morph-preset visemes: facs_ctrl_v on Genesis 9, eCTRLv on Genesis 8; presets never warn', async () => {
    const names: Record<string, string[]> = {};
    for (const scene of ['g9', 'g8f']) {
      const glb = join(dir, `${scene}-preset.glb`);
      const report = await withScene(scene, ({ client }) =>
        exportScene(client, glb, { morphPreset: 'visemes' }),
      );
      names[scene] = await targetNames(glb);
      expect(report.morphs?.unmatched).toEqual([]);
      expect(report.outputs[0].warnings.join('\n')).not.toContain('matched no morph');
    }
    expect(names.g9).toEqual(['facs_ctrl_vAA', 'facs_ctrl_vEE']);
    expect(names.g8f).toEqual(['eCTRLvAA', 'eCTRLvEE']);
  }, 90_000);

  it('bare morphs: every morph that moves something; the all-zero one is skipped and reported', async () => {
    const glb = join(dir, 'g9-all.glb');
    const report = await withScene('g9', ({ client }) => exportScene(client, glb, { morphs: true }));
    const names = await targetNames(glb);
    const figure = report.morphs?.figures.find((f) => f.label === 'Genesis 9');
    expect(figure?.still).toEqual(['facs_bs_TongueOut']);
    expect(names).not.toContain('facs_bs_TongueOut');
    expect(names).toEqual(figure?.written);
    expect(names).toEqual(
      expect.arrayContaining(['body_bs_BodyHeavy', 'facs_jnt_JawOpen', 'body_cbs_neck1_x35p']),
    );
    expect(names).toHaveLength((figure?.total ?? 0) - 1);
    expect(report.outputs[0].warnings).toContainEqual(
      expect.stringContaining('1 chosen morph moved nothing (every delta below 1e-5 cm) and was not written'),
    );
  }, 90_000);

  it('a pattern that matches nothing is reported once, the export goes on', async () => {
    const glb = join(dir, 'g8f-none.glb');
    const report = await withScene('g8f', ({ client }) =>
      exportScene(client, glb, { morphs: ['eCTRLMouthSmile', 'facs_bs_*'] }),
    );
    expect(await targetNames(glb)).toEqual(['eCTRLMouthSmile']);
    expect(report.morphs?.unmatched).toEqual(['facs_bs_*']);
    expect(report.outputs[0].warnings.filter((w) => w.includes('matched no morph'))).toEqual([
      '--morphs: 1 pattern matched no morph (facs_bs_*); `dazport scene --morphs` lists the names and labels',
    ]);
  }, 90_000);

  it('morphs not chosen are not downloaded: fewer requests and bytes for the morphs script', async () => {
    // g9 has Body Heavy dialled in: chosen or not, its deltas come (to be folded into the rest
    // mesh), so `none` still reads it; the visemes add their own deltas to that, `all` every morph's.
    const measured: Record<string, { calls: number; bytes: number }> = {};
    for (const [key, options] of [
      ['all', { morphs: true }],
      ['visemes', { morphPreset: 'visemes' as const }],
      ['none', { morphPreset: 'none' as const }],
    ] as const) {
      measured[key] = await withScene('g9', async ({ client }) => {
        const counts = countMorphReads(client);
        await exportScene(client, join(dir, `g9-${key}.glb`), { ...options, select: ['Genesis 9'] });
        return counts;
      });
    }
    console.log(`morphs script on g9: ${JSON.stringify(measured)}`);
    expect(measured.visemes.calls).toBeLessThan(measured.all.calls);
    expect(measured.visemes.bytes).toBeLessThan(measured.all.bytes);
    expect(measured.none.bytes).toBeLessThan(measured.visemes.bytes);
  }, 90_000);

  it('a dialled-in morph that is not chosen is folded into the rest mesh', async () => {
    const [all, some] = await withScene('g8f', async ({ client }) => [
      await readScene(client, { rigged: true, select: ['Genesis 8 Female'] }),
      await readScene(client, {
        rigged: true,
        select: ['Genesis 8 Female'],
        morphs: compileMorphSelection(['eCTRLv*']),
      }),
    ]);
    const figure = (s: typeof all) => s.meshes.find((m) => m.rest?.skin) as Mesh;
    const rest = figure(all).rest as NonNullable<Mesh['rest']>;
    const dialled = rest.morphs.filter((m) => m.value !== 0 && !m.name.startsWith('eCTRLv'));
    expect(dialled.length).toBeGreaterThan(0);
    const want = Float32Array.from(rest.positions);
    for (const m of dialled)
      for (let k = 0; k < m.indices.length; k++)
        for (let c = 0; c < 3; c++) want[3 * m.indices[k] + c] += m.value * m.deltas[3 * k + c];
    const got = figure(some).rest?.positions as Float32Array;
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    expect(worst).toBeLessThan(1e-4);
    expect(figure(some).rest?.morphs.map((m) => m.name)).toEqual(['eCTRLvAA', 'eCTRLvEE']);
  }, 90_000);
});
