/**
 * dazport's temporary files: named so that any later run can tell they are dazport's, which
 * machine and process made them, and so sweep those of dead processes (see stale-temps.ts);
 * and remembered while they exist, so a process stopped by Ctrl-C removes its own
 * ({@link removeOwnTempsSync}).
 *
 * `.<target name>.dazport.<host>.<pid>.<random>.tmp`, beside the target (a rename is atomic
 * only within one file system). Hidden, so file browsers do not show half-written files.
 * `<host>` is a hash of the host name: on a shared network folder a pid means nothing to
 * another machine, whose temporary files are never swept from here. A `.journal.tmp` ending
 * marks the journal of a multi-file commit (set-journal.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, resolve } from 'node:path';

export type TempKind = 'data' | 'journal';

export interface TempName {
  /** The name of the file it stands in for. */
  target: string;
  host: string;
  pid: number;
  kind: TempKind;
  /** Named by dazport 0.1's first writers (`.<name>.<pid>.<hex>.tmp`, no host). */
  legacy: boolean;
}

export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);

const CURRENT = /^\.(.+)\.dazport\.([0-9a-f]{6})\.(\d+)\.[0-9a-f]{8}(\.journal)?\.tmp$/;
const LEGACY = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** What a file name says about the temporary file, or null when it is not one of dazport's. */
export function parseTempName(name: string): TempName | null {
  const current = CURRENT.exec(name);
  if (current) {
    const [, target, host, pid, journal] = current;
    return { target, host, pid: Number(pid), kind: journal ? 'journal' : 'data', legacy: false };
  }
  const legacy = LEGACY.exec(name);
  if (legacy)
    return { target: legacy[1], host: HOST_TAG, pid: Number(legacy[2]), kind: 'data', legacy: true };
  return null;
}

const own = new Set<string>();

/** A fresh temporary path beside `target`, owned by this process until {@link releaseTemp}. */
export function newTempPath(target: string, kind: TempKind = 'data'): string {
  const suffix = kind === 'journal' ? '.journal.tmp' : '.tmp';
  const name = `.${basename(target)}.dazport.${HOST_TAG}.${process.pid}.${randomBytes(4).toString('hex')}${suffix}`;
  const path = resolve(dirname(target), name);
  own.add(path);
  return path;
}

/** The temporary file was renamed into place or removed: nothing left to clean up for it. */
export function releaseTemp(path: string): void {
  own.delete(resolve(path));
}

/** Remove a temporary file of this process, if it exists, and forget it. */
export function discardTempSync(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left for a later run to sweep.
  }
  releaseTemp(path);
}

/**
 * How long the signal path waits between its two removal passes. A write already handed to
 * libuv's thread pool (an open with O_CREAT in flight) can create its file after the first
 * pass removed it, or found nothing yet; with the main thread parked, the pool finishes its
 * queue in well under this, and no new call can start because no JavaScript runs.
 */
const SETTLE_MS = 100;

/**
 * Remove every temporary file this process still has, synchronously (a signal handler cannot
 * wait): a first pass, a pause of {@link SETTLE_MS} for file-system calls in flight, then a
 * second pass for the files they created. Returns how many were removed. Outputs already
 * renamed into place are not touched. Only for a process about to exit: it blocks the thread.
 */
export function removeOwnTempsSync(): number {
  const removed = new Set<string>();
  const pass = () => {
    for (const path of own) {
      try {
        rmSync(path);
        removed.add(path);
      } catch {
        // Not created (yet), already gone, or it cannot be removed and a later run sweeps it:
        // its name says this process made it.
      }
    }
  };
  pass();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
  pass();
  own.clear();
  return removed.size;
}

/** The temporary files this process has right now (absolute paths), for tests and reports. */
export function ownTemps(): string[] {
  return [...own];
}
