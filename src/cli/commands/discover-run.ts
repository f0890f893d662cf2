/**
 * What `dazport discover` does (discover.ts declares it): print a built-in or live figure's bones.
 */
import { BUILTIN_FIGURE_IDS, findBuiltinFigure } from '../../bonemaps/genesis/builtin-figures.js';
import { getSkeletonDefinition } from '../../bonemaps/genesis/index.js';
import { readScene } from '../../client/scene-reader.js';
import { DazportError } from '../../errors.js';
import { rigFromDefinition, rigFromSkeleton, type TargetRig } from '../../import/retarget/target-rig.js';
import { connect } from '../connect-client.js';
import type { GlobalOptions } from '../run-command.js';
import type { DiscoverOptions } from './discover.js';

export async function discover(options: DiscoverOptions, globals: GlobalOptions): Promise<void> {
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
