import { Command, InvalidArgumentError, Option } from 'commander';
import { SOURCE_CONVENTIONS } from '../../bonemaps/conventions/tables.js';
import { RetargetCoverageError } from '../../bonemaps/coverage-error.js';
import { DazportError } from '../../errors.js';
import type { RootMotionMode } from '../../export/skeleton-profiles/profile.js';
import { BAKE_DEFAULTS } from '../../import/bake/bake-motion.js';
import type { FloorChoice, SourceRestChoice } from '../../import/retarget/retarget.js';
import { checkRetargetRequest, type RetargetFileOptions, retargetFile } from '../../jobs/retarget-file.js';
import type { RetargetFileResult } from '../../jobs/retarget-report.js';
import { addConnectionOptions, type ConnectionFlags, connect } from '../connection-options.js';
import { describeDelivery } from '../describe-delivery.js';
import {
  addEngineOutputOptions,
  ENGINE_OUTPUT_HELP,
  type EngineOutputFlags,
  engineOutputOptionsOfFlags,
} from '../engine-output-options.js';
import { warningLines } from '../print-warnings.js';
import { retargetProgressReport } from '../progress/job-progress.js';
import { ProgressBar } from '../progress.js';
import { parseFloor, parseSourceRest } from '../retarget-option-parsers.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import {
  addSkeletonProfileOptions,
  SKELETON_PROFILE_HELP,
  type SkeletonProfileFlags,
} from '../skeleton-profile-options.js';
import { parseSourceSpec, SOURCE_KINDS, type SourceSpec } from '../source-option.js';
import {
  checkSourceRetargetFlags,
  dazRetargetTarget,
  parseRetargetTo,
  type RetargetToFlag,
  retargetFromOtherSource,
} from '../source-retarget.js';
import { collectPaths, pathOption, positiveNumberOption } from './option-parsers.js';

export interface RetargetFlags extends ConnectionFlags, SkeletonProfileFlags, EngineOutputFlags {
  /** A DAZ target, or with --source poser|dust3d a figure label (source-retarget.ts). */
  to: RetargetToFlag;
  source: SourceSpec;
  emulated?: string;
  out?: string[];
  convention: string;
  boneMap?: string;
  fps?: number;
  rootScale: 'auto' | 'unit' | number;
  sourceUnitCm?: number;
  frames?: [number, number];
  /** `--no-root-motion` gives false; `--root-motion <mode>` a mode. */
  rootMotion?: boolean | RootMotionMode;
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
  addEngineOutputOptions(addSkeletonProfileOptions(new Command('retarget')))
    .summary(
      'retarget a BVH clip onto Genesis 8/9 (or a Poser figure) and write it to a live figure, .duf, glTF or USD',
    )
    .description(
      'Read a BVH clip, map its joints onto the canonical body (detected convention, --convention or\n' +
        '--bone-map), retarget it rest-pose-aware onto a Genesis skeleton, and deliver it:\n' +
        '  --to genesis9|genesis8f|genesis8m   built-in figure (needs no DAZ Studio)\n' +
        '  --to live:"<figure label>"           a figure in the running DAZ Studio; keys are written\n' +
        '                                       to it in a few batched requests, as one undo step\n' +
        '  --source poser --to "<figure label>" a figure in Poser (PoserTalkr), read rigged; with\n' +
        "                                       --emulated figure, the Poser emulator's (.glb/.gltf/.usda)\n" +
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
      'genesis9, genesis8f, genesis8m or live:<figure label>; with --source poser, the figure label',
      parseRetargetTo,
    )
    .addOption(
      new Option(
        '--source <app>',
        `where the figure is: ${SOURCE_KINDS.join(', ')}, optionally :host:port (daz, the default: --to names ` +
          'a built-in or live: figure; poser: Poser running PoserTalkr, 127.0.0.1:55555, --to names its figure)',
      )
        .default(parseSourceSpec('daz'), 'daz')
        .argParser(parseSourceSpec),
    )
    .option(
      '--emulated <scene>',
      "with --source poser: read the figure from the embedded emulator's scene (figure)",
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
    .option('--no-root-motion', 'keep the hip in place (no translation keys at all, height included)')
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
        '  $ dazport retarget take.bvh --to genesis8f --bone-map rokoko.json --out take.glb\n' +
        '  $ dazport retarget walk.bvh --to genesis9 --skeleton unreal --root-motion extract --out walk_ue.glb\n' +
        '  $ dazport retarget walk.bvh --source poser --to "Figure 1" --out walk.glb\n' +
        '  $ dazport retarget walk.bvh --source poser --emulated figure --to "Figure 1" --out walk.glb   # no Poser needed\n' +
        `\n${SKELETON_PROFILE_HELP}` +
        `\n${ENGINE_OUTPUT_HELP}`,
    ),
).action(async (clip: string, flags: RetargetFlags, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, () => runRetarget(clip, flags, globals, command));
});

