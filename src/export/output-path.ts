/**
 * What every library writer does first with the output path it is given, as the CLI does for
 * its arguments: a leading `~` is the home folder (a path from code or a config file reaches
 * dazport without a shell), and missing folders above the file are made (`mkdir -p`, bounded:
 * ensure-folder.ts). A folder that cannot be made is DazportError `DAZPORT_OUTPUT` (exit 7)
 * naming the file, raised before anything is read or written.
 */
import { dirname } from 'node:path';
import { DazportError } from '../errors.js';
import { ensureFolder } from '../fs/ensure-folder.js';
import { expandHome } from '../fs/expand-home.js';

/** `path` with `~` expanded, its folder made if missing; returns the expanded path. */
export function prepareOutputPath(path: string): string {
  const expanded = expandHome(path);
  ensureParentFolder(expanded);
  return expanded;
}

/**
 * Like `mkdir -p` for an output's folder, without Node's endless retry on /proc-like paths; a
 * failure is an output error naming the file.
 */
export function ensureParentFolder(out: string): void {
  try {
    ensureFolder(dirname(out));
  } catch (cause) {
    throw new DazportError(
      'DAZPORT_OUTPUT',
      `cannot create the folder for ${out}: ${(cause as Error).message}`,
      {
        context: { file: out },
        suggestion: 'write to a folder that exists or can be created, on a disk (not /proc or /sys)',
        cause,
      },
    );
  }
}
