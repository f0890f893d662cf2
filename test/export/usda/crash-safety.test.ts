/**
 * A .usda export is a set too: the layer and the textures it names by asset path in
 * `<stem>_textures/`. A reader must find the whole previous set or the whole new one whenever
 * the writer dies. As for .gltf (test/export/gltf/crash-safety.test.ts): version A of a
 * textured scene is in a folder, a child exports version B over it (then B over A) and is
 * SIGKILLed right before its k-th change to the file system, for every k, then at random
 * moments. B's `checker_diffuse.png` has A's name and other pixels, so an old .usda paired with
 * a new texture shows.
 *
 * After each kill TinyUSDZ must load the .usda, and every texture its materials name must be a
 * file with the content of A's or of B's export (all of one version). A bystander export in
 * the same folder, sharing the texture folder and one texture with B, must not change. The next
 * export must leave only what the two .usda files reference.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportUsda } from '../../../src/export/usda/index.js';
import type { Scene } from '../../../src/scene/scene.js';
import {
  childReport,
  finished,
  killAtRandomMoments,
  killBeforeEachChange,
  problems,
  type Trial,
  tally,
} from '../../helpers/kill-trials.js';
import { compileForNode, type PlainNodeModule } from '../../helpers/plain-node-module.js';
import { iray, QUAD, tinyScene } from '../gltf/helpers/tiny-scene.js';
import { sceneVersion, type Version } from '../gltf/helpers/two-versions.js';
import { loadRenderScene, tinyTextureSlots } from './tinyusdz.js';

const TEXTURES = join(process.cwd(), 'assets/textures');
const MAIN = 'scene.usda';
const BYSTANDER = 'other.usda';
const RANDOM_TRIALS = 10;

/** Another export in the same folder, writing into scene.usda's texture folder; B shares its normal map. */
function bystander(): Scene {
  return tinyScene({
    ...QUAD,
    materials: [
      iray('Other', {
        'Diffuse Color': { label: '', value: [1, 1, 1], map: join(TEXTURES, 'eye_diffuse.png') },
        'Normal Map': { label: '', value: 1, map: join(TEXTURES, 'skin_normal.png') },
      }),
    ],
  });
}

/** What a reader sees of a .usda: the text with each asset path replaced by its file's hash, and TinyUSDZ's textures. */
interface View {
  text: string;
  /** Per material, texture slot → hash of the file TinyUSDZ's asset path names. */
  slots: Record<string, string>[];
}

function contentOf(path: string): string {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : `missing ${path}`;
}

/** Files a .usda names by asset path (relative to its folder). */
function assetPaths(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/@([^@\n]+)@/g)].map((m) => resolve(dirname(file), m[1]));
}

/**
 * TinyUSDZ's texture slots (asset paths as written) per .usda content already read: most trials
 * leave byte for byte A's or B's layer, and the bystander's, and TinyUSDZ answers the same for
 * the same bytes (about 50 ms of CPU a read, three reads a trial). A layer not seen before is read.
 */
const slotsByContent = new Map<string, Record<string, string>[]>();

async function tinySlots(bytes: Buffer, file: string): Promise<Record<string, string>[]> {
  const key = `${basename(file)} ${createHash('sha256').update(bytes).digest('hex')}`;
  let slots = slotsByContent.get(key);
  if (!slots) {
    // The render scene is what a reader resolves textures through; the layer print is not needed here.
    const render = await loadRenderScene(bytes, file);
    slots = tinyTextureSlots(render);
    render.delete?.();
    slotsByContent.set(key, slots);
  }
  return slots;
}

async function view(file: string): Promise<View> {
  const bytes = readFileSync(file);
  const slots = (await tinySlots(bytes, file)).map((s) =>
    Object.fromEntries(
      Object.entries(s).map(([slot, uri]) => [slot, contentOf(resolve(dirname(file), uri))]),
    ),
  );
  const text = bytes
    .toString('utf8')
    .replace(/@([^@\n]+)@/g, (_, path: string) => `@${contentOf(resolve(dirname(file), path))}@`);
  return { text, slots };
}

