/**
 * `dazport export --source dust3d|poser[:host:port]`: the export command for the sources beside
 * DAZ Studio. The scene comes from the source's reader (src/sources), or from its embedded
 * emulator with `--emulated <scene>`; the writers, engine options and skeleton profiles are the
 * DAZ export's own (exportSourceScene). Options only DAZ Studio can honour (morph choice, its
 * timeline, correctives, node selection, tokens) are refused by name rather than ignored.
 */
import type { Command } from 'commander';
import { DazportError } from '../errors.js';
import type { RootMotionMode } from '../export/skeleton-profiles/profile.js';
import type { ExportSceneResult } from '../jobs/export-scene.js';
import { exportSourceScene, type SourceExportOptions } from '../jobs/export-source-scene.js';
import type { OtherSourceKind } from '../jobs/other-sources.js';
import { type EngineOutputFlags, engineOutputOptionsOfFlags } from './engine-output-options.js';
import { exportProgressReport } from './progress/job-progress.js';
import { ProgressBar } from './progress.js';
import type { GlobalOptions } from './run-command.js';
import type { SkeletonProfileFlags } from './skeleton-profile-options.js';
import { SOURCE_DEFAULT_PORTS, SOURCE_NAMES, type SourceSpec } from './source-option.js';
import { flagsGiven, withSourceScene } from './source-scene.js';

/** Export options that only DAZ Studio's reader answers, by commander attribute and flag. */
const DAZ_ONLY: readonly [string, string][] = [
  ['select', '--select'],
  ['only', '--only'],
  ['dryRun', '--dry-run'],
  ['morphs', '--morphs'],
  ['morphPreset', '--morph-preset'],
  ['animation', '--animation'],
  ['frame', '--frame'],
  ['bakeCorrectives', '--bake-correctives'],
  ['chunkKb', '--chunk-kb'],
  ['rereads', '--rereads'],
  ['token', '--token'],
  ['tokenFile', '--token-file'],
];

export interface SourceExportFlags extends SkeletonProfileFlags, EngineOutputFlags {
  out: string[];
  rigged?: boolean;
  rootMotion?: RootMotionMode;
  emulated?: string;
  timeout: number;
}

/**
 * Usage errors before anything starts: a DAZ-only option given on the command line, or the DAZ
 * connection's --host / --port (the address of another source is written in --source).
 */
export function checkSourceExportFlags(kind: OtherSourceKind, command: Command): void {
  const refused = flagsGiven(command, DAZ_ONLY);
  if (refused.length)
    throw new DazportError(
      'DAZPORT_USAGE',
      `${refused.join(', ')} ${refused.length === 1 ? 'reads' : 'read'} from DAZ Studio only, not from ${SOURCE_NAMES[kind]}`,
      {
        context: { source: kind, options: refused },
        suggestion: `leave ${refused.length === 1 ? 'it' : 'them'} out, or export from DAZ Studio (--source daz)`,
      },
    );
  const address = flagsGiven(command, [
    ['host', '--host'],
    ['port', '--port'],
  ]);
  if (address.length)
    throw new DazportError(
      'DAZPORT_USAGE',
      `${address.join(' and ')} ${address.length === 1 ? 'is' : 'are'} DAZ Studio's address; ${SOURCE_NAMES[kind]}'s goes in --source`,
      {
        context: { source: kind, options: address },
        suggestion: `--source ${kind}:<host>:<port> (default 127.0.0.1:${SOURCE_DEFAULT_PORTS[kind]})`,
      },
    );
}

/** exportSourceScene's options, as the export flags give them (also for each export of --watch). */
export function sourceExportOptions(flags: SourceExportFlags): SourceExportOptions {
  return {
    rigged: flags.rigged,
    skeleton: flags.skeleton,
    rootBone: flags.rootBone,
    rootMotion: flags.rootMotion,
    ...engineOutputOptionsOfFlags(flags),
  };
}

/** Read the scene from the source (or its emulator) and write every output, with a progress bar. */
export async function exportFromOtherSource(
  kind: OtherSourceKind,
  spec: SourceSpec,
  flags: SourceExportFlags,
  globals: GlobalOptions,
): Promise<ExportSceneResult> {
  const bar = new ProgressBar(globals);
  try {
    return await withSourceScene(kind, spec, flags, (read) =>
      exportSourceScene(read, flags.out, {
        ...sourceExportOptions(flags),
        onProgress: (p) => bar.show(exportProgressReport(p)),
      }),
    );
  } finally {
    bar.clear();
  }
}
