/**
 * Round trip: the emulator's `creature` read by the Dust3D client into the neutral scene, then
 * written to .glb (Khronos validator: 0 errors) and .usda (TinyUSDZ reads it back), with the
 * geometry checked against the emulator's own document: bounding box = nodes' spheres × 100 cm,
 * a closed mesh with consistent winding, one material per part colour, bone-mark joints.
 * One emulator for the file (three windows: creature, the protocol document's example, an empty one).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDust3dEmulator, startDust3dEmulator } from '../../../src/emulators/dust3d/index.js';
import { writeSceneFile } from '../../../src/export/write-scene-file.js';
import type { Scene } from '../../../src/scene/scene.js';
import {
  Dust3dClient,
  type Dust3dReadReport,
  readDust3dSceneWithReport,
  watchDust3d,
} from '../../../src/sources/dust3d/index.js';
import { readBack, unexpectedDrops } from '../../export/usda/read-back.js';

const require = createRequire(import.meta.url);
const { validateBytes } = require('gltf-validator') as typeof import('gltf-validator');

let emu: RunningDust3dEmulator;
let client: Dust3dClient;
let scene: Scene;
let report: Dust3dReadReport;
let dir: string;

beforeAll(async () => {
  emu = await startDust3dEmulator({ port: 0, scene: ['creature', 'seed', 'empty'] });
  client = await Dust3dClient.connect({ port: emu.port });
  ({ scene, report } = await readDust3dSceneWithReport(client));
  dir = mkdtempSync(join(tmpdir(), 'dazport-dust3d-'));
});
afterAll(async () => {
  client?.close();
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One Dust3D unit is one metre (Dust3D's glTF exporter writes its units unchanged): 100 cm. */
const CM_PER_DUST3D_UNIT = 100;

/** The nodes' spheres in cm, from the emulator's document (mirror copies, disabled parts out). */
function expectedBoxCm(): { min: number[]; max: number[] } {
  const doc = emu.windows[0].document;
  const [ox, oy, oz] = doc.origin;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const n of doc.nodes.values()) {
    const part = doc.parts.get(n.partId);
    if (part?.disabled) continue;
    for (const sign of part?.xMirrored ? [1, -1] : [1]) {
      const c = [sign * (n.x - ox), oy - n.y, oz - n.z];
      for (let a = 0; a < 3; a++) {
        min[a] = Math.min(min[a], (c[a] - n.radius) * CM_PER_DUST3D_UNIT);
        max[a] = Math.max(max[a], (c[a] + n.radius) * CM_PER_DUST3D_UNIT);
      }
    }
  }
  return { min, max };
}

