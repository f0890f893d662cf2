/**
 * What `dazport discover` does (discover.ts declares it): print a built-in or live figure's bones.
 */
import type { Command } from 'commander';
import { BUILTIN_FIGURE_IDS, findBuiltinFigure } from '../../bonemaps/genesis/builtin-figures.js';
import { getSkeletonDefinition } from '../../bonemaps/genesis/index.js';
import type { DazClient } from '../../client/dazscript-client.js';
import { readScene } from '../../client/scene-reader.js';
import { DazportError } from '../../errors.js';
import { rigFromDefinition, rigFromSkeleton, type TargetRig } from '../../import/retarget/target-rig.js';
import { withEmbeddedEmulator } from '../../jobs/embedded-emulator.js';
import type { Scene } from '../../scene/scene.js';
import { closestMatches } from '../../text/closest-matches.js';
import { connect } from '../connect-client.js';
import type { GlobalOptions } from '../run-command.js';
import { checkSourceExportFlags } from '../source-export.js';
import { checkEmulatedSceneSource, withSourceScene } from '../source-scene.js';
import type { DiscoverOptions } from './discover.js';

export async function discover(
  options: DiscoverOptions,
  globals: GlobalOptions,
  command: Command,
): Promise<void> {
  const kind = options.source.kind;
  checkEmulatedSceneSource(options.emulated, options.source);
  if (kind !== 'daz') {
    // Tokens and --host/--port are DAZ Studio's: refused by name.
    checkSourceExportFlags(kind, command);
    const sourceOptions = { emulated: options.emulated, timeout: options.timeout, rigged: true };
    const scene = await withSourceScene(kind, options.source, sourceOptions, (read) => read());
    return printRigs(figuresOf(scene, scene.source.description, options.figure), globals);
  }
  const builtin = options.figure && !options.emulated ? findBuiltinFigure(options.figure) : undefined;
  // Bones only: the meshes are not streamed.
  const readRigs = async (client: DazClient, source: string): Promise<Rigs> =>
    (
      await readScene(client, { select: options.figure ? [options.figure] : undefined, geometry: false })
    ).skeletons.map((s) => ({ source, rig: rigFromSkeleton(s) }));
  let rigs: Rigs;
  if (builtin) {
    rigs = [
      { source: 'built-in', id: builtin.id, rig: rigFromDefinition(getSkeletonDefinition(builtin.figure)) },
    ];
  } else {
    if (options.emulated) {
      const source = `dazport emulator, built-in scene ${options.emulated}`;
      rigs = await withEmbeddedEmulator(options.emulated, ({ client }) => readRigs(client, source));
    } else {
      const client = connect(options);
      try {
        rigs = await readRigs(client, client.url);
      } finally {
        await client.close();
      }
    }
    if (rigs.length === 0)
      throw new DazportError(
        'DAZPORT_NODE_NOT_FOUND',
        options.figure
          ? `"${options.figure}" is not a figure (it has no skeleton)`
          : 'the scene has no figure',
        {
          context: { figure: options.figure ?? null },
          suggestion: `\`dazport scene\` lists the figures (DzFigure); or use a built-in one: --figure ${BUILTIN_FIGURE_IDS.join(', ')}`,
        },
      );
  }
  printRigs(rigs, globals);
}

/** `id`: a built-in figure's id (`genesis8f`), the one every command takes. */
type Rigs = { source: string; id?: string; rig: TargetRig }[];

function printRigs(rigs: Rigs, globals: GlobalOptions): void {
  if (globals.json) {
    process.stdout.write(
      `${JSON.stringify({ ok: true, figures: rigs.map((r) => ({ source: r.source, ...(r.id ? { id: r.id } : {}), label: r.rig.label, joints: r.rig.joints })) })}\n`,
    );
    return;
  }
  if (globals.quiet) return;
  for (const { source, id, rig } of rigs) {
    const depth = (i: number): number => (rig.joints[i].parent < 0 ? 0 : depth(rig.joints[i].parent) + 1);
    const lines = [`${rig.label} (${id ? `${source} ${id}` : source}): ${rig.joints.length} bones`];
    rig.joints.forEach((j, i) => {
      const o = j.origin.map((v) => v.toFixed(1)).join(', ');
      lines.push(
        `  ${'  '.repeat(depth(i))}${j.name.padEnd(28 - 2 * Math.min(depth(i), 10))} ${j.rotationOrder}  origin (${o})`,
      );
    });
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

/** The figures of another source's scene, or the one labelled `figure` (a wrong label lists them). */
function figuresOf(scene: Scene, source: string, figure: string | undefined): Rigs {
  const all = scene.skeletons.map((s) => ({ source, rig: rigFromSkeleton(s) }));
  if (figure === undefined) {
    if (all.length === 0)
      throw new DazportError('DAZPORT_NODE_NOT_FOUND', `${source}: the scene has no figure`, {
        context: { figure: null },
      });
    return all;
  }
  const found = all.filter((r) => r.rig.label === figure);
  if (found.length) return found;
  const labels = all.map((r) => r.rig.label);
  const close = closestMatches(figure, labels, { limit: 3 });
  throw new DazportError('DAZPORT_NODE_NOT_FOUND', `"${figure}" is not a figure of ${source}`, {
    context: { figure, figures: labels },
    suggestion: labels.length
      ? `its figures: ${labels.map((l) => `"${l}"`).join(', ')}${close.length ? ` (closest: "${close[0]}")` : ''}`
      : 'the scene has no figure',
  });
}
