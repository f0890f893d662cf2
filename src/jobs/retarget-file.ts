/**
 * The retarget job, one call: read a BVH clip, retarget it onto a Genesis figure and deliver it
 * to every output (.glb/.gltf/.usda scene files with the figure's mannequin, .duf pose presets)
 * and, for a figure in DAZ Studio, onto the figure itself. The CLI's `retarget` and `demo` are
 * this call plus flags and printing, so a pipeline gets the same bytes for the same options.
 *
 *   await retargetFile('walk.bvh', { to: 'genesis9', out: ['walk.glb', 'walk.usda'] });
 *   await retargetFile('walk.bvh', { to: { client, figure: 'Genesis 9' } });   // live keys
 *   await retargetFile('walk.bvh', { to: { scene, figure: 'Figure 1' }, out: 'walk.glb' }); // any source
 *
 * A built-in figure (genesis9, genesis8f, genesis8m) is served by an emulator this call starts
 * inside the process and stops before it returns: its skeleton and mannequin come through the
 * same client path as a live figure's. Library code: nothing is printed; progress goes to
 * `onProgress`, what the user should hear about comes back in the result's warnings.
 */
import { BUILTIN_FIGURE_IDS, findBuiltinFigure } from '../bonemaps/genesis/builtin-figures.js';
import type { DazClient } from '../client/dazscript-client.js';
import { type ReadProgress, readScene } from '../client/scene-reader.js';
import { DazportError } from '../errors.js';
import {
  checkEngineOutputOptions,
  type EngineOutputOptions,
  engineOutputOptionsOf,
} from '../export/engine-options.js';
import { withoutOutputMaterialLosses } from '../export/material-mapping.js';
import { ensureParentFolder } from '../export/output-path.js';
import {
  resolveSkeletonProfileOptions,
  type SkeletonProfileOptions,
} from '../export/skeleton-profiles/apply-skeleton-profile.js';
import type { RootMotionMode } from '../export/skeleton-profiles/profile.js';
import { isSceneFile } from '../export/write-scene-file.js';
import { flagAndOption } from '../flag-and-option.js';
import { type BakeOptions, bakeMotion } from '../import/bake/bake-motion.js';
import { readBvhFile } from '../import/bvh/index.js';
import type { ReadBvhFileOptions } from '../import/bvh/read-bvh-file.js';
import {
  figureMapForBones,
  type RetargetOntoOptions,
  retargetOntoSkeleton,
} from '../import/retarget/retarget-onto-skeleton.js';
import type { Scene } from '../scene/scene.js';
import { readBuiltinFigure } from './builtin-figure-read.js';
import {
  checkMotionOutput,
  type Delivery,
  deliverDuf,
  deliverLive,
  deliverSceneFile,
  isDufFile,
} from './deliver-motion.js';
import { floorReport, type RetargetFileResult } from './retarget-report.js';

/**
 * A built-in figure's id (`genesis9`, `genesis8f`, `genesis8m`; aliases such as `genesis8female`,
 * `g8f` or `Genesis 8 Female` are accepted), or a figure in the scene a client serves (DAZ
 * Studio, or an emulator you started), by its label.
 */
export type RetargetFileTarget =
  | string
  | {
      client: DazClient;
      /** The figure's label in that scene. */
      figure: string;
      /** Write the keys onto the figure, as one undo step (default true). */
      writeKeys?: boolean;
    }
  | {
      /**
       * A scene already read from any source (readOtherSourceScene, readScene ...), rigged: the
       * scene files carry it as read, with the motion on this figure's skeleton.
       */
      scene: Scene;
      /** The figure's label in that scene (its skeleton's label). */
      figure: string;
    };

export interface RetargetFileOptions
  extends Omit<RetargetOntoOptions, 'rootMotion'>,
    Omit<SkeletonProfileOptions, 'rootMotion'>,
    BakeOptions,
    Pick<ReadBvhFileOptions, 'frameCountMismatch' | 'encoding'>,
    /** Texture size and format, mesh compression, up axis, scale: for .glb/.gltf/.usda outputs only. */
    EngineOutputOptions {
  to: RetargetFileTarget;
  /**
   * The hip's travel: `false` keeps the hip in place with no translation at all (the retarget's
   * own switch); `true` or `'keep'` (default) as captured; `'in-place'` drops its horizontal
   * part in scene files (the height stays); `'extract'` moves that part onto the root bone's track
   * in scene files (needs `rootBone`). `.duf` and live keys take only `true`/`false`/`'keep'`.
   */
  rootMotion?: boolean | RootMotionMode;
  /** .glb, .gltf, .usda or .duf files (the extension picks the format); optional for a live figure. */
  out?: string | readonly string[];
  /** Gzip .duf presets as DAZ Studio writes them (default true). */
  gzip?: boolean;
  /** Told as the figure is read and each output is written. */
  onProgress?: (progress: RetargetFileProgress) => void;
}

