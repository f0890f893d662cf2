/**
 * The options every command that talks to DAZ Studio takes, with their environment variables,
 * and the client they build. The token itself is never echoed.
 */
import { type Command, Option } from 'commander';
import { DazClient } from '../client/dazscript-client.js';
import { integerOption, pathOption } from './commands/option-parsers.js';

export interface ConnectionFlags {
  host: string;
  port: number;
  token?: string;
  tokenFile?: string;
  timeout: number;
}

export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(new Option('--host <address>', 'DazScript Server host').default('127.0.0.1').env('DAZ_HOST'))
    .addOption(
      new Option('--port <n>', 'DazScript Server port')
        .default(18811)
        .env('DAZ_PORT')
        .argParser(integerOption('--port', 1, 65535)),
    )
    .addOption(
      new Option(
        '--token <token>',
        'API token (prefer DAZ_TOKEN or a token file: command lines are visible to other users)',
      ).env('DAZ_TOKEN'),
    )
    .addOption(
      new Option('--token-file <path>', 'file whose first line is the token')
        .env('DAZ_TOKEN_FILE')
        .argParser(pathOption),
    )
    .addOption(
      new Option('--timeout <ms>', 'per-request timeout')
        .default(120_000)
        .argParser(integerOption('--timeout', 100, 3_600_000)),
    );
}

export function connect(flags: ConnectionFlags): DazClient {
  return DazClient.connect({
    host: flags.host,
    port: flags.port,
    token: flags.token,
    tokenFile: flags.tokenFile,
    timeoutMs: flags.timeout,
  });
}
