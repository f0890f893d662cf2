/**
 * Where the token a server refused came from, in words, with the advice that fits that source:
 * a user who passed `--token`, one whose shell exports `DAZ_TOKEN`, one who relied on DAZ
 * Studio's default file and one who had no token at all each have a different thing to fix.
 * Never the token itself: only its source and, for a file, the file's path.
 */
import { homedir } from 'node:os';
import { type DiscoveredToken, defaultEmulatorTokenFile, defaultTokenFile } from './token.js';

/** How the caller's user names the `token` and `tokenFile` options (the CLI: its flags). */
export interface TokenOptionNames {
  token: string;
  tokenFile: string;
}

export const LIBRARY_TOKEN_NAMES: TokenOptionNames = {
  token: 'the token option',
  tokenFile: 'the tokenFile option',
};

export const CLI_TOKEN_NAMES: TokenOptionNames = { token: '--token', tokenFile: '--token-file' };

export interface TokenOrigin {
  /** A sentence for the message: `sent the token in DAZ_TOKEN`, `no token was sent: …`. */
  sent: string;
  /** What to do about a 401, with option names. */
  suggestion: string;
  /** The same with flags. */
  cliSuggestion: string;
  /** Source and file, for `context` (never the token). */
  context: Record<string, unknown>;
}

export function describeTokenOrigin(
  found: DiscoveredToken,
  names: TokenOptionNames = LIBRARY_TOKEN_NAMES,
  home: string = homedir(),
): TokenOrigin {
  const daz = defaultTokenFile(home);
  const emulator = defaultEmulatorTokenFile(home);
  const context = { tokenSource: found.source, ...(found.file ? { tokenFile: found.file } : {}) };
  // Both audiences, one sentence each: `give(x)` is how to pass the token file x.
  const advise = (say: (give: (file: string) => string, tokenFile: string) => string) => ({
    suggestion: say((file) => `tokenFile: '${file}'`, 'tokenFile'),
    cliSuggestion: say((file) => `--token-file ${file}`, '--token-file'),
  });
  const whichFile = (give: (file: string) => string, tokenFile: string) =>
    `DAZ Studio writes ${daz} at each start of its DazScript Server; the dazport emulator writes ${emulator} ` +
    `unless started with another ${tokenFile}: pass the file of the server you mean (${give(emulator)})`;
  switch (found.source) {
    case 'option':
      if (found.file)
        return {
          sent: `sent the token read from ${found.file} (named by ${names.tokenFile})`,
          ...advise(
            (give, tokenFile) =>
              `${found.file} is not this server's token file. ${whichFile(give, tokenFile)}`,
          ),
          context,
        };
      return {
        sent: `sent the token given with ${names.token}`,
        ...advise(
          (give, tokenFile) =>
            `a token given by value goes stale when the server restarts. ${whichFile(give, tokenFile)} instead`,
        ),
        context,
      };
    case 'DAZ_TOKEN':
      return {
        sent: 'sent the token in DAZ_TOKEN',
        ...advise(
          (give, tokenFile) =>
            `DAZ_TOKEN wins over DAZ_TOKEN_FILE and the default file: unset DAZ_TOKEN, or give the token file with ${tokenFile}. ${whichFile(give, tokenFile)}`,
        ),
        context,
      };
    case 'DAZ_TOKEN_FILE':
      return {
        sent: `sent the token read from ${found.file} (named by DAZ_TOKEN_FILE)`,
        ...advise(
          (give, tokenFile) => `${found.file} is not this server's token file. ${whichFile(give, tokenFile)}`,
        ),
        context,
      };
    case 'default-file':
      return {
        sent: `sent the token read from ${found.file}, DAZ Studio's default token file`,
        ...advise(
          (give) =>
            `if this server is the dazport emulator, its token is in ${emulator}: ${give(emulator)} (or DAZ_TOKEN_FILE); ` +
            `if it is DAZ Studio, the file is from an earlier start: check that its DazScript Server is running`,
        ),
        context,
      };
    case 'none': {
      const file = found.missing?.file ?? daz;
      const why = found.missing?.why ?? 'does not exist';
      return {
        sent:
          `no token was sent: DAZ Studio's default token file ${file} ${why}, and neither ${names.token}, ` +
          `${names.tokenFile}, DAZ_TOKEN nor DAZ_TOKEN_FILE was given`,
        ...advise(
          (give) =>
            `the dazport emulator writes its token to ${emulator}: ${give(emulator)} (or DAZ_TOKEN_FILE); ` +
            `DAZ Studio writes ${daz} when its DazScript Server starts with authentication on`,
        ),
        context: { ...context, tokenFile: file },
      };
    }
  }
}
