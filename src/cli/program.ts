/**
 * dazport's command line: wires the commands, nothing else. Each command lives in its own file.
 * Imported by src/cli/main.ts (the bin) and by tests, which run the program in-process.
 */
import { createRequire } from 'node:module';
import { Command } from 'commander';
import { demoCommand } from './commands/demo.js';
import { discoverCommand } from './commands/discover.js';
import { emulatorCommand } from './commands/emulator.js';
import { exportCommand } from './commands/export.js';
import { inspectCommand } from './commands/inspect.js';
import { retargetCommand } from './commands/retarget.js';
import { sceneCommand } from './commands/scene.js';
import { routeUsageErrors } from './usage-errors.js';

// From src/cli (tsx) and dist/cli (built) alike, the package manifest is two folders up.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command('dazport')
    .version(version, '-V, --version', 'print the dazport version')
    .description(
      'Get 3D content out of DAZ Studio (glTF, USD) and mocap into it (BVH onto Genesis 8/9).\n' +
        'Talks to DAZ Studio through the DazScript Server plugin, or to the built-in emulator.',
    )
    .option('--json', 'machine-readable output: one JSON object on stdout')
    .option('-q, --quiet', 'print nothing but errors (no report, no warnings, no progress)')
    .option('-v, --verbose', 'more detail, including causes of errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nStart here:\n' +
        '  $ dazport demo                 # everything end to end on an embedded emulator\n' +
        '  $ dazport scene                # what is in the scene: the labels --select and live: take\n' +
        '  $ dazport export --out scene.glb            # the DAZ Studio scene to glTF (or .usda)\n' +
        '  $ dazport retarget walk.bvh --to live:"Genesis 9"   # mocap onto a figure\n' +
        '  $ dazport export --source dust3d --out model.glb   # from Dust3D (or --source poser) instead\n' +
        '  $ dazport emulator --help      # serve an emulated DAZ Studio for other tools\n' +
        "\nExit status: 0 ok, 1 usage, 2 bad input, 3 no server (or the emulator's port is taken),\n" +
        '             4 auth, 5 server refused or failed (after retries; scene changed while read),\n' +
        '             6 script failed, 7 cannot write output, 70 internal error,\n' +
        '             130 interrupted (Ctrl-C), 143 terminated (SIGTERM): temporary files removed.\n',
    );
  program.addCommand(demoCommand);
  program.addCommand(sceneCommand);
  program.addCommand(exportCommand);
  program.addCommand(retargetCommand);
  program.addCommand(emulatorCommand);
  program.addCommand(inspectCommand);
  program.addCommand(discoverCommand);
  // Descriptions are laid out by hand in lines under 110 characters; wrapping them at 80 would
  // break the tables. Wider terminals still get their own width.
  const helpWidth = Math.max(110, process.stdout.columns ?? 0);
  for (const command of [program, ...program.commands]) command.configureHelp({ helpWidth });
  // Last, so it covers every command added above: usage errors as JSON with --json, exit 1.
  routeUsageErrors(program);
  return program;
}
