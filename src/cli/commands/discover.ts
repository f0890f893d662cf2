import { Command } from 'commander';
import { getSkeletonDefinition, SKELETON_DEFINITIONS } from '../../bonemaps/genesis/index.js';
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
      'List a figure’s skeleton as dazport retargets onto it. --figure genesis9, genesis8female or\n' +
        'genesis8male prints a built-in definition offline; any other value is the label of a figure in\n' +
        'the running DAZ Studio (or emulator), whose real rest data is read through the DazScript Server.\n' +
        'Without --figure, every figure of the live scene is listed.',
    )
    .option(
      '--figure <label|id>',
      `a live figure's label, or a built-in id (${SKELETON_DEFINITIONS.map((s) => s.id).join(', ')})`,
    ),
).action(async (options: DiscoverOptions, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, () => discover(options, globals));
});

async function discover(options: DiscoverOptions, globals: GlobalOptions): Promise<void> {
  const builtin = options.figure ? getSkeletonDefinition(options.figure) : undefined;
  let rigs: { source: string; rig: TargetRig }[];
  if (builtin) {
    rigs = [{ source: 'built-in', rig: rigFromDefinition(builtin) }];
  } else {
    const client = connect(options);
    try {
      const scene = await readScene(client, {
        select: options.figure ? [options.figure] : undefined,
        normals: false,
      });
      rigs = scene.skeletons.map((s) => ({ source: client.url, rig: rigFromSkeleton(s) }));
    } finally {
      await client.close();
    }
    if (rigs.length === 0)
      throw new DazportError('DAZPORT_NODE_NOT_FOUND', 'the scene has no figure', {
        suggestion: 'load a Genesis figure, or use --figure genesis9 for the built-in one',
      });
  }
  if (globals.json) {
    process.stdout.write(
      `${JSON.stringify({ ok: true, figures: rigs.map((r) => ({ source: r.source, label: r.rig.label, joints: r.rig.joints })) })}\n`,
    );
    return;
  }
  if (globals.quiet) return;
  for (const { source, rig } of rigs) {
    const depth = (i: number): number => (rig.joints[i].parent < 0 ? 0 : depth(rig.joints[i].parent) + 1);
    const lines = [`${rig.label} (${source}): ${rig.joints.length} bones`];
    rig.joints.forEach((j, i) => {
      const o = j.origin.map((v) => v.toFixed(1)).join(', ');
      lines.push(
        `  ${'  '.repeat(depth(i))}${j.name.padEnd(28 - 2 * Math.min(depth(i), 10))} ${j.rotationOrder}  origin (${o})`,
      );
    });
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
