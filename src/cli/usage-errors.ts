/**
 * Commander's usage errors (missing option, invalid value, unknown option or command, missing or
 * excess arguments, an argParser's InvalidArgumentError) in the form the user asked for: with
 * --json, one `DAZPORT_USAGE` object on stdout and nothing on stderr; without, commander's own
 * message on stderr. Both exit 1. Help and version are not errors: they exit 0.
 *
 * Applied once to the program and every command under it (`routeUsageErrors`), so a command added
 * later is covered without doing anything.
 */
import { type Command, CommanderError } from 'commander';
import { DazportError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import { jsonFailure, writeJson } from './json-output.js';

/** The usage error of `command`, carrying commander's code. */
export class UsageError extends DazportError {
  constructor(err: CommanderError, command: Command) {
    const path = commandPath(command);
    super('DAZPORT_USAGE', usageMessage(err, path), {
      context: { command: path, commanderCode: err.code },
      suggestion: `run \`${path} --help\` for usage`,
      cause: err,
    });
  }
}

/** Make every command report usage errors by throwing (UsageError), never by exiting. */
export function routeUsageErrors(program: Command): void {
  for (const command of commandTree(program)) {
    command.exitOverride((err) => {
      // Help and version asked for: commander has printed them, nothing failed.
      if (err.exitCode === 0) throw err;
      throw new UsageError(err, command);
    });
    command.configureOutput({
      // Commander writes its error message (and, for a missing command, the help) here; with
      // --json the one JSON object carries the message instead.
      writeErr: (text) => {
        if (!jsonAsked(command)) process.stderr.write(text);
      },
    });
  }
}

/**
 * Run the program on `argv`. A usage error sets exit status 1 and, with --json, prints its
 * object (commander has printed it on stderr otherwise); help and version end with 0.
 */
export async function parseWithUsageErrors(program: Command, argv: readonly string[]): Promise<void> {
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof UsageError) {
      if (jsonAsked(program)) writeJson(jsonFailure(err));
      process.exitCode = EXIT.USAGE;
    } else if (err instanceof CommanderError && err.exitCode === 0) {
      process.exitCode = EXIT.OK;
    } else {
      throw err;
    }
  }
}

/** --json is a program option; commander has parsed it wherever it stood before any usage error. */
function jsonAsked(command: Command): boolean {
  let root = command;
  while (root.parent) root = root.parent;
  return Boolean(root.opts().json);
}

function commandTree(command: Command): Command[] {
  return [command, ...command.commands.flatMap(commandTree)];
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function usageMessage(err: CommanderError, path: string): string {
  // With no command, commander prints the whole help as "the error".
  if (err.code === 'commander.help') return `no command given: \`${path} --help\` lists them`;
  return err.message.replace(/^error: /, '');
}
