/**
 * `--bake-correctives` (issue 15 part 2): the emulator's joint correctives are driven by bone
 * rotations through ERC links as DAZ's are, and an export of g9-anim with the bake writes their
 * values per frame as morph weight tracks. The expected values are computed here from the scene's
 * bone keys and the link definitions written out below (the emulator's documented correctives,
 * docs/morph-presets.md), not from the code under test, and compared with what independent
 * readers find in the files: glTF-Transform and the Khronos validator for glTF, TinyUSDZ for USDA.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document, Mesh } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bakeCorrectives, listCorrectives } from '../../src/client/read-correctives.js';
import { readScene } from '../../src/client/scene-reader.js';
import type { DzScene } from '../../src/emulator/dom/dz-scene.js';
import type { DzFigure } from '../../src/emulator/dom/dz-skeleton.js';
import type { DzObject } from '../../src/emulator/dom/geometry/dz-object.js';
import type { DzMorph } from '../../src/emulator/dom/modifiers/dz-morph.js';
import type { DzERCLink } from '../../src/emulator/dom/properties/dz-erc-link.js';
import { builtinScene } from '../../src/emulator/scenes/builtin-scenes.js';
import { type ExportSceneResult, exportScene, readAnimationChannels } from '../../src/index.js';
import { readBack } from '../export/gltf/helpers/read-back.js';
import { summarizeIssues, validateFile } from '../export/gltf/helpers/validate.js';
import { readBack as readUsda } from '../export/usda/read-back.js';
import { allPrims, flat, type UsdPrim } from '../export/usda/usda-parse.js';
import { inProcessScene } from '../helpers/in-process-scene.js';
import { sharedEmulators } from '../helpers/shared-emulators.js';

const FRAMES = 61; // 0..2 s at 30 fps
const STEP = 160; // ticks per frame
const AXES = ['XRotate', 'YRotate', 'ZRotate'] as const;

/** The Genesis 9 correctives: driving bone, rotate channel, keys [degrees, value] (held beyond). */
const LINKS: Record<string, { bone: string; axis: 0 | 1 | 2; keys: [number, number][] }> = {
  body_cbs_neck1_x35p: {
    bone: 'neck1',
    axis: 0,
    keys: [
      [0, 0],
      [35, 1],
    ],
  },
  body_cbs_forearm_y135n_l: {
    bone: 'l_forearm',
    axis: 1,
    keys: [
      [-135, 1],
      [-90, 0.7],
      [0, 0],
    ],
  },
  body_cbs_forearm_y135p_r: {
    bone: 'r_forearm',
    axis: 1,
    keys: [
      [0, 0],
      [90, 0.7],
      [135, 1],
    ],
  },
  body_cbs_shin_x155p_l: {
    bone: 'l_shin',
    axis: 0,
    keys: [
      [0, 0],
      [155, 1],
    ],
  },
};
/** On g9-anim the neck and the right forearm are keyed; the left forearm and shin hold g9's pose. */
const BAKED = ['body_cbs_neck1_x35p', 'body_cbs_forearm_y135p_r'];
const CONSTANT = ['body_cbs_forearm_y135n_l', 'body_cbs_shin_x155p_l'];

