/**
 * `mkdir -p` that always ends. Node's own recursive mkdir (sync and async alike, Node 20) loops
 * forever at 100% CPU when a folder cannot be made under an existing one and mkdir answers
 * ENOENT, as /proc and other virtual file systems do (`/proc/nonexistent/x`). Here the walk up
 * to the nearest existing ancestor is bounded by the path's depth, each missing level is made
 * once, and any refusal is an error at once.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Make `folder` and its missing parents (each made with `mode`, e.g. 0o700 for a folder holding
 * a token); throws the file system's error (code ENOTDIR, ENOENT, EACCES...).
 */
export function ensureFolder(folder: string, mode?: number): void {
  const missing: string[] = [];
  let current = resolve(folder);
  for (;;) {
    let isFolder: boolean;
    try {
      isFolder = statSync(current).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: a file is in the way further up; the walk finds it and names it.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(current) === current) throw err;
      missing.push(current);
      current = dirname(current);
      continue;
    }
    if (!isFolder) {
      throw Object.assign(new Error(`ENOTDIR: ${current} is a file, not a folder`), {
        code: 'ENOTDIR',
        path: current,
      });
    }
    break;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, mode === undefined ? undefined : { mode });
    } catch (err) {
      // Made meanwhile by another process: fine, as long as it is a folder (the next level or
      // the writer finds out otherwise).
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
