import { Command, InvalidArgumentError, Option } from 'commander';
import { SOURCE_CONVENTIONS } from '../../bonemaps/conventions/tables.js';
import { RetargetCoverageError } from '../../bonemaps/coverage-error.js';
import type { DazClient } from '../../client/dazscript-client.js';
import { readScene } from '../../client/scene-reader.js';
import { DazportError } from '../../errors.js';
import { BAKE_DEFAULTS, bakeMotion } from '../../import/bake/bake-motion.js';
import { readBvhFile } from '../../import/bvh/index.js';
import type { FloorChoice, RetargetResult, SourceRestChoice } from '../../import/retarget/retarget.js';
import { retargetOntoSkeleton } from '../../import/retarget/retarget-onto-skeleton.js';
import { addConnectionOptions, type ConnectionFlags, connect } from '../connection-options.js';
import {
  checkMotionOutput,
  type Delivery,
  deliverDuf,
  deliverLive,
  deliverSceneFile,
  describeDelivery,
  isDufFile,
} from '../deliver-motion.js';
import { withEmbeddedEmulator } from '../embedded-emulator.js';
import { warningLines } from '../print-warnings.js';
import { ProgressBar } from '../progress.js';
import { parseFloor, parseSourceRest } from '../retarget-option-parsers.js';
import { parseRetargetTarget, type RetargetTarget } from '../retarget-target.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { ensureParentFolder } from '../write-scene-file.js';
import { collectPaths, pathOption, positiveNumberOption } from './option-parsers.js';

export interface RetargetFlags extends ConnectionFlags {
  to: RetargetTarget;
  out?: string[];
  convention: string;
  boneMap?: string;
  fps?: number;
  rootScale: 'auto' | 'unit' | number;
  sourceUnitCm?: number;
  frames?: [number, number];
  rootMotion: boolean;
  twist: 'distribute' | 'keep';
  reduce: boolean;
  toleranceDeg: number;
  toleranceCm: number;
  gzip: boolean;
  frameMismatch: 'error' | 'use-lines' | 'use-header';
  /** Key only the bones the motion drives in .duf and live output (default: every bone). */
  onlyDriven?: boolean;
  sourceRest: SourceRestChoice;
  floor: FloorChoice;
  allowPartial?: boolean;
  footLock: boolean;
}

function parseRootScale(value: string): 'auto' | 'unit' | number {
  if (value === 'auto' || value === 'unit') return value;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(
      `--root-scale takes auto, unit or cm per source unit (> 0), got "${value}"`,
    );
  return n;
}

function parseFrames(value: string): [number, number] {
  const m = /^(\d+):(\d+)$/.exec(value.trim());
  if (!m || Number(m[1]) > Number(m[2]))
    throw new InvalidArgumentError(`--frames takes first:last source frames (0-based), got "${value}"`);
  return [Number(m[1]), Number(m[2])];
}

