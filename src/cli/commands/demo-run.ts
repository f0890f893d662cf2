/**
 * What `dazport demo` does (demo.ts declares it): an embedded emulator, then the main job against
 * it over real HTTP: inventory, export, retarget onto the live figure and to files.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_FIGURES, type BuiltinFigure } from '../../bonemaps/genesis/builtin-figures.js';
import { listScene } from '../../client/scene-listing.js';
import { withoutOutputMaterialLosses } from '../../export/material-mapping.js';
import { ensureParentFolder } from '../../export/output-path.js';
import { withEmbeddedEmulator } from '../../jobs/embedded-emulator.js';
import type { GlobalOptions } from '../run-command.js';
import { sceneListingLines, summarizeListing } from '../scene-listing-lines.js';
import type { DemoOptions } from './demo.js';
import { exportReportLines, exportWarningLines, exportWithFeedback } from './export-run.js';
import { retargetReportLines, retargetWarningLines, retargetWithFeedback } from './retarget-run.js';

// From src/cli/commands (tsx) and dist/cli/commands (built) alike, the repository is three up.
const DEMO_CLIP = fileURLToPath(new URL('../../../fixtures/bvh/cmu_01_01.bvh', import.meta.url));

export async function runDemo(options: DemoOptions, globals: GlobalOptions): Promise<void> {
  const figure = (BUILTIN_FIGURES.find((f) => f.scene === options.scene) as BuiltinFigure).label;
  const outDir = resolve(options.outDir);
  ensureParentFolder(join(outDir, `${options.scene}.glb`));
  await withEmbeddedEmulator(options.scene, async ({ client, url }) => {
    const inventory = await listScene(client);
    const exported = await exportWithFeedback(
      client,
      {
        out: [join(outDir, `${options.scene}.glb`), join(outDir, `${options.scene}.usda`)],
        rigged: true,
        morphs: true,
      },
      globals,
    );
    // The demo's figure is the built-in mannequin: its materials' losses are not the user's.
    const retargeted = withoutOutputMaterialLosses(
      await retargetWithFeedback(
        DEMO_CLIP,
        {
          to: { client, figure },
          out: ['glb', 'usda', 'duf'].map((ext) => join(outDir, `cmu_01_01-${options.scene}.${ext}`)),
          fps: options.fps,
          frameCountMismatch: 'error',
        },
        globals,
      ),
    );
    if (globals.json) {
      process.stdout.write(
        `${JSON.stringify({ ok: true, emulator: url, scene: options.scene, requestId: inventory.requestId, nodes: inventory.nodes, export: exported, retarget: retargeted })}\n`,
      );
      return;
    }
    const out: string[] = [];
    out.push(`dazport demo: embedded DAZ Studio emulator (scene ${options.scene}) at ${url}`);
    out.push(
      `1. scene inventory: ${summarizeListing(inventory)} (request ${inventory.requestId}; see dazport scene)`,
    );
    out.push(...sceneListingLines(inventory, '     '));
    out.push('2. scene export (rigged, morphs)');
    out.push(...exportReportLines(exported, globals).map((l) => `     ${l}`));
    out.push(`3. retarget onto the live "${figure}" and to files`);
    out.push(...retargetReportLines(retargeted, globals).map((l) => `     ${l}`));
    if (!globals.quiet) process.stdout.write(`${out.join('\n')}\n`);
    const warnings = [...exportWarningLines(exported, globals), ...retargetWarningLines(retargeted, globals)];
    for (const line of warnings) process.stderr.write(`${line}\n`);
  });
}
