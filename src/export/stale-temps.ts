/**
 * Sweep what killed dazport processes left in an output folder, before writing into it: their
 * temporary files (hidden, often as big as the output), and the journals of commits they did
 * not finish, which are settled first (set-journal.ts) so a half-committed .gltf or .usda set
 * is brought back to one whole export.
 *
 * Only files whose name is dazport's temporary pattern (temp-files.ts) are considered, only in
 * the folder being written (not below it), and only those made on this machine by a process
 * that no longer exists (`process.kill(pid, 0)` fails with ESRCH). Anything else, including
 * the temporary files of live dazport processes, is left alone.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { settleJournalSync } from './set-journal.js';
import { HOST_TAG, parseTempName, type TempName } from './temp-files.js';

export interface SweepReport {
  /** Temporary files removed (journals included). */
  removed: string[];
  /** Journals of unfinished commits that were settled. */
  settled: string[];
}

/** Remove the stale temporary files of `folder`; never throws (a sweep is housekeeping). */
export function sweepStaleTemps(folder: string): SweepReport {
  const report: SweepReport = { removed: [], settled: [] };
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return report;
  }
  const stale = names
    .map((name) => ({ name, temp: parseTempName(name) }))
    .filter((e): e is { name: string; temp: TempName } => e.temp !== null && isStale(e.temp));
  // Journals first: settling one reads the main file and may remove what it no longer references.
  for (const { name } of stale.filter((e) => e.temp.kind === 'journal')) {
    const path = resolve(folder, name);
    if (settleJournalSync(path)) {
      report.settled.push(path);
      report.removed.push(path);
    }
  }
  for (const { name } of stale.filter((e) => e.temp.kind === 'data')) {
    const path = join(resolve(folder), name);
    try {
      rmSync(path, { force: true });
      report.removed.push(path);
    } catch {
      // Not ours to insist on: a later sweep tries again.
    }
  }
  return report;
}

function isStale(temp: TempName): boolean {
  return temp.host === HOST_TAG && !isProcessAlive(temp.pid);
}

/** True unless the process certainly does not exist. */
export function isProcessAlive(pid: number): boolean {
  // 0 and negative pids address process groups in kill(2): never ask about them.
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
