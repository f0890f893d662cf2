/**
 * The journal of a multi-file commit (set-commit.ts: a .gltf or .usda and the files it
 * references): which files the commit may leave behind unreferenced if it is stopped
 * half-way. Written before the first file of the set is renamed into place and removed after
 * the last clean-up, it is a dazport temporary file (`.<main>.dazport.<host>.<pid>.<hex>.journal.tmp`,
 * beside the main file): if its process died, the next run in the folder settles it
 * (stale-temps.ts).
 *
 * Settling needs no knowledge of how far the commit got, because every state it passes
 * through is a complete export: whatever the main file references now is kept, and of the
 * files the journal lists, those nothing references are removed:
 * - `fresh`: names this commit created (new files, staged copies); removed when the main file
 *   does not reference them;
 * - `replaced`: names the previous export used that the commit replaces or drops; removed when
 *   no .gltf or .usda in the folder references them (another export may share a texture);
 * - `folders`: folders below the main file's that the commit created or emptied; removed when
 *   empty.
 * Names are relative to the main file's folder and never leave it: a file elsewhere (a USDA
 * texture folder given as `../maps`) is committed as safely but never removed.
 */
import { readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { PathSet, readExportReferences, referencesOfOtherExports } from './export-references.js';
import { releaseTemp } from './temp-files.js';

export interface SetJournal {
  /** The main file's name (.gltf, .usda), in the journal's folder. */
  main: string;
  fresh: string[];
  replaced: string[];
  folders: string[];
}

const FORMAT = 'dazport set journal 1';
/** Written by dazport before .usda sets were journaled: the same fields, no folders. */
const GLTF_FORMAT = 'dazport gltf set journal 1';

/** Write, at `path` (from `newTempPath(mainPath, 'journal')`), the journal of a commit of `mainPath`. */
export function writeJournalSync(
  path: string,
  mainPath: string,
  fresh: string[],
  replaced: string[],
  folders: string[] = [],
): void {
  const folder = dirname(resolve(mainPath));
  const names = (paths: string[]) => paths.flatMap((p) => (inside(folder, p) ? [relative(folder, p)] : []));
  const journal = {
    format: FORMAT,
    main: basename(mainPath),
    fresh: names(fresh),
    replaced: names(replaced),
    folders: names(folders),
  };
  writeFileSync(path, JSON.stringify(journal));
}

/**
 * Remove what the journal lists and nothing references, then the journal itself. `mainFiles`
 * saves reading the main file when the caller just wrote it. Returns false when something could
 * not be removed (the journal is kept, so a later run tries again). Never throws.
 */
export function settleJournalSync(journalPath: string, mainFiles?: string[]): boolean {
  const folder = dirname(journalPath);
  const journal = readJournal(journalPath);
  // A journal that does not parse was cut short while being written: nothing of its commit
  // had been renamed into place yet (the journal is complete first), so there is nothing to undo.
  if (journal) {
    const main = mainFiles ?? readExportReferences(join(folder, journal.main))?.files;
    // A main file that cannot be read is not dazport's: keep everything rather than guess.
    if (main && !removeUnreferenced(folder, journal, new PathSet(main))) return keepForLater(journalPath);
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
  if ((json?.format !== FORMAT && json?.format !== GLTF_FORMAT) || typeof json.main !== 'string') return null;
  if (!isNames(json.fresh) || !isNames(json.replaced)) return null;
  const folders = isNames(json.folders) ? json.folders : [];
  return { main: json.main, fresh: json.fresh, replaced: json.replaced, folders };
}

function removeUnreferenced(folder: string, journal: SetJournal, main: PathSet): boolean {
  let others: PathSet | 'all' | undefined;
  const referencedElsewhere = (path: string) => {
    others ??= referencesOfOtherExports(folder, journal.main);
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
  for (const name of journal.folders) {
    const path = inside(folder, name);
    try {
      if (path) rmdirSync(path);
    } catch {
      // Not empty (another export's files, or the user's), or gone already: it stays.
    }
  }
  return ok;
}

/** `name` resolved in `folder`, or null if it would leave the folder (a journal never names such). */
function inside(folder: string, name: string): string | null {
  const path = resolve(folder, name);
  const rel = relative(folder, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? null : path;
}
