/**
 * Reads Poser's current scene through PoserTalkr into the neutral Scene: uploads the scene walk
 * (python/dazport_walk.py) into the workspace once per version (its SHA-1 is checked inside
 * Poser), runs it there, and fetches its JSON result in chunks of bounded size, each one packet
 * and one envelope, so no single reply grows with the scene.
 */
import { createHash, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { DazportError } from '../../errors.js';
import type { Scene } from '../../scene/scene.js';
import type { PoserTalkrClient } from './poser-talkr-client.js';
import type { PoserWalk } from './poser-walk.js';
import { poserWalkToScene } from './poser-walk-to-scene.js';
import { poserPythonSource } from './python-files.js';

export interface ReadPoserSceneOptions {
  /** Read meshes (default true); false reads figures, skeletons, cameras and lights only. */
  geometry?: boolean;
  /**
   * Also read each figure's unposed vertices and bind every body part's vertices rigidly (weight
   * 1) to its joint, for a rigged export (default false). Poser's own bending at the joints
   * (welded seams, falloff zones) is not read: a rigged figure moves in rigid pieces.
   */
  rigged?: boolean;
  /** Characters of the walk's JSON fetched per request (default 1,000,000). */
  chunkChars?: number;
}

export const READ_POSER_SCENE_DEFAULTS: Required<ReadPoserSceneOptions> = {
  geometry: true,
  rigged: false,
  chunkChars: 1_000_000,
};

const WALK = 'dazport_walk';
/** Base64 characters of the compressed walk per upload packet (the packet stays under 3,000 bytes). */
const UPLOAD_PIECE = 1800;

export async function readPoserScene(
  client: PoserTalkrClient,
  options: ReadPoserSceneOptions = {},
): Promise<Scene> {
  const { geometry, rigged, chunkChars } = { ...READ_POSER_SCENE_DEFAULTS, ...options };
  if (!Number.isInteger(chunkChars) || chunkChars < 1000) {
    throw new DazportError(
      'DAZPORT_USAGE',
      `chunkChars must be an integer of at least 1000, not ${chunkChars}`,
      {
        context: { option: 'chunkChars', value: chunkChars },
      },
    );
  }
  await ensureWalk(client);
  const key = randomBytes(6).toString('hex');
  const length = await client.call<number>('run', {
    name: WALK,
    entry: 'walk',
    key,
    args: { geometry, rest: rigged },
  });
  const parts: string[] = [];
  for (let offset = 0; offset < length; offset += chunkChars) {
    parts.push(await client.call<string>('chunk', { key, offset, size: chunkChars }));
  }
  await client.call('drop', { key });
  const text = parts.join('');
  let walk: PoserWalk;
  try {
    walk = JSON.parse(text) as PoserWalk;
  } catch (cause) {
    throw new DazportError(
      'DAZPORT_POSER_PROTOCOL',
      `the scene walk's result is not JSON (${text.length} of ${length} characters)`,
      {
        context: { received: text.slice(0, 200) },
        cause,
      },
    );
  }
  if (walk?.walk !== 1 || text.length !== length) {
    throw new DazportError(
      'DAZPORT_POSER_PROTOCOL',
      'the scene walk answered something that is not its result',
      {
        context: { received: text.slice(0, 200), expectedLength: length, length: text.length },
      },
    );
  }
  return poserWalkToScene(walk, `Poser (Python ${walk.python}) through PoserTalkr at ${client.address}`);
}

/** Uploads the walk unless this workspace already holds this very version of it. */
async function ensureWalk(client: PoserTalkrClient): Promise<void> {
  const source = poserPythonSource(WALK);
  const sha1 = createHash('sha1').update(source, 'utf8').digest('hex');
  if (await client.call<boolean>('has', { name: WALK, sha1 })) return;
  const packed = deflateSync(Buffer.from(source, 'utf8')).toString('base64');
  for (let part = 0, at = 0; at < packed.length; part++, at += UPLOAD_PIECE) {
    await client.call('put', { name: WALK, part, data: packed.slice(at, at + UPLOAD_PIECE) });
  }
  await client.call('load', { name: WALK, sha1 });
}
