/**
 * Binding the emulator's address, with a DAZPORT_LISTEN error that says why it failed and what to
 * do (exit 3 on the command line, the connection class: no server can be reached there).
 */
import type { Server } from 'node:http';
import { DazportError } from '../../errors.js';

/** Bind, or fail with DAZPORT_LISTEN saying why and what to do. */
export function listen(http: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, host, port));
    http.once('error', onError);
    http.listen(port, host, () => {
      http.off('error', onError);
      resolve();
    });
  });
}

function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const context = { host, port, code: err.code };
  switch (err.code) {
    case 'EADDRINUSE':
      return new DazportError(
        'DAZPORT_LISTEN',
        `cannot listen on ${address}: the port is in use, probably by DAZ Studio (DazScript Server) or another dazport emulator`,
        {
          context,
          suggestion: 'pick another port, or port 0 for any free one; the token file was not touched',
          cliSuggestion: 'pick another --port, or --port 0 for any free one; the token file was not touched',
          cause: err,
        },
      );
    case 'EACCES':
      return new DazportError('DAZPORT_LISTEN', `cannot listen on ${address}: permission denied`, {
        context,
        suggestion: 'ports below 1024 need privileges: use a port above 1024, or port 0',
        cliSuggestion: 'ports below 1024 need privileges: use a --port above 1024, or --port 0',
        cause: err,
      });
    case 'EADDRNOTAVAIL':
      return new DazportError(
        'DAZPORT_LISTEN',
        `cannot listen on ${address}: no network interface of this machine has that address`,
        {
          context,
          suggestion: "use host '127.0.0.1' (the default)",
          cliSuggestion: 'use --host 127.0.0.1 (the default)',
          cause: err,
        },
      );
    default:
      return new DazportError('DAZPORT_LISTEN', `cannot listen on ${address}: ${err.message}`, {
        context,
        cause: err,
      });
  }
}