describe('readDust3dScene on the emulator', () => {
  it('takes the first listed window when none is chosen, and says so', () => {
    expect(report.windowCount).toBe(3);
    expect(report.window.id).toBe(emu.windows[0].id);
    expect(scene.source.description).toMatch(
      /^Dust3D \(Remote IO\) at 127\.0\.0\.1:\d+, window "Dust3D 1\.0\.0-beta\.17 \*"/,
    );
    expect(scene.source.description).toContain('the first of 3 windows');
  });

  it('converts Dust3D units to cm, Y up: the bounding box is the nodes’ spheres × 100', () => {
    const p = scene.meshes[0].positions;
    const want = expectedBoxCm();
    for (let a = 0; a < 3; a++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = a; i < p.length; i += 3) {
        lo = Math.min(lo, p[i]);
        hi = Math.max(hi, p[i]);
      }
      expect(lo).toBeCloseTo(want.min[a], 3);
      expect(hi).toBeCloseTo(want.max[a], 3);
    }
    expect(want.min[1]).toBeCloseTo(0, 3); // the creature stands on y = 0
    expect(emu.windows[0].meshStats()).toEqual({ vertices: p.length / 3, polygons: report.polygons });
  });

  it('is closed with consistent winding: every edge used twice, once each way', () => {
    const mesh = scene.meshes[0];
    const directed = new Map<string, number>();
    let corner = 0;
    for (const size of mesh.faceSizes) {
      for (let k = 0; k < size; k++) {
        const a = mesh.faceVertexIndices[corner + k];
        const b = mesh.faceVertexIndices[corner + ((k + 1) % size)];
        directed.set(`${a}>${b}`, (directed.get(`${a}>${b}`) ?? 0) + 1);
      }
      corner += size;
    }
    for (const [key, count] of directed) {
      const [a, b] = key.split('>');
      expect(count, key).toBe(1);
      expect(directed.get(`${b}>${a}`), key).toBe(1);
    }
    expect([...mesh.faceSizes].every((n) => n === 3 || n === 4)).toBe(true);
    expect(report.fannedPolygons).toBe(26); // each tube's two 8-sided ends
  });

  it('has one material per part colour, each used, and bone-mark joints with the root on the body', () => {
    expect(scene.materials.map((m) => m.name).sort()).toEqual([
      'Dust3D #5a3d1e',
      'Dust3D #8b5a2b',
      'Dust3D #c8a165',
      'Dust3D #d2b48c',
    ]);
    const used = new Set(scene.meshes[0].faceMaterial);
    expect(used.size).toBe(4);
    const joints = scene.skeletons[0].joints;
    expect(joints.map((j) => j.name).sort()).toEqual(
      [
        'Body',
        'Joint1',
        'Joint2_mirror',
        'Joint3',
        'Joint4_mirror',
        'Limb1',
        'Limb2_mirror',
        'Limb3',
        'Limb4_mirror',
        'Neck1',
        'Tail1',
      ].sort(),
    );
    expect(joints[0]).toMatchObject({ name: 'Body', parent: -1 });
    expect(joints[0].origin.map((v) => Math.round(v * 10) / 10)).toEqual([0, 39.5, 0]);
    const joint1 = joints.find((j) => j.name === 'Joint1');
    expect(joints[joint1?.parent ?? -1].name).toBe('Limb1');
    expect(report.origin.map((v) => Math.round(v * 1e6) / 1e6)).toEqual(emu.windows[0].document.origin);
  });

  it('exports to .glb that the Khronos validator passes with 0 errors', async () => {
    const file = join(dir, 'creature.glb');
    const summary = await writeSceneFile(scene, file, { rigged: false });
    expect(summary.warnings).toEqual([]);
    const result = await validateBytes(new Uint8Array(readFileSync(file)), { maxIssues: 0 });
    expect(result.issues.numErrors).toBe(0);
    expect(summary.triangles).toBe(1964);
  });

  it('exports to .usda that TinyUSDZ reads back with the same points (cm)', async () => {
    const file = join(dir, 'creature.usda');
    await writeSceneFile(scene, file, { rigged: false });
    const r = await readBack(file);
    expect(r.problems).toEqual([]);
    expect(r.differences).toEqual([]);
    expect(unexpectedDrops(r)).toEqual([]);
    expect(r.text).toMatch(/metersPerUnit = 0\.01/);
    expect(r.tiny.numMeshes()).toBe(1);
    const points = r.tiny.getMesh(0).points;
    let top = -Infinity;
    for (let i = 1; i < points.length; i += 3) top = Math.max(top, points[i]);
    expect(top).toBeCloseTo(expectedBoxCm().max[1], 3);
  });

  it('rigs the mesh to the bone-mark joints (every vertex once, weight 1) for a rigged .glb and .usda', async () => {
    const mesh = scene.meshes[0];
    const skin = mesh.rest?.skin;
    const covered = new Uint8Array(mesh.positions.length / 3);
    for (const j of skin?.joints ?? []) for (const v of j.indices) covered[v]++;
    expect([...covered].every((n) => n === 1)).toBe(true);
    // The right front foot's vertices follow Joint1 (the knee), the tail tip's Tail1.
    const jointOfVertexNear = (x: number, y: number, z: number) => {
      let best = -1;
      let bestD = Infinity;
      for (let v = 0; v < covered.length; v++) {
        const d = Math.hypot(
          mesh.positions[v * 3] - x,
          mesh.positions[v * 3 + 1] - y,
          mesh.positions[v * 3 + 2] - z,
        );
        if (d < bestD) [best, bestD] = [v, d];
      }
      const joint = skin?.joints.find((j) => j.indices.includes(best))?.joint ?? -1;
      return scene.skeletons[0].joints[joint]?.name;
    };
    expect(jointOfVertexNear(12, 0, 18)).toBe('Joint1');
    expect(jointOfVertexNear(0, 51.5, -50)).toBe('Tail1');
    const glb = join(dir, 'creature-rigged.glb');
    const summary = await writeSceneFile(scene, glb, { rigged: true });
    expect(summary).toMatchObject({ joints: 11, warnings: [] });
    expect((await validateBytes(new Uint8Array(readFileSync(glb)), { maxIssues: 0 })).issues.numErrors).toBe(
      0,
    );
    const usda = join(dir, 'creature-rigged.usda');
    await writeSceneFile(scene, usda, { rigged: true });
    const r = await readBack(usda);
    expect(r.problems).toEqual([]);
    expect(r.text).toMatch(/def Skeleton /);
    expect(r.differences).toEqual([]);
  });

  it('reads a chosen window: the protocol example’s lone node is its 16 cm box', async () => {
    const other = await readDust3dSceneWithReport(client, { window: emu.windows[1].id });
    expect(other.scene.source.description).not.toContain('first of');
    expect([...other.scene.meshes[0].positions.slice(0, 3)].map((v) => Math.round(v * 1000) / 1000)).toEqual([
      -8, 8, 8,
    ]);
    expect(other.scene.skeletons).toEqual([]);
    expect(other.scene.nodes[0].kind).toBe('mesh');
    await expect(
      readDust3dSceneWithReport(client, { window: '{00000000-0000-4000-8000-000000000000}' }),
    ).rejects.toMatchObject({
      code: 'DAZPORT_DUST3D_COMMAND',
      message: expect.stringContaining('no window {00000000-0000-4000-8000-000000000000}'),
    });
  });

  it('an empty document is a typed error, not an empty scene', async () => {
    await expect(readDust3dSceneWithReport(client, { window: emu.windows[2].id })).rejects.toMatchObject({
      code: 'DAZPORT_DUST3D_COMMAND',
      message: expect.stringContaining('has no result mesh'),
    });
  });

  it('watchDust3d re-reads after #resultmeshchanged, debounced', async () => {
    const editor = await Dust3dClient.connect({ port: emu.port });
    await editor.selectWindow(emu.windows[1].id);
    const watcher = await Dust3dClient.connect({ port: emu.port });
    const scenes: Scene[] = [];
    const watch = watchDust3d(watcher, (s) => void scenes.push(s), {
      window: emu.windows[1].id,
      initialRead: false,
      debounceMs: 20,
    });
    await watcher.selectWindow(emu.windows[1].id);
    await editor.command('addnode 0.9 0.51 1.01 0.05');
    await editor.command('addnode 0.2 0.51 1.01 0.05');
    // Three lone nodes make three boxes; wait for the read that sees the second edit.
    while (scenes.at(-1)?.meshes[0].positions.length !== 3 * 8 * 3)
      await new Promise((r) => setTimeout(r, 10));
    await watch.settled();
    watch.stop();
    expect(scenes.length).toBeLessThanOrEqual(2);
    editor.close();
    watcher.close();
  });
});
