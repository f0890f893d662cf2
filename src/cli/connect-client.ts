/** The client the connection options (connection-options.ts) describe: the token itself is never echoed. */
import { DazClient } from '../client/dazscript-client.js';
import { CLI_TOKEN_NAMES } from '../client/token-origin.js';
import type { ConnectionFlags } from './connection-options.js';
import type { SourceSpec } from './source-option.js';

/** DAZ Studio's client; `--source daz:host:port` says the same as --host and --port. */
export function connect(flags: ConnectionFlags & { source?: SourceSpec }): DazClient {
  const address = flags.source?.kind === 'daz' ? flags.source : undefined;
  return DazClient.connect({
    host: address?.host ?? flags.host,
    port: address?.port ?? flags.port,
    token: flags.token,
    tokenFile: flags.tokenFile,
    tokenOptionNames: CLI_TOKEN_NAMES,
    timeoutMs: flags.timeout,
  });
}
