/**
 * A .gltf export is a set of files (the .gltf, its .bin, its textures) that a reader must see
 * whole: the previous set or the new one, never a mix, whenever the writer dies. Each trial
 * copies version A of a scene into a folder, starts a child that exports version B over it and
 * kills it (SIGKILL, no cleanup can run) right before its k-th change to the file system, for
 * every k the export makes, then the other way round (B → A); a second series kills at random
 * moments of its writes. After each kill an independent reader (glTF-Transform's NodeIO, then the Khronos
 * validator) must load a complete export equal to A or B. The next export into the folder must
 * then leave exactly its own set: no temporary file, backup, orphan or empty folder of the
 * killed one, in the .gltf's folder or its texture folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGltf } from '../../../src/export/gltf/index.js';
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
import { sceneVersion, type Version } from './helpers/two-versions.js';
import { validateFile } from './helpers/validate.js';

const TEXTURES = join(process.cwd(), 'assets/textures');
const MAIN = 'scene.gltf';
const RANDOM_TRIALS = 10;

describe('a .gltf export killed at any point', () => {
  let root: string;
  let alt: string;
  let child: PlainNodeModule;
  const fingerprints = new Map<string, Version>();

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'dazport-crash-'));
    alt = join(root, 'alt');
    mkdirSync(alt);
    // B's checker_diffuse.png: same name as A's, other pixels.
    cpSync(join(TEXTURES, 'skin_diffuse.png'), join(alt, 'checker_diffuse.png'));
    for (const v of ['A', 'B'] as const) {
      mkdirSync(join(root, `ref${v}`));
      await exportGltf(sceneVersion(v, TEXTURES, alt), join(root, `ref${v}`, MAIN));
      fingerprints.set(fingerprint(join(root, `ref${v}`, MAIN)), v);
    }
    child = compileForNode(join(import.meta.dirname, 'helpers', 'crash-child.ts'));
  });
  afterAll(() => {
    child?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  /** The .gltf with each external file replaced by its hash: equal for equal sets, whatever the names. */
  function fingerprint(main: string): string {
    const json = JSON.parse(readFileSync(main, 'utf8'));
    const hashOf = (uri: string) =>
      createHash('sha256')
        .update(readFileSync(resolve(dirname(main), decodeURIComponent(uri))))
        .digest('hex');
    for (const list of [json.buffers ?? [], json.images ?? []])
      for (const item of list) if (item.uri) item.uri = hashOf(item.uri);
    return JSON.stringify(json);
  }

  /** Every file and folder below `dir`, relative, with forward slashes (as URIs are). */
  function entriesBelow(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) =>
      relative(dir, join(e.parentPath, e.name)).split(sep).join('/'),
    );
  }

  /** A folder is no leftover while it holds a referenced file (the texture folder). */
  function holdsReferenced(entry: string, refs: Set<string>): boolean {
    return [...refs].some((r) => r.startsWith(`${entry}/`));
  }

  /** Files the .gltf references, by relative path. */
  function referenced(main: string): Set<string> {
    const json = JSON.parse(readFileSync(main, 'utf8'));
    return new Set(
      [...(json.buffers ?? []), ...(json.images ?? [])]
        .filter((item: { uri?: string }) => item.uri)
        .map((item: { uri: string }) => decodeURIComponent(item.uri)),
    );
  }

  /**
   * What NodeIO and the validator found, per exact set read already (the .gltf's bytes and each
   * referenced file's): most kills leave A's or B's set byte for byte, and the readers answer
   * the same for the same bytes. A set not seen before is read.
   */
  const readersByContent = new Map<string, string[]>();

  function contentKey(main: string): string {
    const bytes = readFileSync(main);
    const hash = createHash('sha256').update(bytes);
    let json: { buffers?: { uri?: string }[]; images?: { uri?: string }[] };
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      return hash.digest('hex');
    }
    for (const item of [...(json.buffers ?? []), ...(json.images ?? [])]) {
      if (!item.uri) continue;
      const file = resolve(dirname(main), decodeURIComponent(item.uri));
      hash.update(`\0${item.uri}\0`).update(existsSync(file) ? readFileSync(file) : 'missing');
    }
    return hash.digest('hex');
  }

  async function readersFind(main: string): Promise<string[]> {
    try {
      await new NodeIO().registerExtensions(ALL_EXTENSIONS).read(main);
    } catch (err) {
      return [`NodeIO cannot read it: ${(err as Error).message}`];
    }
    const report = await validateFile(main);
    return report.issues.numErrors > 0 ? [`${report.issues.numErrors} validator errors`] : [];
  }

  async function inspect(dir: string, allowed: Version[]): Promise<string[]> {
    const main = join(dir, MAIN);
    if (!existsSync(main)) return ['no .gltf'];
    const key = contentKey(main);
    let found = readersByContent.get(key);
    if (!found) {
      found = await readersFind(main);
      readersByContent.set(key, found);
    }
    if (found.some((p) => p.startsWith('NodeIO'))) return found;
    const problems = [...found];
    const version = fingerprints.get(fingerprint(main));
    if (!version || !allowed.includes(version)) problems.push(`neither ${allowed.join(' nor ')}`);
    return problems;
  }

  /** How the child writes `to`: the whole exporter, or only the set writer (starts faster). */
  type Writer = 'export' | 'set';

  function run(
    dir: string,
    to: Version,
    writer: Writer,
    killBefore: number,
    killAfterMs?: number,
  ): ChildProcess {
    const how = writer === 'export' ? ['export', to, TEXTURES, alt] : ['set', join(root, `ref${to}`)];
    const args = [child.main, join(dir, MAIN), String(killBefore), String(killAfterMs ?? '-'), ...how];
    return spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Version `from` in a fresh folder, a child writing `to` over it and killed by `kill`. */
  async function trial(
    label: string,
    from: Version,
    to: Version,
    writer: Writer,
    killBefore: number,
    killAfterMs?: number,
  ): Promise<Trial> {
    const dir = mkdtempSync(join(root, 'trial-'));
    cpSync(join(root, `ref${from}`), dir, { recursive: true });
    const end = await finished(run(dir, to, writer, killBefore, killAfterMs));
    if (end.signal !== 'SIGKILL' && end.code !== 0)
      return { label, broken: [`child failed (${end.code})`], leftovers: [] };
    const broken = await inspect(dir, [from, to]);
    // The next run: the same export again, here, over whatever the kill left.
    await exportGltf(sceneVersion(to, TEXTURES, alt), join(dir, MAIN));
    const refs = referenced(join(dir, MAIN));
    const leftovers = entriesBelow(dir).filter(
      (f) => f !== MAIN && !refs.has(f) && !holdsReferenced(f, refs),
    );
    rmSync(dir, { recursive: true, force: true });
    return { label: end.signal ? label : `${label} (finished first)`, broken, leftovers };
  }

  async function changesOf(
    from: Version,
    to: Version,
    writer: Writer,
  ): Promise<{ changes: number; writeMs: number }> {
    const dir = mkdtempSync(join(root, 'count-'));
    cpSync(join(root, `ref${from}`), dir, { recursive: true });
    const end = await finished(run(dir, to, writer, 0));
    rmSync(dir, { recursive: true, force: true });
    return childReport(end);
  }

  it('before each change it makes: the old or the new set, whole; nothing else after the next run', async () => {
    const trials = await killBeforeEachChange(
      (from, to) => changesOf(from, to, 'set'),
      (label, from, to, k) => trial(label, from, to, 'set', k),
    );
    tally('kill before each change', trials);
    expect(trials.length).toBeGreaterThanOrEqual(20);
    expect(problems(trials)).toEqual([]);
  }, 240_000);

  it('at random moments of its writes: the same', async () => {
    const { writeMs } = await changesOf('A', 'B', 'export');
    const trials = await killAtRandomMoments(RANDOM_TRIALS, 0x5eed, writeMs, (label, d) =>
      trial(label, 'A', 'B', 'export', 0, d),
    );
    tally('kill at random moments', trials);
    expect(problems(trials)).toEqual([]);
  }, 120_000);
});
