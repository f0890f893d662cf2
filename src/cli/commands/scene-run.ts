/**
 * What `dazport scene` does (scene.ts declares it): list the scene's nodes by label, as text or JSON.
 */
import type { Command } from 'commander';
import type { DazClient } from '../../client/dazscript-client.js';
import { listScene, type SceneListing } from '../../client/scene-listing.js';
import { withEmbeddedEmulator } from '../../jobs/embedded-emulator.js';
import { listingOfScene } from '../../jobs/scene-listing-of.js';
import { connect } from '../connect-client.js';
import type { GlobalOptions } from '../run-command.js';
import { sceneListingLines, summarizeListing } from '../scene-listing-lines.js';
import { checkSourceExportFlags } from '../source-export.js';
import { checkEmulatedSceneSource, withSourceScene } from '../source-scene.js';
import type { SceneFlags } from './scene.js';

export async function runScene(flags: SceneFlags, globals: GlobalOptions, command: Command): Promise<void> {
  const read = (client: DazClient) => listScene(client, { morphs: flags.morphs });
  const kind = flags.source.kind;
  checkEmulatedSceneSource(flags.emulated, flags.source);
  let listing: SceneListing;
  if (kind !== 'daz') {
    // --morphs, tokens, --host/--port: DAZ Studio's, refused by name.
    checkSourceExportFlags(kind, command);
    const options = { emulated: flags.emulated, timeout: flags.timeout, rigged: true };
    listing = await withSourceScene(kind, flags.source, options, async (readScene) =>
      listingOfScene(await readScene()),
    );
  } else if (flags.emulated) {
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
