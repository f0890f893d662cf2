/**
 * A scene's size is computed from its spec and checked against a total budget before anything
 * is built (issue 13, item 6): a 75-byte file with one box at `segments: 2000` ran the emulator
 * for minutes into gigabytes. Every mesh builder is replaced here by one that fails the test, so
 * a check that comes after building (or none) fails fast instead of building millions of vertices.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadSceneSpec } from '../../src/emulator/scenes/load-scene.js';
import { MAX_SCENE_FACETS, MAX_SCENE_VERTICES } from '../../src/emulator/scenes/scene-budget.js';
import { isDazportError } from '../../src/errors.js';

vi.mock('../../src/emulator/scenes/mannequin/build-mannequin.js', async (original) => ({
  ...(await original<object>()),
  buildMannequin: () => {
    throw new Error('a mannequin mesh was built while loading the scene spec');
  },
}));
vi.mock('../../src/emulator/scenes/primitives.js', async (original) => ({
  ...(await original<object>()),
  boxMesh: () => {
    throw new Error('a box mesh was built while loading the scene spec');
  },
  sphereMesh: () => {
    throw new Error('a sphere mesh was built while loading the scene spec');
  },
}));

const dir = mkdtempSync(join(tmpdir(), 'dazport-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sceneFile(name: string, json: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

/** The DazportError loading `scene` throws. */
function refusal(scene: string): { code: string; message: string; context: Record<string, unknown> } {
  try {
    loadSceneSpec(scene);
  } catch (error) {
    if (isDazportError(error)) return error;
    throw error;
  }
  throw new Error(`loading ${scene} was not refused`);
}

describe('the scene budget', () => {
  it('is a few times what the built-in heavy scene needs (~1.06 M vertices)', () => {
    expect(MAX_SCENE_VERTICES).toBeGreaterThanOrEqual(3_000_000);
    expect(MAX_SCENE_VERTICES).toBeLessThanOrEqual(10_000_000);
    expect(MAX_SCENE_FACETS).toBe(MAX_SCENE_VERTICES);
  });

  it("refuses the issue's file (one box at segments: 2000) naming file, entry and size", () => {
    const file = sceneFile('box.json', {
      name: 'b',
      props: [{ shape: 'box', label: 'Box', segments: 2000 }],
    });
    const e = refusal(file);
    expect(e.code).toBe('DAZPORT_SCENE_INVALID');
    expect(e.message).toContain(file);
    expect(e.message).toContain('props[0] ("Box"');
    expect(e.message).toContain('24,000,002 vertices');
    expect(e.message).toContain(MAX_SCENE_VERTICES.toLocaleString('en-US'));
    expect(e.context).toMatchObject({
      scene: file,
      entry: 'props[0]',
      vertices: 24_000_002,
      facets: 24_000_000,
    });
  });

  it('refuses a sum of small entries at the one that crosses the budget', () => {
    // A box at 4 segments is 98 vertices: 51,021 of them are 5,000,058.
    const boxes = Array.from({ length: 60_000 }, (_, i) => ({ shape: 'box', label: `B${i}` }));
    const e = refusal(sceneFile('many.json', { name: 'many', props: boxes }));
    expect(e.code).toBe('DAZPORT_SCENE_INVALID');
    const crossing = Math.floor(MAX_SCENE_VERTICES / 98);
    expect(e.message).toContain(`props[${crossing}] ("B${crossing}"`);
    expect(e.context.sceneVertices).toBe((crossing + 1) * 98);
  });

  it('counts spheres by rings and segments, and figures by their mannequin at the detail asked', () => {
    const sphere = refusal(
      sceneFile('ball.json', { name: 'b', props: [{ shape: 'sphere', label: 'Ball', segments: 1800 }] }),
    );
    // 1800 rings × 3600 segments: (1800 - 1) × 3600 + 2 vertices.
    expect(sphere.context).toMatchObject({
      entry: 'props[0]',
      vertices: 1799 * 3600 + 2,
      facets: 1800 * 3600,
    });
    const figure = refusal(
      sceneFile('dense.json', { name: 'd', figures: [{ figure: 'genesis9', label: 'Dense', detail: 16 }] }),
    );
    expect(figure.message).toContain('figures[0] ("Dense"');
    expect(figure.context.vertices as number).toBeGreaterThan(MAX_SCENE_VERTICES);
  });

  it('refuses heavy:<vertices> beyond the budget at once, and sizes heavy without building a mesh', () => {
    const e = refusal(`heavy:${MAX_SCENE_VERTICES + 1}`);
    expect(e.code).toBe('DAZPORT_SCENE_INVALID');
    expect(e.message).toContain(`heavy:${MAX_SCENE_VERTICES + 1}`);
    const heavy = loadSceneSpec('heavy');
    expect(heavy.figures).toHaveLength(4);
    expect(heavy.figures?.[0].detail).toBeGreaterThan(1);
  });

  it('accepts scenes within the budget, built-in ones included', () => {
    for (const name of ['g9', 'g8f', 'g8m', 'empty']) expect(loadSceneSpec(name).name).toBe(name);
    const file = sceneFile('ok.json', { name: 'ok', props: [{ shape: 'box', label: 'Box', segments: 100 }] });
    expect(loadSceneSpec(file).props).toHaveLength(1);
  });
});