export const retargetCommand = addConnectionOptions(
  new Command('retarget')
    .summary('retarget a BVH clip onto Genesis 8/9 and write it to a live figure, .duf, glTF or USD')
    .description(
      'Read a BVH clip, map its joints onto the canonical body (detected convention, --convention or\n' +
        '--bone-map), retarget it rest-pose-aware onto a Genesis skeleton, and deliver it:\n' +
        '  --to genesis9|genesis8f|genesis8m   built-in figure (needs no DAZ Studio)\n' +
        '  --to live:"<figure label>"           a figure in the running DAZ Studio; keys are written\n' +
        '                                       to it in a few batched requests, as one undo step\n' +
        'Outputs (--out, repeatable) by extension:\n' +
        '  .glb/.gltf  skeleton + mannequin skinned to it + the animation (quaternions, hip motion)\n' +
        '  .usda       SkelRoot / Skeleton / SkelAnimation, centimetres\n' +
        '  .duf        DAZ pose preset with keys (gzipped like DAZ writes them); load it onto the figure\n' +
        'Keys for .duf and live figures are reduced: a key linear interpolation reproduces within\n' +
        '--tolerance-deg / --tolerance-cm is dropped. Scene files carry every resampled frame.\n' +
        '.duf and live output key every bone of the figure (one rest key on the bones the motion does\n' +
        'not drive), so the result does not depend on the pose the figure had; --only-driven keys\n' +
        'only the driven bones. A clip whose frame lines disagree with "Frames:" is read whole, with a\n' +
        'warning (--frame-mismatch error refuses it). The rate comes from "Frame Time:", snapped to the\n' +
        'rate it evidently rounds (0.0083333 s is 120 fps); a clip with "Frame Time: 0" is taken at --fps.\n' +
        'Work follows the frames present: "Frames:" beyond the frame lines is a mismatch like any other,\n' +
        'a rate above 10,000 fps or a resample of more than 1000 frames per source frame is refused.',
    )
    .argument('<clip>', 'a .bvh file', pathOption)
    .requiredOption(
      '--to <target>',
      'genesis9, genesis8f, genesis8m or live:<figure label>',
      parseRetargetTarget,
    )
    .option(
      '-o, --out <file>',
      'output .glb, .gltf, .usda or .duf (repeatable; optional with live:)',
      collectPaths,
    )
    .addOption(
      new Option('--convention <id>', 'source naming convention')
        .choices(['auto', ...SOURCE_CONVENTIONS.map((c) => c.id)])
        .default('auto'),
    )
    .option(
      '--bone-map <file>',
      'a JSON bone map (see README: Bone maps); wins over --convention',
      pathOption,
    )
    .option('--fps <n>', 'output frame rate (default: the clip’s)', positiveNumberOption('--fps', 1000))
    .addOption(
      new Option(
        '--root-scale <how>',
        'hip motion scale: auto (leg-length ratio), unit, or cm per source unit',
      )
        .default('auto')
        .argParser(parseRootScale),
    )
    .option(
      '--source-unit-cm <n>',
      'centimetres per source unit, for --root-scale unit',
      positiveNumberOption('--source-unit-cm', 1e6),
    )
    .option('--frames <first:last>', 'only these source frames (0-based, inclusive)', parseFrames)
    .addOption(
      new Option(
        '--source-rest <how>',
        "the capture's reference pose: auto (zero rotations if they stand, else the most upright frame), zero, or frame:N",
      )
        .default('auto')
        .argParser(parseSourceRest),
    )
    .addOption(
      new Option(
        '--floor <how>',
        "auto: planted feet on the figure's floor, no frame through it; keep: the capture's height as scaled; or a floor height in cm",
      )
        .default('auto')
        .argParser(parseFloor),
    )
    .option(
      '--no-foot-lock',
      'let planted feet slide as the copied leg directions put them (default: pinned by leg IK, legs within a degree or so of the capture)',
    )
    .option('--allow-partial', 'retarget even when body joints are unmapped (they stay at rest)')
    .option('--no-root-motion', 'keep the hip in place (no translation keys)')
    .addOption(
      new Option('--twist <how>', 'limb twist: spread over the twist bones, or keep it on the limb bone')
        .choices(['distribute', 'keep'])
        .default('distribute'),
    )
    .option('--no-reduce', 'keep every frame as a key in .duf and live output')
    .option(
      '--tolerance-deg <deg>',
      'key reduction tolerance for rotations',
      positiveNumberOption('--tolerance-deg', 10),
      BAKE_DEFAULTS.maxErrorDeg,
    )
    .option(
      '--tolerance-cm <cm>',
      'key reduction tolerance for the hip translation',
      positiveNumberOption('--tolerance-cm', 10),
      BAKE_DEFAULTS.maxErrorCm,
    )
    .option('--no-gzip', 'write .duf as plain JSON')
    .option('--only-driven', 'in .duf and live output, key only the bones the motion drives')
    .addOption(
      new Option(
        '--frame-mismatch <policy>',
        'when frame lines and "Frames:" disagree: read every line (warning), the header count, or stop',
      )
        .choices(['use-lines', 'use-header', 'error'])
        .default('use-lines'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ dazport retarget walk.bvh --to genesis9 --out walk.glb --out walk.usda --out walk.duf\n' +
        '  $ dazport retarget jump.bvh --to live:"Genesis 9" --fps 30\n' +
        '  $ dazport retarget take.bvh --to genesis8f --bone-map rokoko.json --out take.glb\n',
    ),
).action(async (clip: string, flags: RetargetFlags, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, () => runRetarget(clip, flags, globals));
});

async function runRetarget(clipFile: string, flags: RetargetFlags, globals: GlobalOptions): Promise<void> {
  const outs = flags.out ?? [];
  for (const out of outs) checkMotionOutput(out);
  if (flags.to.kind === 'builtin' && outs.length === 0) {
    throw new DazportError('DAZPORT_USAGE', 'nothing to write: give --out (or --to live:<figure>)', {
      suggestion: 'e.g. --out clip.glb',
    });
  }
  if (flags.rootScale === 'unit' && flags.sourceUnitCm === undefined) {
    throw new DazportError('DAZPORT_USAGE', '--root-scale unit needs the size of a source unit', {
      suggestion: 'add --source-unit-cm N (e.g. 2.54 for inches), or use --root-scale auto',
    });
  }
  for (const out of outs) ensureParentFolder(out);
  if (flags.to.kind === 'builtin') {
    const { scene, label } = flags.to;
    const report = await withEmbeddedEmulator(scene, ({ client }) =>
      retargetVia(client, label, false, clipFile, flags, globals),
    );
    printRetargetReport(report, globals);
    return;
  }
  const client = connect(flags);
  try {
    printRetargetReport(await retargetVia(client, flags.to.label, true, clipFile, flags, globals), globals);
  } finally {
    await client.close();
  }
}

