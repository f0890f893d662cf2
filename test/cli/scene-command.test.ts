/**
 * `dazport scene` (client/scene-listing.ts): what it lists is compared with the emulator's own
 * scene built in this process from the same spec and counted another way (bones by
 * getAllBones, meshes by their geometry, morphs by their modifiers), on a scene with two
 * figures, a prop parented to a bone and a prop parented to a prop. Then the command itself,
 * in-process and once as a child process for its exit status and clean --json stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSceneName } from '../../src/cli/emulated-scene-option.js';
import { sceneListingLines } from '../../src/cli/scene-listing-lines.js';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { listScene, type SceneListing } from '../../src/client/scene-listing.js';
import { BUILTIN_SCENE_NAMES } from '../../src/emulator/scenes/builtin-scenes.js';
import { runCli } from '../helpers/cli.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { runInProcess } from '../helpers/in-process-cli.js';
import { inProcessScene } from '../helpers/in-process-scene.js';
import { TWO_FIGURE_SCENE } from '../helpers/two-figure-scene.js';

/** Scene objects of the emulator's DOM, as far as this test reads them. */
interface DomNode {
  getLabel(): string;
  className(): string;
  inherits(c: string): boolean;
  getNodeParent(): DomNode | null;
  getAllBones(): unknown[];
  getObject(): {
    getCurrentShape(): { getGeometry(): { getNumVertices(): number; getNumFacets(): number } };
    getNumModifiers(): number;
    getModifier(i: number): { inherits(c: string): boolean; getName(): string };
  } | null;
}

const SPEC = TWO_FIGURE_SCENE;

describe('the scene listing', () => {
  let dir: string;
  let emulator: TestEmulator;
  let client: DazClient;
  let listing: SceneListing;
  let nodes: DomNode[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-scene-'));
    const file = join(dir, 'two-figures.json');
    writeFileSync(file, JSON.stringify(SPEC));
    emulator = await startTestEmulator({ scene: file });
    client = emulator.client();
    listing = await listScene(client, { morphs: true });
    const scene = inProcessScene(file) as unknown as { getNumNodes(): number; getNode(i: number): DomNode };
    nodes = Array.from({ length: scene.getNumNodes() }, (_, i) => scene.getNode(i));
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every node but the bones, with its class and parent, parents first', () => {
    const notBones = nodes.filter((n) => !n.inherits('DzBone'));
    expect(listing.nodes.map((n) => n.label).sort()).toEqual(notBones.map((n) => n.getLabel()).sort());
    for (const dom of notBones) {
      const listed = listing.nodes.find((n) => n.label === dom.getLabel());
      expect(listed?.type).toBe(dom.className());
      expect(listed?.parent).toBe(dom.getNodeParent()?.getLabel() ?? null);
    }
    const order = listing.nodes.map((n) => n.label);
    for (const n of listing.nodes.filter((x) => x.parent === 'Crate'))
      expect(order.indexOf(n.label)).toBeGreaterThan(order.indexOf('Crate'));
    expect(listing.nodes.map((n) => n.kind)).toEqual(
      listing.nodes.map(
        (n) =>
          ({ Hero: 'figure', Sidekick: 'figure', 'Shot Cam': 'camera', Key: 'light' })[n.label] ?? 'mesh',
      ),
    );
  });

  it("counts each figure's own bones, and every mesh's vertices and facets", () => {
    let allBones = 0;
    for (const dom of nodes.filter((n) => !n.inherits('DzBone'))) {
      const listed = listing.nodes.find((n) => n.label === dom.getLabel());
      const bones = dom.inherits('DzSkeleton') ? dom.getAllBones().length : 0;
      allBones += bones;
      const geometry = dom.getObject()?.getCurrentShape().getGeometry();
      expect([listed?.bones, listed?.vertices, listed?.facets]).toEqual([
        bones,
        geometry?.getNumVertices() ?? 0,
        geometry?.getNumFacets() ?? 0,
      ]);
    }
    expect(listing.nodes.find((n) => n.label === 'Hero')?.bones).toBe(143);
    expect(listing.nodes.find((n) => n.label === 'Sidekick')?.bones).toBe(170);
    expect(listing.bones).toBe(allBones);
  });

  it('indents a prop parented to a bone under the figure, and a prop under a prop', () => {
    const hat = listing.nodes.find((n) => n.label === 'Hat');
    expect(hat).toMatchObject({ parent: 'Head', depth: 1 });
    expect(listing.nodes.find((n) => n.label === 'Lid')).toMatchObject({ parent: 'Crate', depth: 1 });
    const lines = sceneListingLines(listing);
    const heroLine = lines.findIndex((l) => l.startsWith('Hero '));
    const hatLine = lines.findIndex((l) => l.startsWith('  Hat '));
    expect(hatLine).toBeGreaterThan(heroLine);
    expect(lines[heroLine]).toMatch(/^Hero\s+DzFigure\s+143 bones, [\d,]+ vertices, [\d,]+ facets$/);
  });

  it('lists the morphs of every mesh with their names and current values', () => {
    for (const dom of nodes.filter((n) => !n.inherits('DzBone') && n.getObject())) {
      const object = dom.getObject()!;
      const names: string[] = [];
      for (let i = 0; i < object.getNumModifiers(); i++) {
        const modifier = object.getModifier(i);
        if (modifier.inherits('DzMorph')) names.push(modifier.getName());
      }
      expect(listing.nodes.find((n) => n.label === dom.getLabel())?.morphs?.map((m) => m.name)).toEqual(
        names,
      );
    }
    const hero = listing.nodes.find((n) => n.label === 'Hero');
    expect(hero?.morphs?.find((m) => m.label === 'Body Heavy')?.value).toBeCloseTo(0.5, 6);
    expect(listing.nodes.find((n) => n.label === 'Crate')?.morphs).toEqual([]);
  });

  it('lists no morphs unless asked', async () => {
    const plain = await listScene(client);
    expect(plain.nodes.every((n) => n.morphs === undefined)).toBe(true);
  });
});

