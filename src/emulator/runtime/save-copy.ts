/**
 * The plugin's `POST /scene/save-copy` on DAZ Studio's main thread: save the scene to another
 * path without making that path the scene's file or changing its dirty flag ("Save a Copy As").
 * The strategy is reported as `method`, as the plugin does (dazpy 2.6 `DazScene.save_copy`):
 *
 * - `copy`: the scene is clean and its file exists, so the file is copied as it is;
 * - `serialize`: the scene has no file yet (or its file is gone), so it is written out;
 * - `serialize+restore`: the scene has unsaved changes, so it is written to the copy and, as the
 *   plugin's save-then-restore does (a side effect dazpy documents), to its own file too.
 *
 * Every file is written beside its target and renamed over it, so no reader sees half a scene.
 */
import { statSync } from 'node:fs';
import { copyFileAtomicallySync } from '../atomic-file.js';
import { type DzScene, sceneInternals } from '../dom/dz-scene.js';

export interface SaveCopyResult {
  ok: true;
  path: string;
  source: string;
  method: 'copy' | 'serialize' | 'serialize+restore';
}

export function saveSceneCopy(scene: DzScene, path: string): SaveCopyResult {
  const source = scene.getFilename();
  const sourceIsFile = source !== '' && isFile(source);
  if (sourceIsFile && !scene.needsSave()) {
    copyFileAtomicallySync(source, path);
    return { ok: true, path, source, method: 'copy' };
  }
  sceneInternals.writeCopy(scene, path);
  if (!sourceIsFile) return { ok: true, path, source, method: 'serialize' };
  sceneInternals.writeCopy(scene, source);
  return { ok: true, path, source, method: 'serialize+restore' };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
