/**
 * The write half of every scene export: one scene, written to each output in turn (.glb, .gltf,
 * .usda; the extension picks the writer), each output's summary carrying the warnings of the
 * read as well as its own. Shared by the DAZ export job (export-scene.ts) and the export of the
 * other sources (export-source-scene.ts), so both write the same files for the same scene.
 */
import { bindPropsToBones } from '../export/bind-props-to-bones.js';
import { type EngineOutputOptions, engineOutputOptionsOf } from '../export/engine-options.js';
import type { ExportSummary } from '../export/export-types.js';
import {
  applySkeletonProfile,
  isDazSkeleton,
  type ProfiledScene,
  type SkeletonProfileOptions,
} from '../export/skeleton-profiles/apply-skeleton-profile.js';
import { writeSceneFile } from '../export/write-scene-file.js';
import { flagAndOption } from '../flag-and-option.js';
import type { Scene } from '../scene/scene.js';

/** Progress of one output's write. */
export interface WriteOutputProgress {
  stage: 'write';
  /** The output being written, and which of how many (1-based). */
  file: string;
  output: number;
  outputs: number;
  phase: string;
  done: number;
  total: number;
}

export interface WriteSceneOutputsOptions extends EngineOutputOptions {
  /** Skeletons, rest meshes and skin weights instead of posed meshes. */
  rigged: boolean;
  /** Morph targets / blend shapes (rigged output only). */
  morphs: boolean;
  /** Said in every output's summary, before the writer's own (what the read lost or chose). */
  warnings?: readonly string[];
  onProgress?: (progress: WriteOutputProgress) => void;
}

/**
 * The scene as the writers get it: named after `source` when given (a throwaway emulator's
 * random port would make two exports of one scene differ), props parented to bones bound to
 * them when rigged, its bones renamed for the engine skeleton asked for, and a warning when that
 * was asked of posed output, which has no joints.
 */
export function sceneForWriters(
  read: Scene,
  options: SkeletonProfileOptions & { source?: string },
  rigged: boolean,
): ProfiledScene {
  const described =
    options.source === undefined
      ? read
      : { ...read, source: { ...read.source, description: options.source } };
  // Props held by bones follow them in rigged output (bound before the profile renames joints).
  const bound = rigged ? bindPropsToBones(described) : { scene: described, warnings: [] };
  const profiled = applySkeletonProfile(bound.scene, options);
  profiled.warnings.unshift(...bound.warnings);
  if (!rigged && !isDazSkeleton(options))
    profiled.warnings.push(
      `${flagAndOption('--skeleton', 'skeleton')}, root bone and root motion apply to rigged output; add ${flagAndOption('--rigged', 'rigged: true')}`,
    );
  return profiled;
}

/** Write `scene` to every file of `files`, in order; one summary per file. */
export async function writeSceneOutputs(
  scene: Scene,
  files: readonly string[],
  options: WriteSceneOutputsOptions,
): Promise<ExportSummary[]> {
  const warnings = options.warnings ?? [];
  const outputs: ExportSummary[] = [];
  for (const [i, file] of files.entries()) {
    const tell = options.onProgress;
    const summary = await writeSceneFile(scene, file, {
      rigged: options.rigged,
      morphs: options.morphs,
      ...engineOutputOptionsOf(options),
      onProgress: tell && ((p) => tell({ stage: 'write', file, output: i + 1, outputs: files.length, ...p })),
    });
    outputs.push(warnings.length ? { ...summary, warnings: [...warnings, ...summary.warnings] } : summary);
  }
  return outputs;
}
