/**
 * A .gltf is a set: the JSON file and, beside it, the .bin and textures it references by
 * relative URI. A reader must find either the whole previous set or the whole new one at every
 * instant, and so must whoever looks after a crash at any point. Renaming several files is not
 * atomic, so the commit makes every intermediate state a complete export:
 *
 * 1. The stale temporary files of killed runs are swept (stale-temps.ts), then every file of
 *    the new set is written to a temporary file beside its target. Nothing visible changes.
 * 2. A journal (set-journal.ts) lists the names the commit may leave unreferenced. Then, in
 *    one synchronous run (a signal handler cannot interleave with it):
 *    a. new files whose names the previous .gltf does not use are renamed into place; the
 *       previous set does not see them;
 *    b. new files whose names the previous set uses (scene.bin, a texture kept) are renamed to
 *       a staged name instead (`scene.staged-<hex>.bin`), and a .gltf referencing those staged
 *       names replaces the previous one: the first commit point, the new set is complete;
 *    c. each staged file is hard-linked (copied where links are refused) to its own name, and
 *       the final .gltf, referencing the usual names, replaces the staged one;
 *    d. what no .gltf references any more (staged names, files the previous set had and the new
 *       one has not) is removed, then the journal.
 *    With nothing to stage (a first export), (b) and (c) reduce to renaming the .gltf last.
 * 3. A kill anywhere leaves the previous set, the new set (perhaps under staged names), some
 *    temporary files and the journal: the next run in the folder settles the journal (removes
 *    whatever it lists that nothing references) and sweeps the temporary files.
 *
 * Files of the previous set are removed only if the previous .gltf was written by dazport and
 * no other .gltf in the folder references them. Any failure throws DazportError
 * `DAZPORT_OUTPUT` and leaves one whole export: the previous one, or the new one if it was
 * already committed.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, linkSync, lstatSync, renameSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { GLTF } from '@gltf-transform/core';
import { isDazportError } from '../../errors.js';
import { discardTemp, outputError } from '../atomic-write.js';
import { sweepStaleTemps } from '../stale-temps.js';
import { discardTempSync, newTempPath, releaseTemp } from '../temp-files.js';
import { readGltfReferences, relativeUriPath, settleJournalSync, writeJournalSync } from './set-journal.js';

/** The .gltf's JSON; its `buffers[].uri` and `images[].uri` name the files of `resources`. */
type GltfJson = GLTF.IGLTF;

interface Companion {
  uri: string;
  path: string;
  data: Uint8Array;
  temp: string;
  /** Set when the previous set uses `path`: the URI and path it is committed under first. */
  staged?: { uri: string; path: string };
}

/** Write `json` to `mainPath` and `resources` (URI → bytes) beside it as one set; resolves to the bytes written. */
export async function writeGltfSet(
  mainPath: string,
  json: GltfJson,
  resources: Record<string, Uint8Array>,
): Promise<number> {
  const folder = dirname(resolve(mainPath));
  sweepStaleTemps(folder);
  const previous = readGltfReferences(mainPath);
  for (const uri of Object.keys(resources))
    if (!relativeUriPath(folder, uri))
      throw outputError(mainPath, new Error(`"${uri}" is not a relative file URI`));
  const companions: Companion[] = Object.entries(resources).map(([uri, data]) => {
    const path = relativeUriPath(folder, uri)!;
    const staged = previous?.files.has(path) ? stagedUri(uri) : null;
    return {
      uri,
      path,
      data,
      temp: newTempPath(path),
      ...(staged ? { staged: { uri: staged, path: relativeUriPath(folder, staged)! } } : {}),
    };
  });
  const mainText = JSON.stringify(json);
  const mainTemp = newTempPath(mainPath);
  const staging = companions.some((c) => c.staged);
  const stagedTemp = staging ? newTempPath(mainPath) : null;
  let current = mainPath;
  try {
    for (const path of [mainPath, ...companions.map((c) => c.path)]) {
      current = path;
      refuseNonFile(path);
    }
    for (const c of companions) {
      current = c.path;
      await writeFile(c.temp, c.data);
    }
    current = mainPath;
    await writeFile(mainTemp, mainText);
    if (stagedTemp) await writeFile(stagedTemp, JSON.stringify(withUris(json, companions)));
  } catch (cause) {
    await Promise.all(
      [...companions.map((c) => c.temp), mainTemp, stagedTemp].map((t) => t && discardTemp(t)),
    );
    throw isDazportError(cause) ? cause : outputError(current, cause);
  }
  commitSync(mainPath, mainTemp, stagedTemp, companions, previousFiles(previous, companions));
  return companions.reduce((n, c) => n + c.data.byteLength, Buffer.byteLength(mainText));
}

