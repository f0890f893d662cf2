/**
 * The address in a `--source dust3d[:host[:port]]` value, for the command line: `dust3d` is
 * Dust3D's own address (127.0.0.1:53309), `dust3d:192.168.1.5` another host on Dust3D's port,
 * `dust3d:127.0.0.1:53400` both. Bad values are usage errors that show the accepted forms.
 *
 * @category Dust3D
 */
import { DazportError } from '../../errors.js';
import { DUST3D_CONNECT_DEFAULTS } from './dust3d-client.js';

/** The `--source` prefix that selects Dust3D. */
export const DUST3D_SOURCE_NAME = 'dust3d';

/** `{ host, port }` of a `dust3d[:host[:port]]` source value. */
export function parseDust3dSource(value: string): { host: string; port: number } {
  const usage = (why: string) =>
    new DazportError('DAZPORT_USAGE', `--source "${value}": ${why}`, {
      context: { option: '--source', value },
      suggestion: 'write dust3d, dust3d:<host> or dust3d:<host>:<port> (e.g. dust3d:127.0.0.1:53309)',
    });
  const [name, host, port, ...extra] = value.split(':');
  if (name.toLowerCase() !== DUST3D_SOURCE_NAME)
    throw usage(`expected it to start with "${DUST3D_SOURCE_NAME}"`);
  if (extra.length) throw usage('too many ":" (IPv6 addresses are not accepted here)');
  if (host === '') throw usage('the host after "dust3d:" is empty');
  let portNumber = DUST3D_CONNECT_DEFAULTS.port;
  if (port !== undefined) {
    portNumber = Number(port);
    if (!/^\d+$/.test(port) || portNumber < 1 || portNumber > 65535)
      throw usage(`port "${port}" is not 1-65535`);
  }
  return { host: host ?? DUST3D_CONNECT_DEFAULTS.host, port: portNumber };
}
