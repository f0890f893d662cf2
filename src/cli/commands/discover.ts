/**
 * `dazport discover`: its options and help. What it does is discover-run.ts, loaded when it runs.
 */
import { Command } from 'commander';
import { BUILTIN_FIGURE_IDS } from '../../bonemaps/genesis/builtin-figures.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { type GlobalOptions, runCommand } from '../run-command.js';

export interface DiscoverOptions extends ConnectionFlags {
  figure?: string;
}

export const discoverCommand = addConnectionOptions(
  new Command('discover')
    .summary("print a figure's bones: hierarchy, rotation orders, rest data (live or built-in)")
    .description(
      `List a figure’s skeleton as dazport retargets onto it. --figure ${BUILTIN_FIGURE_IDS.join(', ')}\n` +
        'prints a built-in definition offline (g9, g8f, g8m work too); any other value is the label\n' +
        'of a figure in the running DAZ Studio (or emulator), whose real rest data is read through the\n' +
        'DazScript Server (`dazport scene` lists the labels). Without --figure, every figure of the live\n' +
        'scene is listed.',
    )
    .option(
      '--figure <label|id>',
      `a live figure's label, or a built-in id (${BUILTIN_FIGURE_IDS.join(', ')})`,
    ),
).action(async (options: DiscoverOptions, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, async () => (await import('./discover-run.js')).discover(options, globals));
});
