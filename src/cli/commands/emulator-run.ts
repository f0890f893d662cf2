/**
 * What `dazport emulator` does for DAZ Studio (emulator.ts declares it): serve the emulator until
 * Ctrl-C or SIGTERM, saying where and how clients find its token (never the token itself).
 */
import { startEmulator } from '../../emulator/start-emulator.js';
import type { GlobalOptions } from '../run-command.js';
import type { EmulatorCommandOptions } from './emulator.js';

export async function runEmulator(options: EmulatorCommandOptions, globals: GlobalOptions): Promise<void> {
  // A taken port fails with DAZPORT_LISTEN (exit 3) before the token file is touched.
  const emulator = await startEmulator({
    scene: options.scene,
    host: options.host,
    port: options.port,
    tokenFile: options.tokenFile,
    noAuth: !options.auth,
    maxConcurrent: options.maxConcurrent,
    maxBodyMB: options.maxBodyMb,
    rateLimit: {
      enabled: options.rateLimit !== undefined,
      maxRequests: options.rateLimit ?? 60,
      windowMs: options.rateWindow * 1000,
    },
    ipAllowList: { enabled: options.allowIp !== undefined, ips: options.allowIp ?? [] },
    scriptTimeoutMs: options.scriptTimeout,
  });
  const info = {
    ok: true,
    url: emulator.url,
    scene: options.scene,
    tokenFile: emulator.tokenFile,
    version: emulator.server.config.version,
  };
  if (globals.json) {
    process.stdout.write(`${JSON.stringify(info)}\n`);
  } else if (!globals.quiet) {
    process.stdout.write(
      `DazScript Server emulator ${info.version} on ${info.url} (scene ${options.scene})\n`,
    );
    if (emulator.tokenFile) {
      process.stdout.write(
        `token file: ${emulator.tokenFile}\n  clients: export DAZ_TOKEN_FILE=${emulator.tokenFile}\n`,
      );
    } else {
      process.stdout.write('authentication is OFF: anyone who can reach this address can run scripts\n');
    }
    if (!isLoopback(options.host)) {
      process.stderr.write(
        `warning: bound to ${options.host}; the emulator is not a sandbox, scripts can reach this machine\n`,
      );
    }
    process.stdout.write('Ctrl-C stops it.\n');
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      emulator.stop().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
