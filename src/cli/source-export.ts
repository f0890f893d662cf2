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
import { exportSourceScene } from '../jobs/export-source-scene.js';
import {
  type OtherSourceKind,
  readOtherSourceScene,
  type SourceAddress,
  withEmbeddedSourceEmulator,
} from '../jobs/other-sources.js';
import type { Scene } from '../scene/scene.js';
import { type EngineOutputFlags, engineOutputOptionsOfFlags } from './engine-output-options.js';
import { exportProgressReport } from './progress/job-progress.js';
import { ProgressBar } from './progress.js';
import type { GlobalOptions } from './run-command.js';
import type { SkeletonProfileFlags } from './skeleton-profile-options.js';
import { SOURCE_DEFAULT_PORTS, SOURCE_NAMES, type SourceSpec } from './source-option.js';

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
  const given = (name: string) => command.getOptionValueSource(name) === 'cli';
  const refused = DAZ_ONLY.filter(([name]) => given(name)).map(([, flag]) => flag);
  if (refused.length)
    throw new DazportError(
      'DAZPORT_USAGE',
      `${refused.join(', ')} ${refused.length === 1 ? 'reads' : 'read'} from DAZ Studio only, not from ${SOURCE_NAMES[kind]}`,
      {
        context: { source: kind, options: refused },
        suggestion: `leave ${refused.length === 1 ? 'it' : 'them'} out, or export from DAZ Studio (--source daz)`,
      },
    );
  const address = ['host', 'port'].filter(given).map((n) => `--${n}`);
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

/** Read the scene from the source (or its emulator) and write every output, with a progress bar. */
export async function exportFromOtherSource(
  kind: OtherSourceKind,
  spec: SourceSpec,
  flags: SourceExportFlags,
  globals: GlobalOptions,
): Promise<ExportSceneResult> {
  const bar = new ProgressBar(globals);
  const write = (read: () => Promise<Scene>, source?: string) =>
    exportSourceScene(read, flags.out, {
      rigged: flags.rigged,
      skeleton: flags.skeleton,
      rootBone: flags.rootBone,
      rootMotion: flags.rootMotion,
      ...engineOutputOptionsOfFlags(flags),
      ...(source === undefined ? {} : { source }),
      onProgress: (p) => bar.show(exportProgressReport(p)),
    });
  try {
    if (flags.emulated) {
      const scene = flags.emulated;
      // Named by its scene, not its random port, so two runs write the same bytes.
      return await withEmbeddedSourceEmulator(kind, scene, { host: '127.0.0.1', port: 0 }, (address) =>
        write(
          () =>
            readOtherSourceScene(kind, { ...address, timeoutMs: flags.timeout }, { rigged: flags.rigged }),
          `dazport ${SOURCE_NAMES[kind]} emulator, built-in scene ${scene}`,
        ),
      );
    }
    const address: SourceAddress = {
      host: spec.host ?? '127.0.0.1',
      port: spec.port ?? SOURCE_DEFAULT_PORTS[kind],
      timeoutMs: flags.timeout,
    };
    return await write(() => readOtherSourceScene(kind, address, { rigged: flags.rigged }));
  } finally {
    bar.clear();
  }
}
