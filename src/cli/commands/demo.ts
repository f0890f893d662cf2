/**
 * `dazport demo`: its options and help. What it does is demo-run.ts, loaded when it runs.
 */
import { Command } from 'commander';
import { BUILTIN_FIGURES, type BuiltinFigure } from '../../bonemaps/genesis/builtin-figures.js';
import { emulatedSceneOption } from '../emulated-scene-option.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { pathOption, positiveNumberOption } from './option-parsers.js';

/** The demo's scenes: one per built-in figure, the live target of the retarget step. */
const DEMO_SCENES = BUILTIN_FIGURES.map((f) => f.scene);
type DemoScene = BuiltinFigure['scene'];

export interface DemoOptions {
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
    await runCommand(globals, async () => (await import('./demo-run.js')).runDemo(options, globals));
  });
