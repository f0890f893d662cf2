import { Command } from 'commander';
import { BUILTIN_FIGURE_IDS, findBuiltinFigure } from '../../bonemaps/genesis/builtin-figures.js';
import { getSkeletonDefinition } from '../../bonemaps/genesis/index.js';
import { readScene } from '../../client/scene-reader.js';
import { DazportError } from '../../errors.js';
import { rigFromDefinition, rigFromSkeleton, type TargetRig } from '../../import/retarget/target-rig.js';
import { addConnectionOptions, type ConnectionFlags, connect } from '../connection-options.js';
import { type GlobalOptions, runCommand } from '../run-command.js';

interface DiscoverOptions extends ConnectionFlags {
  figure?: string;
}

export const discoverCommand = addConnectionOptions(
  new Command('discover')
    .summary("print a figure's bones: hierarchy, rotation orders, rest data (live or built-in)")
    .description(
      `List a figure’s skeleton as dazport retargets onto it. --figure ${BUILTIN_FIGURE_IDS.join(', ')}\n` +
        'prints a built-in definition offline (g9, g8f, g8m work too); any other value is the label\n' +
        'of a figure in the running DAZ Studio (or emulator), whose real rest data is read through the\n' +
        'DazScript Server (`dazport scene` lists the labels). Without --figure, every figure of the live\n' +
        'scene is listed.',
    )
    .option(
      '--figure <label|id>',
      `a live figure's label, or a built-in id (${BUILTIN_FIGURE_IDS.join(', ')})`,
    ),
).action(async (options: DiscoverOptions, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, () => discover(options, globals));
});

async function discover(options: DiscoverOptions, globals: GlobalOptions): Promise<void> {
  const builtin = options.figure ? findBuiltinFigure(options.figure) : undefined;
  /** `id`: the built-in figure's id (`genesis8f`), the one every command takes. */
  let rigs: { source: string; id?: string; rig: TargetRig }[];
  if (builtin) {
    rigs = [
      { source: 'built-in', id: builtin.id, rig: rigFromDefinition(getSkeletonDefinition(builtin.figure)) },
    ];
  } else {
    const client = connect(options);
    try {
      const scene = await readScene(client, {
        select: options.figure ? [options.figure] : undefined,
        // Bones only: the meshes are not streamed.
        geometry: false,
      });
      rigs = scene.skeletons.map((s) => ({ source: client.url, rig: rigFromSkeleton(s) }));
    } finally {
      await client.close();
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
