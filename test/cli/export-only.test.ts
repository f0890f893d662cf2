/**
 * `export --only figures,props,cameras,lights` (client/node-selection.ts): selection by node
 * type, applied to the inventory before anything else is read, so a mesh left out is never
 * streamed (the scripts the reader runs are recorded); with --select, both must hold. A scene
 * with two figures, a prop on a bone, a prop on a prop, a camera and a light. Invalid types are
 * usage errors (exit 1) naming the valid ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { readScene } from '../../src/client/scene-reader.js';
import { exportScene } from '../../src/jobs/export-scene.js';
import type { Scene } from '../../src/scene/scene.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { runInProcess } from '../helpers/in-process-cli.js';
import { TWO_FIGURE_SCENE } from '../helpers/two-figure-scene.js';

const SPEC = TWO_FIGURE_SCENE;

describe('export --only', () => {
  let dir: string;
  let emulator: TestEmulator;
  let client: DazClient;
  /** Labels of the nodes each mesh-streaming request was about, per read. */
  let streamed: Set<number>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-only-'));
    const file = join(dir, 'only.json');
    writeFileSync(file, JSON.stringify(SPEC));
    emulator = await startTestEmulator({ scene: file });
    client = emulator.client();
    const run = client.run.bind(client);
    client.run = ((script, args, options) => {
      if (script.name.startsWith('mesh-') && typeof args?.id === 'number') streamed.add(args.id);
      return run(script, args, options);
    }) as typeof client.run;
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function read(options: { only?: string[]; select?: string[] }): Promise<Scene> {
    streamed = new Set();
    return readScene(client, options);
  }
  const labels = (scene: Scene, kind?: string) =>
    scene.nodes.filter((n) => !kind || n.kind === kind).map((n) => n.label);
  const meshLabels = (scene: Scene) => scene.meshes.map((m) => scene.nodes[m.node].label).sort();
  const parentOf = (scene: Scene, label: string) => {
    const node = scene.nodes.find((n) => n.label === label);
    return node && node.parent >= 0 ? scene.nodes[node.parent].label : null;
  };

  it('props: the props only, the figures never streamed; a prop on a bone hangs from the root', async () => {
    const scene = await read({ only: ['props'] });
    expect(meshLabels(scene)).toEqual(['Crate', 'Hat', 'Lid']);
    expect(labels(scene, 'figure')).toEqual([]);
    expect(labels(scene, 'bone')).toEqual([]);
    expect(scene.cameras).toHaveLength(0);
    expect(scene.lights).toHaveLength(0);
    expect(streamed.size).toBe(3);
    expect(parentOf(scene, 'Lid')).toBe('Crate');
    expect(parentOf(scene, 'Hat')).toBeNull();
  });

  it('figures: both figures with their bones, no props', async () => {
    const scene = await read({ only: ['figures'] });
    expect(meshLabels(scene)).toEqual(['Hero', 'Sidekick']);
    expect(labels(scene, 'bone').length).toBeGreaterThan(100);
    expect(scene.skeletons).toHaveLength(2);
    expect(streamed.size).toBe(2);
  });

  it('cameras,lights: no mesh request at all', async () => {
    const scene = await read({ only: ['cameras', 'lights'] });
    expect(labels(scene).sort()).toEqual(['Key', 'Shot Cam']);
    expect([scene.cameras.length, scene.lights.length, scene.meshes.length]).toEqual([1, 1, 0]);
    expect(streamed.size).toBe(0);
  });

  it('with --select: both must hold', async () => {
    expect(meshLabels(await read({ select: ['Crate'], only: ['props'] }))).toEqual(['Crate', 'Lid']);
    expect(meshLabels(await read({ select: ['Hero'], only: ['props'] }))).toEqual(['Hat']);
    expect(meshLabels(await read({ select: ['Crate'], only: ['figures'] }))).toEqual([]);
  });

  it('exportScene takes it too, and refuses an unknown type before reading', async () => {
    const out = join(dir, 'props.gltf');
    const result = await exportScene(client, out, { only: ['props'] });
    expect(result.outputs[0].meshes).toBe(3);
    streamed = new Set();
    await expect(exportScene(client, join(dir, 'x.glb'), { only: ['figure', 'hats'] })).rejects.toMatchObject(
      {
        code: 'DAZPORT_USAGE',
        message: expect.stringContaining('"figure", "hats"'),
        suggestion: expect.stringContaining('figures, props, cameras, lights'),
      },
    );
    expect(streamed.size).toBe(0);
  });

  it('the CLI: --only works on a live scene; a wrong type is exit 1 naming the valid ones', async () => {
    const connection = ['--port', String(emulator.emulator.server.port), '--token', emulator.token];
    const ok = await runInProcess([
      '--json',
      'export',
      ...connection,
      '--out',
      join(dir, 'lights.glb'),
      '--only',
      'lights,cameras',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect([report.outputs[0].meshes, report.outputs[0].cameras, report.outputs[0].lights]).toEqual([
      0, 1, 1,
    ]);
    const bad = await runInProcess([
      'export',
      ...connection,
      '--out',
      join(dir, 'x.glb'),
      '--only',
      'props,hats',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('figures, props, cameras, lights');
    const json = await runInProcess(['--json', 'export', '--out', join(dir, 'x.glb'), '--only', 'hats']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error.code).toBe('DAZPORT_USAGE');
  });
});
