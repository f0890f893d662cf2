/**
 * Outputs appear whole or not at all: everything is written to a temporary file beside the
 * target and renamed over it at the end (rename is atomic on one filesystem). A failure removes
 * the temporary file and leaves any previous output untouched.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DazportError } from '../errors.js';

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
  } catch (cause) {
    await rm(temp, { force: true });
    throw outputError(path, cause);
  }
}

/** A sink for streaming writers: `write` chunks, then `commit()` (rename) or `abort()` (remove). */
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
    await new Promise<void>((resolve) =>
      this.#stream.end((err?: Error | null) => {
        // A stream that never opened (missing folder) reports here; keep the first error.
        if (err) this.#error ??= err;
        resolve();
      }),
    );
    if (this.#error) {
      await rm(this.#temp, { force: true });
      throw outputError(this.path, this.#error);
    }
    try {
      await rename(this.#temp, this.path);
    } catch (cause) {
      await rm(this.#temp, { force: true });
      throw outputError(this.path, cause);
    }
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
    await rm(this.#temp, { force: true });
  }
}
