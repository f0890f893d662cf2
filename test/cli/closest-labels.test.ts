/**
 * A label that is not in the scene (export --select, retarget --to live:, discover --figure, the
 * library's select) fails with the closest labels in the message and in context.candidates,
 * and points at `dazport scene`; the matching itself (text/closest-matches.ts) on its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { readScene } from '../../src/client/scene-reader.js';
import { closestMatches, editDistance } from '../../src/text/closest-matches.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const CMU = join(__dirname, '..', '..', 'fixtures', 'bvh', 'cmu_01_01.bvh');
const G9_LABELS = [
  'Genesis 9',
  'Textured Cube',
  'Camera 1',
  'Distant Light 1',
  'Spotlight 1',
  'Point Light 1',
];

describe('closestMatches', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('genesis', 'gensis')).toBe(1);
    expect(editDistance('gensies', 'genesis')).toBe(2);
    expect(editDistance('abcd', 'bacd')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('finds a label typed without its spaces, in another case, or with a typo, best first', () => {
    expect(closestMatches('Genesis9', G9_LABELS)[0]).toBe('Genesis 9');
    expect(closestMatches('genesis 9', G9_LABELS)[0]).toBe('Genesis 9');
    expect(closestMatches('Gensis 9', G9_LABELS)[0]).toBe('Genesis 9');
    expect(closestMatches('spot light 1', G9_LABELS)[0]).toBe('Spotlight 1');
    expect(closestMatches('Camera 2', G9_LABELS)[0]).toBe('Camera 1');
  });

  it('finds a label from a part of it, after the near misses', () => {
    expect(closestMatches('cube', G9_LABELS)).toEqual(['Textured Cube']);
    // Nearest length first: the part typed is most of "Spotlight 1".
    expect(closestMatches('Light', G9_LABELS)).toEqual(['Spotlight 1', 'Point Light 1', 'Distant Light 1']);
    expect(closestMatches('Light 1', ['Light 2', 'Point Light 1'])).toEqual(['Light 2', 'Point Light 1']);
  });

  it('returns nothing far away, at most `limit` names, each once', () => {
    expect(closestMatches('Victoria', G9_LABELS)).toEqual([]);
    expect(closestMatches('ab', ['abc', 'xabx'])).toEqual(['abc']);
    const many = Array.from({ length: 20 }, (_, i) => `Light ${i}`);
    expect(closestMatches('Light', many, { limit: 3 })).toHaveLength(3);
    expect(closestMatches('Cube', ['Cube 1', 'Cube 1', 'Cube 2'])).toEqual(['Cube 1', 'Cube 2']);
  });
});

describe('an unknown label names the closest ones', () => {
  let emulator: TestEmulator;
  let client: DazClient;
  let dir: string;
  const connection = () => ['--port', String(emulator.emulator.server.port), '--token', emulator.token];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-labels-'));
    emulator = await startTestEmulator({ scene: 'g9' });
    client = emulator.client();
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('in the library: DazNodeNotFoundError with context.candidates', async () => {
    const err = await readScene(client, { select: ['Textured Cub'] }).catch((e) => e);
    expect(err.code).toBe('DAZPORT_NODE_NOT_FOUND');
    expect(err.context.candidates).toEqual(['Textured Cube']);
    expect(err.message).toBe(
      'a node labelled "Textured Cub" is not in the DAZ scene; closest: "Textured Cube"',
    );
    expect(err.suggestion).toMatch(/listScene/);
  });

  it('when none is close, the message shows the labels there are', async () => {
    const err = await readScene(client, { select: ['Victoria 8'] }).catch((e) => e);
    expect(err.context.candidates).toEqual([]);
    expect(err.context.present).toEqual(G9_LABELS.slice(0, 5));
    expect(err.message).toMatch(
      /"Victoria 8" is not in the DAZ scene; none is close \(labels: "Genesis 9", .*"Spotlight 1", … 6 in all\)/,
    );
  });

  it('export --select: exit 2, the closest labels, and `dazport scene` in the hint', async () => {
    const r = await runInProcess([
      'export',
      '--emulated',
      'g9',
      '--out',
      join(dir, 'x.glb'),
      '--select',
      'genesis9',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a node labelled "genesis9" is not in the DAZ scene; closest: "Genesis 9"/);
    expect(r.stderr).toMatch(/hint: .*`dazport scene`/);
  }, 60_000);

  it('retarget --to live:<label> with --json: the candidates in the error object', async () => {
    const r = await runInProcess(['--json', 'retarget', CMU, '--to', 'live:Genesis9', ...connection()]);
    expect(r.code, r.stdout).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error.code).toBe('DAZPORT_NODE_NOT_FOUND');
    expect(error.context.candidates[0]).toBe('Genesis 9');
    expect(error.suggestion).toMatch(/`dazport scene`/);
  }, 60_000);

  it('discover --figure <label>: the closest labels; a label that is no figure says so', async () => {
    const wrong = await runInProcess(['discover', '--figure', 'Genesis 8', ...connection()]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/"Genesis 8" is not in the DAZ scene; closest: "Genesis 9"/);
    const camera = await runInProcess(['discover', '--figure', 'Camera 1', ...connection()]);
    expect(camera.code).toBe(2);
    expect(camera.stderr).toMatch(/"Camera 1" is not a figure/);
    expect(camera.stderr).toMatch(/`dazport scene` lists the figures/);
  }, 60_000);
});
