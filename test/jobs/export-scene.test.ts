/**
 * `exportScene` is the export job in one call, the one the CLI's `export` runs: one read of the
 * scene, every output written from it, progress told through a callback, nothing printed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ExportSceneProgress, exportScene } from '../../src/index.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let emu: TestEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startTestEmulator({ scene: 'g9' });
  dir = mkdtempSync(join(tmpdir(), 'dazport-export-job-'));
});
afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

const clientOf = (e: TestEmulator) => e.client();

describe('exportScene', () => {
  it('writes several formats from one read of the scene, without printing', async () => {
    const client = clientOf(emu);
    const outs = [join(dir, 'g9.glb'), join(dir, 'g9.usda'), join(dir, 'nested', 'deeper', 'g9.gltf')];
    const progress: ExportSceneProgress[] = [];
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      const result = await exportScene(client, outs, { onProgress: (p) => progress.push(p) });
      expect(result.outputs.map((o) => o.file)).toEqual(outs);
      expect(result.outputs.map((o) => o.format)).toEqual(['glb', 'usda', 'gltf']);
      for (const out of outs) expect(existsSync(out)).toBe(true);
      expect(result.outputs[0].meshes).toBeGreaterThan(0);
      expect(result.rereads).toBe(0);
      // One read: its inventory was taken once, then every output was written in turn.
      const reads = progress.filter((p) => p.stage === 'read');
      expect(reads.filter((p) => p.read.phase === 'done')).toHaveLength(1);
      const writes = progress.filter((p) => p.stage === 'write');
      expect(new Set(writes.map((w) => `${w.output} of ${w.outputs}: ${w.file}`))).toEqual(
        new Set(outs.map((out, i) => `${i + 1} of 3: ${out}`)),
      );
      expect(progress.indexOf(writes[0])).toBeGreaterThan(progress.indexOf(reads[reads.length - 1]));
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      await client.close();
    }
  });

  it('refuses an output it cannot write before reading anything', async () => {
    const client = clientOf(emu);
    const onProgress = vi.fn();
    try {
      await expect(
        exportScene(client, [join(dir, 'ok.glb'), join(dir, 'scene.fbx')], { onProgress }),
      ).rejects.toMatchObject({
        code: 'DAZPORT_USAGE',
        context: { file: join(dir, 'scene.fbx') },
      });
      expect(onProgress).not.toHaveBeenCalled();
      expect(existsSync(join(dir, 'ok.glb'))).toBe(false);
    } finally {
      await client.close();
    }
  });

  it('writes the same bytes as two separate exports would', async () => {
    const client = clientOf(emu);
    try {
      await exportScene(client, join(dir, 'alone.glb'));
      expect(readFileSync(join(dir, 'alone.glb')).equals(readFileSync(join(dir, 'g9.glb')))).toBe(true);
    } finally {
      await client.close();
    }
  });
});
