/**
 * What `dazport retarget` does once its flags are parsed (retarget.ts declares them): read the
 * clip, retarget it onto a built-in, live or other source's figure, deliver it, report. Loaded
 * only when the command runs.
 */
import type { Command } from 'commander';
import { RetargetCoverageError } from '../../bonemaps/coverage-error.js';
import { DazportError } from '../../errors.js';
import { checkRetargetRequest, type RetargetFileOptions, retargetFile } from '../../jobs/retarget-file.js';
import type { RetargetFileResult } from '../../jobs/retarget-report.js';
import { connect } from '../connect-client.js';
import type { ConnectionFlags } from '../connection-options.js';
import { describeDelivery } from '../describe-delivery.js';
import { engineOutputOptionsOfFlags } from '../engine-output-options.js';
import { warningLines } from '../print-warnings.js';
import { retargetProgressReport } from '../progress/job-progress.js';
import { ProgressBar } from '../progress.js';
import type { GlobalOptions } from '../run-command.js';
import { checkSourceRetargetFlags, dazRetargetTarget, retargetFromOtherSource } from '../source-retarget.js';
import type { RetargetFlags } from './retarget.js';

export async function runRetarget(
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
