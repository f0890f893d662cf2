/**
 * `dazport emulator`: its options and help. Serving is emulator-run.ts (DAZ Studio) or
 * source-emulator.ts (Dust3D, Poser), loaded when the command runs.
 */
import { Command, Option } from 'commander';
import { BUILTIN_SCENE_NAMES } from '../../emulator/scenes/builtin-scenes.js';
import { MAX_SCENE_VERTICES } from '../../emulator/scenes/scene-limits.js';
import { EMULATOR_DEFAULTS } from '../../emulator/server/config.js';
import { defaultEmulatorTokenPath } from '../../emulator/server/token.js';
import { OTHER_SOURCE_SCENES } from '../../jobs/other-source-scenes.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { parseSourceSpec, SOURCE_KINDS, type SourceSpec } from '../source-option.js';
import { blankMeansDefault, integerOption, pathOption } from './option-parsers.js';

export interface EmulatorCommandOptions {
  scene: string;
  host: string;
  port: number;
  tokenFile?: string;
  auth: boolean;
  maxConcurrent: number;
  maxBodyMb: number;
  rateLimit?: number;
  rateWindow: number;
  allowIp?: string[];
  scriptTimeout: number;
  source: SourceSpec;
}

export const emulatorCommand = new Command('emulator')
  .summary("run the DAZ Studio emulator (DazScript Server protocol), or Dust3D's or Poser's, until stopped")
  .description(
    'Serve an emulated DAZ Studio over the DazScript Server protocol: the same routes, limits, auth and\n' +
      'JSON as the real plugin, with DazScript (ES5) executed against an emulated DAZ object model over a\n' +
      'built-in Genesis 8/9 scene or a scene JSON file. Point any dazport command (or dazpy) at it.\n\n' +
      'A fresh 128-bit token is written (mode 600) to the token file; the token itself is never printed.\n' +
      "It never writes DAZ Studio's own ~/.daz3d/dazscriptserver_token.txt, not even to create it: clients\n" +
      'find the emulator with --token-file <its token file> or DAZ_TOKEN_FILE (both printed at start).\n\n' +
      'Not a sandbox: scripts run in node:vm with the rights of this process. Keep it on loopback.\n' +
      'Requests from web pages are refused on every route, with or without auth: an Origin other than\n' +
      "the emulator's own, or a Host that is not localhost, 127.x, ::1 or the --host address (bound to\n" +
      '0.0.0.0 or ::, any IP address; names are refused, as DNS rebinding uses them).\n\n' +
      "With --source dust3d it serves Dust3D's Remote IO protocol (port 53309, scenes " +
      `${OTHER_SOURCE_SCENES.dust3d.join(', ')}); with --source poser, PoserTalkr's (port 55555, scene ` +
      `${OTHER_SOURCE_SCENES.poser.join(', ')}; Python 3 runs an emulated poser module). Those protocols have\n` +
      'no authentication: their emulators bind loopback only, and the DAZ options below do not apply.',
  )
  .addOption(
    new Option(
      '--source <app>',
      `which application to emulate: ${SOURCE_KINDS.join(', ')} (an address in it is taken as --host/--port)`,
    )
      .default(parseSourceSpec('daz'), 'daz')
      .argParser(parseSourceSpec),
  )
  .addOption(
    new Option(
      '--scene <name|file>',
      `built-in scene (${BUILTIN_SCENE_NAMES.join(', ')}; heavy:<vertices> for any size) or a scene JSON file, of at most ${MAX_SCENE_VERTICES.toLocaleString('en-US')} vertices`,
    )
      .default('g9')
      .argParser(pathOption),
  )
  .addOption(
    new Option('--host <address>', 'interface to bind')
      .default(EMULATOR_DEFAULTS.host)
      .env('DAZ_HOST')
      .argParser(blankMeansDefault(EMULATOR_DEFAULTS.host)),
  )
  .addOption(
    new Option('--port <n>', 'TCP port (0 picks a free one)')
      .default(EMULATOR_DEFAULTS.port)
      .env('DAZ_PORT')
      .argParser(blankMeansDefault(EMULATOR_DEFAULTS.port, integerOption('--port', 0, 65535))),
  )
  .addOption(
    new Option(
      '--token-file <path>',
      `where to write the token (default ${defaultEmulatorTokenPath()})`,
    ).argParser(pathOption),
  )
  .option('--no-auth', 'accept requests without a token (like unchecking "Enable Authentication")')
  .addOption(
    new Option('--max-concurrent <n>', 'concurrent sync executes before 429')
      .default(EMULATOR_DEFAULTS.maxConcurrent)
      .argParser(integerOption('--max-concurrent', 1, 1000)),
  )
  .addOption(
    new Option('--max-body-mb <n>', 'request body limit before 413')
      .default(EMULATOR_DEFAULTS.maxBodyMB)
      .argParser(integerOption('--max-body-mb', 1, 50)),
  )
  .addOption(
    new Option('--rate-limit <n>', 'enable the per-IP rate limit: N requests per window').argParser(
      integerOption('--rate-limit', 1, 100000),
    ),
  )
  .addOption(
    new Option('--rate-window <seconds>', 'rate-limit window')
      .default(60)
      .argParser(integerOption('--rate-window', 1, 3600)),
  )
  .option('--allow-ip <ip...>', 'enable the IP whitelist with these exact addresses')
  .addOption(
    new Option(
      '--script-timeout <ms>',
      'stop a script running longer than this (DAZ Studio itself has no limit)',
    )
      .default(EMULATOR_DEFAULTS.scriptTimeoutMs)
      .argParser(integerOption('--script-timeout', 100, 24 * 3600 * 1000)),
  )
  .addHelpText(
    'after',
    '\nExamples:\n' +
      '  $ dazport emulator                          # g9 scene on 127.0.0.1:18811\n' +
      '  $ dazport emulator --scene heavy --port 0   # benchmark scene on a free port\n' +
      '  $ dazport emulator --source dust3d          # Dust3D Remote IO on 127.0.0.1:53309\n' +
      '  $ dazport emulator --source poser           # PoserTalkr on 127.0.0.1:55555 (needs python3)\n' +
      '  $ DAZ_TOKEN_FILE=~/.daz3d/dazport-emulator-token.txt dazport export --out scene.glb\n',
  )
  .action(async (options: EmulatorCommandOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const { kind, host, port } = options.source;
    // emulator --source poser:55556 reads as --port 55556.
    if (host !== undefined) command.setOptionValueWithSource('host', host, 'cli');
    if (port !== undefined) command.setOptionValueWithSource('port', port, 'cli');
    // Read again: the address in --source has just been set.
    const withAddress = command.opts<EmulatorCommandOptions>();
    await runCommand(globals, async () =>
      kind === 'daz'
        ? (await import('./emulator-run.js')).runEmulator(withAddress, globals)
        : (await import('../source-emulator.js')).runSourceEmulator(kind, withAddress, command, globals),
    );
  });