export type RetargetFileProgress =
  | { stage: 'read-clip'; file: string; bytesRead: number; totalBytes?: number }
  | { stage: 'read-figure'; figure: string; read: ReadProgress }
  | { stage: 'retarget'; figure: string; frames: number }
  | {
      stage: 'write';
      /** A file, or `live:<figure label>` for keys written onto a figure. */
      target: string;
      /** Which delivery of how many (1-based). */
      output: number;
      outputs: number;
      /** The scene writer's phase ('meshes', 'textures', 'write'), for a .glb/.gltf/.usda. */
      phase?: string;
      done: number;
      total: number;
    };

/** Retarget `clipFile` onto `options.to` and deliver it to every output. */
export async function retargetFile(
  clipFile: string,
  options: RetargetFileOptions,
): Promise<RetargetFileResult> {
  const to = options.to;
  if (typeof to !== 'string' && 'scene' in to) {
    const outs = checkRetargetRequest(options, false);
    checkSceneFigure(to.scene, to.figure, outs);
    return retargetOnto(async () => to.scene, undefined, to.figure, false, clipFile, outs, options);
  }
  if (typeof to !== 'string') {
    const live = to.writeKeys ?? true;
    const outs = checkRetargetRequest(options, live);
    const client = to.client;
    const readFigure = (onProgress?: (read: ReadProgress) => void) =>
      readScene(client, { select: [to.figure], rigged: true, onProgress });
    return retargetOnto(readFigure, client, to.figure, live, clipFile, outs, options);
  }
  const builtin = findBuiltinFigure(to);
  if (!builtin)
    throw new DazportError('DAZPORT_USAGE', `"${to}" is not a built-in figure`, {
      context: { to },
      suggestion: `use ${BUILTIN_FIGURE_IDS.map((id) => `'${id}'`).join(', ')}, or a figure a client serves: to: { client, figure: 'Genesis 9' }`,
      cliSuggestion: `use --to ${BUILTIN_FIGURE_IDS.join(', ')} or live:"<figure label>"`,
    });
  const outs = checkRetargetRequest(options, false);
  // The files name their source: the figure, not the throwaway emulator's random port, so that
  // two runs give the same bytes.
  const source = `dazport built-in figure ${builtin.id} (${builtin.label})`;
  // The mannequin's materials are ours: their losses would only be noise under a motion.
  const readFigure = (onProgress?: (read: ReadProgress) => void) => readBuiltinFigure(builtin, onProgress);
  return withoutOutputMaterialLosses(
    await retargetOnto(readFigure, undefined, builtin.label, false, clipFile, outs, options, source),
  );
}

/**
 * What `retargetFile` checks before any work, for callers that want the usage mistakes first:
 * outputs it can write (their folders are made), something to deliver to, a source unit for
 * `rootScale: 'unit'`. Throws DAZPORT_USAGE; returns the outputs as a list.
 */
export function checkRetargetRequest(options: Omit<RetargetFileOptions, 'to'>, live: boolean): string[] {
  const outs =
    options.out === undefined ? [] : typeof options.out === 'string' ? [options.out] : [...options.out];
  for (const out of outs) checkMotionOutput(out);
  if (outs.length === 0 && !live)
    throw new DazportError('DAZPORT_USAGE', 'nothing to write: no output file and no live figure', {
      suggestion: "give out (e.g. out: 'clip.glb'), or a figure in DAZ Studio as to: { client, figure }",
      cliSuggestion: 'give --out (e.g. --out clip.glb), or --to live:<figure>',
    });
  if (options.rootScale === 'unit' && options.sourceUnitCm === undefined)
    throw new DazportError('DAZPORT_USAGE', 'root scale "unit" needs the size of a source unit', {
      suggestion: "add sourceUnitCm (e.g. 2.54 for inches), or use rootScale: 'auto'",
      cliSuggestion: 'add --source-unit-cm N (e.g. 2.54 for inches), or use --root-scale auto',
    });
  checkSkeletonProfileOutputs(options, outs);
  checkEngineOutputOptions(options, outs.filter(isSceneFile));
  for (const out of outs) ensureParentFolder(out);
  return outs;
}

