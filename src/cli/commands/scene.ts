/**
 * `dazport scene`: its options and help. What it does is scene-run.ts, loaded when it runs.
 */
import { Command } from 'commander';
import { BUILTIN_SCENE_NAMES } from '../../emulator/scenes/builtin-scenes.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { emulatedSceneOption } from '../emulated-scene-option.js';
import { type GlobalOptions, runCommand } from '../run-command.js';

export interface SceneFlags extends ConnectionFlags {
  morphs?: boolean;
  emulated?: string;
}

export const sceneCommand = addConnectionOptions(
  new Command('scene')
    .summary('list the scene by label: figures with bones and vertices, props, cameras, lights')
    .description(
      'List the nodes of the DAZ Studio scene (bones left out), children under their parents:\n' +
        'label, DAZ class, and for figures and props their bones, vertices and facets. Reads no geometry,\n' +
        'so it is quick on any scene. The labels are those export --select, retarget --to live:<label>\n' +
        'and discover --figure take, exactly as written here (case and spaces count).\n' +
        '--morphs also lists each mesh’s morphs: name (as export --morphs writes it), label, value.',
    )
    .option('--morphs', "also list every figure's and prop's morphs")
    .addOption(
      emulatedSceneOption(
        '--emulated <scene>',
        'list a scene of an embedded emulator, not DAZ Studio',
        BUILTIN_SCENE_NAMES,
      ),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ dazport scene                          # the scene in the running DAZ Studio\n' +
        '  $ dazport scene --emulated g9 --morphs   # no DAZ Studio needed\n' +
        '  $ dazport scene --json | jq -r \'.nodes[] | select(.kind == "figure") | .label\'\n',
    ),
).action(async (flags: SceneFlags, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, async () => (await import('./scene-run.js')).runScene(flags, globals));
});
