/**
 * `dazport export --source dust3d|poser`: the command line over the other sources' readers and
 * emulators (the readers' own round trips are in test/sources). What is checked here is the
 * CLI's part: the address and --emulated scene rules, DAZ-only options refused by name, the
 * exit codes, the report, and --watch following Dust3D's edits until Ctrl-C.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningDust3dEmulator,
  startDust3dEmulator,
} from '../../src/emulators/dust3d/start-dust3d-emulator.js';
import { Dust3dClient } from '../../src/sources/dust3d/dust3d-client.js';
import { outputOf, spawnCliInOneProcess } from '../helpers/cli.js';
import { freeLoopbackPort } from '../helpers/free-port.js';
import { runInProcess } from '../helpers/in-process-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dazport-export-sources-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export --source with --emulated', () => {
  it.each([
    ['dust3d', 'creature', 'Dust3D (Remote IO)'],
    ['poser', 'figure', 'Poser (PoserTalkr)'],
  ])(
    '%s: writes .glb and .usda, names the emulated scene as the source',
    async (kind, scene, name) => {
      const glb = join(dir, `${kind}.glb`);
      const usda = join(dir, `${kind}.usda`);
      const r = await runInProcess([
        '--json',
        'export',
        '--source',
        kind,
        '--emulated',
        scene,
        '--out',
        glb,
        '--out',
        usda,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ ok: true, source: `dazport ${name} emulator, built-in scene ${scene}` });
      expect(report.outputs.map((o: { file: string }) => o.file)).toEqual([glb, usda]);
      const doc = await new NodeIO().registerExtensions(ALL_EXTENSIONS).read(glb);
      expect(doc.getRoot().listMeshes().length).toBeGreaterThan(0);
      expect(readFileSync(usda, 'utf8')).toContain(`built-in scene ${scene}`);
    },
    60_000,
  );
});

describe('export --source --rigged', () => {
  it.each([
    ['poser', 'figure', 19],
    ['dust3d', 'creature', 11],
  ])(
    '%s: the skeleton the reader built reaches the file (%s, %i joints)',
    async (kind, scene, joints) => {
      const glb = join(dir, `${kind}-rigged.glb`);
      const r = await runInProcess([
        '--json',
        'export',
        '--source',
        kind,
        '--emulated',
        scene,
        '--rigged',
        '--out',
        glb,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).outputs[0].joints).toBe(joints);
      const skins = (await new NodeIO().registerExtensions(ALL_EXTENSIONS).read(glb)).getRoot().listSkins();
      expect(skins.map((s) => s.listJoints().length)).toEqual([joints]);
    },
    60_000,
  );
});

describe('export --source poser --skeleton unreal', () => {
  it('keeps the Poser figure whole: its own bone names, not half renamed as Genesis 8', async () => {
    const glb = join(dir, 'poser-ue.glb');
    const r = await runInProcess([
      '--json',
      'export',
      '--source',
      'poser',
      '--emulated',
      'figure',
      '--rigged',
      '--skeleton',
      'unreal',
      '--out',
      glb,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).outputs[0].warnings).toContain(
      'Figure 1 is not a Genesis 8/9 skeleton: its bones keep their own names under the UE5 mannequin profile',
    );
    const [skin] = (await new NodeIO().registerExtensions(ALL_EXTENSIONS).read(glb)).getRoot().listSkins();
    const names = skin.listJoints().map((j) => j.getName());
    expect(names).toEqual(expect.arrayContaining(['hip', 'lCollar', 'lShldr', 'lThigh', 'lShin']));
    expect(names).not.toEqual(expect.arrayContaining(['pelvis']));
    expect(names.filter((n) => /_l$|_r$/.test(n))).toEqual([]);
  }, 60_000);
});

describe('export --source: usage and connection errors', () => {
  it.each([
    [['--source', 'dust3d', '--morphs'], /--morphs reads from DAZ Studio only, not from Dust3D/],
    [
      ['--source', 'poser', '--select', 'Figure 1', '--animation', 'bake'],
      /--select, --animation read from DAZ/,
    ],
    [
      ['--source', 'dust3d', '--port', '53310'],
      /--port is DAZ Studio's address; Dust3D \(Remote IO\)'s goes in --source/,
    ],
    [['--emulated', 'creature'], /not a scene of the DAZ Studio .*emulator[\s\S]*add --source dust3d/],
    [
      ['--source', 'poser', '--emulated', 'g9'],
      /--emulated g9 is not a scene of the Poser \(PoserTalkr\) emulator \(its scenes: figure\)/,
    ],
    [['--source', 'dust3d:1', '--emulated', 'creature'], /takes no address with it/],
    [['--source', 'blender'], /"blender" is not a source: choose daz, dust3d, poser/],
    [['--source', 'poser', '--watch'], /--watch follows Dust3D's result-mesh events/],
    [['--source', 'dust3d', '--emulated', 'creature', '--watch'], /nothing edits an embedded emulator/],
  ])('%j: exit 1', async (args, message) => {
    const r = await runInProcess(['export', ...args, '--out', join(dir, 'never.glb')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it.each(['dust3d', 'poser'])('%s with nothing listening: exit 3, naming the address', async (kind) => {
    const port = await freeLoopbackPort();
    const r = await runInProcess([
      'export',
      '--source',
      `${kind}:127.0.0.1:${port}`,
      '--out',
      join(dir, 'never.glb'),
    ]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
  });
});

describe('export --source dust3d --watch', () => {
  let emulator: RunningDust3dEmulator;
  beforeAll(async () => {
    emulator = await startDust3dEmulator({ port: 0, scene: 'creature' });
  });
  afterAll(() => emulator.close());

  /** Every JSON line the child prints; `next(n)` resolves once there are n. */
  function jsonLines(child: ReturnType<typeof spawnCliInOneProcess>) {
    let text = '';
    const lines = () => text.split('\n').filter(Boolean);
    const waiting = new Set<() => void>();
    child.stdout?.on('data', (d) => {
      text += d;
      for (const check of waiting) check();
    });
    return (count: number): Promise<unknown[]> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fewer than ${count} exports: ${text}`)), 60_000);
        const check = () => {
          if (lines().length < count) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(lines().map((l) => JSON.parse(l)));
        };
        waiting.add(check);
        check();
      });
  }

  it('exports again after an edit in Dust3D, then stops on Ctrl-C with exit 0', async () => {
    const out = join(dir, 'live.glb');
    const child = spawnCliInOneProcess([
      '--json',
      'export',
      '--source',
      `dust3d:127.0.0.1:${emulator.port}`,
      '--watch',
      '--out',
      out,
    ]);
    const ended = outputOf(child);
    const exports = jsonLines(child);
    const [initial] = (await exports(1)) as { ok: boolean }[];
    expect(initial.ok).toBe(true);
    const before = statSync(out).size;
    // An edit as a Dust3D user would make it: a node grows, the mesh is regenerated.
    const editor = await Dust3dClient.connect({ port: emulator.port });
    try {
      const node = (await editor.getSnapshot()).nodes[0];
      await editor.command(`scalenodebyaddradius ${node.id} 0.2`);
    } finally {
      editor.close();
    }
    const [, again] = (await exports(2)) as { ok: boolean }[];
    expect(again.ok).toBe(true);
    expect(statSync(out).size).not.toBe(before);
    child.kill('SIGINT');
    const end = await ended;
    expect({ code: end.code, stderr: end.stderr }).toEqual({ code: 0, stderr: '' });
  }, 90_000);
});

describe('emulator --source: loopback only, DAZ options refused', () => {
  it.each([
    [
      ['--source', 'dust3d', '--host', '0.0.0.0'],
      /has no authentication: its emulator binds loopback only, not 0\.0\.0\.0/,
    ],
    [
      ['--source', 'poser', '--no-auth'],
      /--no-auth: the DAZ Studio emulator's, not the Poser \(PoserTalkr\) emulator's/,
    ],
    [['--source', 'dust3d', '--scene', 'g9'], /the Dust3D \(Remote IO\) emulator has no scene "g9"/],
  ])('%j: exit 1 before listening', async (args, message) => {
    const r = await runInProcess(['emulator', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });
});
