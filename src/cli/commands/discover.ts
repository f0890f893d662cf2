/**
 * `dazport discover`: its options and help. What it does is discover-run.ts, loaded when it runs.
 */
import { Command, Option } from 'commander';
import { BUILTIN_FIGURE_IDS } from '../../bonemaps/genesis/builtin-figures.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { anySourceSceneOption } from '../emulated-scene-option.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { parseSourceSpec, SOURCE_KINDS, type SourceSpec } from '../source-option.js';

export interface DiscoverOptions extends ConnectionFlags {
  figure?: string;
  emulated?: string;
  source: SourceSpec;
}

export const discoverCommand = addConnectionOptions(
  new Command('discover')
    .summary("print a figure's bones: hierarchy, rotation orders, rest data (live or built-in)")
    .description(
      `List a figure’s skeleton as dazport retargets onto it. --figure ${BUILTIN_FIGURE_IDS.join(', ')}\n` +
        'prints a built-in definition offline (g9, g8f, g8m work too); any other value is the label\n' +
        'of a figure in the running DAZ Studio (or emulator), whose real rest data is read through the\n' +
        'DazScript Server (`dazport scene` lists the labels). Without --figure, every figure of the live\n' +
        'scene is listed. With --source dust3d or --source poser, the figures of Dust3D or Poser instead\n' +
        '(the bones retarget --source poser --to moves).',
    )
    .option(
      '--figure <label|id>',
      `a live figure's label, or a built-in id (${BUILTIN_FIGURE_IDS.join(', ')})`,
    )
    .addOption(
      new Option(
        '--source <app>',
        `whose figures: ${SOURCE_KINDS.join(', ')}, optionally :host:port (as export --source)`,
      )
        .default(parseSourceSpec('daz'), 'daz')
        .argParser(parseSourceSpec),
    )
    .addOption(
      anySourceSceneOption('--emulated <scene>', 'read a scene of an embedded emulator, not the application'),
    ),
).action(async (options: DiscoverOptions, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, async () =>
    (await import('./discover-run.js')).discover(options, globals, command),
  );
});
