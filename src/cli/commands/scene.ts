/**
 * `dazport scene`: its options and help. What it does is scene-run.ts, loaded when it runs.
 */
import { Command, Option } from 'commander';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { anySourceSceneOption } from '../emulated-scene-option.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { parseSourceSpec, SOURCE_KINDS, type SourceSpec } from '../source-option.js';

export interface SceneFlags extends ConnectionFlags {
  morphs?: boolean;
  emulated?: string;
  source: SourceSpec;
}

export const sceneCommand = addConnectionOptions(
  new Command('scene')
    .summary('list the scene by label: figures with bones and vertices, props, cameras, lights')
    .description(
      'List the nodes of the DAZ Studio scene (bones left out), children under their parents:\n' +
        'label, DAZ class, and for figures and props their bones, vertices and facets. Reads no geometry,\n' +
        'so it is quick on any scene. The labels are those export --select, retarget --to live:<label>\n' +
        'and discover --figure take, exactly as written here (case and spaces count).\n' +
        '--morphs also lists each mesh’s morphs: name (as export --morphs writes it), label, value.\n' +
        'With --source dust3d or --source poser it lists Dust3D’s or Poser’s scene instead (read whole,\n' +
        'with its skeletons): the labels retarget --source poser --to takes.',
    )
    .option('--morphs', "also list every figure's and prop's morphs (DAZ Studio)")
    .addOption(
      new Option(
        '--source <app>',
        `whose scene: ${SOURCE_KINDS.join(', ')}, optionally :host:port (as export --source)`,
      )
        .default(parseSourceSpec('daz'), 'daz')
        .argParser(parseSourceSpec),
    )
    .addOption(
      anySourceSceneOption('--emulated <scene>', 'list a scene of an embedded emulator, not the application'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ dazport scene                          # the scene in the running DAZ Studio\n' +
        '  $ dazport scene --emulated g9 --morphs   # no DAZ Studio needed\n' +
        '  $ dazport scene --source poser           # the figures and props of Poser (PoserTalkr)\n' +
        '  $ dazport scene --json | jq -r \'.nodes[] | select(.kind == "figure") | .label\'\n',
    ),
).action(async (flags: SceneFlags, command: Command) => {
  const globals = command.optsWithGlobals<GlobalOptions>();
  await runCommand(globals, async () => (await import('./scene-run.js')).runScene(flags, globals, command));
});