async function runRetarget(
  clipFile: string,
  flags: RetargetFlags,
  globals: GlobalOptions,
  command: Command,
): Promise<void> {
  const options = retargetOptionsOf(flags);
  const kind = flags.source.kind;
  checkSourceRetargetFlags(kind, flags, command);
  if (kind !== 'daz') {
    checkRetargetRequest(options, false);
    printRetargetReport(
      await retargetFromOtherSource(kind, flags, options, (o) => retargetWithFeedback(clipFile, o, globals)),
      globals,
    );
    return;
  }
  const target = dazRetargetTarget(flags.to, command);
  // daz:host:port says the same as --host and --port.
  if (flags.source.host !== undefined) flags.host = flags.source.host;
  if (flags.source.port !== undefined) flags.port = flags.source.port;
  // Usage mistakes fail before an emulator starts or a token is looked for.
  checkRetargetRequest(options, target.kind === 'live');
  if (target.kind === 'builtin') {
    printRetargetReport(
      await retargetWithFeedback(clipFile, { ...options, to: target.label }, globals),
      globals,
    );
    return;
  }
  const client = connect(flags);
  try {
    const to = { client, figure: target.label };
    printRetargetReport(await retargetWithFeedback(clipFile, { ...options, to }, globals), globals);
  } finally {
    await client.close();
  }
}

/** The retarget flags in the library's terms (`retargetFile`'s options). */
export function retargetOptionsOf(
  flags: Omit<RetargetFlags, keyof ConnectionFlags | 'to' | 'source' | 'emulated'>,
): Omit<RetargetFileOptions, 'to'> {
  return {
    out: flags.out,
    convention: flags.convention,
    boneMapFile: flags.boneMap,
    fps: flags.fps,
    rootScale: flags.rootScale,
    sourceUnitCm: flags.sourceUnitCm,
    frames: flags.frames,
    rootMotion: flags.rootMotion,
    skeleton: flags.skeleton,
    rootBone: flags.rootBone,
    twist: flags.twist,
    sourceRest: flags.sourceRest,
    floor: flags.floor,
    footLock: flags.footLock,
    allowPartial: flags.allowPartial,
    reduce: flags.reduce,
    maxErrorDeg: flags.toleranceDeg,
    maxErrorCm: flags.toleranceCm,
    onlyDriven: flags.onlyDriven ?? false,
    gzip: flags.gzip,
    frameCountMismatch: flags.frameMismatch,
    ...engineOutputOptionsOfFlags(flags),
  };
}

/** `retargetFile` with the CLI's feedback: a progress bar, and a coverage stop's bone map template. */
export async function retargetWithFeedback(
  clipFile: string,
  options: RetargetFileOptions,
  globals: GlobalOptions,
): Promise<RetargetFileResult> {
  const bar = new ProgressBar(globals);
  try {
    return await withClipInCoverageHint(clipFile, globals, () =>
      retargetFile(clipFile, {
        ...options,
        onProgress: (p) => bar.show(retargetProgressReport(p)),
      }),
    );
  } finally {
    bar.clear();
  }
}

export function printRetargetReport(report: RetargetFileResult, globals: GlobalOptions): void {
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
export function retargetWarningLines(report: RetargetFileResult, globals: GlobalOptions): string[] {
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
export function retargetReportLines(report: RetargetFileResult, globals: GlobalOptions): string[] {
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
async function withClipInCoverageHint<T>(
  clipFile: string,
  globals: GlobalOptions,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
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

function floorLines(report: RetargetFileResult): string[] {
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
