/**
 * `dazport retarget --source poser[:host:port] --to "<figure label>"`: the retarget onto a figure
 * of another application's scene. The scene is read rigged from the source (or its embedded
 * emulator with `--emulated <scene>`) and handed to `retargetFile` as `to: { scene, figure }`;
 * the retarget and the writers are the DAZ retarget's own. `--to` is then a figure label, read
 * once --source is known (commander parses the two in the order they are written).
 */
import type { Command } from 'commander';
import { DazportError } from '../errors.js';
import { isDufFile } from '../jobs/deliver-motion.js';
import type { OtherSourceKind } from '../jobs/other-sources.js';
import type { RetargetFileOptions } from '../jobs/retarget-file.js';
import type { RetargetFileResult } from '../jobs/retarget-report.js';
import type { RetargetTarget, RetargetToFlag } from './retarget-target.js';
import { checkSourceExportFlags } from './source-export.js';
import { SOURCE_NAMES, type SourceSpec } from './source-option.js';
import { checkEmulatedSceneSource, withSourceScene } from './source-scene.js';

/**
 * The DAZ target `--to` names; a value that is none is commander's usage error, worded as the
 * argParser would have worded it.
 */
export function dazRetargetTarget(to: RetargetToFlag, command: Command): RetargetTarget {
  if (to.target) return to.target;
  return command.error(
    `error: option '--to <target>' argument '${to.written}' is invalid. ${to.invalid ?? ''}`,
    { code: 'commander.invalidArgument' },
  );
}

export interface SourceRetargetFlags {
  source: SourceSpec;
  to: RetargetToFlag;
  emulated?: string;
  timeout: number;
}

/** Usage mistakes before an emulator starts or a connection is made. */
export function checkSourceRetargetFlags(
  kind: OtherSourceKind | 'daz',
  flags: Pick<SourceRetargetFlags, 'to' | 'emulated' | 'source'> & { out?: string[] },
  command: Command,
): void {
  if (kind === 'daz') {
    if (flags.emulated !== undefined)
      throw new DazportError(
        'DAZPORT_USAGE',
        `--emulated serves another application's scene (--source poser)`,
        {
          context: { option: '--emulated' },
          suggestion: 'a built-in Genesis figure needs no emulator: --to genesis9, genesis8f or genesis8m',
        },
      );
    return;
  }
  checkSourceExportFlags(kind, command);
  if (flags.to.target?.kind === 'live')
    throw new DazportError(
      'DAZPORT_USAGE',
      `--to live: writes keys onto a figure in DAZ Studio; ${SOURCE_NAMES[kind]}'s figures take none`,
      {
        context: { source: kind, to: flags.to.written },
        suggestion: `give the figure's label: --to "${flags.to.target.label}", and --out walk.glb`,
      },
    );
  // retargetFile refuses it too, once the figure is read: said here before anything starts.
  const duf = flags.out?.find(isDufFile);
  if (duf)
    throw new DazportError(
      'DAZPORT_USAGE',
      `${duf}: a .duf pose preset keys a DAZ Studio figure's bones, and ${SOURCE_NAMES[kind]}'s figures have none`,
      { context: { file: duf, source: kind }, suggestion: 'write .glb, .gltf or .usda for it' },
    );
  checkEmulatedSceneSource(flags.emulated, flags.source);
}

/** Read the source's scene rigged (from its emulator with --emulated) and retarget onto the figure. */
export async function retargetFromOtherSource(
  kind: OtherSourceKind,
  flags: SourceRetargetFlags,
  options: Omit<RetargetFileOptions, 'to'>,
  retarget: (options: RetargetFileOptions) => Promise<RetargetFileResult>,
): Promise<RetargetFileResult> {
  const figure = flags.to.written.trim();
  return withSourceScene(kind, flags.source, { ...flags, rigged: true }, async (read) =>
    retarget({ ...options, to: { scene: await read(), figure } }),
  );
}
