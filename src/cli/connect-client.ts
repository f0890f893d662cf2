/** The client the connection options (connection-options.ts) describe: the token itself is never echoed. */
import { DazClient } from '../client/dazscript-client.js';
import { CLI_TOKEN_NAMES } from '../client/token-origin.js';
import type { ConnectionFlags } from './connection-options.js';

export function connect(flags: ConnectionFlags): DazClient {
  return DazClient.connect({
    host: flags.host,
    port: flags.port,
    token: flags.token,
    tokenFile: flags.tokenFile,
    tokenOptionNames: CLI_TOKEN_NAMES,
    timeoutMs: flags.timeout,
  });
}
