/**
 * `dazport scene --source dust3d|poser`: the scene of Dust3D or Poser listed as DAZ Studio's is,
 * bones left out and counted per figure, so the labels `retarget --source poser --to` takes can
 * be read instead of guessed; `dazport discover --source` prints those figures' bones. The listing is checked against the same emulated scene read
 * through the library (readOtherSourceScene) and counted there another way: skeleton joints,
 * mesh arrays, the parent chain.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListedNode } from '../../src/client/scene-listing.js';
import { readOtherSourceScene, withEmbeddedSourceEmulator } from '../../src/jobs/other-sources.js';
import type { Scene } from '../../src/scene/scene.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { freeLoopbackPort } from '../helpers/free-port.js';
import { runInProcess } from '../helpers/in-process-cli.js';

describe('scene --source poser --emulated figure', () => {
  let listed: { ok: boolean; source: string; nodes: ListedNode[]; bones: number };
  let scene: Scene;
  beforeAll(async () => {
    const r = await runInProcess(['scene', '--source', 'poser', '--emulated', 'figure', '--json']);
    expect(r.code, r.stderr).toBe(0);
    listed = JSON.parse(r.stdout);
    scene = await withEmbeddedSourceEmulator('poser', 'figure', { host: '127.0.0.1', port: 0 }, (address) =>
      readOtherSourceScene('poser', address, { rigged: true }),
    );
  }, 60_000);

  it('lists every node but the bones, parents first, each with its kind and class', () => {
    expect(listed.ok).toBe(true);
    expect(listed.source).toContain('Poser (PoserTalkr) emulator');
    const expected = scene.nodes.filter((n) => n.kind !== 'bone');
    expect(listed.nodes.map((n) => [n.label, n.kind, n.type])).toEqual(
      expected.map((n) => [n.label, n.kind, n.className]),
    );
    expect(listed.nodes.map((n) => n.kind).sort()).toEqual(['camera', 'figure', 'light', 'light', 'mesh']);
  });

  it("counts the figure's bones and each mesh's vertices and facets", () => {
    const figure = listed.nodes.find((n) => n.kind === 'figure') as ListedNode;
    const skeleton = scene.skeletons[0];
    expect(figure.bones).toBe(skeleton.joints.length);
    expect(figure.bones).toBeGreaterThan(10);
    expect(listed.bones).toBe(scene.nodes.filter((n) => n.kind === 'bone').length);
    for (const n of listed.nodes) {
      const node = scene.nodes.find((s) => s.label === n.label);
      const mesh = node?.mesh === undefined ? undefined : scene.meshes[node.mesh];
      expect(n.vertices, n.label).toBe(mesh ? mesh.positions.length / 3 : 0);
      expect(n.facets, n.label).toBe(mesh ? mesh.faceSizes.length : 0);
    }
  });

  it('hangs the prop held in a hand under the figure, naming the bone as its parent', () => {
    const ball = listed.nodes.find((n) => n.label === 'Ball') as ListedNode;
    const node = scene.nodes.find((n) => n.label === 'Ball');
    const parent = node && node.parent >= 0 ? scene.nodes[node.parent] : undefined;
    expect(parent?.kind).toBe('bone');
    expect(ball.parent).toBe(parent?.label);
    expect(ball.depth).toBe(1);
  });
});

describe('discover --source poser, and --emulated', () => {
  it("prints the Poser figure's bones as the library reads them", async () => {
    const scene = await withEmbeddedSourceEmulator(
      'poser',
      'figure',
      { host: '127.0.0.1', port: 0 },
      (address) => readOtherSourceScene('poser', address, { rigged: true }),
    );
    const r = await runInProcess(['discover', '--source', 'poser', '--emulated', 'figure', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { figures } = JSON.parse(r.stdout) as { figures: { label: string; joints: { name: string }[] }[] };
    expect(figures.map((f) => f.label)).toEqual(['Figure 1']);
    expect(figures[0].joints.map((j) => j.name)).toEqual(scene.skeletons[0].joints.map((j) => j.name));
  });

  it('a wrong figure label names the figures there are', async () => {
    const r = await runInProcess([
      'discover',
      '--source',
      'poser',
      '--emulated',
      'figure',
      '--figure',
      'Figure',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /"Figure" is not a figure of dazport Poser \(PoserTalkr\) emulator[\s\S]*its figures: "Figure 1"/,
    );
  });

  it("--emulated g8f reads the emulated DAZ Studio's figure, named by its scene", async () => {
    const r = await runInProcess(['discover', '--emulated', 'g8f', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { figures } = JSON.parse(r.stdout) as {
      figures: { source: string; label: string; joints: unknown[] }[];
    };
    expect(figures.map((f) => [f.source, f.label, f.joints.length])).toEqual([
      ['dazport emulator, built-in scene g8f', 'Genesis 8 Female', 170],
    ]);
  });
});

describe('scene --source dust3d', () => {
  it('prints the emulated creature: one figure with its bones and mesh', async () => {
    const r = await runInProcess(['scene', '--source', 'dust3d', '--emulated', 'creature']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^scene at dazport Dust3D \(Remote IO\) emulator, built-in scene creature/);
    expect(r.stdout).toMatch(/1 node \(1 figure\) and \d+ bones/);
    expect(r.stdout).toMatch(/Dust3dDocument\s+\d+ bones, [\d,]+ vertices, [\d,]+ facets/);
  });

  it('with nothing listening: exit 3, naming the address', async () => {
    const port = await freeLoopbackPort();
    const r = await runInProcess(['scene', '--source', `dust3d:127.0.0.1:${port}`, '--timeout', '2000']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
  });
});

describe('--source daz:host:port', () => {
  it('says what --host and --port say: scene and discover reach DAZ Studio (here, an emulator) there', async () => {
    const emu = await startTestEmulator({ scene: 'g8f' });
    try {
      const where = [
        '--source',
        `daz:127.0.0.1:${emu.emulator.server.port}`,
        '--token-file',
        join(emu.home, 'token.txt'),
      ];
      const scene = await runInProcess(['scene', ...where, '--json']);
      expect(scene.code, scene.stderr).toBe(0);
      expect(JSON.parse(scene.stdout).nodes.map((n: ListedNode) => n.label)).toContain('Genesis 8 Female');
      const discover = await runInProcess(['discover', ...where, '--json']);
      expect(discover.code, discover.stderr).toBe(0);
      expect(JSON.parse(discover.stdout).figures[0].joints).toHaveLength(170);
    } finally {
      await emu.close();
    }
  });

  it('an export to an address nothing listens on: exit 3, naming that address', async () => {
    const port = await freeLoopbackPort();
    const r = await runInProcess([
      'export',
      '--source',
      `daz:127.0.0.1:${port}`,
      '--out',
      join(tmpdir(), 'never.glb'),
    ]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
  });
});

describe('scene --source: usage errors, exit 1', () => {
  it.each([
    [['--source', 'poser', '--morphs'], /--morphs reads from DAZ Studio only, not from Poser/],
    [
      ['--source', 'poser', '--port', '55556'],
      /--port is DAZ Studio's address; Poser \(PoserTalkr\)'s goes in --source/,
    ],
    [['--source', 'poser:127.0.0.1:1', '--emulated', 'figure'], /takes no address with it/],
    [['--emulated', 'figure'], /not a scene of the DAZ Studio .*emulator[\s\S]*add --source poser/],
    [
      ['--source', 'dust3d', '--emulated', 'g9'],
      /--emulated g9 is not a scene of the Dust3D \(Remote IO\) emulator/,
    ],
  ])('%j', async (args, message) => {
    const r = await runInProcess(['scene', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });
});
