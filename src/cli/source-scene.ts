/**
 * What every command that reads from Dust3D or Poser does with its flags: find the address
 * (written in --source, else loopback and the application's port), or start that application's
 * emulator for the one command with `--emulated <scene>`; and refuse by name the options that
 * mean nothing there. Shared by `export`, `export --watch`, `retarget` and `emulator`.
 */
import type { Command } from 'commander';
import { BUILTIN_SCENE_NAMES } from '../emulator/scenes/builtin-scenes.js';
import { DazportError } from '../errors.js';
import {
  OTHER_SOURCE_SCENES,
  type OtherSourceKind,
  readOtherSourceScene,
  type SourceAddress,
  withEmbeddedSourceEmulator,
} from '../jobs/other-sources.js';
import type { Scene } from '../scene/scene.js';
import { describeSceneNames } from './emulated-scene-option.js';
import { SOURCE_DEFAULT_PORTS, SOURCE_NAMES, type SourceKind, type SourceSpec } from './source-option.js';

/** The flags (by commander attribute, as written) of `table` that the command line gave. */
export function flagsGiven(command: Command, table: readonly (readonly [string, string])[]): string[] {
  return table.filter(([name]) => command.getOptionValueSource(name) === 'cli').map(([, flag]) => flag);
}

/** The address `--source` names, or loopback and the application's own port. */
export function sourceAddress(kind: OtherSourceKind, spec: SourceSpec, timeoutMs: number): SourceAddress {
  return {
    host: spec.host ?? '127.0.0.1',
    port: spec.port ?? SOURCE_DEFAULT_PORTS[kind],
    timeoutMs,
  };
}

export interface SourceSceneFlags {
  /** A built-in scene of the application's emulator, served for this command only. */
  emulated?: string;
  timeout: number;
  /** Read what a rigged export needs (skeleton and skin) too. */
  rigged?: boolean;
}

/**
 * Run `work` with a reader of the source's scene: the application at its address, or, with
 * `emulated`, its emulator on a free loopback port, stopped once `work` is done. An emulated
 * scene is named by its scene, not its random port, so two runs write the same bytes.
 */
export function withSourceScene<T>(
  kind: OtherSourceKind,
  spec: SourceSpec,
  flags: SourceSceneFlags,
  work: (read: () => Promise<Scene>) => Promise<T>,
): Promise<T> {
  const options = { rigged: Boolean(flags.rigged) };
  const scene = flags.emulated;
  if (scene === undefined)
    return work(() => readOtherSourceScene(kind, sourceAddress(kind, spec, flags.timeout), options));
  const description = `dazport ${SOURCE_NAMES[kind]} emulator, built-in scene ${scene}`;
  return withEmbeddedSourceEmulator(kind, scene, { host: '127.0.0.1', port: 0 }, (address) =>
    work(async () => {
      const read = await readOtherSourceScene(kind, { ...address, timeoutMs: flags.timeout }, options);
      return { ...read, source: { ...read.source, description } };
    }),
  );
}

/**
 * A usage error unless `scene` is one of the `kind` emulator's built-in scenes; when another
 * source's emulator serves it, the advice names that source.
 */
export function checkEmulatedScene(kind: SourceKind, scene: string): void {
  const own: readonly string[] = kind === 'daz' ? BUILTIN_SCENE_NAMES : OTHER_SOURCE_SCENES[kind];
  if (own.includes(scene)) return;
  const owner = (Object.keys(OTHER_SOURCE_SCENES) as OtherSourceKind[]).find((k) =>
    OTHER_SOURCE_SCENES[k].includes(scene),
  );
  const names = kind === 'daz' ? describeSceneNames(BUILTIN_SCENE_NAMES) : own.join(', ');
  throw new DazportError(
    'DAZPORT_USAGE',
    `--emulated ${scene} is not a scene of the ${SOURCE_NAMES[kind]} emulator (its scenes: ${names})`,
    {
      context: { scene, source: kind },
      suggestion: owner ? `add --source ${owner}, whose emulator serves ${scene}` : `choose one of ${names}`,
    },
  );
}

/** The --emulated scene belongs to the chosen source's emulator, which --source gives no address. */
export function checkEmulatedSceneSource(scene: string | undefined, spec: SourceSpec): void {
  if (scene === undefined) return;
  const kind = spec.kind;
  if (spec.host !== undefined || spec.port !== undefined)
    throw new DazportError(
      'DAZPORT_USAGE',
      `--emulated starts its own emulator on a free loopback port: --source ${kind} takes no address with it`,
      { context: { scene, source: kind }, suggestion: `--source ${kind} --emulated ${scene}` },
    );
  checkEmulatedScene(kind, scene);
}
