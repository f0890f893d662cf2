/**
 * What `dazport export` does once its flags are parsed (export.ts declares them): read the scene
 * (DAZ Studio, an embedded emulator, Dust3D or Poser), write the outputs, report. Loaded only when
 * the command runs, so `--help` and usage errors load no client, emulator or writer.
 */
import type { Command } from 'commander';
import type { DazClient } from '../../client/dazscript-client.js';
import type { MorphPreset } from '../../client/morph-selection.js';
import type { AnimationMode } from '../../client/read-animation.js';
import { DazportError } from '../../errors.js';
import { ensureParentFolder } from '../../export/output-path.js';
import type { RootMotionMode } from '../../export/skeleton-profiles/profile.js';
import { checkSceneFile } from '../../export/write-scene-file.js';
import { checkBakeCorrectives } from '../../jobs/corrective-plan.js';
import { withEmbeddedEmulator } from '../../jobs/embedded-emulator.js';
import { type ExportSceneResult, exportScene } from '../../jobs/export-scene.js';
import { planExport } from '../../jobs/plan-export.js';
import { connect } from '../connect-client.js';
import { describeCorrectives } from '../describe-correctives.js';
import { describeExport } from '../describe-export.js';
import { describeMorphs } from '../describe-morphs.js';
import { describePlan } from '../describe-plan.js';
import { type EngineOutputFlags, engineOutputOptionsOfFlags } from '../engine-output-options.js';
import { writeJsonSuccess } from '../json-output.js';
import { warningLines } from '../print-warnings.js';
import { exportProgressReport } from '../progress/job-progress.js';
import { ProgressBar } from '../progress.js';
import type { GlobalOptions } from '../run-command.js';
import type { SkeletonProfileFlags } from '../skeleton-profile-options.js';
import { checkSourceExportFlags, exportFromOtherSource } from '../source-export.js';
import { SOURCE_NAMES } from '../source-option.js';
import { checkEmulatedSceneSource } from '../source-scene.js';
import { watchDust3dExport } from '../source-watch.js';
import type { ExportFlags } from './export.js';

export async function runExport(flags: ExportFlags, globals: GlobalOptions, command: Command): Promise<void> {
  // Bad outputs fail before an emulator starts or a connection is made (exportScene checks them
  // again before reading, for library callers).
  for (const out of flags.out) checkSceneFile(out);
  checkEmulatedSceneSource(flags.emulated, flags.source);
  const kind = flags.source.kind;
  checkWatch(flags);
  if (kind !== 'daz') {
    checkSourceExportFlags(kind, command);
    for (const out of flags.out) ensureParentFolder(out);
    if (flags.watch) {
      await watchDust3dExport(flags.source, flags, globals, (report) => printExportReport(report, globals));
      return;
    }
    printExportReport(await exportFromOtherSource(kind, flags.source, flags, globals), globals);
    return;
  }
  checkBakeCorrectives(flags.bakeCorrectives, flags.animation);
  if (flags.dryRun) return runDryRun(flags, globals);
  for (const out of flags.out) ensureParentFolder(out);
  if (flags.emulated) {
    printExportReport(
      await withEmbeddedEmulator(flags.emulated, ({ client }) =>
        exportWithFeedback(
          client,
          { ...flags, source: `dazport emulator, built-in scene ${flags.emulated}` },
          globals,
        ),
      ),
      globals,
    );
    return;
  }
  const client = connect(flags);
  try {
    // `source` here is the read's description (exportScene's), not --source.
    printExportReport(await exportWithFeedback(client, { ...flags, source: undefined }, globals), globals);
  } finally {
    await client.close();
  }
}

/** What the export command asks of `exportScene`, as flags give it. */
export interface SceneExportRequest extends EngineOutputFlags {
  out: string[];
  select?: string[];
  only?: string[];
  rigged?: boolean;
  morphs?: boolean | string[];
  morphPreset?: MorphPreset;
  chunkKb?: number;
  rereads?: number;
  /** exportScene's `animation` and `frame`. */
  animation?: AnimationMode;
  frame?: number;
  /** exportScene's `bakeCorrectives`. */
  bakeCorrectives?: boolean;
  /** What the files name as their source (exportScene's `source`). */
  source?: string;
  /** Engine bone names, root bone, root motion (exportScene's `skeleton`, `rootBone`, `rootMotion`). */
  skeleton?: SkeletonProfileFlags['skeleton'];
  rootBone?: boolean;
  rootMotion?: RootMotionMode;
}