/**
 * A figure of an already-read scene: its label names a skeleton (else the figures found are
 * listed), and a .duf is asked only of a Genesis figure, whose bones are the DAZ bones a pose
 * preset keys.
 */
function checkSceneFigure(scene: Scene, figure: string, outs: readonly string[]): void {
  const skeleton = scene.skeletons.find((s) => s.label === figure);
  if (!skeleton) {
    const found = scene.skeletons.map((s) => `"${s.label}"`);
    throw new DazportError(
      'DAZPORT_USAGE',
      `"${figure}" is not a figure of the scene from ${scene.source.description}: ${found.length ? `its figures are ${found.join(', ')}` : 'it has no rigged figure'}`,
      {
        context: { figure, figures: scene.skeletons.map((s) => s.label) },
        suggestion: found.length
          ? `pass one of ${found.join(', ')} as to.figure`
          : 'read the scene rigged (rigged: true) from a scene with a figure in it',
        cliSuggestion: found.length
          ? `pass one of ${found.join(', ')} as --to`
          : 'load a figure in the application and run again',
      },
    );
  }
  const duf = outs.find(isDufFile);
  const map = figureMapForBones(skeleton.joints.map((j) => j.name));
  if (duf && map?.figure === 'poser')
    throw new DazportError(
      'DAZPORT_USAGE',
      `${duf}: a .duf pose preset keys a DAZ Studio figure's bones, and "${figure}" is a Poser figure`,
      {
        context: { file: duf, figure },
        suggestion: 'write .glb, .gltf or .usda for it',
      },
    );
}

/** The engine profile options of a retarget, in SkeletonProfileOptions' terms. */
function profileOptionsOf(options: Omit<RetargetFileOptions, 'to'>): SkeletonProfileOptions {
  const mode = options.rootMotion;
  return {
    skeleton: options.skeleton,
    rootBone: options.rootBone,
    rootMotion: typeof mode === 'string' ? mode : undefined,
  };
}

/**
 * Engine names are for scene files: a .duf preset and live keys address the figure's DAZ bones,
 * so a profile with a .duf output is refused (rather than quietly written with DAZ names).
 */
function checkSkeletonProfileOutputs(
  options: Omit<RetargetFileOptions, 'to'>,
  outs: readonly string[],
): void {
  const profile = resolveSkeletonProfileOptions(profileOptionsOf(options));
  const duf = outs.find(isDufFile);
  if (!duf) return;
  const asked = [
    profile.skeleton !== 'daz' ? ['--skeleton', `skeleton: '${profile.skeleton}'`] : undefined,
    options.rootBone ? ['--root-bone', 'rootBone: true'] : undefined,
    profile.rootMotion !== 'keep' ? ['--root-motion', `rootMotion: '${profile.rootMotion}'`] : undefined,
  ].filter((x): x is string[] => x !== undefined);
  if (asked.length === 0) return;
  throw new DazportError(
    'DAZPORT_USAGE',
    `${duf}: a .duf pose preset keys the figure's own DAZ bones; ${asked.map((a) => flagAndOption(a[0], a[1])).join(', ')} applies to .glb/.gltf/.usda only`,
    {
      context: { file: duf, options: asked.map((a) => a[1]) },
      suggestion: `write the .duf in a separate call without ${asked.map((a) => a[1]).join(', ')}`,
      cliSuggestion: `write the .duf in a separate run without ${asked.map((a) => a[0]).join(', ')}`,
    },
  );
}

/**
 * Retarget onto the figure `label` (read by `readFigure` once the clip is known to be good), then
 * deliver to every output; `client` is the DAZ Studio that receives the keys when `live`.
 */
