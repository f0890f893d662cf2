/**
 * The main job through the command line, as users run it: the demo end to end, export and
 * retarget with their outputs checked by independent readers (the Khronos validator, gunzip +
 * JSON for .duf), and the failures a user meets, with their exit statuses. The demo runs as a
 * process (the bin, as a user starts it); the other command lines run the same program
 * in-process (test/helpers/in-process-cli.ts), which saves a process start each.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeIssues, validateFile } from '../export/gltf/helpers/validate.js';
import { runCli } from '../helpers/cli.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const CMU = join(__dirname, '..', '..', 'fixtures', 'bvh', 'cmu_01_01.bvh');

describe('the main job on the command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-main-job-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('demo exports the scene, retargets the CMU walk onto the live figure and to GLB, USDA and DUF', async () => {
    const out = join(dir, 'demo');
    const r = await runCli(['--json', 'demo', '--out-dir', out, '--fps', '8']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    // The inventory it read over HTTP from its embedded emulator.
    expect(report).toMatchObject({ ok: true, scene: 'g9' });
    expect(report.emulator).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(report.requestId).toMatch(/^[0-9a-f]{8}$/);
    const figure = report.nodes.find((n: { label: string }) => n.label === 'Genesis 9');
    expect(figure).toMatchObject({ type: 'DzFigure', bones: 143 });
    expect(figure.vertices).toBeGreaterThan(10_000);
    expect(report.nodes.map((n: { type: string }) => n.type)).toEqual(
      expect.arrayContaining(['DzNode', 'DzBasicCamera', 'DzDistantLight', 'DzSpotLight', 'DzPointLight']),
    );
    expect(report.export.outputs.map((o: { format: string }) => o.format)).toEqual(['glb', 'usda']);
    expect(report.export.outputs[0]).toMatchObject({ joints: 143, cameras: 1, lights: 3 });
    const retarget = report.retarget;
    expect(retarget).toMatchObject({ figure: 'Genesis 9', convention: 'cmu', frameRate: 8 });
    // 2752 frames at 120 fps = 22.925 s → 184 frames at 8 fps (a low rate: fewer frames to write).
    expect(retarget.frames).toBe(184);
    expect(retarget.outputs.map((o: { format: string }) => o.format)).toEqual(['glb', 'usda', 'duf', 'live']);
    const live = retarget.outputs[3];
    expect(live.keys).toBe(retarget.keysAfter);
    expect(retarget.keysAfter).toBeLessThan(retarget.keysBefore);
    // USDA keeps its textures in a folder beside it (GLB embeds them).
    expect(readdirSync(out).sort()).toEqual(
      [
        'cmu_01_01-g9.duf',
        'cmu_01_01-g9.glb',
        'cmu_01_01-g9.usda',
        'cmu_01_01-g9_textures',
        'g9.glb',
        'g9.usda',
        'g9_textures',
      ].sort(),
    );
    for (const file of ['g9.glb', 'cmu_01_01-g9.glb']) {
      const v = await validateFile(join(out, file));
      expect([v.issues.numErrors, v.issues.numWarnings], summarizeIssues(v).join('; ')).toEqual([0, 0]);
    }
    // Every accessor has data (a buffer view or sparse values): glTF allows neither (zeros), but
    // assimp-based importers refuse such files.
    const glb = readFileSync(join(out, 'g9.glb'));
    const gltf = JSON.parse(glb.subarray(20, 20 + glb.readUInt32LE(12)).toString('utf8'));
    expect(
      gltf.accessors.filter(
        (a: { bufferView?: number; sparse?: unknown }) => a.bufferView === undefined && !a.sparse,
      ),
    ).toEqual([]);
    expect(gltf.accessors.some((a: { sparse?: unknown }) => a.sparse)).toBe(true);
    const duf = JSON.parse(gunzipSync(readFileSync(join(out, 'cmu_01_01-g9.duf'))).toString('utf8'));
    expect(duf.asset_info.type).toBe('preset_pose');
    const keys = duf.scene.animations.reduce((n: number, a: { keys: unknown[] }) => n + a.keys.length, 0);
    expect(keys).toBe(retarget.keysAfter);
    const usda = readFileSync(join(out, 'cmu_01_01-g9.usda'), 'utf8');
    expect(usda).toMatch(/def SkelAnimation/);
    expect(usda).toMatch(/timeCodesPerSecond = 8/);
  }, 120_000);

  it('export --emulated writes .gltf with its .bin beside it and reports every output', async () => {
    const out = join(dir, 'export', 'g8m.gltf');
    const r = await runInProcess([
      '--json',
      'export',
      '--emulated',
      'g8m',
      '--out',
      out,
      '--select',
      'Genesis 8 Male',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.outputs).toHaveLength(1);
    expect(report.outputs[0]).toMatchObject({ format: 'gltf', cameras: 0, lights: 0, joints: 0 });
    expect(report.outputs[0].sideFiles.length).toBeGreaterThan(0);
    for (const side of report.outputs[0].sideFiles)
      expect(existsSync(side) || existsSync(join(dir, 'export', side))).toBe(true);
    const v = await validateFile(out);
    expect([v.issues.numErrors, v.issues.numWarnings], summarizeIssues(v).join('; ')).toEqual([0, 0]);
  }, 60_000);

  it('export against a scene that keeps changing: reads again --rereads times, then exit 5, nothing written', async () => {
    const t = await startTestEmulator({ scene: 'g9' });
    // Someone keeps editing in DAZ Studio: the timeline moves every 20 ms.
    let time = 0;
    const editing = setInterval(() => {
      time += 160;
      void t.execute(`Scene.setTime(${time})`).catch(() => undefined);
    }, 20);
    try {
      const out = join(dir, 'changing.glb');
      const connection = [
        '--port',
        String(t.emulator.server.port),
        '--token-file',
        join(t.home, 'token.txt'),
      ];
      const r = await runInProcess([
        'export',
        ...connection,
        '--out',
        out,
        '--chunk-kb',
        '16',
        '--rereads',
        '2',
      ]);
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr).toMatch(
        /the DAZ scene changed while it was being read: time\.changed.*reading it again \(1 of 2\)/,
      );
      expect(r.stderr).toMatch(/reading it again \(2 of 2\)/);
      expect(r.stderr).not.toMatch(/\(3 of 2\)/);
      expect(existsSync(out)).toBe(false);
    } finally {
      clearInterval(editing);
      await t.close();
    }
  }, 60_000);

  it('refuses an output it cannot write before doing any work (exit 1)', async () => {
    const r = await runInProcess(['export', '--emulated', 'g9', '--out', join(dir, 'scene.fbx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot tell the format of "scene\.fbx"/);
    expect(r.stderr).toMatch(/\*\.glb, \*\.gltf, \*\.usda/);
    const t = await runInProcess(['retarget', CMU, '--to', 'genesis9', '--out', join(dir, 'walk.fbx')]);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/\*\.duf/);
  }, 60_000);

  it('names a missing clip (exit 2) and an unknown target (exit 1), writing nothing', async () => {
    const out = join(dir, 'missing.glb');
    const r = await runInProcess(['retarget', join(dir, 'nope.bvh'), '--to', 'genesis9', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.bvh');
    expect(existsSync(out)).toBe(false);
    const t = await runInProcess(['retarget', CMU, '--to', 'genesis7', '--out', out]);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/--to takes genesis9, genesis8f, genesis8m or live:<figure label>/);
  }, 60_000);

  it('retarget --to genesis8f: plain-JSON .duf with --no-gzip, keys reduced within the tolerance asked', async () => {
    const out = join(dir, 'walk.duf');
    const loose = join(dir, 'walk-loose.duf');
    // One after the other: an in-process run captures this process's stdout while it runs.
    const a = await runInProcess([
      '--json',
      'retarget',
      CMU,
      '--to',
      'genesis8f',
      '--out',
      out,
      '--no-gzip',
      '--frames',
      '0:239',
    ]);
    const b = await runInProcess([
      '--json',
      'retarget',
      CMU,
      '--to',
      'genesis8f',
      '--out',
      loose,
      '--no-gzip',
      '--frames',
      '0:239',
      '--tolerance-deg',
      '1',
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const tight = JSON.parse(a.stdout);
    expect(tight).toMatchObject({ figure: 'Genesis 8 Female', frames: 240 });
    expect(JSON.parse(readFileSync(out, 'utf8')).asset_info.type).toBe('preset_pose');
    expect(JSON.parse(b.stdout).keysAfter).toBeLessThan(tight.keysAfter);
    expect(statSync(loose).size).toBeLessThan(statSync(out).size);
  }, 60_000);
});
