/**
 * Engine skeletons end to end: a clip retargeted onto Genesis 9 (and Genesis 8 Female) and
 * written with each profile, read back by independent readers. The names and hierarchy change;
 * what an engine computes from the file does not: the skinned mesh at every checked frame equals
 * the `daz` file's (glTF-Transform + §3.7.3 skinning, and UsdSkel skinning of the .usda), and the
 * Khronos validator finds nothing. Root motion: in-place keeps the hip's X/Z constant, extract
 * splits it so root + hip = the original hip, every frame.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document, Node } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retargetFile } from '../../../src/index.js';
import { readBack, skinnedPositions } from '../gltf/helpers/read-back.js';
import { summarizeIssues, validateFile } from '../gltf/helpers/validate.js';
import { readBack as readUsda, type ReadBack as UsdReadBack, unexpectedDrops } from '../usda/read-back.js';
import { maxDiff, skinnedPoints } from '../usda/usd-eval.js';

const CMU = join(process.cwd(), 'fixtures/bvh/cmu_01_01.bvh');
/** Four seconds of the clip (jumps forward) at 10 fps: 40 frames, the hip travelling. */
const FRAMES: [number, number] = [0, 479];
const FPS = 10;
const SLOW_MS = 240_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-skeleton-profiles-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Variant = {
  name: string;
  skeleton?: 'daz' | 'unreal' | 'unity' | 'mixamo';
  rootMotion?: 'in-place' | 'extract';
  rootBone?: boolean;
};

/** Writes the .glb and, unless `usda` is false (a test that reads only the glTF), the .usda. */
async function write(
  to: string,
  v: Variant,
  usda = true,
): Promise<{ glb: string; usda: string; warnings: string[] }> {
  const glb = join(dir, `${to}-${v.name}.glb`);
  const usdaFile = join(dir, `${to}-${v.name}.usda`);
  const result = await retargetFile(CMU, {
    to,
    out: usda ? [glb, usdaFile] : [glb],
    frames: FRAMES,
    fps: FPS,
    ...(v.skeleton ? { skeleton: v.skeleton } : {}),
    ...(v.rootMotion ? { rootMotion: v.rootMotion } : {}),
    ...(v.rootBone === undefined ? {} : { rootBone: v.rootBone }),
  });
  return { glb, usda: usdaFile, warnings: result.outputs.flatMap((o) => o.warnings) };
}

/** Errors and warnings (infos such as an unused TEXCOORD on the mannequin are the daz file's too). */
async function validatorFindings(file: string): Promise<string[]> {
  return summarizeIssues(await validateFile(file)).filter((line) => /^(error|warning) /.test(line));
}

/** Poses every animated node at frame `f` (the animation has a key per frame). */
function poseAt(doc: Document, f: number): void {
  for (const anim of doc.getRoot().listAnimations())
    for (const channel of anim.listChannels()) {
      const node = channel.getTargetNode() as Node;
      const out = channel.getSampler()?.getOutput();
      if (!out) continue;
      if (channel.getTargetPath() === 'rotation')
        node.setRotation(out.getElement(f, [0, 0, 0, 1]) as [number, number, number, number]);
      else if (channel.getTargetPath() === 'translation')
        node.setTranslation(out.getElement(f, [0, 0, 0]) as [number, number, number]);
    }
}

function skinnedAt(doc: Document, f: number): Float64Array {
  poseAt(doc, f);
  const node = doc
    .getRoot()
    .listNodes()
    .find((n) => n.getSkin() && n.getMesh());
  if (!node) throw new Error('no skinned mesh');
  const mesh = node.getMesh();
  if (!mesh) throw new Error('no mesh');
  const parts = mesh.listPrimitives().map((p) => skinnedPositions(node, mesh, p));
  return Float64Array.from(parts.flatMap((p) => Array.from(p)));
}

function nodeNamed(doc: Document, name: string): Node {
  const node = doc
    .getRoot()
    .listNodes()
    .find((n) => n.getName() === name);
  if (!node) throw new Error(`no node ${name}`);
  return node;
}

function worldPosition(node: Node): number[] {
  const m = node.getWorldMatrix();
  return [m[12], m[13], m[14]];
}

function parentName(doc: Document, name: string): string | undefined {
  return nodeNamed(doc, name).getParentNode()?.getName();
}

const CHECKED_FRAMES = [0, 17, 39];

/** Frames of the file's animation (one key per frame). */
function frameCount(doc: Document): number {
  return doc.getRoot().listAnimations()[0].listSamplers()[0].getInput()?.getCount() ?? 0;
}

