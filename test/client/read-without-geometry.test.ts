/**
 * `geometry: false` (what `dazport discover` asks for): the skeletons, nodes, cameras and lights
 * of a full read, and not one mesh request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { readScene } from '../../src/client/scene-reader.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let t: TestEmulator;
let client: DazClient;
beforeAll(async () => {
  t = await startTestEmulator({ scene: 'g8f' });
  client = t.client();
});
afterAll(async () => {
  await client.close();
  await t.close();
});

/** Names of the scripts the client runs, counted at the client. */
function countScripts(c: DazClient): Map<string, number> {
  const counts = new Map<string, number>();
  const run = c.run.bind(c);
  c.run = (async (script, args, options) => {
    counts.set(script.name, (counts.get(script.name) ?? 0) + 1);
    return run(script, args, options);
  }) as DazClient['run'];
  return counts;
}

describe('readScene with geometry: false', () => {
  it('gives the full read’s skeletons, nodes, cameras and lights, without a mesh request', async () => {
    const full = await readScene(client, { normals: false });
    const counts = countScripts(client);
    const bones = await readScene(client, { geometry: false });
    const meshScripts = [...counts.keys()].filter((name) => name.startsWith('mesh'));
    expect(meshScripts).toEqual([]);
    expect(bones.meshes).toEqual([]);
    expect(full.meshes.length).toBeGreaterThan(0);
    expect(bones.skeletons).toEqual(full.skeletons);
    expect(bones.nodes.map((n) => n.label)).toEqual(full.nodes.map((n) => n.label));
    expect(bones.cameras).toEqual(full.cameras);
    expect(bones.lights).toEqual(full.lights);
  });
});
