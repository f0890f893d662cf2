/**
 * Start an emulator the way users and tests do: server listening, then token file written (mode
 * 600). In that order: an emulator that cannot bind (the port is taken, by DAZ Studio or another
 * emulator) must leave the token file alone, or the running server's clients lose their token.
 * A token file serves one running emulator at a time (server/token-claim.ts).
 * The returned handle knows the token so an in-process client (the demo, the tests) can use it;
 * nothing here prints or logs it.
 */
import { expandHome } from '../fs/expand-home.js';
import { EmulatorServer, type EmulatorServerOptions } from './server/server.js';
import {
  assertEmulatorMayWrite,
  defaultEmulatorTokenPath,
  generateToken,
  writeTokenFile,
} from './server/token.js';
import { claimTokenFile } from './server/token-claim.js';

export interface StartEmulatorOptions extends Omit<EmulatorServerOptions, 'token' | 'authEnabled'> {
  /** Where to write the token, `~/…` meaning the home folder (default `~/.daz3d/dazport-emulator-token.txt`). */
  tokenFile?: string;
  /** Disable authentication (the plugin's "Enable Authentication" unchecked). */
  noAuth?: boolean;
  /** Home folder for the default token path and the real-token guard (tests). */
  home?: string;
}

export interface RunningEmulator {
  server: EmulatorServer;
  url: string;
  /** Path of the token file, or null with auth off. */
  tokenFile: string | null;
  /** The token, for in-process clients only. Never print it. */
  token: string | null;
  stop(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { tokenFile: requestedTokenFile, noAuth = false, home, ...serverOptions } = options;
  // `~/…` is the home folder (the same `home` the real-token guard compares against).
  const tokenFile = noAuth
    ? null
    : requestedTokenFile !== undefined
      ? expandHome(requestedTokenFile, home)
      : defaultEmulatorTokenPath(home);
  if (tokenFile) assertEmulatorMayWrite(tokenFile, home);
  const token = tokenFile ? generateToken() : null;
  const server = await EmulatorServer.start({
    ...serverOptions,
    authEnabled: !noAuth,
    token: token ?? undefined,
  });
  let release = () => {};
  if (tokenFile && token) {
    try {
      release = claimTokenFile(tokenFile, server.url);
      writeTokenFile(tokenFile, home, token);
    } catch (err) {
      release();
      await server.stop();
      throw err;
    }
  }
  const stop = async () => {
    try {
      await server.stop();
    } finally {
      release();
    }
  };
  return { server, url: server.url, tokenFile, token, stop };
}
