/**
 * Where the API token comes from, first match wins: an explicit option, `DAZ_TOKEN`,
 * `DAZ_TOKEN_FILE`, then DAZ Studio's own `~/.daz3d/dazscriptserver_token.txt`. The token is
 * read from the first line of a file, trimmed, as the plugin writes it. A token file given as
 * `~/…` is under the home folder, as a shell would have made it. The token never goes into a
 * message: errors name the file, not its content. DAZ Studio writes a new token at each start,
 * so a token from a file can be read again (`rereadToken`) when the server refuses it.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DazportError } from '../errors.js';
import { describeExpandedPath, expandHome } from '../fs/expand-home.js';

export type TokenSource = 'option' | 'DAZ_TOKEN' | 'DAZ_TOKEN_FILE' | 'default-file' | 'none';

export interface DiscoveredToken {
  token: string;
  source: TokenSource;
  /** The file it was read from, when it came from one. */
  file?: string;
  /** With source `none`: DAZ Studio's default file, looked for, and why it gave no token. */
  missing?: { file: string; why: string };
}

export interface TokenDiscoveryOptions {
  token?: string;
  tokenFile?: string;
  env?: NodeJS.ProcessEnv;
  /** The home folder: of the default token file, and what a leading `~` in a token file means. */
  home?: string;
}

export function defaultTokenFile(home = homedir()): string {
  return join(home, '.daz3d', 'dazscriptserver_token.txt');
}

/** Where `dazport emulator` writes its token unless told otherwise (never DAZ Studio's file). */
export function defaultEmulatorTokenFile(home = homedir()): string {
  return join(home, '.daz3d', 'dazport-emulator-token.txt');
}

/** `typed` as given (`~/…` is the home folder); messages show it as typed and as expanded. */
function readTokenFile(typed: string, source: TokenSource, home?: string): DiscoveredToken {
  const file = expandHome(typed, home);
  const shown = describeExpandedPath(typed, file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DazportError('DAZPORT_TOKEN_FILE', `cannot read the token file ${shown}`, {
      context: { file, source },
      suggestion: 'check the path (the emulator prints its token file when it starts)',
      cause,
    });
  }
  const token = (text.split(/\r?\n/)[0] ?? '').trim();
  if (!token) {
    throw new DazportError('DAZPORT_TOKEN_FILE', `the token file ${shown} is empty`, {
      context: { file, source },
    });
  }
  return { token, source, file };
}

export function discoverToken(options: TokenDiscoveryOptions = {}): DiscoveredToken {
  const env = options.env ?? process.env;
  if (options.token !== undefined && options.token !== '')
    return { token: options.token.trim(), source: 'option' };
  if (options.tokenFile) return readTokenFile(options.tokenFile, 'option', options.home);
  if (env.DAZ_TOKEN) return { token: env.DAZ_TOKEN.trim(), source: 'DAZ_TOKEN' };
  if (env.DAZ_TOKEN_FILE) return readTokenFile(env.DAZ_TOKEN_FILE, 'DAZ_TOKEN_FILE', options.home);
  const fallback = defaultTokenFile(options.home);
  try {
    return readTokenFile(fallback, 'default-file');
  } catch (err) {
    // No file: talk without a token; a server with auth on answers 401, and the error says why.
    return { token: '', source: 'none', missing: { file: fallback, why: whyUnread(err) } };
  }
}

/** `does not exist`, `is empty`, `cannot be read (EACCES)`: what went wrong with a token file. */
function whyUnread(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  if (cause?.code === 'ENOENT') return 'does not exist';
  if (!cause) return 'is empty';
  return `cannot be read${typeof cause.code === 'string' ? ` (${cause.code})` : ''}`;
}

/**
 * The token read again from the file it came from, or undefined when it did not come from a
 * file or the file cannot be read now (DAZ Studio may be rewriting it): the caller then fails
 * with the server's refusal, as it would have without trying.
 */
export function rereadToken(found: DiscoveredToken): DiscoveredToken | undefined {
  if (!found.file) return undefined;
  try {
    return readTokenFile(found.file, found.source);
  } catch {
    return undefined;
  }
}
