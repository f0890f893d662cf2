/**
 * Committing a multi-file export: a main file (.gltf, .usda) and the files it references (a
 * .bin, textures). A reader must find either the whole previous set or the whole new one at
 * every instant, and so must whoever looks after a crash at any point. Renaming several files
 * is not atomic, so the commit makes every intermediate state a complete export.
 *
 * Before the commit the writer has chosen where each file goes (set-plan.ts: never onto a file
 * another export uses) and written every new file to a temporary file beside its target. A
 * file whose name the previous version uses for other bytes comes in under a staged name
 * ({@link stagedName}), and the writer has then also written a staged main file that references
 * the staged names. Then, in one synchronous run (a signal handler cannot interleave with it):
 *  a. a journal (set-journal.ts) lists the names the commit may leave unreferenced;
 *  b. new files are renamed into place, under their staged name where they have one: the
 *     previous set does not reference any of these names;
 *  c. the staged main file replaces the previous one: the first commit point, the new set is
 *     complete;
 *  d. each staged file is hard-linked (copied where links are refused) to its own name, and the
 *     final main file, referencing the usual names, replaces the staged one;
 *  e. what no main file references any more (staged names, files the previous set had and the
 *     new one has not, when dazport wrote it) is removed, then the journal.
 * With nothing staged (a first export, or only new or unchanged files), (c) and (d) reduce to
 * renaming the main file last. A kill anywhere leaves the previous set, the new set (perhaps
 * under staged names), some temporary files and the journal: the next run in the folder settles
 * the journal and sweeps the temporary files (stale-temps.ts). A failure settles at once and
 * throws DazportError `DAZPORT_OUTPUT`, leaving one whole export.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, linkSync, lstatSync, renameSync } from 'node:fs';
import { extname } from 'node:path';
import type { DazportError } from '../errors.js';
import { outputError } from './atomic-write.js';
import { settleJournalSync, writeJournalSync } from './set-journal.js';
import { discardTempSync, newTempPath, releaseTemp } from './temp-files.js';

export interface SetMember {
  /** Where the file ends up (absolute). */
  path: string;
  /** The temporary file with its new bytes; null when the file at `path` already holds them. */
  temp: string | null;
  /** The name it is committed under first, because the previous set uses `path` for other bytes. */
  staged?: string;
}

export interface SetCommit {
  main: string;
  /** The final main file, referencing every member by its own name. */
  mainTemp: string;
  /** The main file referencing staged members by their staged names; null when none is staged. */
  stagedMainTemp: string | null;
  members: SetMember[];
  /** Files of the previous set that may be left unreferenced (SetPlanner.replacedFiles). */
  replaced: string[];
  /** Folders the writer created or may have emptied: removed at the end if empty. */
  folders?: string[];
}

/** `scene.bin` → `scene.staged-1a2b3c4d.bin`: a name no file of either set has. */
export function stagedName(name: string): string {
  const ext = extname(name);
  return `${name.slice(0, name.length - ext.length)}.staged-${randomBytes(4).toString('hex')}${ext}`;
}

/** Steps a–e, synchronous: the process only ever stops in the middle by a kill. */
export function commitSetSync(set: SetCommit): void {
  const { main, mainTemp, stagedMainTemp, members } = set;
  const fresh = [
    ...members.filter((m) => m.temp && !m.staged && !exists(m.path)).map((m) => m.path),
    ...members.flatMap((m) => (m.staged ? [m.staged] : [])),
  ];
  const journal = newTempPath(main, 'journal');
  const links: string[] = [];
  let current = main;
  try {
    writeJournalSync(journal, main, fresh, set.replaced, set.folders);
    for (const m of members) {
      if (!m.temp) continue;
      current = m.path;
      renameSync(m.temp, m.staged ?? m.path);
      releaseTemp(m.temp);
    }
    current = main;
    if (stagedMainTemp) {
      renameSync(stagedMainTemp, main);
      releaseTemp(stagedMainTemp);
    }
    for (const m of members) {
      if (!m.staged) continue;
      current = m.path;
      const link = newTempPath(m.path);
      links.push(link);
      linkOrCopySync(m.staged, link);
      renameSync(link, m.path);
      releaseTemp(link);
    }
    current = main;
    renameSync(mainTemp, main);
    releaseTemp(mainTemp);
  } catch (cause) {
    // Settling keeps whatever the main file now references (the previous set, or the new one if
    // a commit point was passed) and removes the rest of what the journal lists.
    settleJournalSync(journal);
    for (const temp of [mainTemp, stagedMainTemp, ...links, ...members.map((m) => m.temp)])
      if (temp) discardTempSync(temp);
    throw outputError(current, cause);
  }
  settleJournalSync(
    journal,
    members.map((m) => m.path),
  );
}

/** Throws when something other than a file (a folder) is where `path` should be written. */
export function refuseNonFile(path: string): void {
  const stat = lstatOrNull(path);
  if (stat && !stat.isFile()) throw notAFile(path);
}

/** The error for a folder or special file where a file of the set should go. */
export function notAFile(path: string): DazportError {
  return outputError(path, new Error('a folder or special file is in the way'));
}

function linkOrCopySync(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    // FAT, exFAT and some network shares have no hard links.
    copyFileSync(from, to);
  }
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
