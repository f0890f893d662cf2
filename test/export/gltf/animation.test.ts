/**
 * A small synthetic motion on the g9 figure: exported as a glTF animation, it must pose the
 * skinned mesh at any key exactly as the emulator poses the figure with the same channels.
 */
import { join } from 'node:path';
import type { Document } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DzFigure } from '../../../src/emulator/dom/dz-skeleton.js';
import type { DzObject } from '../../../src/emulator/dom/geometry/dz-object.js';
import type { DzMorph } from '../../../src/emulator/dom/modifiers/dz-morph.js';
import type { ExportSummary } from '../../../src/export/export-types.js';
import { exportGltf } from '../../../src/export/gltf/index.js';
import { eulerDegreesToQuat } from '../../../src/math/euler.js';
import type { Motion } from '../../../src/scene/motion.js';
import { inProcessScene } from '../../helpers/in-process-scene.js';
import { truthMesh } from './helpers/emulator-truth.js';
import { compareCorners, readBack, skinnedPositions } from './helpers/read-back.js';
import { readEmulatorScene, type SceneFixture } from './helpers/scene-fixture.js';
import { summarizeIssues, validateFile } from './helpers/validate.js';

const FRAMES = 5;
/** Channel values (degrees per axis; cm for the hip translation) per frame. */
const ROT: Record<string, (f: number) => [number, number, number]> = {
  hip: (f) => [0, 8 * f, 0],
  l_forearm: (f) => [0, -55 + 20 * f, 0],
  r_upperarm: (f) => [5 * f, -5, -25 - 10 * f],
  head: (f) => [-8 + 4 * f, 20 - 10 * f, 3 * f],
};
const HIP_T = (f: number): [number, number, number] => [2 * f, -1.5 * f, 4 * f];

describe('glTF animation from a Motion', () => {
  let fx: SceneFixture;
  let summary: ExportSummary;
  let doc: Document;
  const file = () => join(fx.dir, 'motion.glb');

  beforeAll(async () => {
    fx = await readEmulatorScene('g9');
    const skeleton = fx.scene.skeletons[0];
    const order = (name: string) => skeleton.joints.find((j) => j.name === name)?.rotationOrder ?? 'XYZ';
    const motion: Motion = {
      name: 'Synthetic',
      frameRate: 30,
      frameCount: FRAMES,
      skeleton: 0,
      tracks: [
        ...Object.entries(ROT).map(([joint, at]) => ({
          joint,
          rotations: Float32Array.from({ length: FRAMES * 4 }, (_, i) => {
            const f = Math.floor(i / 4);
            return eulerDegreesToQuat(order(joint), ...at(f))[i % 4];
          }),
          ...(joint === 'hip'
            ? {
                translations: Float32Array.from(
                  { length: FRAMES * 3 },
                  (_, i) => HIP_T(Math.floor(i / 3))[i % 3],
                ),
              }
            : {}),
        })),
        { joint: 'tail', rotations: new Float32Array(FRAMES * 4) },
      ],
    };
    fx.scene.motions.push(motion);
    summary = await exportGltf(fx.scene, file(), { rigged: true, morphs: true });
    doc = await readBack(file());
  }, 60_000);
  afterAll(async () => fx?.close());

  it('writes one animation, valid, with a rotation sampler per joint and the hip translation', async () => {
    const report = await validateFile(file());
    expect(report.issues.numErrors + report.issues.numWarnings, summarizeIssues(report).join('; ')).toBe(0);
    expect(summary.animations).toBe(1);
    const [anim] = doc.getRoot().listAnimations();
    expect(anim.getName()).toBe('Synthetic');
    const channels = anim.listChannels().map((c) => `${c.getTargetNode()?.getName()}.${c.getTargetPath()}`);
    expect(channels.sort()).toEqual(
      [
        'head.rotation',
        'hip.rotation',
        'hip.translation',
        'l_forearm.rotation',
        'r_upperarm.rotation',
      ].sort(),
    );
    const times = anim.listSamplers()[0].getInput()?.getArray();
    expect(Array.from(times ?? [])).toEqual(Array.from({ length: FRAMES }, (_, f) => Math.fround(f / 30)));
    for (const s of anim.listSamplers()) expect(s.getInterpolation()).toBe('LINEAR');
    expect(summary.warnings).toContain('motion Synthetic: Genesis 9 has no joint "tail"; track skipped');
  });

  it('poses the skinned mesh at every key as the emulator poses the figure', () => {
    const [anim] = doc.getRoot().listAnimations();
    const node = doc
      .getRoot()
      .listNodes()
      .find((n) => n.getSkin())!;
    const mesh = node.getMesh()!;
    for (const f of [0, 2, FRAMES - 1]) {
      for (const c of anim.listChannels()) {
        const v = c.getSampler()?.getOutput()?.getElement(f, []) as number[];
        const target = c.getTargetNode()!;
        if (c.getTargetPath() === 'rotation') target.setRotation(v as [number, number, number, number]);
        else target.setTranslation(v as [number, number, number]);
      }
      // The emulator, posed with the same channel values.
      const truthScene = inProcessScene('g9');
      const figure = truthScene.findNodeByLabel('Genesis 9') as unknown as DzFigure;
      // The motion carries no morph weights: the elbow's corrective, which DAZ drives from the
      // forearm (ERC link), stays at its value in g9's pose (folded into the rest mesh read).
      const elbow = (figure.getObject() as unknown as DzObject).findModifier('body_cbs_forearm_y135n_l');
      const jcm = (elbow as DzMorph | null)?.getValueControl();
      const held = jcm?.getValue() ?? 0;
      const link = jcm?.getController(0);
      if (link) link.active = false;
      jcm?.setValue(held);
      for (const [name, at] of Object.entries(ROT)) {
        const bone = figure.findBone(name)!;
        const [x, y, z] = at(f);
        bone.getXRotControl().setValue(x);
        bone.getYRotControl().setValue(y);
        bone.getZRotControl().setValue(z);
      }
      const hip = figure.findBone('hip')!;
      const [tx, ty, tz] = HIP_T(f);
      hip.getXPosControl().setValue(tx);
      hip.getYPosControl().setValue(ty);
      hip.getZPosControl().setValue(tz);
      const truth = truthMesh(figure);
      let worst = 0;
      for (const prim of mesh.listPrimitives()) {
        const surface = String((prim.getExtras() as { daz: { surface: string } }).daz.surface);
        worst = Math.max(
          worst,
          compareCorners(skinnedPositions(node, mesh, prim), prim, truth, surface).position,
        );
      }
      expect(worst, `frame ${f}`).toBeLessThan(1e-4);
    }
  });

  it('skips motions in a posed export, saying why', async () => {
    const posed = await exportGltf(fx.scene, join(fx.dir, 'posed-motion.glb'));
    expect(posed.animations).toBe(0);
    expect(posed.warnings).toContain(
      'motion Synthetic needs a rigged export, --rigged (library: rigged: true); not written',
    );
  });
});
