/**
 * `dazport export --source dust3d --watch`: export again each time Dust3D regenerates its result
 * mesh (its `#resultmeshchanged` event), until Ctrl-C, so an engine or viewer that reloads the
 * file follows the modelling live. Each export writes whole files (temporary file, then rename),
 * so a reader never sees half of one. With --json, one JSON object per export (JSON Lines).
 *
 * Ctrl-C or SIGTERM ends the watch normally (exit 0) once a write under way has finished; Dust3D
 * closing the connection ends it with the connection error (exit 3).
 */

import { isDazportError } from '../errors.js';
import type { ExportSceneResult } from '../jobs/export-scene.js';
import { exportSourceScene } from '../jobs/export-source-scene.js';
import { Dust3dClient } from '../sources/dust3d/dust3d-client.js';
import { watchDust3d } from '../sources/dust3d/watch-dust3d.js';
import { jsonFailure, writeJson } from './json-output.js';
import type { GlobalOptions } from './run-command.js';
import { type SourceExportFlags, sourceExportOptions } from './source-export.js';
import type { SourceSpec } from './source-option.js';
import { sourceAddress } from './source-scene.js';

/** Watch Dust3D at the address of `spec`; `print` reports each export as it is written. */
export async function watchDust3dExport(
  spec: SourceSpec,
  flags: SourceExportFlags,
  globals: GlobalOptions,
  print: (report: ExportSceneResult) => void,
): Promise<void> {
  const client = await Dust3dClient.connect(sourceAddress('dust3d', spec, flags.timeout));
  let stopping = false;
  let end: (reason: unknown) => void = () => {};
  const ended = new Promise<unknown>((resolve) => {
    end = resolve;
  });
  const stop = () => {
    stopping = true;
    end(null);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const forgetClose = client.onClose((reason) => {
    if (!stopping) end(reason);
  });
  const watch = watchDust3d(
    client,
    async (scene) => {
      if (stopping) return;
      print(await exportSourceScene(async () => scene, flags.out, sourceExportOptions(flags)));
    },
    {
      // A failed export (Dust3D mid-edit, a full disk) is reported and the watch goes on; a
      // bug ends it, as it would end any other command.
      onError: (err) => {
        if (stopping) return;
        if (!isDazportError(err)) return end(err);
        if (globals.json) writeJson(jsonFailure(err));
        else process.stderr.write(`dazport: ${err.message}\n`);
      },
    },
  );
  const reason = await ended;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  forgetClose();
  watch.stop();
  await watch.settled();
  client.close();
  if (reason) throw reason;
}
