import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapJoints } from '../../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../../src/bonemaps/genesis/genesis-maps.js';
import type { DazClient } from '../../../src/client/dazscript-client.js';
import { readScene } from '../../../src/client/scene-reader.js';
import { readKeysFromFigure, writeKeysToFigure } from '../../../src/client/write-keys.js';
import { bakeMotion } from '../../../src/import/bake/bake-motion.js';
import { retarget } from '../../../src/import/retarget/retarget.js';
import { rigMotionAsClip } from '../../../src/import/retarget/rig-motion-as-clip.js';
import { rigFromSkeleton } from '../../../src/import/retarget/target-rig.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { identityConvention, randomMotion, tposeRig } from '../retarget/synthetic-rig.js';

describe('keys into a live figure', () => {
  let t: TestEmulator;
  let client: DazClient;
  beforeAll(async () => {
    t = await startTestEmulator({ scene: 'g9' });
    client = t.client();
  });
  afterAll(async () => {
    await client.close();
    await t.close();
  });

  it('writes a whole clip in a few batched scripts as one undo step, and reads back exactly', async () => {
    const scene = await readScene(client, { select: ['Genesis 9'], normals: false });
    const rig = rigFromSkeleton(scene.skeletons[0]); // the live figure's own rest data
    const source = tposeRig();
    const clip = rigMotionAsClip(source, randomMotion(source, 240, 50, 5));
    const motion = retarget(
      clip,
      mapJoints(
        clip.joints.map((j) => j.name),
        identityConvention(source),
      ),
      rig,
      GENESIS_MAPS.genesis9,
    ).motion;
    const baked = bakeMotion(motion, rig);
    const summary = await writeKeysToFigure(client, 'Genesis 9', baked, { batchBytes: 200_000 });
    expect(summary.keys).toBe(baked.keysAfter);
    expect(summary.requests).toBeGreaterThan(1);
    expect(summary.requests).toBeLessThan(20);
    const back = await readKeysFromFigure(client, 'Genesis 9', baked.channels);
    baked.channels.forEach((c, i) => {
      expect(back[i].t).toEqual(Array.from(c.times, (s) => Math.round(s * 4800)));
      back[i].v.forEach((v, k) => {
        expect(v).toBeCloseTo(c.values[k], 9);
      });
    });
    const timeline = (
      await t.execute(
        '[Scene.getTimeStep(), Scene.getAnimRange().end, Scene.getPlayRange().end, UndoStack.getUndoCaption()]',
      )
    ).result;
    expect(timeline).toEqual([Math.round(4800 / 30), 239 * 160, 239 * 160, `dazport: ${baked.name}`]);
    // One undo removes the whole clip.
    await t.execute('UndoStack.undo()');
    const after = await readKeysFromFigure(client, 'Genesis 9', baked.channels.slice(0, 3));
    expect(after.every((c) => c.t.length === 0)).toBe(true);
  });

  it('resets the bones the motion does not drive, unless onlyDriven (figure posed beforehand)', async () => {
    const scene = await readScene(client, { select: ['Genesis 9'], normals: false });
    const rig = rigFromSkeleton(scene.skeletons[0]);
    const source = tposeRig();
    const clip = rigMotionAsClip(source, randomMotion(source, 30, 30, 7));
    const motion = retarget(
      clip,
      mapJoints(
        clip.joints.map((j) => j.name),
        identityConvention(source),
      ),
      rig,
      GENESIS_MAPS.genesis9,
    ).motion;
    const driven = new Set(motion.tracks.map((track) => track.joint));
    const undriven = rig.joints.find((j) => !driven.has(j.name))!.name;
    // The user posed that bone before loading the motion: it has a key of its own at 0.5 s.
    const pose = `var b = Scene.getSkeletonList()[0].findBone(${JSON.stringify(undriven)});
      b.getXRotControl().deleteAllKeys(); b.getXRotControl().setValue(2400, 30); b.getXRotControl().getValue(2400)`;
    const valueAt = async (ticks: number) =>
      (
        await t.execute(
          `Scene.getSkeletonList()[0].findBone(${JSON.stringify(undriven)}).getXRotControl().getValue(${ticks})`,
        )
      ).result;

    expect((await t.execute(pose)).result).toBe(30);
    const onlyDriven = bakeMotion(motion, rig, { onlyDriven: true });
    await writeKeysToFigure(client, 'Genesis 9', onlyDriven);
    expect(await valueAt(2400)).toBe(30); // left as the user posed it

    expect((await t.execute(pose)).result).toBe(30);
    const full = bakeMotion(motion, rig);
    const summary = await writeKeysToFigure(client, 'Genesis 9', full);
    expect(full.channels).toHaveLength(rig.joints.length * 6); // every bone, every axis
    expect(summary.keys).toBe(full.keysAfter);
    for (const ticks of [0, 2400, 4800 * 10]) expect(await valueAt(ticks)).toBe(0); // one key holds the rest
    const back = await readKeysFromFigure(client, 'Genesis 9', [
      { bone: undriven, kind: 'rotation', axis: 'x' },
    ]);
    expect(back).toEqual([{ t: [0], v: [0] }]);
  });

  it('names a figure that is not in the scene, and leaves no open undo group', async () => {
    const baked = {
      name: 'x',
      frameRate: 30,
      frameCount: 1,
      channels: [
        {
          bone: 'hip',
          kind: 'rotation' as const,
          axis: 'x' as const,
          times: new Float64Array([0]),
          values: new Float64Array([1]),
        },
      ],
      keysBefore: 1,
      keysAfter: 1,
      restChannels: 0,
    };
    await expect(writeKeysToFigure(client, 'Nobody', baked)).rejects.toMatchObject({
      code: 'DAZPORT_SCRIPT',
      message: expect.stringContaining('figure Nobody is not in the scene'),
    });
  });
});
