/**
 * A built-in figure (genesis9, genesis8f, genesis8m) as a retarget target: read once per process
 * from an embedded emulator (the real client over real HTTP, as for any DAZ Studio), then handed
 * out as a copy. The emulator builds these figures from code, the same every time, so a second
 * read would bring the same bytes; a library user retargeting a folder of clips pays the
 * emulator start and the mesh read (~2 CPU-s) once, not per clip.
 */
import type { BuiltinFigure } from '../bonemaps/genesis/builtin-figures.js';
import { type ReadProgress, readScene } from '../client/scene-reader.js';
import type { Scene } from '../scene/scene.js';
import { withEmbeddedEmulator } from './embedded-emulator.js';

const reads = new Map<BuiltinFigure['id'], Promise<Scene>>();

/**
 * The figure's rigged scene, a copy the caller may change. `onProgress` hears the read when this
 * call makes it, and a single 'done' when the figure was already read.
 */
export async function readBuiltinFigure(
  builtin: BuiltinFigure,
  onProgress?: (read: ReadProgress) => void,
): Promise<Scene> {
  let read = reads.get(builtin.id);
  if (read) onProgress?.({ phase: 'done', done: 1, total: 1, bytes: 0 });
  else {
    read = withEmbeddedEmulator(builtin.scene, ({ client }) =>
      readScene(client, { select: [builtin.label], rigged: true, onProgress }),
    );
    reads.set(builtin.id, read);
    // A failed read (an interrupted start, a full disk) is not remembered: the next call tries again.
    read.catch(() => reads.delete(builtin.id));
  }
  return structuredClone(await read);
}

/** Drops the figures read so far (their memory; the next retarget onto one reads it again). */
export function forgetBuiltinFigureReads(): void {
  reads.clear();
}
