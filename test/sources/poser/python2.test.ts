/**
 * Poser 11 runs Python 2.7: dazport's helper and scene walk must run there too. The emulator
 * itself runs on 2.7 as well, so when a Python 2.7 is at hand (DAZPORT_TEST_PYTHON2, else
 * `python2.7` or `python2` on PATH) the whole read runs on it; without one this file is skipped.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PoserEmulator, startPoserEmulator } from '../../../src/emulators/poser/start-poser-emulator.js';
import { PoserTalkrClient } from '../../../src/sources/poser/poser-talkr-client.js';
import { readPoserScene } from '../../../src/sources/poser/read-poser-scene.js';

const python2 = [process.env.DAZPORT_TEST_PYTHON2, 'python2.7', 'python2'].find(
  (p) => p && /^Python 2\.7/.test(spawnSync(p, ['--version'], { encoding: 'utf8' }).stderr ?? ''),
);

describe.skipIf(!python2)('the Poser source on Python 2.7', () => {
  let emulator: PoserEmulator;
  let client: PoserTalkrClient;
  beforeAll(async () => {
    emulator = await startPoserEmulator({ port: 0, python: python2 });
    client = await PoserTalkrClient.connect({ port: emulator.port, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await client?.close();
    await emulator?.close();
  });

  it('installs the helper, runs the walk and reports exceptions', async () => {
    expect(client.python).toMatch(/^2\.7\./);
    const scene = await readPoserScene(client, { rigged: true });
    expect(scene.meshes.map((m) => [m.name, m.positions.length / 3, m.faceSizes.length])).toEqual([
      ['Figure 1', 152, 114],
      ['Ball', 62, 72],
    ]);
    expect(scene.meshes[0].rest?.skin?.joints).toHaveLength(19);
    await expect(client.evaluate('1/0')).rejects.toMatchObject({ code: 'DAZPORT_POSER_SCRIPT' });
    await client.execute('q = 5\nr = q + 1');
    expect(await client.evaluate('r')).toBe(6);
  });
});