describe('a .usda export killed at any point', () => {
  let root: string;
  let alt: string;
  let child: PlainNodeModule;
  const references = new Map<Version, View>();
  let bystanderView: View;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'dazport-usda-crash-'));
    alt = join(root, 'alt');
    mkdirSync(alt);
    // B's checker_diffuse.png: same name as A's, other pixels.
    cpSync(join(TEXTURES, 'skin_diffuse.png'), join(alt, 'checker_diffuse.png'));
    for (const v of ['A', 'B'] as const) {
      const ref = join(root, `ref${v}`);
      mkdirSync(ref);
      await exportUsda(bystander(), join(ref, BYSTANDER), { textureFolder: 'scene_textures' });
      await exportUsda(sceneVersion(v, TEXTURES, alt), join(ref, MAIN));
      references.set(v, await view(join(ref, MAIN)));
    }
    bystanderView = await view(join(root, 'refA', BYSTANDER));
    child = compileForNode(join(import.meta.dirname, '..', 'gltf', 'helpers', 'crash-child.ts'));
  });
  afterAll(() => {
    child?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  async function inspect(dir: string, allowed: Version[]): Promise<string[]> {
    const main = join(dir, MAIN);
    if (!existsSync(main)) return ['no .usda'];
    let seen: View;
    try {
      seen = await view(main);
    } catch (err) {
      return [(err as Error).message];
    }
    const problems: string[] = [];
    const version = allowed.find((v) => {
      const ref = references.get(v)!;
      return ref.text === seen.text && JSON.stringify(ref.slots) === JSON.stringify(seen.slots);
    });
    if (!version) problems.push(`neither ${allowed.join(' nor ')}: textures ${JSON.stringify(seen.slots)}`);
    const other = await view(join(dir, BYSTANDER)).catch((err: Error) => ({ text: err.message, slots: [] }));
    if (
      other.text !== bystanderView.text ||
      JSON.stringify(other.slots) !== JSON.stringify(bystanderView.slots)
    )
      problems.push(`${BYSTANDER} changed`);
    return problems;
  }

  function filesBelow(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => join(e.parentPath, e.name));
  }

  async function trial(
    label: string,
    from: Version,
    to: Version,
    killBefore: number,
    killAfterMs?: number,
  ): Promise<Trial> {
    const dir = mkdtempSync(join(root, 'trial-'));
    cpSync(join(root, `ref${from}`), dir, { recursive: true });
    const args = [child.main, join(dir, MAIN), String(killBefore), String(killAfterMs ?? '-')];
    const proc = spawn(process.execPath, [...args, 'usda', to, TEXTURES, alt], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const end = await finished(proc);
    if (end.signal !== 'SIGKILL' && end.code !== 0)
      return { label, broken: [`child failed (${end.code})`], leftovers: [] };
    const broken = await inspect(dir, [from, to]);
    // The next run: the same export again, here, over whatever the kill left.
    await exportUsda(sceneVersion(to, TEXTURES, alt), join(dir, MAIN));
    // Its texture names are those of a clean export: no staged name left, no suffix picked up.
    const names = (folder: string) => assetPaths(join(folder, MAIN)).map((f) => relative(folder, f));
    const renamed = names(dir).filter((n, i) => n !== names(join(root, `ref${to}`))[i]);
    const kept = new Set([MAIN, BYSTANDER].flatMap((f) => [join(dir, f), ...assetPaths(join(dir, f))]));
    const leftovers = filesBelow(dir)
      .filter((f) => !kept.has(f))
      .map((f) => relative(dir, f));
    if (JSON.stringify((await view(join(dir, BYSTANDER))).slots) !== JSON.stringify(bystanderView.slots))
      leftovers.push(`${BYSTANDER} changed by the next run`);
    if (renamed.length) leftovers.push(`textures renamed by the next run: ${renamed.join(', ')}`);
    rmSync(dir, { recursive: true, force: true });
    return { label: end.signal ? label : `${label} (finished first)`, broken, leftovers };
  }

  async function changesOf(from: Version, to: Version): Promise<{ changes: number; writeMs: number }> {
    const dir = mkdtempSync(join(root, 'count-'));
    cpSync(join(root, `ref${from}`), dir, { recursive: true });
    const proc = spawn(process.execPath, [child.main, join(dir, MAIN), '0', '-', 'usda', to, TEXTURES, alt], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const end = await finished(proc);
    rmSync(dir, { recursive: true, force: true });
    return childReport(end);
  }

  it('before each change it makes: the old or the new set, whole; nothing else after the next run', async () => {
    const trials = await killBeforeEachChange(changesOf, trial);
    tally('.usda: kill before each change', trials);
    expect(trials.length).toBeGreaterThanOrEqual(12);
    expect(problems(trials)).toEqual([]);
  }, 240_000);

  it('at random moments of its writes: the same', async () => {
    const { writeMs } = await changesOf('A', 'B');
    const trials = await killAtRandomMoments(RANDOM_TRIALS, 0x05da, writeMs, (label, d) =>
      trial(label, 'A', 'B', 0, d),
    );
    tally('.usda: kill at random moments', trials);
    expect(problems(trials)).toEqual([]);
  }, 120_000);
});
