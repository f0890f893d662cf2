/**
 * The journal of a .gltf set commit (write-files.ts): which files the commit may leave behind
 * unreferenced if it is stopped half-way. Written before the first file of the set is renamed
 * into place and removed after the last clean-up, it is a dazport temporary file
 * (`.<main>.dazport.<host>.<pid>.<hex>.journal.tmp`): if its process died, the next run in the
 * folder settles it (stale-temps.ts).
 *
 * Settling needs no knowledge of how far the commit got, because every state it passes
 * through is a complete export: whatever the .gltf references now is kept, and of the files the
 * journal lists, those nothing references are removed:
 * - `fresh`: names this commit created (new companions, staged copies); removed when the .gltf
 *   does not reference them;
 * - `replaced`: names the previous export used that the commit replaces or drops; removed when
 *   no .gltf in the folder references them (another export may share a texture file name).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { releaseTemp } from '../temp-files.js';

export interface SetJournal {
  /** The .gltf's file name, in the journal's folder. */
  main: string;
  fresh: string[];
  replaced: string[];
}

const FORMAT = 'dazport gltf set journal 1';

export interface GltfReferences {
  /** Absolute paths of the files the .gltf references by relative URI (buffers, images). */
  files: Set<string>;
  /** `asset.generator`: only dazport's own exports have their old files removed. */
  generator: string | undefined;
}

/** What a .gltf references; an empty set when there is no file; null when it cannot be read as glTF. */
export function readGltfReferences(path: string): GltfReferences | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT'
      ? { files: new Set(), generator: undefined }
      : null;
  }
  let json: { asset?: { generator?: unknown }; buffers?: unknown; images?: unknown };
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const folder = dirname(path);
  const files = new Set<string>();
  for (const list of [json.buffers, json.images]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const uri = (item as { uri?: unknown } | null)?.uri;
      const file = typeof uri === 'string' ? relativeUriPath(folder, uri) : null;
      if (file) files.add(file);
    }
  }
  const generator = typeof json.asset?.generator === 'string' ? json.asset.generator : undefined;
  return { files, generator };
}

/** The file a relative URI names; null for data: URIs, other schemes and absolute paths. */
export function relativeUriPath(folder: string, uri: string): string | null {
  if (uri.startsWith('data:') || /^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/')) return null;
  let decoded = uri;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    // A malformed escape: glTF readers fall back to the raw text too.
  }
  return resolve(folder, decoded);
}

/** Write, at `path` (from `newTempPath(mainPath, 'journal')`), the journal of a commit of `mainPath`. */
export function writeJournalSync(path: string, mainPath: string, fresh: string[], replaced: string[]): void {
  const folder = dirname(resolve(mainPath));
  const names = (paths: string[]) => paths.map((p) => relative(folder, p));
  const journal = {
    format: FORMAT,
    main: basename(mainPath),
    fresh: names(fresh),
    replaced: names(replaced),
  };
  writeFileSync(path, JSON.stringify(journal));
}

/**
 * Remove what the journal lists and nothing references, then the journal itself. `mainFiles`
 * saves reading the .gltf when the caller just wrote it. Returns false when something could not
 * be removed (the journal is kept, so a later run tries again). Never throws.
 */
export function settleJournalSync(journalPath: string, mainFiles?: Set<string>): boolean {
  const folder = dirname(journalPath);
  const journal = readJournal(journalPath);
  // A journal that does not parse was cut short while being written: nothing of its commit
  // had been renamed into place yet (the journal is complete first), so there is nothing to undo.
  if (journal) {
    const main = mainFiles ?? readGltfReferences(join(folder, journal.main))?.files;
    // A .gltf that cannot be read is not dazport's: keep everything rather than guess.
    if (main && !removeUnreferenced(folder, journal, main)) return keepForLater(journalPath);
  }
  try {
    rmSync(journalPath, { force: true });
  } catch {
    return keepForLater(journalPath);
  }
  releaseTemp(journalPath);
  return true;
}

/** Leave the journal for a run after this process ends (its pid in the name will be dead then). */
function keepForLater(journalPath: string): false {
  releaseTemp(journalPath);
  return false;
}

function readJournal(path: string): SetJournal | null {
  let json: Partial<SetJournal> & { format?: unknown };
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  const isNames = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (json?.format !== FORMAT || typeof json.main !== 'string') return null;
  if (!isNames(json.fresh) || !isNames(json.replaced)) return null;
  return { main: json.main, fresh: json.fresh, replaced: json.replaced };
}

function removeUnreferenced(folder: string, journal: SetJournal, main: Set<string>): boolean {
  let others: Set<string> | 'all' | undefined;
  const referencedElsewhere = (path: string) => {
    others ??= referencesOfOtherGltfs(folder, journal.main);
    return others === 'all' || others.has(path);
  };
  let ok = true;
  const remove = (path: string) => {
    try {
      rmSync(path, { force: true });
    } catch {
      ok = false;
    }
  };
  for (const name of journal.fresh) {
    const path = inside(folder, name);
    if (path && !main.has(path)) remove(path);
  }
  for (const name of journal.replaced) {
    const path = inside(folder, name);
    if (path && !main.has(path) && !referencedElsewhere(path)) remove(path);
  }
  return ok;
}

/** `name` resolved in `folder`, or null if it would leave the folder (a journal never names such). */
function inside(folder: string, name: string): string | null {
  const path = resolve(folder, name);
  const rel = relative(folder, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? null : path;
}

/** Everything the other .gltf files of the folder reference; 'all' if one cannot be read. */
function referencesOfOtherGltfs(folder: string, main: string): Set<string> | 'all' {
  const all = new Set<string>();
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 'all';
  }
  for (const name of names) {
    if (name === main || !/\.gltf$/i.test(name)) continue;
    const refs = readGltfReferences(join(folder, name));
    if (!refs) return 'all';
    for (const f of refs.files) all.add(f);
  }
  return all;
}
