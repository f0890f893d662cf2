/**
 * The export job, one call: read the scene once through a client (DAZ Studio or an emulator),
 * write it to every output. The CLI's `export` and `demo` commands are this call plus flags and
 * printing; a pipeline calls it the same way and gets the same files.
 *
 * Library code: nothing is printed. Progress and scene re-reads are told through callbacks,
 * losses come back in each output's `warnings`.
 */

import type { DazClient } from '../client/dazscript-client.js';
import { DazSceneChangedError } from '../client/errors.js';
import type { MorphPreset } from '../client/morph-selection.js';
import { parseNodeTypes } from '../client/node-selection.js';
import {
  ANIMATION_MODES,
  type AnimationMode,
  readAnimation,
  readAnimationChannels,
} from '../client/read-animation.js';
import { bakeCorrectives, type CorrectiveReport, listCorrectives } from '../client/read-correctives.js';
import { type ReadProgress, readScene } from '../client/scene-reader.js';
import { moveToFrame } from '../client/scene-time.js';
import { DazportError } from '../errors.js';
import {
  checkEngineOutputOptions,
  type EngineOutputOptions,
  engineOutputOptionsOf,
} from '../export/engine-options.js';
import type { ExportSummary } from '../export/export-types.js';
import { ensureParentFolder } from '../export/output-path.js';
import {
  resolveSkeletonProfileOptions,
  type SkeletonProfileOptions,
} from '../export/skeleton-profiles/apply-skeleton-profile.js';
import { checkSceneFile } from '../export/write-scene-file.js';
import { flagAndOption } from '../flag-and-option.js';
import type { Scene } from '../scene/scene.js';
import { checkBakeCorrectives, correctiveWarnings, withCorrectives } from './corrective-plan.js';
import {
  chooseMorphs,
  type MorphExportReport,
  MorphReportCollector,
  morphWarnings,
  planMorphs,
} from './morph-report.js';
import { sceneForWriters, type WriteOutputProgress, writeSceneOutputs } from './write-scene-outputs.js';

export interface ExportSceneOptions extends SkeletonProfileOptions, EngineOutputOptions {
  /** Only these top-level nodes (by label) and what is under them. */
  select?: string[];
  /**
   * Only nodes of these types: `figures`, `props`, `cameras`, `lights` (with `select`: both
   * must hold). Meshes left out are not streamed. An unknown type is DAZPORT_USAGE.
   */
  only?: readonly string[];
  /** Write skeletons, rest meshes and skin weights (skinned meshes) instead of posed meshes. */
  rigged?: boolean;
  /**
   * Also write morphs as morph targets / blend shapes (implies `rigged`): `true` every morph that
   * moves something, or glob patterns (`eCTRL*`, `facs_bs_*`; `*`, `?`, case-insensitive, tried on
   * name and label; `!p` leaves matches out). Morphs not chosen are never downloaded.
   */
  morphs?: boolean | readonly string[];
  /** A named set of morphs (client/morph-selection.ts, docs/morph-presets.md), with `morphs` too. */
  morphPreset?: MorphPreset;
  /** Wanted size of one streamed answer, bytes (default: the reader's, 2 MB). */
  chunkBytes?: number;
  /**
   * If the scene changes while it is read (an edit in DAZ Studio), read it again up to this many
   * times (default 0: stop with DazSceneChangedError). Two states of the scene are never mixed.
   */
  rereads?: number;
  /** Told before each new read, with what changed and the number of the new read (1, 2 ...). */
  onReread?: (reason: DazSceneChangedError, reread: number) => void;
  /** Told as the read and each write progress. */
  onProgress?: (progress: ExportSceneProgress) => void;
  /**
   * The animation already in the DAZ scene (its timeline, keyed bones, node transforms, morphs):
   * `none` (default: the scene at its current time, as before), `bake` (DAZ evaluates every
   * keyed value at every frame of its animation range), `keys` (linear and constant keys are
   * interpolated here, anything else is evaluated by DAZ per frame). Implies `rigged`; morph
   * tracks are written with `morphs`.
   */
  animation?: AnimationMode;
  /**
   * Bake the joint correctives (JCMs: morphs DAZ drives from bone rotations through ERC links)
   * along the animation: DAZ evaluates their values at every frame, written as morph weight
   * tracks; they are written as morph targets even when `morphs` did not choose them. Needs
   * `animation` `keys` or `bake` (else DAZPORT_USAGE).
   */
  bakeCorrectives?: boolean;
  /**
   * Export the scene posed at this frame of its timeline: DAZ Studio's time is moved there for
   * the read and put back after. Outside the animation range: DAZPORT_USAGE.
   */
  frame?: number;
  /**
   * What the files name as their source (default: the server's address). A throwaway emulator's
   * random port would make two exports of the same scene differ byte for byte.
   */
  source?: string;
}

export type ExportSceneProgress = { stage: 'read'; read: ReadProgress } | WriteOutputProgress;

