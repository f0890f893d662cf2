/**
 * BVH from disk: the file is read as a stream of chunks, decoded incrementally and fed to the
 * same {@link BvhStreamParser} as `parseBvh`, so a file of hundreds of MB never exists as one
 * string; memory is the frame array plus one chunk.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { describeExpandedPath, expandHome } from '../../fs/expand-home.js';
import type { BvhClip } from './bvh-clip.js';
import { BvhReadError } from './bvh-read-error.js';
import { BvhStreamParser } from './bvh-stream-parser.js';
import type { BvhParseOptions } from './bvh-types.js';
import { checkNotOtherFormat } from './check-not-other-format.js';

export interface ReadBvhFileOptions extends BvhParseOptions {
  /** Text encoding of the file. Default `'utf-8'`; old Windows exporters may need `'latin1'`. */
  encoding?: 'utf-8' | 'latin1';
  /** Bytes per read. Default 1 MiB. */
  chunkBytes?: number;
  /** What error messages call the file. Default: the path as given. */
  label?: string;
  /** Told after each chunk: bytes read so far, and the file's size (absent for a pipe). */
  onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
}

export const READ_BVH_FILE_DEFAULTS = { encoding: 'utf-8', chunkBytes: 1 << 20 } as const;

/**
 * Read and parse a BVH file, streaming. A leading `~` in `path` is the home folder.
 *
 * Throws `BvhReadError` (`DAZPORT_BVH_READ`) when the file cannot be read and `BvhParseError`
 * (`DAZPORT_BVH_PARSE`) when it is not valid BVH. A file that does not start with `HIERARCHY`
 * and is recognisably something else (GLB, FBX, OBJ, an image, a zip...) throws
 * `NotBvhFileError` (`DAZPORT_INPUT_TYPE`) naming what it is.
 *
 * ```ts
 * const clip = await readBvhFile('mocap/01_01.bvh');
 * const big = await readBvhFile('session.bvh', { precision: 'float64' });
 * ```
 *
 * @category Import
 */
export async function readBvhFile(typedPath: string, options: ReadBvhFileOptions = {}): Promise<BvhClip> {
  // `~/mocap/a.bvh` from code or a config file reaches here without a shell to expand it.
  const path = expandHome(typedPath);
  const label = options.label ?? typedPath;
  const encoding = options.encoding ?? READ_BVH_FILE_DEFAULTS.encoding;
  const chunkBytes = options.chunkBytes ?? READ_BVH_FILE_DEFAULTS.chunkBytes;
  // Not fatal: a stray invalid byte becomes U+FFFD and, in a name, stays visible in the clip.
  // ignoreBOM keeps a byte-order mark in the text, as readFileSync(path, 'utf8') does, so
  // columns on line 1 match parseBvh's; the tokenizer reads it as whitespace.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  let parser: BvhStreamParser;
  let stream: ReturnType<typeof createReadStream> | undefined;
  try {
    // A file's size in bytes bounds its length in characters: the frame array is sized by what
    // the file can hold, not by Frames:. A pipe or device has no size: the array grows instead.
    const info = await stat(path);
    parser = new BvhStreamParser(label, {
      ...options,
      inputLength: info.isFile() ? info.size : undefined,
    });
    stream = createReadStream(path, { highWaterMark: chunkBytes });
    let first = true;
    let bytesRead = 0;
    const totalBytes = info.isFile() ? info.size : undefined;
    for await (const chunk of stream) {
      // Only the first chunk is sniffed, and only when it does not start like BVH: a real BVH
      // file costs one short comparison.
      if (first) checkNotOtherFormat(chunk as Buffer, label);
      first = false;
      parser.push(decoder.decode(chunk as Buffer, { stream: true }));
      bytesRead += (chunk as Buffer).length;
      options.onProgress?.(bytesRead, totalBytes);
    }
  } catch (error) {
    stream?.destroy();
    // Node's system errors (ENOENT, EISDIR, EACCES...) carry `syscall`; parse errors pass as they are.
    if (error instanceof Error && 'syscall' in error)
      throw new BvhReadError(options.label ?? describeExpandedPath(typedPath, path), error);
    throw error;
  }
  parser.push(decoder.decode());
  return parser.finish();
}