export interface RetargetReport {
  clip: string;
  figure: string;
  convention: string;
  conventionLabel: string;
  conventionScore: number;
  unmappedSource: string[];
  unmappedTarget: string[];
  rootScale: number;
  frameRate: number;
  frames: number;
  /** What the reader accepted but the user should hear about (a Frames: mismatch...). */
  clipWarnings: string[];
  /** The capture's reference pose and why. */
  reference: RetargetResult['reference'];
  floor: RetargetFloorReport;
  /** What the retarget did that the user should know (reference pose chosen from a frame ...). */
  retargetWarnings: string[];
  keysBefore?: number;
  keysAfter?: number;
  outputs: Delivery[];
}

/** Retarget onto the figure `label` served by `client`, then deliver to every output. */
export async function retargetVia(
  client: DazClient,
  label: string,
  live: boolean,
  clipFile: string,
  flags: Omit<RetargetFlags, keyof ConnectionFlags | 'to'>,
  globals: GlobalOptions,
): Promise<RetargetReport> {
  const bar = new ProgressBar(globals);
  const clip = await readBvhFile(clipFile, { frameCountMismatch: flags.frameMismatch });
  if (clip.frameCount === 0) {
    // Read leniently, a file cut right after its header has no frames: say so before the retarget
    // trips over an empty frame range.
    throw new DazportError('DAZPORT_RETARGET', `${clipFile} has no frames to retarget`, {
      context: { file: clipFile, declaredFrames: clip.declaredFrameCount, frameLines: clip.frameLineCount },
      suggestion: `Frames: says ${clip.declaredFrameCount}, the file has no frame lines: export it again`,
    });
  }
  const figureScene = await readScene(client, {
    select: [label],
    rigged: true,
    onProgress: (p) => bar.update(`reading ${label}: ${p.phase}`, p.done, p.total),
  });
  const skeleton = figureScene.skeletons.findIndex((s) => s.label === label);
  if (skeleton < 0) {
    throw new DazportError('DAZPORT_RETARGET', `"${label}" is not a figure (it has no skeleton)`, {
      context: { figure: label },
      suggestion: 'run `dazport discover` to list the figures in the scene',
    });
  }
  const result = withClipInCoverageHint(clipFile, globals, () =>
    retargetOntoSkeleton(clip, figureScene.skeletons[skeleton], {
      convention: flags.convention,
      boneMapFile: flags.boneMap,
      fps: flags.fps,
      rootScale: flags.rootScale,
      sourceUnitCm: flags.sourceUnitCm,
      frames: flags.frames,
      rootMotion: flags.rootMotion,
      twist: flags.twist,
      sourceRest: flags.sourceRest,
      floor: flags.floor,
      footLock: flags.footLock,
      allowPartial: flags.allowPartial,
    }),
  );
  const needsKeys = live || (flags.out ?? []).some(isDufFile);
  const baked = needsKeys
    ? bakeMotion(result.motion, result.rig, {
        reduce: flags.reduce,
        maxErrorDeg: flags.toleranceDeg,
        maxErrorCm: flags.toleranceCm,
        onlyDriven: flags.onlyDriven ?? false,
      })
    : undefined;
  const deliveries: Delivery[] = [];
  for (const out of flags.out ?? []) {
    const progress = (done: number, total: number) => bar.update(`writing ${out}`, done, total);
    deliveries.push(
      isDufFile(out) && baked
        ? await deliverDuf(baked, out, flags.gzip, label)
        : await deliverSceneFile(figureScene, skeleton, result.motion, out, progress),
    );
  }
  if (live && baked)
    deliveries.push(
      await deliverLive(client, label, baked, (d, t) => bar.update(`keys onto ${label}`, d, t)),
    );
  bar.clear();
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

export function printRetargetReport(report: RetargetReport, globals: GlobalOptions): void {
  if (globals.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...report })}\n`);
    return;
  }
  const lines = retargetReportLines(report, globals);
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  for (const line of retargetWarningLines(report, globals)) process.stderr.write(`${line}\n`);
}

/**
 * One summary line for the clip (reading and retarget warnings), one per output, and the source
 * joints left unmapped; nothing with --quiet or --json (the report carries them).
 */
export function retargetWarningLines(report: RetargetReport, globals: GlobalOptions): string[] {
  const unmapped =
    report.unmappedSource.length && !globals.quiet && !globals.json
      ? [`note: source joints not mapped: ${report.unmappedSource.join(', ')}`]
      : [];
  return [
    ...warningLines(report.clip, [...report.clipWarnings, ...report.retargetWarnings], globals),
    ...report.outputs.flatMap((d) => warningLines(d.target, d.warnings, globals)),
    ...unmapped,
  ];
}

/** The human report (nothing with --quiet); its warnings: {@link retargetWarningLines}. */
export function retargetReportLines(report: RetargetReport, globals: GlobalOptions): string[] {
  if (globals.quiet) return [];
  const keys =
    report.keysBefore !== undefined && report.keysAfter !== undefined
      ? `, keys ${report.keysBefore.toLocaleString('en-US')} → ${report.keysAfter.toLocaleString('en-US')}`
      : '';
  return [
    `${report.clip} → ${report.figure}: ${report.conventionLabel} (score ${report.conventionScore}), ` +
      `${report.frames} frames at ${Number(report.frameRate.toFixed(3))} fps, root scale ${report.rootScale} cm/unit${keys}`,
    ...floorLines(report),
    ...report.outputs.map((d) => `wrote ${describeDelivery(d)}`),
  ];
}

/**
 * A coverage stop names the clip in its hint and, on a terminal session, prints the bone map
 * pre-filled with what was detected, ready to fill in (--json carries it in the error's context).
 */
function withClipInCoverageHint<T>(clipFile: string, globals: GlobalOptions, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof RetargetCoverageError)) throw err;
    if (!globals.json)
      process.stderr.write(
        `A bone map to start from (fill the nulls, save it and pass it with --bone-map):\n${err.boneMapTemplate.replaceAll('<clip>', clipFile)}\n`,
      );
    throw new DazportError(err.code, err.message, {
      context: err.context,
      suggestion: err.suggestion,
      cliSuggestion: err.cliSuggestion?.replace('<clip>', JSON.stringify(clipFile)),
      cause: err,
    });
  }
}

/** Floor contact in the report: grounding applied, and feet of the result against the capture's own. */
export interface RetargetFloorReport {
  offsetCm?: number;
  liftedFrames?: number;
  maxLiftCm?: number;
  feetMedianCm?: number;
  feetWorstCm?: number;
  skating?: number;
  captureSkating?: number;
  /** Mean horizontal speed of planted feet, cm/s: the figure's and the capture's. */
  plantedDriftCmS?: number;
  capturePlantedDriftCmS?: number;
  /** With --foot-lock: frames where each foot (left, right) is pinned. */
  lockedFrames?: number[];
}

function floorReport(result: RetargetResult): RetargetFloorReport {
  const r = (v: number, d = 2) => Number(v.toFixed(d));
  return {
    offsetCm: result.grounding && r(result.grounding.offsetCm),
    liftedFrames: result.grounding?.liftedFrames,
    maxLiftCm: result.grounding && r(result.grounding.maxLiftCm),
    feetMedianCm: result.contact && r(result.contact.figure.medianCm),
    feetWorstCm: result.contact && r(result.contact.figure.worstCm),
    skating: result.contact && r(result.contact.figure.skating, 4),
    captureSkating: result.contact && r(result.contact.capture.skating, 4),
    plantedDriftCmS: result.contact && r(result.contact.figure.plantedDrift),
    capturePlantedDriftCmS: result.contact && r(result.contact.capture.plantedDrift),
    lockedFrames: result.grounding?.lockedFrames,
  };
}

function floorLines(report: RetargetReport): string[] {
  const f = report.floor;
  const lines = [`reference pose: ${report.reference.reason}`];
  const parts: string[] = [];
  if (f.offsetCm !== undefined)
    parts.push(
      `grounded ${f.offsetCm >= 0 ? '+' : ''}${f.offsetCm} cm` +
        (f.liftedFrames ? `, ${f.liftedFrames} frames lifted ≤ ${f.maxLiftCm} cm` : ''),
    );
  if (f.feetMedianCm !== undefined && f.skating !== undefined && f.captureSkating !== undefined)
    parts.push(
      `feet ${f.feetMedianCm} cm above the floor (median), ${f.feetWorstCm} cm at worst; ` +
        `skating ${(100 * f.skating).toFixed(1)}% of floor frames (capture ${(100 * f.captureSkating).toFixed(1)}%), ` +
        `planted feet drift ${f.plantedDriftCmS} cm/s (capture ${f.capturePlantedDriftCmS})` +
        (f.lockedFrames ? `; feet locked on ${f.lockedFrames.join(' / ')} frames` : ''),
    );
  if (parts.length) lines.push(`floor: ${parts.join('; ')}`);
  return lines;
}