/** The skinned mesh of `doc` equals the daz file's at every checked frame (metres). */
function expectSameSkinnedGltf(doc: Document, dazDoc: Document): void {
  for (const f of CHECKED_FRAMES) {
    const worst = maxDiff(skinnedAt(doc, f), skinnedAt(dazDoc, f));
    expect(worst, `frame ${f}: metres`).toBeLessThan(1e-6);
  }
}

/** The same for UsdSkel skinning of the .usda (centimetres). */
function expectSameSkinnedUsda(usd: UsdReadBack, usdDaz: UsdReadBack): void {
  const skinned = (r: UsdReadBack) => {
    const mesh = [...r.layer.byPath.values()].find((p) => p.props.has('primvars:skel:jointIndices'));
    if (!mesh) throw new Error('no skinned mesh in the .usda');
    return mesh;
  };
  for (const t of CHECKED_FRAMES) {
    const worst = maxDiff(
      skinnedPoints(usd.layer, skinned(usd), t),
      skinnedPoints(usdDaz.layer, skinned(usdDaz), t),
    );
    expect(worst, `time ${t}: cm`).toBeLessThan(1e-3);
  }
}

describe('engine skeleton profiles on a retargeted clip', () => {
  let daz: Awaited<ReturnType<typeof write>>;
  let dazDoc: Document;
  /** The daz .usda, read once (TinyUSDZ's read of a whole clip is the costly part). */
  let usdDaz: UsdReadBack;
  beforeAll(async () => {
    daz = await write('genesis9', { name: 'daz' });
    dazDoc = await readBack(daz.glb);
    usdDaz = await readUsda(daz.usda);
  }, SLOW_MS);

  it.each(['unreal', 'unity', 'mixamo'] as const)(
    '%s: renamed joints, same skinned mesh in glTF and USDA, validator clean',
    async (profile) => {
      const out = await write('genesis9', { name: profile, skeleton: profile });
      expect(out.warnings).toEqual([]);
      expect(await validatorFindings(out.glb)).toEqual([]);
      const doc = await readBack(out.glb);
      const joints = doc
        .getRoot()
        .listSkins()[0]
        .listJoints()
        .map((j) => j.getName());
      const hip = { unreal: 'pelvis', unity: 'Hips', mixamo: 'mixamorig:Hips' }[profile];
      const arm = { unreal: 'upperarm_l', unity: 'LeftUpperArm', mixamo: 'mixamorig:LeftArm' }[profile];
      const shoulder = { unreal: 'clavicle_l', unity: 'LeftShoulder', mixamo: 'mixamorig:LeftShoulder' }[
        profile
      ];
      expect(joints).toContain(hip);
      expect(joints).not.toContain('l_upperarm');
      expect(new Set(joints).size).toBe(joints.length);
      expect(parentName(doc, arm)).toBe(shoulder);
      if (profile === 'unreal') {
        expect(joints).toContain('root');
        expect(parentName(doc, 'pelvis')).toBe('root');
        expect(parentName(doc, 'thigh_l')).toBe('daz_pelvis');
        expect(parentName(doc, 'upperarm_twist_01_l')).toBe('upperarm_l');
        // The top spine link is UE5's spine_05: clavicles and neck hang from it.
        expect([parentName(doc, 'clavicle_l'), parentName(doc, 'neck_01')]).toEqual(['spine_05', 'spine_05']);
        expect(worldPosition(nodeNamed(doc, 'root'))[1]).toBeCloseTo(0, 9);
      } else expect(joints).not.toContain('root');
      expectSameSkinnedGltf(doc, dazDoc);
      // The .usda: valid joint paths for the renamed (and, for unreal, re-parented) joints.
      const usd = await readUsda(out.usda);
      expect(usd.problems).toEqual([]);
      expect(unexpectedDrops(usd)).toEqual([]);
      const skel = [...usd.layer.byPath.values()].find((p) => p.type === 'Skeleton');
      const paths = skel?.props.get('joints')?.value as string[];
      const names = skel?.props.get('jointNames')?.value as string[];
      expect(names).toContain(arm);
      const usdHip = hip.replace(':', '_');
      expect(paths[0]).toBe(profile === 'unreal' ? 'root' : usdHip);
      if (profile === 'unreal') expect(paths).toContain('root/pelvis/daz_pelvis/thigh_l');
      expectSameSkinnedUsda(usd, usdDaz);
    },
    SLOW_MS,
  );

  it(
    'root motion in-place: the hip keeps its height, its X/Z stay constant',
    async () => {
      const out = await write(
        'genesis9',
        { name: 'in-place', skeleton: 'unreal', rootMotion: 'in-place' },
        false,
      );
      const doc = await readBack(out.glb);
      const xs: number[] = [];
      const zs: number[] = [];
      const ys: number[] = [];
      const dazYs: number[] = [];
      for (let f = 0; f < frameCount(doc); f++) {
        poseAt(doc, f);
        poseAt(dazDoc, f);
        const p = worldPosition(nodeNamed(doc, 'pelvis'));
        xs.push(p[0]);
        ys.push(p[1]);
        zs.push(p[2]);
        dazYs.push(worldPosition(nodeNamed(dazDoc, 'hip'))[1]);
      }
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(1e-6);
      expect(Math.max(...zs) - Math.min(...zs)).toBeLessThan(1e-6);
      expect(maxDiff(ys, dazYs)).toBeLessThan(1e-6);
      // The walk does travel: the daz file's hip moves.
      poseAt(dazDoc, 0);
      const first = worldPosition(nodeNamed(dazDoc, 'hip'));
      poseAt(dazDoc, frameCount(dazDoc) - 1);
      const last = worldPosition(nodeNamed(dazDoc, 'hip'));
      expect(Math.hypot(last[0] - first[0], last[2] - first[2])).toBeGreaterThan(0.3);
    },
    SLOW_MS,
  );

  it(
    'root motion extract: the root carries X/Z on the floor, root + hip = the original hip',
    async () => {
      const out = await write('genesis9', { name: 'extract', skeleton: 'unreal', rootMotion: 'extract' });
      const doc = await readBack(out.glb);
      const root = nodeNamed(doc, 'root');
      const pelvis = nodeNamed(doc, 'pelvis');
      let worstCm = 0;
      let worstRootY = 0;
      let rootTravel = 0;
      let rootStart: number[] | undefined;
      for (let f = 0; f < frameCount(doc); f++) {
        poseAt(doc, f);
        poseAt(dazDoc, f);
        const original = worldPosition(nodeNamed(dazDoc, 'hip'));
        const r = worldPosition(root);
        rootStart ??= r;
        rootTravel = Math.max(rootTravel, Math.hypot(r[0] - rootStart[0], r[2] - rootStart[2]));
        worstRootY = Math.max(worstRootY, Math.abs(r[1]));
        const local = pelvis.getTranslation();
        // root world + the hip's local offset (root has no rotation) = the hip's world position.
        const sum = [r[0] + local[0], r[1] + local[1], r[2] + local[2]];
        worstCm = Math.max(worstCm, 100 * maxDiff(sum, original));
      }
      expect(worstCm).toBeLessThan(1e-4);
      // The whole figure is where the daz file has it, in glTF and in USDA.
      expectSameSkinnedGltf(doc, dazDoc);
      expectSameSkinnedUsda(await readUsda(out.usda), usdDaz);
      expect(worstRootY).toBeLessThan(1e-9);
      expect(rootTravel, 'metres the root travels').toBeGreaterThan(0.3);
    },
    SLOW_MS,
  );

  it(
    'Genesis 8 Female with the unreal profile: G8 names, twist bones made side children, same skinned mesh',
    async () => {
      const g8daz = await write('genesis8f', { name: 'daz' });
      const out = await write('genesis8f', { name: 'unreal', skeleton: 'unreal' });
      expect(await validatorFindings(out.glb)).toEqual([]);
      const doc = await readBack(out.glb);
      expect(parentName(doc, 'lowerarm_l')).toBe('upperarm_l');
      expect(parentName(doc, 'upperarm_twist_01_r')).toBe('upperarm_r');
      expect(parentName(doc, 'hand_r')).toBe('lowerarm_r');
      expect(parentName(doc, 'lowerarm_twist_01_r')).toBe('lowerarm_r');
      expect(parentName(doc, 'calf_l')).toBe('thigh_l');
      expect(parentName(doc, 'thigh_twist_01_l')).toBe('thigh_l');
      expect(parentName(doc, 'spine_01')).toBe('pelvis');
      expectSameSkinnedGltf(doc, await readBack(g8daz.glb));
      const usd = await readUsda(out.usda);
      expect(usd.problems).toEqual([]);
      expectSameSkinnedUsda(usd, await readUsda(g8daz.usda));
    },
    SLOW_MS,
  );

  it('refuses extract without a root bone, and any profile with a .duf output (DAZPORT_USAGE)', async () => {
    await expect(
      retargetFile(CMU, {
        to: 'genesis9',
        out: join(dir, 'x.glb'),
        skeleton: 'unity',
        rootMotion: 'extract',
      }),
    ).rejects.toMatchObject({ code: 'DAZPORT_USAGE', cliSuggestion: expect.stringContaining('--root-bone') });
    await expect(
      retargetFile(CMU, { to: 'genesis9', out: join(dir, 'x.duf'), skeleton: 'unreal' }),
    ).rejects.toMatchObject({ code: 'DAZPORT_USAGE', message: expect.stringContaining('--skeleton') });
  });
});