async function retargetOnto(
  readFigure: (onProgress?: (read: ReadProgress) => void) => Promise<Scene>,
  client: DazClient | undefined,
  label: string,
  live: boolean,
  clipFile: string,
  outs: readonly string[],
  options: RetargetFileOptions,
  sourceDescription?: string,
): Promise<RetargetFileResult> {
  const tell = options.onProgress;
  const clip = await readBvhFile(
    clipFile,
    definedOnly({
      frameCountMismatch: options.frameCountMismatch,
      encoding: options.encoding,
      onProgress:
        tell &&
        ((bytesRead: number, totalBytes: number | undefined) =>
          tell({ stage: 'read-clip', file: clipFile, bytesRead, totalBytes })),
    }),
  );
  if (clip.frameCount === 0) {
    // Read leniently, a file cut right after its header has no frames: say so before the retarget
    // trips over an empty frame range.
    throw new DazportError('DAZPORT_RETARGET', `${clipFile} has no frames to retarget`, {
      context: { file: clipFile, declaredFrames: clip.declaredFrameCount, frameLines: clip.frameLineCount },
      suggestion: `Frames: says ${clip.declaredFrameCount}, the file has no frame lines: export it again`,
    });
  }
  const figureRead = await readFigure(
    tell && ((read) => tell({ stage: 'read-figure', figure: label, read })),
  );
  const figureScene = sourceDescription
    ? { ...figureRead, source: { ...figureRead.source, description: sourceDescription } }
    : figureRead;
  const skeleton = figureScene.skeletons.findIndex((s) => s.label === label);
  if (skeleton < 0) {
    throw new DazportError('DAZPORT_RETARGET', `"${label}" is not a figure (it has no skeleton)`, {
      context: { figure: label },
      suggestion: 'list the figures in the scene (CLI: `dazport discover`) and pass one of their labels',
      cliSuggestion: 'run `dazport discover` to list the figures in the scene',
    });
  }
  tell?.({ stage: 'retarget', figure: label, frames: clip.frameCount });
  // Explicit undefined options would override the retarget's defaults: pass only what was given.
  const result = retargetOntoSkeleton(
    clip,
    figureScene.skeletons[skeleton],
    definedOnly({
      convention: options.convention,
      boneMapFile: options.boneMapFile,
      fps: options.fps,
      rootScale: options.rootScale,
      sourceUnitCm: options.sourceUnitCm,
      frames: options.frames,
      rootMotion: options.rootMotion === undefined ? undefined : options.rootMotion !== false,
      positionMode: options.positionMode,
      twist: options.twist,
      sourceRest: options.sourceRest,
      floor: options.floor,
      footLock: options.footLock,
      allowPartial: options.allowPartial,
    }),
  );
  const needsKeys = live || outs.some(isDufFile);
  const baked = needsKeys
    ? bakeMotion(
        result.motion,
        result.rig,
        definedOnly({
          reduce: options.reduce,
          maxErrorDeg: options.maxErrorDeg,
          maxErrorCm: options.maxErrorCm,
          onlyDriven: options.onlyDriven,
        }),
      )
    : undefined;
  const count = outs.length + (live ? 1 : 0);
  const progressOf = (target: string, output: number) =>
    tell &&
    ((done: number, total: number, phase?: string) =>
      tell({ stage: 'write', target, output, outputs: count, phase, done, total }));
  const deliveries: Delivery[] = [];
  for (const [i, out] of outs.entries()) {
    const progress = progressOf(out, i + 1);
    if (isDufFile(out) && baked) {
      // One write of a few hundred kB: told as a single step.
      progress?.(0, 1);
      deliveries.push(await deliverDuf(baked, out, options.gzip ?? true, label));
      progress?.(1, 1);
    } else
      deliveries.push(
        await deliverSceneFile(
          figureScene,
          skeleton,
          result.motion,
          out,
          progress,
          profileOptionsOf(options),
          engineOutputOptionsOf(options),
        ),
      );
  }
  if (live && baked && client)
    deliveries.push(await deliverLive(client, label, baked, progressOf(`live:${label}`, count)));
  return {
    clip: clipFile,
    figure: label,
    convention: result.mapping.convention.id,
    conventionLabel: result.mapping.convention.label,
    conventionScore: Number(result.mapping.score.toFixed(3)),
    unmappedSource: result.unmappedSource,
    unmappedTarget: result.unmappedTarget,
    rootScale: Number(result.rootScale.toFixed(4)),
    frameRate: result.motion.frameRate,
    frames: result.motion.frameCount,
    clipWarnings: [...clip.warnings],
    reference: result.reference,
    floor: floorReport(result),
    retargetWarnings: result.warnings,
    keysBefore: baked?.keysBefore,
    keysAfter: baked?.keysAfter,
    outputs: deliveries,
  };
}

/** `options` without its undefined entries, so spreading it over defaults keeps them. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
