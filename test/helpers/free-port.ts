/**
 * A loopback port that was free a moment ago: bound to 127.0.0.1, then released. Nothing listens
 * on it, so a client there gets "connection refused"; a server started next can take it.
 */
import { createServer } from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
