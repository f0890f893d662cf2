/**
 * Deliver a retargeted motion: into scene files (the figure, its mannequin skinned to the
 * skeleton, the motion as an animation), into a DAZ .duf pose preset, or onto the live figure.
 * Each delivery returns one summary; every file is written atomically.
 */

import { extname } from 'node:path';
import type { DazClient } from '../client/dazscript-client.js';
import { writeKeysToFigure } from '../client/write-keys.js';
import { DazportError } from '../errors.js';
import { writeFileAtomic } from '../export/atomic-write.js';
import { bindPropsToBones } from '../export/bind-props-to-bones.js';
import type { EngineOutputOptions } from '../export/engine-options.js';
import { ensureParentFolder } from '../export/output-path.js';
import {
  applySkeletonProfile,
  type SkeletonProfileOptions,
} from '../export/skeleton-profiles/apply-skeleton-profile.js';
import { isSceneFile, writeSceneFile } from '../export/write-scene-file.js';
import type { BakedMotion } from '../import/bake/bake-motion.js';
import { dufPreset, serializeDuf } from '../import/duf/write-duf.js';
import { type Motion, motionDurationSec, withRestTracks } from '../scene/motion.js';
import type { Scene } from '../scene/scene.js';

export interface Delivery {
  /** A file path, or `live:<label>`. */
  target: string;
  format: 'glb' | 'gltf' | 'usda' | 'duf' | 'live';
  frames: number;
  durationSec: number;
  bones: number;
  /** Keys written (duf, live) or samples per track (scene files: the resampled motion, unreduced). */
  keys: number;
  bytes?: number;
  requests?: number;
  warnings: string[];
  /** Scene files: the engine options that changed the file (texture size/format, compression, up, scale). */
  engine?: EngineOutputOptions;
}

/** A DAZ pose preset, written from the baked (reduced) keys rather than the motion. */
export function isDufFile(out: string): boolean {
  return extname(out).toLowerCase() === '.duf';
}

export function checkMotionOutput(out: string): void {
  if (isSceneFile(out) || isDufFile(out)) return;
  throw new DazportError('DAZPORT_USAGE', `cannot tell what to write for "${out}"`, {
    context: { file: out },
    suggestion: 'name the output *.glb, *.gltf, *.usda or *.duf',
  });
}

/** Bones a baked motion keys (each has up to six channels). */
function bakedBones(baked: BakedMotion): number {
  return new Set(baked.channels.map((c) => c.bone)).size;
}

/**
 * The figure scene with the motion attached to its skeleton, written as glTF or USDA; `profile`
 * renames the bones for an engine (and adds its root bone and root motion) first; `engine`: texture,
 * compression, up axis and scale options (engine-options.ts).
 */
export async function deliverSceneFile(
  figureScene: Scene,
  skeleton: number,
  motion: Motion,
  out: string,
  onProgress?: (done: number, total: number, phase?: string) => void,
  profile: SkeletonProfileOptions = {},
  engine: EngineOutputOptions = {},
): Promise<Delivery> {
  // Scene files show the clip alone: bones it does not drive sit at rest, not in the figure's
  // current pose (as in a .duf and on a live figure, through the bake's rest keys, unless the
  // bake was asked for the driven channels only).
  const complete = withRestTracks(
    motion,
    figureScene.skeletons[skeleton].joints.map((j) => j.name),
  );
  const withMotion: Scene = {
    ...figureScene,
    motions: [{ ...complete, skeleton }],
    frameRate: motion.frameRate,
  };
  // A prop the figure holds moves with the bone that holds it (bind-props-to-bones.ts).
  const bound = bindPropsToBones(withMotion);
  const { scene, warnings } = applySkeletonProfile(bound.scene, profile);
  warnings.unshift(...bound.warnings);
  const summary = await writeSceneFile(scene, out, {
    rigged: true,
    ...engine,
    onProgress: onProgress && ((p) => onProgress(p.done, p.total, p.phase)),
  });
  return {
    target: summary.file,
    format: summary.format,
    frames: motion.frameCount,
    durationSec: motionDurationSec(motion),
    bones: motion.tracks.length,
    keys: motion.frameCount,
    bytes: summary.bytes,
    warnings: [...warnings, ...summary.warnings],
    ...(summary.engine ? { engine: summary.engine } : {}),
  };
}

/** A .duf pose preset; its asset id names the output file and the figure (see `dufPreset`). */
export async function deliverDuf(
  baked: BakedMotion,
  out: string,
  gzip: boolean,
  figure?: string,
): Promise<Delivery> {
  const bytes = serializeDuf(dufPreset(baked, { fileName: out, figure }), { gzip });
  ensureParentFolder(out);
  await writeFileAtomic(out, bytes);
  return {
    target: out,
    format: 'duf',
    frames: baked.frameCount,
    durationSec: motionDurationSec(baked),
    bones: bakedBones(baked),
    keys: baked.keysAfter,
    bytes: bytes.length,
    warnings: [],
  };
}

export async function deliverLive(
  client: DazClient,
  figure: string,
  baked: BakedMotion,
  onProgress?: (done: number, total: number) => void,
): Promise<Delivery> {
  const summary = await writeKeysToFigure(client, figure, baked, {
    onProgress: onProgress && ((p) => onProgress(p.done, p.total)),
  });
  return {
    target: `live:${figure}`,
    format: 'live',
    frames: baked.frameCount,
    durationSec: motionDurationSec(baked),
    bones: bakedBones(baked),
    keys: summary.keys,
    requests: summary.requests,
    warnings: [],
  };
}
