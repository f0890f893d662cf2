/**
 * One emulator per scene for a whole test file, started when a test first asks for it: the
 * command lines of the file reach it with `--port` and `--token-file` instead of `--emulated`,
 * which would build the scene again for every run. For tests whose exports only read the scene.
 */
import { join } from 'node:path';
import type { DazClient } from '../../src/client/dazscript-client.js';
import { startTestEmulator, type TestEmulator } from './emulator.js';

export interface SharedEmulators {
  /** The file's emulator serving `scene`. */
  get(scene: string): Promise<TestEmulator>;
  /** `--port <n> --token-file <path>` for a CLI run against the file's emulator serving `scene`. */
  connection(scene: string): Promise<string[]>;
  /** `work` with a fresh library client of the file's emulator serving `scene`, closed after. */
  withClient<T>(scene: string, work: (session: { client: DazClient }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function sharedEmulators(): SharedEmulators {
  const started = new Map<string, Promise<TestEmulator>>();
  const get = (scene: string) => {
    let emu = started.get(scene);
    if (!emu) {
      emu = startTestEmulator({ scene });
      started.set(scene, emu);
    }
    return emu;
  };
  return {
    get,
    connection: async (scene) => {
      const emu = await get(scene);
      return ['--port', String(emu.emulator.server.port), '--token-file', join(emu.home, 'token.txt')];
    },
    withClient: async (scene, work) => {
      const emu = await get(scene);
      const client = emu.client();
      try {
        return await work({ client });
      } finally {
        await client.close();
      }
    },
    close: async () => {
      for (const emu of started.values()) await (await emu).close();
      started.clear();
    },
  };
}
