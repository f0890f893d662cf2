import { Command } from 'commander';
import type { DazClient } from '../../client/dazscript-client.js';
import { listScene, type SceneListing } from '../../client/scene-listing.js';
import { BUILTIN_SCENE_NAMES } from '../../emulator/scenes/builtin-scenes.js';
import { withEmbeddedEmulator } from '../../jobs/embedded-emulator.js';
import { addConnectionOptions, type ConnectionFlags, connect } from '../connection-options.js';
import { emulatedSceneOption } from '../emulated-scene-option.js';
import { type GlobalOptions, runCommand } from '../run-command.js';
import { sceneListingLines, summarizeListing } from '../scene-listing-lines.js';

interface SceneFlags extends ConnectionFlags {
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
  await runCommand(globals, () => runScene(flags, globals));
});

async function runScene(flags: SceneFlags, globals: GlobalOptions): Promise<void> {
  const read = (client: DazClient) => listScene(client, { morphs: flags.morphs });
  let listing: SceneListing;
  if (flags.emulated) {
    listing = await withEmbeddedEmulator(flags.emulated, ({ client }) => read(client));
  } else {
    const client = connect(flags);
    try {
      listing = await read(client);
    } finally {
      await client.close();
    }
  }
  if (globals.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...listing })}\n`);
    return;
  }
  if (globals.quiet) return;
  const file = listing.file ? ` (${listing.file})` : '';
  const lines = [`scene at ${listing.source}${file}: ${summarizeListing(listing)}`];
  lines.push(...sceneListingLines(listing, '  '));
  process.stdout.write(`${lines.join('\n')}\n`);
}