/**
 * Steps 2a–2d, synchronous: no other JavaScript of this process (a SIGINT handler removing
 * temporary files) runs in between, so the process only ever stops mid-commit by a kill.
 */
function commitSync(
  mainPath: string,
  mainTemp: string,
  stagedTemp: string | null,
  companions: Companion[],
  replaced: string[],
): void {
  const fresh = [
    ...companions.filter((c) => !c.staged && !exists(c.path)).map((c) => c.path),
    ...companions.flatMap((c) => (c.staged ? [c.staged.path] : [])),
  ];
  const journal = newTempPath(mainPath, 'journal');
  const links: string[] = [];
  let current = mainPath;
  try {
    writeJournalSync(journal, mainPath, fresh, replaced);
    for (const c of companions) {
      current = c.path;
      renameSync(c.temp, c.staged?.path ?? c.path);
      releaseTemp(c.temp);
    }
    current = mainPath;
    if (stagedTemp) {
      renameSync(stagedTemp, mainPath);
      releaseTemp(stagedTemp);
    }
    for (const c of companions) {
      if (!c.staged) continue;
      current = c.path;
      const link = newTempPath(c.path);
      links.push(link);
      linkOrCopySync(c.staged.path, link);
      renameSync(link, c.path);
      releaseTemp(link);
    }
    current = mainPath;
    renameSync(mainTemp, mainPath);
    releaseTemp(mainTemp);
  } catch (cause) {
    // Settling keeps whatever the .gltf now references (the previous set, or the new one if
    // a commit point was passed) and removes the rest of what the journal lists.
    settleJournalSync(journal);
    for (const temp of [mainTemp, stagedTemp, ...links, ...companions.map((c) => c.temp)])
      if (temp) discardTempSync(temp);
    throw outputError(current, cause);
  }
  settleJournalSync(journal, new Set(companions.map((c) => c.path)));
}

/** The previous set's files that the commit replaces (staged names) or drops. */
function previousFiles(previous: ReturnType<typeof readGltfReferences>, companions: Companion[]): string[] {
  const staged = companions.flatMap((c) => (c.staged ? [c.path] : []));
  if (!previous?.generator?.startsWith('dazport')) return staged;
  const kept = new Set(companions.map((c) => c.path));
  return [...staged, ...[...previous.files].filter((f) => !kept.has(f))];
}

/** `scene.bin` → `scene.staged-1a2b3c4d.bin`: a name no file of either set has. */
function stagedUri(uri: string): string {
  const ext = extname(uri);
  return `${uri.slice(0, uri.length - ext.length)}.staged-${randomBytes(4).toString('hex')}${ext}`;
}

function withUris(json: GltfJson, companions: Companion[]): GltfJson {
  const renamed = new Map(companions.flatMap((c) => (c.staged ? [[c.uri, c.staged.uri] as const] : [])));
  const rename = <T extends { uri?: string }>(items: T[] | undefined) =>
    items?.map((item) =>
      item.uri && renamed.has(item.uri) ? { ...item, uri: renamed.get(item.uri) } : item,
    );
  return { ...json, buffers: rename(json.buffers), images: rename(json.images) };
}

function linkOrCopySync(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    // FAT, exFAT and some network shares have no hard links.
    copyFileSync(from, to);
  }
}

function refuseNonFile(path: string): void {
  const stat = lstatOrNull(path);
  if (stat && !stat.isFile()) throw new Error('a folder or special file is in the way');
}

function exists(path: string): boolean {
  return lstatOrNull(path) !== null;
}

function lstatOrNull(path: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
