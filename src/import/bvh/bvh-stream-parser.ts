/**
 * The BVH reader proper, fed text in chunks of any size: `push(chunk)` as many times as needed,
 * then `finish()` for the clip. Both `parseBvh` (one chunk) and `readBvhFile` (a file stream) are
 * thin wrappers, so they cannot disagree.
 *
 * It runs through three phases: tokens into the {@link HierarchyParser} until `MOTION`, tokens and
 * line breaks into the {@link MotionHeaderParser} for `Frames:` and `Frame Time:`, then raw
 * characters into the {@link FrameReader}. Only a token cut by a chunk boundary is carried over,
 * so memory is the frame data plus one chunk, whatever the file size. The frame array is sized by
 * what the input can hold (given {@link BvhStreamOptions.inputLength}), never by `Frames:` alone.
 */
import { BvhClip } from './bvh-clip.js';
import { BVH_PARSE_DEFAULTS, type BvhParseOptions } from './bvh-types.js';
import { FrameReader } from './frame-reader.js';
import { type BvhHierarchy, HierarchyParser } from './hierarchy-parser.js';
import { MotionHeaderParser } from './motion-header-parser.js';
import { SourceCursor } from './source-cursor.js';
import { scanTokens, type TokenSink } from './tokenizer.js';

/** {@link BvhParseOptions}, plus what only a caller holding the whole input knows. */
export interface BvhStreamOptions extends BvhParseOptions {
  /**
   * Length of the whole input in UTF-16 code units, or an upper bound of it (a UTF-8 or latin1
   * file's size in bytes is one). The frame array is then allocated once for the frames that
   * length can hold, at most `Frames:`; without it, it starts small and doubles as rows arrive.
   */
  inputLength?: number;
}

const HIERARCHY = 0;
const HEADER = 1;
const FRAMES = 2;
const FINISHED = 3;

export class BvhStreamParser {
  private phase = HIERARCHY;
  private readonly cursor = new SourceCursor();
  private readonly options: Required<BvhParseOptions>;
  private readonly inputLength: number | undefined;
  /** The start of a token the previous chunk cut off. */
  private carry = '';
  /** Absolute offset of `carry[0]` in the file: where the next scan starts. */
  private offset = 0;
  private readonly hierarchyParser: HierarchyParser;
  private readonly headerParser: MotionHeaderParser;
  private hierarchy: BvhHierarchy | null = null;
  private frameReader: FrameReader | null = null;
  /** The error that stopped the parse: every later call throws it again. */
  private failure: unknown = null;

  private readonly hierarchySink: TokenSink = {
    token: (value, line, column) => {
      if (!this.hierarchyParser.accept(value, line, column)) return false;
      this.hierarchy = this.hierarchyParser.result();
      this.phase = HEADER;
      return true;
    },
    lineBreak: () => false,
  };

  private readonly headerSink: TokenSink = {
    token: (value, line, column) => this.headerParser.token(value, line, column),
    lineBreak: () => {
      if (!this.headerParser.lineBreak()) return false;
      this.startFrames();
      return true;
    },
  };

  /** @param file what messages call the input: a path or a label like `<clipboard>`. */
  constructor(
    readonly file: string,
    options: BvhStreamOptions = {},
  ) {
    // Field by field: an explicit `undefined` (from a caller passing its own options on) means the default.
    this.options = {
      precision: options.precision ?? BVH_PARSE_DEFAULTS.precision,
      frameCountMismatch: options.frameCountMismatch ?? BVH_PARSE_DEFAULTS.frameCountMismatch,
    };
    this.inputLength = options.inputLength;
    this.hierarchyParser = new HierarchyParser(file);
    this.headerParser = new MotionHeaderParser(file);
  }

  /**
   * Feed the next piece of the file. Throws a `BvhParseError` as soon as the input goes wrong;
   * the parser is then spent, and every later call throws the same error.
   */
  push(chunk: string): void {
    if (this.phase === FINISHED) throw new Error('BvhStreamParser: push() after finish()');
    this.guard(() => {
      if (chunk.length === 0) return;
      const text = this.carry.length > 0 ? this.carry + chunk : chunk;
      this.cursor.base = this.offset;
      const stopped = this.scan(text, false);
      this.carry = text.slice(stopped);
      this.offset += stopped;
    });
  }

  /** The input is complete: check it and return the clip. */
  finish(): BvhClip {
    if (this.phase === FINISHED) throw new Error('BvhStreamParser: finish() called twice');
    return this.guard(() => this.complete());
  }

  private guard<T>(run: () => T): T {
    if (this.failure !== null) throw this.failure;
    try {
      return run();
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private complete(): BvhClip {
    const text = this.carry;
    this.cursor.base = this.offset;
    this.carry = '';
    this.scan(text, true);
    const end = text.length;
    if (this.phase === HIERARCHY) {
      this.hierarchy = this.hierarchyParser.end(this.cursor.line, this.cursor.column(end));
      this.phase = HEADER;
    }
    if (this.phase === HEADER) {
      this.headerParser.end(this.cursor.line, this.cursor.column(end));
      this.startFrames();
    }
    const frames = this.frameReader!.end(end);
    this.phase = FINISHED;
    const header = this.headerParser.result();
    const hierarchy = this.hierarchy!;
    return new BvhClip({
      file: this.file,
      joints: hierarchy.joints,
      channelCount: hierarchy.channelCount,
      frameCount: frames.frameCount,
      declaredFrameCount: header.frameCount,
      frameLineCount: frames.frameLineCount,
      frameTime: header.frameTime,
      data: frames.data,
      warnings: frames.warnings,
    });
  }

  /** Run the current phase over `text` until it is consumed or a token is cut off; returns where it stopped. */
  private scan(text: string, final: boolean): number {
    let pos = 0;
    while (pos < text.length) {
      const phase = this.phase;
      if (phase === FRAMES) {
        return this.frameReader!.scan(text, pos, final);
      }
      const sink = phase === HIERARCHY ? this.hierarchySink : this.headerSink;
      pos = scanTokens(text, pos, final, this.cursor, sink, this.file);
      if (this.phase === phase) return pos;
    }
    return pos;
  }

  private startFrames(): void {
    const { frameCount } = this.headerParser.result();
    const hierarchy = this.hierarchy!;
    this.frameReader = new FrameReader(
      this.file,
      this.cursor,
      hierarchy.joints,
      hierarchy.channelCount,
      frameCount,
      this.options.precision,
      this.options.frameCountMismatch,
      // The frames start on the line the cursor has just entered.
      this.inputLength === undefined ? undefined : this.inputLength - this.cursor.lineStart,
    );
    this.phase = FRAMES;
  }
}
