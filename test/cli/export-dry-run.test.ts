/**
 * `export --dry-run` (jobs/plan-export.ts): what would be read and written, from the inventory
 * and the materials, nothing written and no folder made. Its counts equal what the real export
 * then reads and writes, and its size estimates (bytes per vertex and per facet, documented in
 * plan-export.ts) are within ±30% of the real read and of every real output, for the built-in
 * figure scenes, posed and rigged.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportScene } from '../../src/jobs/export-scene.js';
import { planExport } from '../../src/jobs/plan-export.js';
import { runInProcess } from '../helpers/in-process-cli.js';
import { sharedEmulators } from '../helpers/shared-emulators.js';

const FACTOR = 0.3;
const within = (estimate: number, real: number) => Math.abs(estimate - real) <= FACTOR * real;

// One emulator per scene for the file (g9 serves three tests): plans and exports only read it.
const emulators = sharedEmulators();
afterAll(() => emulators.close());

const withScene = emulators.withClient;

describe('export --dry-run', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-dry-run-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases = [
    { scene: 'g9', rigged: false },
    { scene: 'g8f', rigged: false },
    { scene: 'g8m', rigged: false },
    { scene: 'g9', rigged: true },
  ];
  for (const c of cases) {
    it(`${c.scene}${c.rigged ? ' rigged' : ''}: the counts of the real export, sizes within ±30%`, async () => {
      const outs = ['glb', 'gltf', 'usda'].map((e) => join(dir, `${c.scene}-${c.rigged}`, `scene.${e}`));
      await withScene(c.scene, async ({ client }) => {
        const plan = await planExport(client, outs, { rigged: c.rigged });
        expect(existsSync(join(dir, `${c.scene}-${c.rigged}`))).toBe(false);
        let readBytes = 0;
        const real = await exportScene(client, outs, {
          rigged: c.rigged,
          onProgress: (p) => {
            if (p.stage === 'read') readBytes = p.read.bytes;
          },
        });
        const usda = real.outputs[2];
        expect([plan.meshes, plan.vertices, plan.nodes.cameras, plan.nodes.lights]).toEqual([
          usda.meshes,
          usda.vertices,
          usda.cameras,
          usda.lights,
        ]);
        expect(plan.textureSources.length).toBe(usda.textures);
        const off = (estimate: number, actual: number) => `${estimate} vs ${actual}`;
        expect(within(plan.readBytes, readBytes), off(plan.readBytes, readBytes)).toBe(true);
        plan.outputs.forEach((o, i) => {
          expect(o.file).toBe(real.outputs[i].file);
          expect(
            within(o.bytes, real.outputs[i].bytes),
            `${o.file}: ${off(o.bytes, real.outputs[i].bytes)}`,
          ).toBe(true);
        });
        // The files a .gltf and a .usda would add, where they are added.
        const gltfFiles = [plan.outputs[1].binary?.path, ...plan.outputs[1].textures.map((t) => t.path)];
        expect(gltfFiles.sort()).toEqual(real.outputs[1].sideFiles.slice().sort());
        expect(plan.outputs[2].textures.map((t) => t.path).sort()).toEqual(usda.sideFiles.slice().sort());
      });
    }, 60_000);
  }

  it('the CLI writes nothing, makes no folder, says what it would replace; --json is one object', async () => {
    const existing = join(dir, 'there.glb');
    writeFileSync(existing, 'previous');
    const fresh = join(dir, 'new', 'deep', 'scene.gltf');
    const before = readdirSync(dir).sort();
    const human = await runInProcess([
      'export',
      ...(await emulators.connection('g9')),
      '--out',
      existing,
      '--out',
      fresh,
      '--dry-run',
    ]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('22,098 vertices');
    // Nouns agree with their counts (the plan's keys are already plural).
    expect(human.stdout).toMatch(/: 1 figure, 143 bones, 1 prop, 1 camera, 3 lights\n/);
    expect(human.stdout).toContain(`would write ${existing} (glb`);
    expect(human.stdout).toContain('replacing the file there');
    expect(human.stdout).toContain(join(dir, 'new', 'deep', 'scene_textures'));
    expect(human.stdout).toContain('nothing written (--dry-run)');
    const json = await runInProcess([
      '--json',
      'export',
      ...(await emulators.connection('g9')),
      '--out',
      existing,
      '--out',
      fresh,
      '--only',
      'figures',
      '--dry-run',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const plan = JSON.parse(json.stdout);
    // The figure's mesh alone: g9's other mesh (a prop, 98 vertices) is left out by --only.
    expect(plan).toMatchObject({ ok: true, dryRun: true, meshes: 1, vertices: 22_000 });
    expect(plan.nodes.cameras).toBeUndefined();
    expect(plan.outputs.map((o: { replaces: boolean }) => o.replaces)).toEqual([true, false]);
    expect(readdirSync(dir).sort()).toEqual(before);
  }, 60_000);
});
