/**
 * The options every command that talks to DAZ Studio takes, with their environment variables.
 *
 * DAZ_TOKEN and DAZ_TOKEN_FILE are read by the client's token discovery, not by commander: so a
 * refused token is named by where it really came from (`--token` or `DAZ_TOKEN`), and an explicit
 * `--token-file` wins over a `DAZ_TOKEN` left in the environment.
 *
 * Declaring the options loads no client: `--help` and usage errors stay quick. The client is
 * built by connect-client.ts, which only a command's run loads.
 */
import { type Command, Option } from 'commander';
import { defaultEmulatorTokenFile, defaultTokenFile } from '../client/token.js';
import { blankMeansDefault, integerOption, pathOption } from './commands/option-parsers.js';

export interface ConnectionFlags {
  host: string;
  port: number;
  token?: string;
  tokenFile?: string;
  timeout: number;
}

export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--host <address>', 'DazScript Server host')
        .default('127.0.0.1')
        .env('DAZ_HOST')
        .argParser(blankMeansDefault('127.0.0.1')),
    )
    .addOption(
      new Option('--port <n>', 'DazScript Server port')
        .default(18811)
        .env('DAZ_PORT')
        .argParser(blankMeansDefault(18811, integerOption('--port', 1, 65535))),
    )
    .addOption(
      new Option(
        '--token <token>',
        'API token (prefer a token file: command lines are visible to other users) (env: DAZ_TOKEN)',
      ),
    )
    .addOption(
      new Option(
        '--token-file <path>',
        "file whose first line is the token (env: DAZ_TOKEN_FILE; default DAZ Studio's " +
          `${defaultTokenFile()}; the emulator's is ${defaultEmulatorTokenFile()})`,
      ).argParser(pathOption),
    )
    .addOption(
      new Option('--timeout <ms>', 'per-request timeout')
        .default(120_000)
        .argParser(integerOption('--timeout', 100, 3_600_000)),
    );
}