/** `exportScene` with the CLI's feedback: a progress bar, and a line on stderr per re-read. */
export async function exportWithFeedback(
  client: DazClient,
  request: SceneExportRequest,
  globals: GlobalOptions,
): Promise<ExportSceneResult> {
  const bar = new ProgressBar(globals);
  try {
    return await exportScene(client, request.out, {
      select: request.select,
      only: request.only,
      rigged: request.rigged,
      morphs: request.morphs,
      ...(request.morphPreset === undefined ? {} : { morphPreset: request.morphPreset }),
      chunkBytes: (request.chunkKb ?? 2048) * 1024,
      rereads: request.rereads,
      ...(request.animation === undefined ? {} : { animation: request.animation }),
      ...(request.frame === undefined ? {} : { frame: request.frame }),
      ...(request.bakeCorrectives ? { bakeCorrectives: true } : {}),
      source: request.source,
      skeleton: request.skeleton,
      rootBone: request.rootBone,
      rootMotion: request.rootMotion,
      ...engineOutputOptionsOfFlags(request),
      onReread: (reason, n) => {
        bar.clear();
        if (!globals.json && !globals.quiet)
          process.stderr.write(`${reason.message}; reading it again (${n} of ${request.rereads})\n`);
      },
      onProgress: (p) => bar.show(exportProgressReport(p)),
    });
  } finally {
    bar.clear();
  }
}

/** `--dry-run`: the plan (planExport), printed; nothing written, no folder made. */
async function runDryRun(flags: ExportFlags, globals: GlobalOptions): Promise<void> {
  const plan = (client: DazClient) => planExport(client, flags.out, flags);
  const report = flags.emulated
    ? await withEmbeddedEmulator(flags.emulated, ({ client }) => plan(client))
    : await withClient(connect(flags), plan);
  if (globals.json) writeJsonSuccess({ dryRun: true, ...report });
  else if (!globals.quiet) process.stdout.write(`${describePlan(report).join('\n')}\n`);
}

async function withClient<T>(client: DazClient, work: (client: DazClient) => Promise<T>): Promise<T> {
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

export function printExportReport(report: ExportSceneResult, globals: GlobalOptions): void {
  if (globals.json) {
    writeJsonSuccess(report);
    return;
  }
  const lines = exportReportLines(report, globals);
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  for (const line of exportWarningLines(report, globals)) process.stderr.write(`${line}\n`);
}

/** One summary line per output (every warning with --verbose, none with --quiet or --json). */
export function exportWarningLines(report: ExportSceneResult, globals: GlobalOptions): string[] {
  return report.outputs.flatMap((s) => warningLines(s.file, s.warnings, globals));
}

/** The human report (nothing with --quiet); its warnings: {@link exportWarningLines}. */
export function exportReportLines(report: ExportSceneResult, globals: GlobalOptions): string[] {
  if (globals.quiet) return [];
  return [
    ...report.outputs.map((s) => `wrote ${describeExport(s)}`),
    ...(report.morphs ? describeMorphs(report.morphs) : []),
    ...(report.correctives ? describeCorrectives(report.correctives) : []),
    `read in ${(report.readMs / 1000).toFixed(2)} s${report.rereads ? ` (read ${report.rereads + 1} times: the scene changed)` : ''}, done in ${(report.totalMs / 1000).toFixed(2)} s`,
  ];
}

/** --watch follows Dust3D's result-mesh events: a live Dust3D, not an emulator nobody edits. */
function checkWatch(flags: ExportFlags): void {
  if (!flags.watch) return;
  const why =
    flags.source.kind !== 'dust3d'
      ? `--watch follows Dust3D's result-mesh events; ${SOURCE_NAMES[flags.source.kind]} sends none dazport reads`
      : flags.emulated
        ? '--watch follows edits made in Dust3D, and nothing edits an embedded emulator'
        : null;
  if (why)
    throw new DazportError('DAZPORT_USAGE', why, {
      context: { source: flags.source.kind },
      suggestion: flags.emulated
        ? 'start `dazport emulator --source dust3d` and watch its address, or leave --watch out'
        : 'use --watch with --source dust3d, or leave it out',
    });
}
