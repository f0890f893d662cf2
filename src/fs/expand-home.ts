/**
 * `~` in a path the user gave, as a shell would expand it: a leading `~` alone or followed by a
 * separator is the home folder. Paths reach dazport without a shell (library options, quoted
 * arguments, `DAZ_TOKEN_FILE='~/…'` in a .env file), and a literal folder named `~` is almost
 * never what was meant. A `~` anywhere else (`a/~/b`, `backup~`) is left alone, and so is
 * `~user/…`: Node has no portable way to find another user's home, and guessing would be worse
 * than the plain "file not found" that names the path as typed.
 */
import { homedir } from 'node:os';
import { join, sep } from 'node:path';

/** `path` with a leading `~` or `~/` (`~\` on Windows too) replaced by `home` (default: the user's). */
export function expandHome(path: string, home?: string): string {
  if (path !== '~' && !path.startsWith('~/') && !(sep === '\\' && path.startsWith('~\\'))) return path;
  // os.homedir() reads HOME (USERPROFILE on Windows) first, so tests and sandboxes can move it.
  const base = home ?? homedir();
  return path === '~' ? base : join(base, path.slice(2));
}

/** A path for a message: as the user typed it, and what it became when that differs. */
export function describeExpandedPath(typed: string, expanded: string): string {
  return typed === expanded ? typed : `${typed} (${expanded})`;
}
