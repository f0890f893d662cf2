/**
 * An emulator inside this process for one job (the demo, `--emulated`, built-in retarget
 * targets): loopback, a random free port, a throwaway token in a private temporary folder, and
 * everything stopped and removed afterwards, whatever happens. Talked to over real HTTP by the
 * same client that talks to DAZ Studio, so the code under test is the code users run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DazClient } from '../client/dazscript-client.js';
import { startEmulator } from '../emulator/start-emulator.js';
import { onInterrupt } from '../fs/interrupt-cleanups.js';

export interface EmbeddedSession {
  client: DazClient;
  /** `http://127.0.0.1:<port>` */
  url: string;
}

export async function withEmbeddedEmulator<T>(
  scene: string,
  work: (session: EmbeddedSession) => Promise<T>,
): Promise<T> {
  const tokenDir = mkdtempSync(join(tmpdir(), 'dazport-emulator-'));
  const removeTokenDir = () => rmSync(tokenDir, { recursive: true, force: true });
  // Ctrl-C ends the process without running the finally below.
  const forgetOnInterrupt = onInterrupt(removeTokenDir);
  try {
    const emulator = await startEmulator({ scene, port: 0, tokenFile: join(tokenDir, 'token.txt') });
    // env: {} so DAZ_* variables meant for a real DAZ Studio cannot redirect this client.
    const client = DazClient.connect({
      host: '127.0.0.1',
      port: emulator.server.port,
      token: emulator.token ?? '',
      env: {},
    });
    try {
      return await work({ client, url: emulator.url });
    } finally {
      await client.close();
      await emulator.stop();
    }
  } finally {
    forgetOnInterrupt();
    removeTokenDir();
  }
}
