import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { BUILTIN_FIGURES, type BuiltinFigure } from '../../bonemaps/genesis/builtin-figures.js';
import { listScene } from '../../client/scene-listing.js';
import { withoutOutputMaterialLosses } from '../../export/material-mapping.js';
import { ensureParentFolder } from '../../export/output-path.js';
import { withEmbeddedEmulator } from '../../jobs/embedded-emulator.js';
import { emulatedSceneOption } from '../emulated-scene-option.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { sceneListingLines, summarizeListing } from '../scene-listing-lines.js';
import { exportReportLines, exportWarningLines, exportWithFeedback } from './export.js';
import { pathOption, positiveNumberOption } from './option-parsers.js';
import { retargetReportLines, retargetWarningLines, retargetWithFeedback } from './retarget.js';

/** The demo's scenes: one per built-in figure, the live target of the retarget step. */
const DEMO_SCENES = BUILTIN_FIGURES.map((f) => f.scene);
type DemoScene = BuiltinFigure['scene'];

// From src/cli/commands (tsx) and dist/cli/commands (built) alike, the repository is three up.
const DEMO_CLIP = fileURLToPath(new URL('../../../fixtures/bvh/cmu_01_01.bvh', import.meta.url));

interface DemoOptions {
  scene: DemoScene;
  outDir: string;
  fps: number;
}

export const demoCommand = new Command('demo')
  .summary('run the main job end to end on an embedded emulator')
  .description(
    'Start a DAZ Studio emulator inside this process (loopback, random port, throwaway token) and run\n' +
      "dazport's main job against it over real HTTP, exactly as against DAZ Studio:\n" +
      '  1. read the scene inventory\n' +
      '  2. export the whole scene, rigged with morphs, to GLB and USDA\n' +
      '  3. retarget the CMU walk (fixtures/bvh/cmu_01_01.bvh) onto the live figure (keys written\n' +
      '     in batches as one undo step) and to files: GLB, USDA and a DAZ .duf preset\n' +
      'Outputs go to --out-dir. Nothing else is left behind: the token file lives in a temporary folder.',
  )
  .addOption(emulatedSceneOption('--scene <name>', 'built-in scene to serve', DEMO_SCENES).default('g9'))
  .option('--out-dir <dir>', 'where to write the outputs', pathOption, 'dazport-demo')
  .option('--fps <n>', 'frame rate of the retargeted clip', positiveNumberOption('--fps', 1000), 30)
  .action(async (options: DemoOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    await runCommand(globals, () => runDemo(options, globals));
  });

async function runDemo(options: DemoOptions, globals: GlobalOptions): Promise<void> {
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
