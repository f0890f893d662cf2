/** Whether a file already holds given bytes, or the bytes of another file, read in bounded chunks. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const CHUNK_BYTES = 1 << 20;

/** New content for a file: bytes in memory, or a file to copy. */
export type Content = Uint8Array | { file: string };

/** True when the file at `path` (of `size` bytes) holds exactly `content`; false when it differs or cannot be read. */
export function holdsContent(path: string, size: number, content: Content): boolean {
  try {
    if (content instanceof Uint8Array) {
      return size === content.byteLength && equalChunks(path, (buf, at) => copyOut(content, buf, at));
    }
    if (statSync(content.file).size !== size) return false;
    const source = openSync(content.file, 'r');
    try {
      return equalChunks(path, (buf, at) => readSync(source, buf, 0, buf.length, at));
    } finally {
      closeSync(source);
    }
  } catch {
    return false;
  }
}

/** Compare `path` chunk by chunk with what `fill(buffer, offset)` gives (bytes filled). */
function equalChunks(path: string, fill: (buf: Buffer, at: number) => number): boolean {
  const fd = openSync(path, 'r');
  try {
    const mine = Buffer.alloc(CHUNK_BYTES);
    const theirs = Buffer.alloc(CHUNK_BYTES);
    for (let at = 0; ; ) {
      const n = readSync(fd, mine, 0, mine.length, at);
      const m = fill(theirs, at);
      if (n !== m) return false;
      if (n === 0) return true;
      if (!mine.subarray(0, n).equals(theirs.subarray(0, n))) return false;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

function copyOut(bytes: Uint8Array, buf: Buffer, at: number): number {
  const part = bytes.subarray(at, at + buf.length);
  buf.set(part);
  return part.length;
}
