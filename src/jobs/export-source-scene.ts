/**
 * The export job for a source other than DAZ Studio (Dust3D, Poser): the source's reader gives
 * a neutral Scene, this writes it to every output with the same writers, engine options and
 * skeleton profiles as the DAZ export (export-scene.ts), so a model from any source lands in
 * the same files. What only DAZ Studio can answer (morph choice, timeline animation, joint
 * correctives, re-reads) is not here: those options belong to exportScene.
 *
 * ```ts
 * const client = await Dust3dClient.connect();
 * const result = await exportSourceScene(() => readDust3dScene(client), 'model.glb');
 * ```
 */
import {
  checkEngineOutputOptions,
  type EngineOutputOptions,
  engineOutputOptionsOf,
} from '../export/engine-options.js';
import { ensureParentFolder } from '../export/output-path.js';
import {
  resolveSkeletonProfileOptions,
  type SkeletonProfileOptions,
} from '../export/skeleton-profiles/apply-skeleton-profile.js';
import { checkSceneFile } from '../export/write-scene-file.js';
import type { Scene } from '../scene/scene.js';
import type { ExportSceneResult } from './export-scene.js';
import { sceneForWriters, type WriteOutputProgress, writeSceneOutputs } from './write-scene-outputs.js';

export interface SourceExportOptions extends SkeletonProfileOptions, EngineOutputOptions {
  /** Skeletons, rest meshes and skin weights where the source gave them, instead of posed meshes. */
  rigged?: boolean;
  /** What the files name as their source (default: the reader's description). */
  source?: string;
  onProgress?: (progress: WriteOutputProgress) => void;
}

/**
 * Read the scene once with `read` and write it to every output in `outs` (.glb, .gltf, .usda).
 * Outputs and options are checked, and folders made, before the read starts.
 */
export async function exportSourceScene(
  read: () => Promise<Scene>,
  outs: string | readonly string[],
  options: SourceExportOptions = {},
): Promise<ExportSceneResult> {
  const files = typeof outs === 'string' ? [outs] : [...outs];
  for (const out of files) checkSceneFile(out);
  checkEngineOutputOptions(options, files);
  resolveSkeletonProfileOptions(options);
  for (const out of files) ensureParentFolder(out);
  const rigged = Boolean(options.rigged);
  const started = performance.now();
  const { scene, warnings } = sceneForWriters(await read(), options, rigged);
  const readMs = performance.now() - started;
  const outputs = await writeSceneOutputs(scene, files, {
    rigged,
    morphs: false,
    ...engineOutputOptionsOf(options),
    warnings,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return {
    source: scene.source.description,
    rereads: 0,
    readMs: Math.round(readMs),
    totalMs: Math.round(performance.now() - started),
    outputs,
  };
}
