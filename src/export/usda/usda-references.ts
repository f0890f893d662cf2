/**
 * The files a .usda references: every asset path (`@./maps/a.png@`, `@@@a@b.png@@@`) that is
 * not inside a string or a comment: textures, sublayers, references, payloads. A .usda may be
 * hundreds of MB, so it is read in chunks by a small lexer that knows what can hide an `@`:
 * strings ("", '' and their triple-quoted forms, with backslash escapes) and comments (`#` to
 * the end of the line). A name holding an `@` therefore cannot shift what is read as a path.
 * Used to decide which texture files an export still needs (set-plan.ts, set-journal.ts):
 * reading a path too many only keeps a file; missing one could remove it.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ExportReferences } from '../export-references.js';

const AT = 0x40;
const HASH = 0x23;
const DQ = 0x22;
const SQ = 0x27;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
/** Longer than any path: an unterminated `@` in a broken file is not kept in memory for long. */
const MAX_PATH_BYTES = 1 << 16;
const CHUNK_BYTES = 1 << 20;

/** Where dazport's writer says it wrote the layer (stage.ts), near the top of the file. */
const DAZPORT_GENERATOR = /customLayerData\s*=\s*\{[^}]*string generator = "dazport"/;
const HEADER_BYTES = 1 << 16;

type State = 'code' | 'comment' | 'string' | 'asset';

/** The bytes that open a comment, a string or an asset path outside them. */
const OPENS = new Uint8Array(256);
for (const c of [HASH, DQ, SQ, AT]) OPENS[c] = 1;

/** Collects the asset paths of USDA text fed to it in chunks of any size. */
export class AssetPathScanner {
  readonly paths: string[] = [];
  #state: State = 'code';
  /** The quote of the string being read, and whether it is triple. */
  #quote = 0;
  #triple = false;
  #token: Buffer[] = [];
  #tokenBytes = 0;
  #carry: Buffer = Buffer.alloc(0);

  /** Feed the next chunk; `last` for the end of the text. */
  push(chunk: Uint8Array, last = false): void {
    const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buf = this.#carry.length ? Buffer.concat([this.#carry, view]) : view;
    const stop = this.#scan(buf, last);
    this.#carry = last ? Buffer.alloc(0) : Buffer.from(buf.subarray(stop));
  }

  /** Scan `buf`; returns where it stopped for want of look-ahead (the rest is read with the next chunk). */
  #scan(buf: Buffer, last: boolean): number {
    const n = buf.length;
    // Whether buf[i + k] may be looked at: there, or the text has ended (then it reads undefined).
    const ahead = (i: number, k: number) => i + k < n || last;
    let i = 0;
    while (i < n) {
      if (this.#state === 'code') {
        // Most of a .usda is numbers: skip to the next byte that can start something else.
        while (i < n && !OPENS[buf[i]]) i++;
        if (i === n) break;
        const c = buf[i];
        if (c === HASH) {
          this.#state = 'comment';
          i++;
        } else {
          if (!ahead(i, 2)) return i;
          this.#triple = buf[i + 1] === c && buf[i + 2] === c;
          this.#quote = c;
          this.#state = c === AT ? 'asset' : 'string';
          i += this.#triple ? 3 : 1;
        }
      } else if (this.#state === 'comment') {
        const end = buf.indexOf(NEWLINE, i);
        if (end < 0) return n;
        this.#state = 'code';
        i = end + 1;
      } else if (this.#state === 'string') {
        const c = buf[i];
        if (c === BACKSLASH) {
          if (!ahead(i, 1)) return i;
          i += 2;
        } else if (c === this.#quote && this.#triple) {
          if (!ahead(i, 2)) return i;
          if (buf[i + 1] === c && buf[i + 2] === c) {
            this.#state = 'code';
            i += 3;
          } else i++;
        } else if (c === this.#quote || (c === NEWLINE && !this.#triple)) {
          // A newline ends a one-line string that was never closed: read on as code.
          this.#state = 'code';
          i++;
        } else i++;
      } else {
        const [next, chunkEnded] = this.#triple ? this.#tripleAsset(buf, i, last) : this.#asset(buf, i, last);
        if (chunkEnded) return next;
        i = next;
      }
    }
    return n;
  }

  /**
   * `@path@`: no escapes, no newline. Returns where code resumes, or (chunk ended) where the
   * next chunk's scan starts.
   */
  #asset(buf: Buffer, i: number, last: boolean): [number, boolean] {
    const at = buf.indexOf(AT, i);
    const newline = buf.indexOf(NEWLINE, i);
    const end = at < 0 ? newline : newline < 0 ? at : Math.min(at, newline);
    if (end < 0) {
      this.#keep(buf.subarray(i));
      if (last) this.#drop();
      return [buf.length, true];
    }
    this.#keep(buf.subarray(i, end));
    if (end === at) this.#finish();
    else this.#drop(); // a broken path: not a reference
    this.#state = 'code';
    return [end + 1, false];
  }

  /** `@@@path@@@`, where `\@@@` stands for `@@@`. */
  #tripleAsset(buf: Buffer, start: number, last: boolean): [number, boolean] {
    let i = start;
    for (;;) {
      const end = buf.indexOf('@@@', i);
      if (end < 0) {
        // Leave the last three bytes (a backslash and two @) for the next chunk to complete.
        const keepTo = last ? buf.length : Math.max(i, buf.length - 3);
        this.#keep(buf.subarray(i, keepTo));
        if (last) this.#drop();
        return [keepTo, true];
      }
      if (end > i && buf[end - 1] === BACKSLASH) {
        this.#keep(buf.subarray(i, end - 1));
        this.#keep(Buffer.from('@@@'));
        i = end + 3;
        continue;
      }
      this.#keep(buf.subarray(i, end));
      this.#finish();
      this.#state = 'code';
      return [end + 3, false];
    }
  }

  #keep(bytes: Buffer): void {
    this.#tokenBytes += bytes.length;
    if (this.#tokenBytes <= MAX_PATH_BYTES) this.#token.push(Buffer.from(bytes));
  }

  #finish(): void {
    if (this.#tokenBytes > 0 && this.#tokenBytes <= MAX_PATH_BYTES)
      this.paths.push(Buffer.concat(this.#token).toString('utf8'));
    this.#drop();
  }

  #drop(): void {
    this.#token = [];
    this.#tokenBytes = 0;
  }
}

/**
 * The files a .usda references (absolute paths); an empty set when there is no file; null when
 * it cannot be read. `byDazport` when its layer metadata says dazport wrote it.
 */
export function readUsdaReferences(path: string): ExportReferences | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? { files: [], byDazport: false } : null;
  }
  const scanner = new AssetPathScanner();
  let head = '';
  try {
    const buf = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (head.length < HEADER_BYTES) head += buf.subarray(0, Math.min(n, HEADER_BYTES)).toString('utf8');
      scanner.push(buf.subarray(0, n), n === 0);
      if (n === 0) break;
    }
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
  const folder = dirname(path);
  const files = scanner.paths.flatMap((p) => assetFile(folder, p) ?? []);
  return { files, byDazport: DAZPORT_GENERATOR.test(head) };
}

/** The file an asset path names: relative to the layer, or absolute; null for URIs (`https:`, `omniverse:`). */
function assetFile(folder: string, assetPath: string): string | null {
  if (assetPath === '' || /^[a-z][a-z0-9+.-]+:/i.test(assetPath)) return null;
  return isAbsolute(assetPath) ? assetPath : resolve(folder, assetPath);
}
