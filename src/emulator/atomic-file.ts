/**
 * The emulator's file writes (saved scenes, scene copies, renders) land whole or not at all: a
 * temporary sibling, then a rename, as DAZ Studio's own saves appear to other programs. Throws
 * what the file system says; the temporary file never stays behind.
 */

import { randomBytes } from 'node:crypto';
import { copyFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

function temporarySibling(path: string): string {
  return `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

function landAtomically(path: string, write: (temporary: string) => void): void {
  const temporary = temporarySibling(path);
  try {
    write(temporary);
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}

export function writeFileAtomicallySync(path: string, data: string | Uint8Array): void {
  landAtomically(path, (temporary) => writeFileSync(temporary, data));
}

export function copyFileAtomicallySync(source: string, path: string): void {
  landAtomically(path, (temporary) => copyFileSync(source, temporary));
}
