/**
 * The emulator's API token: 128 bits from the OS CSPRNG, written as 32 hex characters to a file
 * only the owner can read (mode 600), like the plugin's `~/.daz3d/dazscriptserver_token.txt`.
 *
 * The emulator owns its own file (default `~/.daz3d/dazport-emulator-token.txt`) and refuses
 * DAZ Studio's token file, existing or not: that file belongs to a real Studio.
 * The token is never printed or logged; only the file's path is.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, realpathSync, renameSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { defaultEmulatorTokenFile, defaultTokenFile } from '../../client/token.js';
import { DazportError } from '../../errors.js';
import { ensureFolder } from '../../fs/ensure-folder.js';

/** Where DAZ Studio's plugin keeps its token (the file clients read by default). */
export function realDazTokenPath(home = homedir()): string {
  return defaultTokenFile(home);
}

/** Where the emulator keeps its token unless told otherwise. */
export function defaultEmulatorTokenPath(home = homedir()): string {
  return defaultEmulatorTokenFile(home);
}

export function generateToken(): string {
  return randomBytes(16).toString('hex');
}

/** The file `path` names, through links, so that two spellings of one file are seen as one. */
export function canonicalTokenPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    // Not there yet: canonicalise the folder, which may exist behind a link.
    try {
      return join(realpathSync(dirname(absolute)), absolute.slice(dirname(absolute).length + 1));
    } catch {
      return absolute;
    }
  }
}

/**
 * Throws DAZPORT_TOKEN_FILE_PROTECTED when `path` is DAZ Studio's own token file, whether it
 * exists or not. An existing one holds a real Studio's token; an absent one is written by DAZ
 * Studio at its next start, and until then every client reading the default would send the
 * emulator's token to DAZ Studio. Checked before the emulator binds, so a refused path costs nothing.
 */
export function assertEmulatorMayWrite(path: string, home = homedir()): void {
  const target = canonicalTokenPath(path);
  if (target !== canonicalTokenPath(realDazTokenPath(home))) return;
  const own = defaultEmulatorTokenPath(home);
  const state = existsSync(target)
    ? "it holds a running DAZ Studio's token"
    : 'DAZ Studio writes it when it starts';
  throw new DazportError(
    'DAZPORT_TOKEN_FILE_PROTECTED',
    `refusing to write DAZ Studio's own token file ${path} (${state})`,
    {
      context: { tokenFile: path, emulatorTokenFile: own },
      suggestion: `leave tokenFile out: the emulator writes its own ${own}; give that file to clients as their tokenFile (or DAZ_TOKEN_FILE)`,
      cliSuggestion: `leave --token-file out: the emulator writes its own ${own}; give clients --token-file ${own} (or DAZ_TOKEN_FILE)`,
    },
  );
}

/**
 * Write `token` (a fresh one by default) to `path` atomically (temp file with mode 600, then
 * rename) and return it. Throws DAZPORT_TOKEN_FILE_PROTECTED for DAZ Studio's token file.
 * The emulator calls it only once it listens: a token file names a running server.
 */
export function writeTokenFile(path: string, home = homedir(), token = generateToken()): string {
  assertEmulatorMayWrite(path, home);
  const target = canonicalTokenPath(path);
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let fd: number;
  try {
    // Not mkdirSync's recursive mode, which never returns under /proc-like paths (fs/ensure-folder.ts).
    ensureFolder(dirname(target), 0o700);
    fd = openSync(temp, 'wx', 0o600);
  } catch (cause) {
    throw new DazportError(
      'DAZPORT_OUTPUT',
      `cannot write the token file ${path}: ${(cause as Error).message}`,
      {
        context: { tokenFile: path },
        suggestion: 'point tokenFile at a file in a folder you can write, or leave it out',
        cliSuggestion: 'point --token-file at a file in a folder you can write, or leave it out',
        cause,
      },
    );
  }
  try {
    writeSync(fd, `${token}\n`);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, 0o600); // in case a umask or platform ignored the open mode
  renameSync(temp, target);
  return token;
}

/**
 * The token a request carries: `X-API-Token` first; `Authorization: Bearer <t>` only when that is
 * empty, with the prefix matched case-sensitively, exactly as the plugin does. Trimmed.
 */
export function requestToken(headers: Record<string, string | string[] | undefined>): string {
  const header = (name: string) => {
    const v = headers[name];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  let token = header('x-api-token');
  if (!token) {
    const auth = header('authorization');
    if (auth.startsWith('Bearer ')) token = auth.slice(7);
  }
  return token.trim();
}

/** Constant-time comparison (the plugin uses `==`; the emulator does better). */
export function tokensMatch(supplied: string, expected: string): boolean {
  const a = Buffer.from(supplied, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Compare against a same-length buffer either way so timing does not leak the length check.
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}
