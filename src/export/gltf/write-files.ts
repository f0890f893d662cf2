/**
 * Every file of an export appears whole or not at all, and a .gltf never appears beside a half
 * set of its .bin and textures:
 * 1. each file is written to a temporary file beside its target ({@link AtomicFileSink});
 * 2. only when ALL are written, each target is renamed into place (the main file last), after
 *    moving any previous file of that name aside (a lone file needs no backup);
 * 3. if a rename fails, the files already renamed are removed and the previous ones put back.
 * Any failure removes the temporary files and throws DazportError `DAZPORT_OUTPUT`.
 */
import { randomBytes } from 'node:crypto';
import { lstat, rename, rm } from 'node:fs/promises';
import { isDazportError } from '../../errors.js';
import { AtomicFileSink, outputError } from '../atomic-write.js';

export interface OutputFile {
  path: string;
  data: Uint8Array | string;
}

/** Write `files` (main file last); resolves to the bytes written. */
export async function writeFilesAtomic(files: OutputFile[]): Promise<number> {
  const sinks: AtomicFileSink[] = [];
  let bytes = 0;
  let current = files[0]?.path ?? '';
  try {
    for (const f of files) {
      current = f.path;
      const sink = new AtomicFileSink(f.path);
      sinks.push(sink);
      await sink.write(f.data);
      bytes += sink.bytes;
    }
    for (const f of files) {
      current = f.path;
      const stat = await lstat(f.path).catch(() => null);
      if (stat && !stat.isFile()) throw new Error('a folder or special file is in the way');
    }
  } catch (cause) {
    await Promise.all(sinks.map((s) => s.abort()));
    throw isDazportError(cause) ? cause : outputError(current, cause);
  }
  await commitAll(sinks);
  return bytes;
}

async function commitAll(sinks: AtomicFileSink[]): Promise<void> {
  // One file needs no backup: its rename replaces the previous file atomically.
  const keepPrevious = sinks.length > 1;
  const backups: (string | null)[] = [];
  let committed = 0;
  try {
    for (const sink of sinks) {
      backups.push(keepPrevious ? await moveAside(sink.path) : null);
      await sink.commit();
      committed++;
    }
  } catch (cause) {
    // Undo: drop what was renamed into place, put the previous files back, remove temporaries.
    await Promise.all(sinks.slice(0, committed).map((s) => rm(s.path, { force: true })));
    await Promise.all(sinks.slice(committed).map((s) => s.abort()));
    await Promise.all(
      backups.map((b, i) => (b ? rename(b, sinks[i].path).catch(() => undefined) : undefined)),
    );
    throw isDazportError(cause) ? cause : outputError(sinks[committed]?.path ?? '', cause);
  }
  await Promise.all(backups.map((b) => (b ? rm(b, { force: true }) : undefined)));
}

/** Rename an existing `path` to a unique backup name beside it; null when there is none. */
async function moveAside(path: string): Promise<string | null> {
  const backup = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.bak`;
  try {
    await rename(path, backup);
    return backup;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