/** Piecewise linear through `points` ([x, y], ascending x), held beyond the first and last. */
function piecewise(points: readonly (readonly [number, number])[], x: number): number {
  if (x <= points[0][0]) return points[0][1];
  const last = points[points.length - 1];
  if (x >= last[0]) return last[1];
  let i = 0;
  while (points[i + 1][0] <= x) i++;
  const [x0, y0] = points[i];
  const [x1, y1] = points[i + 1];
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** The bone's angle (degrees) at frame f, from g9-anim's keys (linear), else g9's pose, else 0. */
function boneAngle(bone: string, axis: 0 | 1 | 2, f: number): number {
  const spec = builtinScene('g9-anim');
  const keyed = spec.keys?.find((k) => k.bone === bone && k.channel === AXES[axis]);
  if (keyed) return piecewise(keyed.keys, f);
  return spec.figures?.[0].pose?.[bone]?.[axis] ?? 0;
}

/** What DAZ gives the corrective at frame f: the link's value for the angle, limited to 0..1. */
function expected(name: string, f: number): number {
  const link = LINKS[name];
  return Math.min(1, Math.max(0, piecewise(link.keys, boneAngle(link.bone, link.axis, f))));
}

const emulators = sharedEmulators();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-correctives-'));
});
afterAll(async () => {
  await emulators.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exportWith(
  name: string,
  options: Parameters<typeof exportScene>[2],
  formats: readonly ('glb' | 'usda')[] = ['glb', 'usda'],
) {
  return emulators.withClient('g9-anim', async ({ client }) => {
    const files = formats.map((f) => join(dir, name, `anim.${f}`));
    const result = await exportScene(client, files, { source: 'test', ...options });
    return { result, files };
  });
}

function morphOf(scene: DzScene, name: string): DzMorph {
  const figure = scene.findNodeByLabel('Genesis 9') as unknown as DzFigure;
  const obj = figure.getObject() as unknown as DzObject;
  for (let i = 0; i < obj.getNumModifiers(); i++) {
    const m = obj.getModifier(i) as unknown as DzMorph;
    if (m.getName() === name) return m;
  }
  throw new Error(`no morph ${name}`);
}

describe('the emulator drives correctives from bones, as DAZ does (ERC links)', () => {
  const scene = inProcessScene('g9-anim');

  it('lists an ERCKeyed DzERCLink from the bone on the morph value, and the link on the bone', () => {
    for (const [name, link] of Object.entries(LINKS)) {
      const value = morphOf(scene, name).getValueControl();
      expect(value.getNumControllers(), name).toBe(1);
      const erc = value.getController(0) as DzERCLink;
      expect(erc.inherits('DzERCLink')).toBe(true);
      expect(erc.type).toBe(6); // ERCKeyed
      expect(erc.getOwner()).toBe(value);
      const driver = erc.getProperty();
      expect(driver.getName()).toBe(AXES[link.axis]);
      expect((driver.getOwner() as unknown as { getName(): string }).getName()).toBe(link.bone);
      expect(driver.getSlaveControllerList()).toContain(erc);
      expect(
        Array.from({ length: erc.getNumKeyValues() }, (_, k) => [erc.getKey(k), erc.getKeyValue(k)]),
      ).toEqual(link.keys);
    }
    // A morph nobody drives has no controllers.
    expect(morphOf(scene, 'body_bs_Belly').getValueControl().getNumControllers()).toBe(0);
  });

  it('evaluates getValue(time) from the bone at that time; the raw value stays the own value, which adds', () => {
    const neck = morphOf(scene, 'body_cbs_neck1_x35p').getValueControl();
    for (let f = 0; f < FRAMES; f++)
      for (const name of Object.keys(LINKS))
        expect(
          morphOf(scene, name)
            .getValueControl()
            .getValue(f * STEP),
          `${name} @${f}`,
        ).toBeCloseTo(expected(name, f), 12);
    expect(neck.getRawValue(20 * STEP)).toBe(0);
    // Dialled in by hand, the own value adds to the driven one (and the sum is limited to 1).
    neck.setValue(0.1);
    expect(neck.getValue(10 * STEP)).toBeCloseTo(expected('body_cbs_neck1_x35p', 10) + 0.1, 12);
    expect(neck.getValue(35 * STEP)).toBe(1);
    neck.setValue(0);
  });
});

describe('exportScene bakeCorrectives on g9-anim', () => {
  let result: ExportSceneResult;
  let files: string[];
  let doc: Document;

  beforeAll(async () => {
    ({ result, files } = await exportWith('bake', { animation: 'bake', bakeCorrectives: true }));
    doc = await readBack(files[0]);
  }, 120_000);

  it('reports the correctives baked, those that never change, and those written only for the bake', () => {
    const figure = result.correctives?.figures.find((f) => f.label === 'Genesis 9');
    expect(result.correctives?.frames).toBe(FRAMES);
    expect(figure?.baked.map((b) => b.name).sort()).toEqual([...BAKED].sort());
    expect(figure?.baked.find((b) => b.name === 'body_cbs_neck1_x35p')?.drivers).toEqual(['neck1/XRotate']);
    expect(figure?.constant.map((c) => c.name).sort()).toEqual([...CONSTANT].sort());
    for (const c of figure?.constant ?? []) expect(c.value).toBeCloseTo(expected(c.name, 0), 6);
    // No --morphs: every baked corrective is a target only for the bake.
    expect([...(figure?.added ?? [])].sort()).toEqual([...BAKED].sort());
    const warnings = result.outputs[0].warnings.join('\n');
    expect(warnings).toContain('never change');
    expect(warnings).toContain('body_cbs_shin_x155p_l');
  });

  it('writes valid glTF whose weight track equals the independently computed corrective values', async () => {
    const report = await validateFile(files[0]);
    expect(report.issues.numErrors, summarizeIssues(report).join('; ')).toBe(0);
    const channel = doc
      .getRoot()
      .listAnimations()
      .flatMap((a) => a.listChannels())
      .find((c) => c.getTargetPath() === 'weights');
    const mesh = channel?.getTargetNode()?.getMesh() as Mesh;
    const names = (mesh.getExtras() as { targetNames: string[] }).targetNames;
    // Only the baked ones are targets: the constant ones were not chosen and are dropped.
    expect([...names].sort()).toEqual([...BAKED].sort());
    const out = channel?.getSampler()?.getOutput()?.getArray() as Float32Array;
    expect(out.length).toBe(FRAMES * names.length);
    let worst = 0;
    for (let f = 0; f < FRAMES; f++)
      for (const [k, name] of names.entries())
        worst = Math.max(worst, Math.abs(out[f * names.length + k] - expected(name, f)));
    expect(worst).toBeLessThan(1e-6);
    // Non-trivial: the neck corrective goes from 0 to its hold at 1 and back.
    const neck = names.indexOf('body_cbs_neck1_x35p');
    const neckTrack = Array.from({ length: FRAMES }, (_, f) => out[f * names.length + neck]);
    expect(Math.min(...neckTrack)).toBe(0);
    expect(Math.max(...neckTrack)).toBe(1);
    console.log(`glTF corrective weights: max error ${worst.toExponential(2)} over ${FRAMES} frames`);
  });

  it('writes USDA whose blendShapeWeights, read by TinyUSDZ, equal the computed values', async () => {
    const back = await readUsda(files[1]);
    expect(back.problems).toEqual([]);
    expect(back.differences).toEqual([]);
    const anim = allPrims(back.tinyLayer).find((p) => p.type === 'SkelAnimation') as UsdPrim;
    const shapes = anim.props.get('blendShapes')?.value as string[];
    expect([...shapes].sort()).toEqual([...BAKED].sort());
    const samples = anim.props.get('blendShapeWeights')?.timeSamples ?? [];
    expect(samples.map((s) => s[0])).toEqual(Array.from({ length: FRAMES }, (_, f) => f));
    let worst = 0;
    for (const [f, value] of samples) {
      const w = flat(value);
      for (const name of BAKED)
        worst = Math.max(worst, Math.abs(w[shapes.indexOf(name)] - expected(name, f)));
    }
    expect(worst).toBeLessThan(1e-6);
    console.log(`USDA corrective weights: max error ${worst.toExponential(2)} over ${FRAMES} frames`);
  });

  it('gives the same tracks with --animation keys (DAZ evaluates the drivers either way)', async () => {
    // Only its .glb is read: no .usda to write.
    const keys = await exportWith('keys', { animation: 'keys', bakeCorrectives: true }, ['glb']);
    const other = await readBack(keys.files[0]);
    const weightsOf = (d: Document) =>
      Array.from(
        d
          .getRoot()
          .listAnimations()
          .flatMap((a) => a.listChannels())
          .find((c) => c.getTargetPath() === 'weights')
          ?.getSampler()
          ?.getOutput()
          ?.getArray() ?? [],
      );
    expect(weightsOf(doc)).toHaveLength(FRAMES * BAKED.length);
    expect(weightsOf(other)).toEqual(weightsOf(doc));
    expect(keys.result.correctives).toEqual(result.correctives);
  }, 120_000);

  it('with --morphs, adds only the correctives the patterns did not choose; sizes measured', async () => {
    const chosen = await exportWith('chosen', {
      animation: 'bake',
      bakeCorrectives: true,
      morphs: ['body_cbs_neck1*', 'body_bs_Belly'],
    });
    const figure = chosen.result.correctives?.figures.find((f) => f.label === 'Genesis 9');
    expect(figure?.added).toEqual(['body_cbs_forearm_y135p_r']);
    const written = chosen.result.morphs?.figures.find((f) => f.label === 'Genesis 9')?.written;
    expect([...(written ?? [])].sort()).toEqual(['body_bs_Belly', ...BAKED].sort());
    const plain = await exportWith('plain', {
      animation: 'bake',
      morphs: ['body_cbs_neck1*', 'body_bs_Belly'],
    });
    expect(plain.result.correctives).toBeUndefined();
    const size = (f: string) => statSync(f).size;
    console.log(
      `g9-anim --animation bake --morphs 'body_cbs_neck1*,body_bs_Belly': glb ${size(plain.files[0])} → ${size(chosen.files[0])} bytes, usda ${size(plain.files[1])} → ${size(chosen.files[1])} bytes with --bake-correctives`,
    );
    const bare = await exportWith('bare', { animation: 'bake' });
    console.log(
      `g9-anim --animation bake: glb ${size(bare.files[0])} → ${size(files[0])} bytes, usda ${size(bare.files[1])} → ${size(files[1])} bytes with --bake-correctives`,
    );
  }, 180_000);

  it('refuses bakeCorrectives without an animation to follow (DAZPORT_USAGE)', async () => {
    await expect(exportWith('none', { bakeCorrectives: true })).rejects.toMatchObject({
      code: 'DAZPORT_USAGE',
      message: expect.stringContaining('--animation keys'),
    });
  });
});

describe('bakeCorrectives requests', () => {
  it('reads the values in chunks inside DAZ: small chunks take several requests and give the same tracks', async () => {
    await emulators.withClient('g9-anim', async ({ client }) => {
      const timeline = await readAnimationChannels(client);
      const listed = await listCorrectives(client);
      const names = [...listed.values()].flat().map((m) => `^${m.name}$`);
      const scene = await readScene(client, { rigged: true, morphs: { include: names, exclude: [] } });
      const run = vi.spyOn(client, 'run');
      const tracksWith = async (chunkBytes?: number) => {
        const copy = { ...scene, motions: [] as typeof scene.motions };
        run.mockClear();
        await bakeCorrectives(client, copy, listed, timeline, {
          chosen: () => true,
          ...(chunkBytes ? { chunkBytes } : {}),
        });
        const requests = run.mock.calls.filter(([script]) => script.name === 'animation-samples').length;
        return { requests, tracks: copy.motions.flatMap((m) => m.morphTracks ?? []) };
      };
      const whole = await tracksWith();
      const small = await tracksWith(200);
      expect(whole.requests).toBe(1);
      expect(small.requests).toBeGreaterThan(5);
      expect(whole.tracks.map((t) => t.morph).sort()).toEqual([...BAKED].sort());
      expect(small.tracks.map((t) => Array.from(t.weights))).toEqual(
        whole.tracks.map((t) => Array.from(t.weights)),
      );
    });
  }, 120_000);
});
