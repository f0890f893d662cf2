import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapJoints } from '../../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../../src/bonemaps/genesis/genesis-maps.js';
import { DazClient } from '../../../src/client/dazscript-client.js';
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
    client = DazClient.connect({ host: '127.0.0.1', port: t.emulator.server.port, token: t.token, env: {} });
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
    };
    await expect(writeKeysToFigure(client, 'Nobody', baked)).rejects.toMatchObject({
      code: 'DAZPORT_SCRIPT',
      message: expect.stringContaining('figure Nobody is not in the scene'),
    });
  });
});