export interface ExportSceneResult {
  /** What was read: the scene's file in DAZ Studio, or the emulator's scene. */
  source: string;
  /** Reads started again because the scene changed during a read. */
  rereads: number;
  readMs: number;
  totalMs: number;
  /** One summary per output, in the order given (each with its own warnings). */
  outputs: ExportSummary[];
  /** With `morphs` or `morphPreset`: the morphs written per figure, what matched nothing. */
  morphs?: MorphExportReport;
  /** With `bakeCorrectives`: per figure the correctives baked, constant ones, those added as targets. */
  correctives?: CorrectiveReport;
}

/**
 * Read the scene once through `client` and write it to every output in `outs` (.glb, .gltf,
 * .usda; the extension picks the format). Outputs are checked, and their folders made, before
 * anything is read, so a bad path fails in milliseconds rather than after a long read.
 */
export async function exportScene(
  client: DazClient,
  outs: string | readonly string[],
  options: ExportSceneOptions = {},
): Promise<ExportSceneResult> {
  const files = typeof outs === 'string' ? [outs] : [...outs];
  const only = options.only?.length ? parseNodeTypes(options.only) : undefined;
  for (const out of files) checkSceneFile(out);
  checkEngineOutputOptions(options, files);
  for (const out of files) ensureParentFolder(out);
  const animation = options.animation ?? 'none';
  if (!ANIMATION_MODES.includes(animation))
    throw new DazportError(
      'DAZPORT_USAGE',
      `${flagAndOption('--animation', 'animation')} "${animation}": expected one of ${ANIMATION_MODES.join(', ')}`,
    );
  checkBakeCorrectives(options.bakeCorrectives, animation);
  const morphPlan = planMorphs(options.morphs, options.morphPreset);
  const morphReport = morphPlan && new MorphReportCollector(morphPlan);
  const rigged = Boolean(options.rigged || morphPlan || animation !== 'none');
  // Engine bone names (skeleton, rootBone, rootMotion): checked before the read, applied after.
  resolveSkeletonProfileOptions(options);
  const started = performance.now();
  let rereads = 0;
  // Keys first: the animation read checks them again at its end, so the scene read between
  // the two saw the same animation.
  const channels = animation === 'none' ? null : await readAnimationChannels(client);
  // Correctives are known before the read, so that their deltas are read with the chosen morphs.
  const correctives = options.bakeCorrectives ? await listCorrectives(client) : null;
  const readPlan = correctives ? withCorrectives(morphPlan, correctives) : morphPlan;
  const restoreTime = options.frame === undefined ? undefined : await moveToFrame(client, options.frame);
  const read = await readScene(client, {
    rigged,
    select: options.select,
    only,
    // An explicit undefined would override the reader's default.
    ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
    rereads: options.rereads ?? 0,
    ...(readPlan ? { morphs: readPlan.selection } : {}),
    ...(morphReport ? { onMorphs: morphReport.add } : {}),
    onReread: (reason, n) => {
      rereads = n;
      options.onReread?.(reason, n);
    },
    onProgress: options.onProgress && ((read) => options.onProgress?.({ stage: 'read', read })),
  }).finally(restoreTime);
  if (channels && animation !== 'none')
    await readAnimation(client, read, channels, {
      mode: animation,
      ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
    });
  const correctiveReport =
    correctives && channels
      ? await bakeCorrectives(client, read, correctives, channels, {
          chosen: (m) => morphPlan !== null && chooseMorphs(morphPlan, [m]).length > 0,
          ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
        })
      : undefined;
  if (correctiveReport && JSON.stringify(await readAnimationChannels(client)) !== JSON.stringify(channels))
    throw new DazSceneChangedError(
      'the animation (keys or timeline) changed while the correctives were read',
    );
  // A posed export bakes the bones into the vertices: there are no joints to rename.
  const { scene, warnings: profileWarnings } = sceneForWriters(read, options, rigged);
  const readMs = performance.now() - started;
  const morphs = morphReport?.report();
  if (morphs && correctiveReport) keepWrittenOnly(morphs, scene);
  if (morphs) profileWarnings.push(...morphWarnings(morphs));
  if (correctiveReport) profileWarnings.push(...correctiveWarnings(correctiveReport));
  const outputs = await writeSceneOutputs(scene, files, {
    rigged,
    morphs: Boolean(readPlan?.write),
    ...engineOutputOptionsOf(options),
    warnings: profileWarnings,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return {
    source: scene.source.description,
    rereads,
    readMs: Math.round(readMs),
    totalMs: Math.round(performance.now() - started),
    outputs,
    ...(morphs ? { morphs } : {}),
    ...(correctiveReport ? { correctives: correctiveReport } : {}),
  };
}

/** The morph report's `written` lists, less the constant correctives the bake took out again. */
function keepWrittenOnly(report: MorphExportReport, scene: Scene): void {
  for (const figure of report.figures) {
    const mesh = scene.meshes.find((m) => m.rest && scene.nodes[m.node].label === figure.label);
    if (mesh?.rest) {
      const targets = new Set(mesh.rest.morphs.map((t) => t.name));
      figure.written = figure.written.filter((n) => targets.has(n));
    }
  }
}
