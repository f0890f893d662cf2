/**
 * One token file, one running emulator. Two emulators on different ports but the same token file
 * (the default one, say) would each write their own token there: the second silently takes the
 * file over and every client of the first starts failing with 401, with nothing pointing at the
 * cause. So a running emulator claims its token file with a small `<file>.owner` record (its pid
 * and address), written exclusively; a second emulator finds the claim and stops before writing,
 * naming the first. A claim whose process is gone (killed, crashed) is stale and taken over.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { DazportError } from '../../errors.js';
import { ensureFolder } from '../../fs/ensure-folder.js';
import { canonicalTokenPath } from './token.js';

interface Claim {
  pid: number;
  url: string;
  /** Tells this claim from a later one of the same process (tests start many emulators). */
  id: string;
}

export function claimPath(tokenFile: string): string {
  return `${tokenFile}.owner`;
}

/**
 * Claim `tokenFile` for the emulator at `url`. Throws DAZPORT_TOKEN_FILE_IN_USE when a live
 * emulator holds it. Returns the release function, which removes the claim only if it is still
 * this one.
 */
export function claimTokenFile(tokenFile: string, url: string): () => void {
  // Two spellings of one file (a link, `..`) are one claim.
  const path = claimPath(canonicalTokenPath(tokenFile));
  try {
    ensureFolder(dirname(path), 0o700);
  } catch (error) {
    throw cannotClaim(tokenFile, error);
  }
  const claim: Claim = { pid: process.pid, url, id: randomBytes(8).toString('hex') };
  // Twice at most: the second attempt follows the removal of a stale claim.
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotClaim(tokenFile, error);
      const holder = readClaim(path);
      if (holder && isAlive(holder.pid)) throw inUse(tokenFile, holder);
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(claim));
    } finally {
      closeSync(fd);
    }
    return () => {
      if (readClaim(path)?.id === claim.id) rmSync(path, { force: true });
    };
  }
  throw inUse(tokenFile, readClaim(path));
}

function readClaim(path: string): Claim | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Claim>;
    if (typeof value.pid === 'number' && typeof value.url === 'string' && typeof value.id === 'string')
      return value as Claim;
  } catch {
    // Unreadable or half-written: a claim nobody can honour.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(tokenFile: string, holder: Claim | undefined): DazportError {
  const who = holder ? `the emulator at ${holder.url} (pid ${holder.pid})` : 'another emulator';
  return new DazportError(
    'DAZPORT_TOKEN_FILE_IN_USE',
    `${who} uses the token file ${tokenFile}: a second emulator writing its own token there would lock out the first one's clients`,
    {
      context: { tokenFile, ...(holder ? { ownerUrl: holder.url, ownerPid: holder.pid } : {}) },
      suggestion: 'give this emulator its own tokenFile (and its clients that file), or stop the other one',
      cliSuggestion:
        'give this emulator its own --token-file (e.g. ~/.daz3d/dazport-emulator-2-token.txt, and its clients the same), or stop the other one',
    },
  );
}

function cannotClaim(tokenFile: string, cause: unknown): DazportError {
  return new DazportError(
    'DAZPORT_OUTPUT',
    `cannot write the token file ${tokenFile}: ${(cause as Error).message}`,
    {
      context: { tokenFile },
      suggestion: 'point tokenFile at a file in a folder you can write, or leave it out',
      cliSuggestion: 'point --token-file at a file in a folder you can write, or leave it out',
      cause,
    },
  );
}
