/**
 * The sources beside DAZ Studio, behind one shape for the jobs and the CLI: read a scene from
 * Dust3D (Remote IO) or Poser (PoserTalkr) at an address, and run one job against an embedded
 * emulator of either (loopback, a free port, stopped afterwards whatever happens), the way
 * `withEmbeddedEmulator` does for DAZ Studio. Neither protocol has authentication, so the
 * defaults are loopback and the emulators never bind anything else here.
 */

import type { Dust3dSceneName } from '../emulators/dust3d/builtin-scenes.js';
import { startDust3dEmulator } from '../emulators/dust3d/start-dust3d-emulator.js';
import { type PoserSceneName, startPoserEmulator } from '../emulators/poser/start-poser-emulator.js';
import type { Scene } from '../scene/scene.js';
import { Dust3dClient } from '../sources/dust3d/dust3d-client.js';
import { readDust3dScene } from '../sources/dust3d/read-dust3d-scene.js';
import { PoserTalkrClient } from '../sources/poser/poser-talkr-client.js';
import { readPoserScene } from '../sources/poser/read-poser-scene.js';
import type { OtherSourceKind } from './other-source-scenes.js';

export { OTHER_SOURCE_SCENES, type OtherSourceKind } from './other-source-scenes.js';

export interface SourceAddress {
  host: string;
  port: number;
  /** Per request, ms (each client's default when left out). */
  timeoutMs?: number;
}

export interface ReadOtherSourceOptions {
  /** Also read what a rigged export needs (skeleton and skin), where the reader has a choice. */
  rigged?: boolean;
}

/** Connect to the application at `address`, read its scene, disconnect. */
export async function readOtherSourceScene(
  kind: OtherSourceKind,
  address: SourceAddress,
  options: ReadOtherSourceOptions = {},
): Promise<Scene> {
  const connection = {
    host: address.host,
    port: address.port,
    ...(address.timeoutMs === undefined ? {} : { timeoutMs: address.timeoutMs }),
  };
  if (kind === 'dust3d') {
    const client = await Dust3dClient.connect(connection);
    try {
      return await readDust3dScene(client);
    } finally {
      client.close();
    }
  }
  const client = await PoserTalkrClient.connect(connection);
  try {
    return await readPoserScene(client, { rigged: Boolean(options.rigged) });
  } finally {
    await client.close();
  }
}

/** Where an emulator listens: loopback by default, a free port with 0. */
export interface EmulatorAddress {
  host: string;
  port: number;
}

/**
 * Run `work` against an emulator of `kind` serving the built-in `scene` (by default on a free
 * loopback port), then stop it, whatever happens.
 */
export async function withEmbeddedSourceEmulator<T>(
  kind: OtherSourceKind,
  scene: string,
  listen: EmulatorAddress,
  work: (address: SourceAddress) => Promise<T>,
): Promise<T> {
  const emulator =
    kind === 'dust3d'
      ? await startDust3dEmulator({ ...listen, scene: scene as Dust3dSceneName })
      : await startPoserEmulator({ ...listen, scene: scene as PoserSceneName });
  try {
    return await work({ host: emulator.host, port: emulator.port });
  } finally {
    await emulator.close();
  }
}
