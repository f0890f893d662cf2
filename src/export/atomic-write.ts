/**
 * Outputs appear whole or not at all: everything is written to a temporary file beside the
 * target and renamed over it at the end (rename is atomic on one filesystem). A failure removes
 * the temporary file and leaves any previous output untouched. Temporary files are named and
 * tracked by temp-files.ts, so Ctrl-C removes them and a later run sweeps those of a killed
 * process (stale-temps.ts), which every writer here does first in the folder it writes to.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DazportError } from '../errors.js';
import { sweepStaleTemps } from './stale-temps.js';
import { newTempPath, releaseTemp } from './temp-files.js';

/** Sweep the folder of `target` of stale temporary files, then give a new one for `target`. */
export function tempPathFor(target: string): string {
  sweepStaleTemps(dirname(target));
  return newTempPath(target);
}

/** Remove a temporary file (if it exists) and forget it. */
export async function discardTemp(temp: string): Promise<void> {
  await rm(temp, { force: true }).catch((err: NodeJS.ErrnoException) => {
    // A file where its folder should be: the temporary file was never made.
    if (err.code !== 'ENOTDIR') throw err;
  });
  releaseTemp(temp);
}

/** The error every writer raises when the file system refuses an output. */
export function outputError(path: string, cause: unknown): DazportError {
  return new DazportError('DAZPORT_OUTPUT', `cannot write ${path}: ${(cause as Error).message}`, {
    context: { file: path },
    suggestion: 'check that the output folder exists and is writable',
    cause,
  });
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
    releaseTemp(temp);
  } catch (cause) {
    await discardTemp(temp);
    throw outputError(path, cause);
  }
}

/**
 * A sink for streaming writers: `write` chunks, then `commit()` (rename) or `abort()` (remove),
 * or `finish()` to hand the complete temporary file to a multi-file commit.
 */
export class AtomicFileSink {
  readonly path: string;
  readonly #temp: string;
  readonly #stream: WriteStream;
  #error: Error | null = null;
  /** Bytes written so far. */
  bytes = 0;

  constructor(path: string) {
    this.path = path;
    this.#temp = tempPathFor(path);
    this.#stream = createWriteStream(this.#temp);
    this.#stream.on('error', (err) => {
      this.#error = err;
    });
  }

  /** Write a chunk; resolves when the stream can take more (backpressure). */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.#error) throw outputError(this.path, this.#error);
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (!this.#stream.write(chunk)) {
      // events.once removes both listeners whichever fires, so long writes do not pile them up.
      await once(this.#stream, 'drain').catch((cause) => {
        throw outputError(this.path, cause);
      });
    }
  }

  async commit(): Promise<void> {
    await this.finish();
    try {
      await rename(this.#temp, this.path);
      releaseTemp(this.#temp);
    } catch (cause) {
      await discardTemp(this.#temp);
      throw outputError(this.path, cause);
    }
  }

  /**
   * Close the temporary file, complete, and give its path without renaming it: the caller
   * commits it (with the files it references, set-commit.ts) or calls {@link abort}.
   */
  async finish(): Promise<string> {
    await new Promise<void>((resolve) =>
      this.#stream.end((err?: Error | null) => {
        // A stream that never opened (missing folder) reports here; keep the first error.
        if (err) this.#error ??= err;
        resolve();
      }),
    );
    if (this.#error) {
      await discardTemp(this.#temp);
      throw outputError(this.path, this.#error);
    }
    return this.#temp;
  }

  async abort(): Promise<void> {
    // Wait for the stream to close: an open or write still in flight would otherwise create
    // the temporary file again after it was removed.
    if (!this.#stream.closed) {
      await new Promise<void>((resolve) => {
        this.#stream.once('close', () => resolve());
        this.#stream.destroy();
      });
    }
    await discardTemp(this.#temp);
  }
}
