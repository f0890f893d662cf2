/** A built-in emulator scene read through the real client over HTTP, rigged, plus a temp folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScene } from '../../../../src/client/scene-reader.js';
import type { Scene } from '../../../../src/scene/scene.js';
import { startTestEmulator } from '../../../helpers/emulator.js';

export interface SceneFixture {
  scene: Scene;
  dir: string;
  close(): Promise<void>;
}

export async function readEmulatorScene(name: string): Promise<SceneFixture> {
  const t = await startTestEmulator({ scene: name });
  const client = t.client();
  try {
    const scene = await readScene(client, { rigged: true });
    const dir = mkdtempSync(join(tmpdir(), `dazport-gltf-${name}-`));
    return {
      scene,
      dir,
      close: async () => {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } finally {
    await client.close();
    await t.close();
  }
}
