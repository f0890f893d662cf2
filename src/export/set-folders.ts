/**
 * The folders below a multi-file export's main file that hold its members (a .gltf's
 * `<stem>_textures/`): made before the members' temporary files are written, swept of what
 * killed runs left there (the sweep of the main folder does not look below it), and, when
 * this export made them, listed for the commit's journal so a failed or killed export leaves no
 * empty folder behind.
 */
import { existsSync, rmdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ensureFolder } from '../fs/ensure-folder.js';
import { outputError } from './atomic-write.js';
import { sweepStaleTemps } from './stale-temps.js';

/**
 * Make the folders of `paths` that are missing (other than `mainFolder`) and sweep the others;
 * returns the levels this call made, deepest first (the order they can be removed in).
 */
export function prepareMemberFolders(mainFolder: string, paths: string[]): string[] {
  const created: string[] = [];
  for (const folder of new Set(paths.map((p) => dirname(resolve(p))))) {
    if (folder === mainFolder) continue;
    const missing: string[] = [];
    for (let f = folder; !existsSync(f) && dirname(f) !== f; f = dirname(f)) missing.push(f);
    try {
      ensureFolder(folder);
    } catch (cause) {
      removeEmptyFolders(created);
      throw outputError(folder, cause);
    }
    if (missing.length === 0) sweepStaleTemps(folder);
    created.push(...missing);
  }
  return created.sort((a, b) => b.length - a.length);
}

/** Remove each folder that is empty, deepest first; one that is not stays. */
export function removeEmptyFolders(folders: string[]): void {
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty (a file of the committed set, or the user's), or gone already: it stays.
    }
  }
}
