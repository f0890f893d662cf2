/**
 * A streaming USDA writer: prims, properties and metadata go into a small buffer that is handed
 * to the sink (the atomic output file) whenever it passes `flushBytes`, so memory stays bounded
 * by one chunk of the largest array, never the whole file. Arrays are formatted `chunkItems`
 * elements at a time.
 *
 * The writer knows the text grammar (indentation, `def`, metadata blocks, arrays, time samples);
 * what to write is the builders' business (stage.ts, mesh.ts, materials.ts ...).
 */
import { DazportError } from '../../errors.js';
import { formatFloat, NonFiniteError, quoteString } from './usda-format.js';

/** Where the text goes: the atomic file sink, or a string collector in tests. */
export interface TextSink {
  write(chunk: string): Promise<void>;
}

/** Formats elements [start, end) of an array, comma-separated. */
export type RangeFormatter = (start: number, end: number) => string;

export interface UsdaWriterOptions {
  /** Buffered characters before a write to the sink (default 1 Mi). */
  flushBytes?: number;
  /** Array elements formatted per chunk (default 4096). */
  chunkItems?: number;
}

export class UsdaWriter {
  readonly #sink: TextSink;
  readonly #flushBytes: number;
  readonly #chunkItems: number;
  #parts: string[] = [];
  #buffered = 0;
  #indent = '';
  readonly #names: string[] = [];

  constructor(sink: TextSink, options: UsdaWriterOptions = {}) {
    this.#sink = sink;
    this.#flushBytes = options.flushBytes ?? 1 << 20;
    this.#chunkItems = options.chunkItems ?? 4096;
  }

