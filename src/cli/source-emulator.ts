/**
 * `dazport emulator --source dust3d|poser`: serve an emulated Dust3D (Remote IO) or Poser
 * (PoserTalkr) until Ctrl-C, for testing a pipeline without the application. Neither protocol
 * has authentication, so these emulators bind loopback only: another --host is refused, not
 * warned about. The DAZ emulator's options (tokens, limits, allow-lists) have no meaning here and
 * are refused by name.
 */
import type { Command } from 'commander';
import { DazportError } from '../errors.js';
import {
  OTHER_SOURCE_SCENES,
  type OtherSourceKind,
  withEmbeddedSourceEmulator,
} from '../jobs/other-sources.js';
import type { GlobalOptions } from './run-command.js';
import { SOURCE_DEFAULT_PORTS, SOURCE_NAMES } from './source-option.js';
import { flagsGiven } from './source-scene.js';

/** The DAZ emulator's options, by commander attribute and flag. */
const DAZ_ONLY: readonly [string, string][] = [
  ['tokenFile', '--token-file'],
  ['auth', '--no-auth'],
  ['maxConcurrent', '--max-concurrent'],
  ['maxBodyMb', '--max-body-mb'],
  ['rateLimit', '--rate-limit'],
  ['rateWindow', '--rate-window'],
  ['allowIp', '--allow-ip'],
  ['scriptTimeout', '--script-timeout'],
];

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

export interface SourceEmulatorOptions {
  scene: string;
  host: string;
  port: number;
}

/** Serve the emulator of `kind` until SIGINT / SIGTERM. */
export async function runSourceEmulator(
  kind: OtherSourceKind,
  options: SourceEmulatorOptions,
  command: Command,
  globals: GlobalOptions,
): Promise<void> {
  const given = (name: string) => command.getOptionValueSource(name) === 'cli';
  const refused = flagsGiven(command, DAZ_ONLY);
  if (refused.length)
    throw new DazportError(
      'DAZPORT_USAGE',
      `${refused.join(', ')}: the DAZ Studio emulator's, not the ${SOURCE_NAMES[kind]} emulator's`,
      { context: { source: kind, options: refused }, suggestion: 'leave them out' },
    );
  // DAZ_HOST / DAZ_PORT and the DAZ defaults are DAZ Studio's address, not this application's.
  const host = given('host') ? options.host : '127.0.0.1';
  const port = given('port') ? options.port : SOURCE_DEFAULT_PORTS[kind];
  const scenes = OTHER_SOURCE_SCENES[kind];
  const scene = given('scene') ? options.scene : scenes[0];
  if (!LOOPBACK.test(host))
    throw new DazportError(
      'DAZPORT_USAGE',
      `the ${SOURCE_NAMES[kind]} protocol has no authentication: its emulator binds loopback only, not ${host}`,
      { context: { source: kind, host }, suggestion: 'leave --host out (127.0.0.1)' },
    );
  if (!scenes.includes(scene))
    throw new DazportError('DAZPORT_USAGE', `the ${SOURCE_NAMES[kind]} emulator has no scene "${scene}"`, {
      context: { source: kind, scene },
      suggestion: `--scene ${scenes.join(' | ')}`,
    });
  await withEmbeddedSourceEmulator(kind, scene, { host, port }, async (address) => {
    const url = `tcp://${address.host}:${address.port}`;
    if (globals.json) {
      process.stdout.write(`${JSON.stringify({ ok: true, source: kind, url, scene })}\n`);
    } else if (!globals.quiet) {
      process.stdout.write(
        `${SOURCE_NAMES[kind]} emulator on ${url} (scene ${scene})\n` +
          `  clients: dazport export --source ${kind}:${address.host}:${address.port} --out scene.glb\n` +
          'no authentication (none in the protocol): loopback only. Ctrl-C stops it.\n',
      );
    }
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  });
}
