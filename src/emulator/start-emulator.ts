/**
 * Start an emulator the way users and tests do: token file written (mode 600), server listening.
 * The returned handle knows the token so an in-process client (the demo, the tests) can use it;
 * nothing here prints or logs it.
 */
import { EmulatorServer, type EmulatorServerOptions } from './server/server.js';
import { defaultEmulatorTokenPath, writeTokenFile } from './server/token.js';

export interface StartEmulatorOptions extends Omit<EmulatorServerOptions, 'token' | 'authEnabled'> {
  /** Where to write the token (default `~/.daz3d/dazport-emulator-token.txt`). */
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
  const tokenFile = noAuth ? null : (requestedTokenFile ?? defaultEmulatorTokenPath(home));
  const token = tokenFile ? writeTokenFile(tokenFile, home) : null;
  const server = await EmulatorServer.start({
    ...serverOptions,
    authEnabled: !noAuth,
    token: token ?? undefined,
  });
  return { server, url: server.url, tokenFile, token, stop: () => server.stop() };
}