  /**
   * A writer to `sink` that goes on from where this one stands (same prim, same indentation),
   * for text that is written twice in two versions (export-usda.ts: the materials with staged
   * texture names). Call {@link flush} first: buffered text stays with this writer.
   */
  fork(sink: TextSink): UsdaWriter {
    const fork = new UsdaWriter(sink, { flushBytes: this.#flushBytes, chunkItems: this.#chunkItems });
    fork.#indent = this.#indent;
    fork.#names.push(...this.#names);
    return fork;
  }

  /** Path of the prim being written (`/` outside every prim). */
  get path(): string {
    return this.#names.length ? `/${this.#names.join('/')}` : '/';
  }

  /** Queue raw text (no indentation, no newline). */
  raw(text: string): void {
    this.#parts.push(text);
    this.#buffered += text.length;
  }

  /** One indented line. */
  line(text = ''): void {
    this.raw(text ? `${this.#indent}${text}\n` : '\n');
  }

  async flush(): Promise<void> {
    if (this.#parts.length === 0) return;
    const chunk = this.#parts.join('');
    this.#parts = [];
    this.#buffered = 0;
    await this.#sink.write(chunk);
  }

  async #maybeFlush(): Promise<void> {
    if (this.#buffered >= this.#flushBytes) await this.flush();
  }

  /** `#usda 1.0` and the layer metadata block. */
  header(metadata: string[]): void {
    this.raw('#usda 1.0\n');
    this.#metadataBlock(metadata, '');
    this.raw('\n');
  }

  /**
   * Open `def <type> "<name>"` with optional prim metadata lines (`kind = "component"`,
   * `prepend apiSchemas = [...]`, `customData = {...}`). `name` must be an identifier.
   */
  async beginPrim(type: string, name: string, metadata: string[] = []): Promise<void> {
    this.line(`def ${type ? `${type} ` : ''}${quoteString(name)}`);
    if (metadata.length) this.#metadataBlock(metadata, this.#indent);
    this.line('{');
    this.#indent += '    ';
    this.#names.push(name);
    await this.#maybeFlush();
  }

  async endPrim(): Promise<void> {
    this.#indent = this.#indent.slice(4);
    this.#names.pop();
    this.line('}');
    await this.#maybeFlush();
  }

  /** A property with a value already spelled: `decl = value`, with optional metadata. */
  prop(decl: string, value?: string, metadata: string[] = []): void {
    const text = value === undefined ? decl : `${decl} = ${value}`;
    if (metadata.length === 0) this.line(text);
    else {
      this.line(`${text} (`);
      for (const m of metadata) this.line(`    ${m}`);
      this.line(')');
    }
  }

  /** Like {@link prop}, but `value()` may throw NonFiniteError, reported with the attribute's path. */
  propChecked(decl: string, value: () => string, metadata: string[] = []): void {
    this.prop(decl, this.#checked(decl, value), metadata);
  }

  /** `decl = [ ... ]` streamed in chunks of elements formatted by `format`. */
  async array(decl: string, count: number, format: RangeFormatter, metadata: string[] = []): Promise<void> {
    this.raw(`${this.#indent}${decl} = [`);
    for (let start = 0; start < count; start += this.#chunkItems) {
      const end = Math.min(count, start + this.#chunkItems);
      const text = this.#checked(decl, () => format(start, end));
      this.raw(start > 0 ? `, ${text}` : text);
      await this.#maybeFlush();
    }
    if (metadata.length === 0) this.raw(']\n');
    else {
      this.raw('] (\n');
      for (const m of metadata) this.line(`    ${m}`);
      this.line(')');
    }
  }

  /**
   * `decl.timeSamples = { t: value, ... }`, one sample per call of `sample(i)` (which returns the
   * spelled value, e.g. a whole array).
   */
  async timeSamples(decl: string, times: readonly number[], sample: (i: number) => string): Promise<void> {
    this.line(`${decl}.timeSamples = {`);
    for (let i = 0; i < times.length; i++) {
      const value = this.#checked(decl, () => sample(i));
      this.line(`    ${formatTimeCode(times[i])}: ${value},`);
      await this.#maybeFlush();
    }
    this.line('}');
  }

  #metadataBlock(lines: string[], indent: string): void {
    this.raw(`${indent}(\n`);
    for (const l of lines) {
      for (const part of l.split('\n')) this.raw(`${indent}    ${part}\n`);
    }
    this.raw(`${indent})\n`);
  }

  #checked(decl: string, value: () => string): string {
    try {
      return value();
    } catch (err) {
      if (!(err instanceof NonFiniteError)) throw err;
      const attr = decl.split(' ').at(-1) ?? decl;
      throw new DazportError(
        'DAZPORT_SCENE_INVALID',
        `${this.path}.${attr}[${err.index}] is ${err.value}: USD cannot store NaN or infinite numbers`,
        {
          context: { prim: this.path, attribute: attr, index: err.index },
          suggestion: 'fix the value in DAZ Studio (or the scene file) and export again',
        },
      );
    }
  }
}

function formatTimeCode(t: number): string {
  if (!Number.isFinite(t)) throw new NonFiniteError(t);
  return String(t);
}

// ─── range formatters for typed arrays ───

function bad(v: number, i: number): never {
  throw new NonFiniteError(v, i);
}

/** `(x, y, z), ...` from a flat array, float32 spelling. */
export function vec3fRange(a: ArrayLike<number>): RangeFormatter {
  return (start, end) => {
    const parts = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      const x = a[i * 3];
      const y = a[i * 3 + 1];
      const z = a[i * 3 + 2];
      if (!Number.isFinite(x + y + z)) {
        bad(Number.isFinite(x) ? (Number.isFinite(y) ? z : y) : x, i);
      }
      parts[i - start] = `(${formatFloat(x)}, ${formatFloat(y)}, ${formatFloat(z)})`;
    }
    return parts.join(', ');
  };
}

/** `(u, v), ...` from a flat array, float32 spelling. */
export function vec2fRange(a: ArrayLike<number>): RangeFormatter {
  return (start, end) => {
    const parts = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      const u = a[i * 2];
      const v = a[i * 2 + 1];
      if (!Number.isFinite(u + v)) bad(Number.isFinite(u) ? v : u, i);
      parts[i - start] = `(${formatFloat(u)}, ${formatFloat(v)})`;
    }
    return parts.join(', ');
  };
}

/** Scalars, float32 spelling. */
export function floatRange(a: ArrayLike<number>): RangeFormatter {
  return (start, end) => {
    const parts = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      if (!Number.isFinite(a[i])) bad(a[i], i);
      parts[i - start] = formatFloat(a[i]);
    }
    return parts.join(', ');
  };
}

/** Integer index data (typed integer arrays hold nothing USD cannot read). */
export function intRange(a: Uint8Array | Uint16Array | Uint32Array | Int32Array): RangeFormatter {
  return (start, end) => a.subarray(start, end).join(', ');
}