describe('dazport scene', () => {
  it('--json prints the listing of an emulated scene, also named by its figure id', async () => {
    const r = await runInProcess(['--json', 'scene', '--emulated', 'genesis8female', '--morphs']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    const figure = out.nodes.find((n: { kind: string }) => n.kind === 'figure');
    expect(figure).toMatchObject({ label: 'Genesis 8 Female', type: 'DzFigure', bones: 170 });
    expect(figure.morphs.find((m: { label: string }) => m.label === 'Body Heavy').value).toBeCloseTo(0.3, 6);
    expect(out.nodes.map((n: { kind: string }) => n.kind).sort()).toEqual(
      ['camera', 'figure', 'light', 'light', 'light', 'mesh'].sort(),
    );
  }, 60_000);

  it('prints one row per node, and a summary line', async () => {
    const r = await runInProcess(['scene', '--emulated', 'g9']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^scene at http:\/\/127\.0\.0\.1:\d+ \(g9\): 6 nodes \(1 figure, 1 prop, 1 camera, 3 lights\) and 143 bones\n/,
    );
    expect(r.stdout).toMatch(/\n {2}Genesis 9\s+DzFigure\s+143 bones, 22,000 vertices, 22,417 facets\n/);
    expect(r.stdout).toMatch(/\n {2}Spotlight 1\s+DzSpotLight\n/);
  });

  it('refuses an unknown --emulated scene with the closest names (usage, exit 1)', async () => {
    const r = await runInProcess(['scene', '--emulated', 'genesis8']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /not a built-in scene: choose g9 \(genesis9\), g8f \(genesis8f\), g8m \(genesis8m\).*closest: genesis8f, genesis8m, genesis9\)/,
    );
  });

  it('as a command: exit 0 and exactly one JSON object on stdout', async () => {
    const r = await runCli(['scene', '--emulated', 'g9', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, bones: 143 });
  }, 60_000);
});

describe('built-in scene names', () => {
  it('take the figure ids every command takes, in any spelling', () => {
    const parse = parseSceneName(BUILTIN_SCENE_NAMES);
    expect(['g8f', 'genesis8f', 'genesis8female', 'Genesis 8 Female', 'GENESIS_8F'].map(parse)).toEqual(
      Array(5).fill('g8f'),
    );
    expect(['g9', 'genesis9', 'heavy', 'empty', 'g8m', 'genesis8male'].map(parse)).toEqual([
      'g9',
      'g9',
      'heavy',
      'empty',
      'g8m',
      'g8m',
    ]);
  });
});
