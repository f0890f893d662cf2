/**
 * The frame rows after the MOTION header, read straight from the characters into one typed array
 * of frames × channels. This is the hot path of the reader: no token strings, no per-frame
 * objects; numbers are parsed in place by {@link parseDecimal}.
 *
 * One frame per line, as every exporter writes it and most readers require: a line with fewer
 * or more values than the hierarchy has channels is an error, never silently re-flowed (a frame
 * wrapped over two lines would otherwise shift every later value by a few columns without any
 * sign). Blank lines, leading and trailing whitespace are fine. How the number of frame lines
 * must match `Frames:` is the caller's choice ({@link BvhFrameCountMismatch}, default: every
 * line is read, and a mismatch becomes a warning).
 *
 * A hierarchy without channels has nothing on its frame lines: a frame is an empty line, and any
 * value on a line is an error. Such lines cannot be told from blank ones, so the file holds at most
 * as many frames as it has lines after the header (the text after the last line break counting
 * as one, so a writer's final line break or its absence changes nothing); a `Frames:` beyond that
 * is a mismatch like any other (without this, a 3 KB file saying `Frames: 100000000` was a clip
 * of a hundred million frames, and the retarget allocated for every one of them).
 */
import { BvhParseError, END_OF_FILE, END_OF_LINE, quoteToken } from './bvh-parse-error.js';
import type { BvhFrameCountMismatch, BvhFrameData, BvhJoint, BvhPrecision } from './bvh-types.js';
import { parseDecimal } from './parse-decimal.js';
import { isBlank, type SourceCursor } from './source-cursor.js';
import { MAX_TOKEN_LENGTH, tokenTooLong } from './tokenizer.js';

/**
 * Most values allocated up front from `Frames:`: a header claiming a billion frames must not
 * allocate gigabytes before the data shows whether they exist. Beyond this, the array doubles as
 * rows arrive.
 */
const UPFRONT_VALUES = 1 << 24;

/**
 * Values allocated up front when the input's length is unknown (a stream fed by hand): `Frames:`
 * alone is no evidence, so start at 256 KB (float32) and double with the rows.
 */
const UNSIZED_UPFRONT_VALUES = 1 << 16;

const FLOAT32_MAX = 3.4028234663852886e38;

/** The frames read: what the clip stores and what the file held. */
export interface BvhFrames {
  data: BvhFrameData;
  /** Frames in `data`. */
  frameCount: number;
  /** Frame lines in the file (more than `frameCount` when extra lines were dropped). */
  frameLineCount: number;
  /** A sentence per tolerated mismatch, for {@link BvhClip.warnings}. */
  warnings: string[];
}

export class FrameReader {
  /** Complete frame lines so far, kept or not. */
  private lines = 0;
  /** Values read on the current line; 0 between lines. */
  private values = 0;
  private data: BvhFrameData;
  private capacityFrames: number;
  /** Where the current line's values go: `data`, or `dropped` for a line past `Frames:` in 'use-header' mode. */
  private rowData: BvhFrameData;
  private rowStart = 0;
  private readonly dropped: BvhFrameData;
  private readonly largest: number;
  /** The line the first frame is on. */
  private readonly firstLine: number;

  constructor(
    private readonly file: string,
    private readonly cursor: SourceCursor,
    private readonly joints: readonly BvhJoint[],
    private readonly channelCount: number,
    /** `Frames:`. */
    private readonly declaredFrames: number,
    private readonly precision: BvhPrecision,
    private readonly mismatch: BvhFrameCountMismatch,
    /**
     * Characters left in the input from the first frame line on, when known (an upper bound is
     * enough); sizes the first allocation by the frames they can hold, not by `Frames:`.
     */
    remainingLength?: number,
  ) {
    this.firstLine = cursor.line;
    this.capacityFrames = channelCount === 0 ? 0 : this.upfrontFrames(remainingLength);
    this.data = this.allocate(this.capacityFrames * channelCount);
    this.rowData = this.data;
    this.dropped = this.allocate(channelCount);
    this.largest = precision === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
  }

  /**
   * Frames to allocate before any row is read: what `Frames:` says, but no more than
   * `remainingLength` characters can hold (a frame line is at least one digit and one separator
   * or line break per value), nor than {@link UPFRONT_VALUES}; without a length,
   * {@link UNSIZED_UPFRONT_VALUES}. Wrong guesses cost only copies: the array grows as rows arrive.
   */
  private upfrontFrames(remainingLength: number | undefined): number {
    const perFrame = 2 * this.channelCount;
    const room =
      remainingLength !== undefined && remainingLength >= 0
        ? Math.floor((remainingLength + 1) / perFrame)
        : Math.floor(UNSIZED_UPFRONT_VALUES / this.channelCount);
    const cap = Math.max(1, Math.floor(UPFRONT_VALUES / this.channelCount));
    return Math.min(this.declaredFrames, room, cap);
  }

  /**
   * Read frame values from `text[pos]` on. Returns `text.length`, or, when `final` is false, the
   * start of a number the chunk cuts off (to carry to the next chunk).
   */
  scan(text: string, pos: number, final: boolean): number {
    const end = text.length;
    const channelCount = this.channelCount;
    const largest = this.largest;
    let values = this.values;
    let data = this.rowData;
    let row = this.rowStart;
    while (pos < end) {
      const code = text.charCodeAt(pos);
      if (code === 10 || code === 13) {
        if (values > 0) {
          if (values !== channelCount) this.shortLine(values, pos);
          this.lines++;
          values = 0;
        }
        this.cursor.lineBreak(code, pos);
        pos++;
        continue;
      }
      if (code === 32 || code === 9 || ((code < 32 || code >= 0x85) && isBlank(code))) {
        pos++;
        continue;
      }
      const start = pos;
      pos++;
      while (pos < end) {
        const next = text.charCodeAt(pos);
        if ((next <= 32 || next >= 0x85) && isBlank(next)) break;
        pos++;
      }
      if (pos - start > MAX_TOKEN_LENGTH) throw tokenTooLong(text, start, this.cursor, this.file);
      if (pos === end && !final) {
        this.values = values;
        return start;
      }
      if (values === 0) {
        this.startLine(text, start, pos);
        data = this.rowData;
        row = this.rowStart;
      } else if (values === channelCount) {
        this.longLine(text, start, pos);
      }
      const value = parseDecimal(text, start, pos);
      if (!(value <= largest && value >= -largest)) this.badValue(text, start, pos, values, value);
      data[row + values] = value;
      values++;
    }
    this.values = values;
    return pos;
  }

  /** The input ended at `text[endPosition]` of the last chunk: check the counts, return the frames. */
  end(endPosition: number): BvhFrames {
    if (this.values > 0) {
      if (this.values !== this.channelCount) this.shortLine(this.values, endPosition);
      this.lines++;
      this.values = 0;
    }
    // No channels: every line from the first frame's to the last is an empty frame line.
    if (this.channelCount === 0)
      this.lines = Math.min(this.declaredFrames, this.cursor.line - this.firstLine + 1);
    if (this.lines < this.declaredFrames && this.mismatch !== 'use-lines') {
      throw new BvhParseError(
        this.file,
        this.cursor.line,
        this.cursor.column(endPosition),
        `${this.declaredFrames} frame lines (Frames: ${this.declaredFrames})`,
        END_OF_FILE,
        {
          detail: `after ${this.describeLines()}: the file is truncated or Frames: is wrong`,
          suggestion: "if the frames present are all there is, read with frameCountMismatch: 'use-lines'",
          cliSuggestion: 'if the frames present are all there is, pass --frame-mismatch use-lines',
        },
      );
    }
    const frameCount = this.mismatch === 'use-lines' ? this.lines : this.declaredFrames;
    const length = frameCount * this.channelCount;
    const data = this.data.length === length ? this.data : this.data.slice(0, length);
    return { data, frameCount, frameLineCount: this.lines, warnings: this.mismatchWarnings(frameCount) };
  }

  /** The tolerated mismatch in words, naming no option (library and CLI phrase the fix apart). */
  private mismatchWarnings(frameCount: number): string[] {
    const declared = this.declaredFrames;
    const lines = this.lines;
    if (lines === declared) return [];
    const counts = `Frames: says ${declared}, the file has ${this.describeLines()}`;
    if (frameCount < lines) return [`${counts}; the first ${frameCount} were read`];
    if (lines > declared) return [`${counts}; all ${lines} were read`];
    return [
      `${counts}; ${lines === 0 ? 'no frame was' : `all ${lines} were`} read, the file may have been cut short`,
    ];
  }

  /** `3 frame lines`; for a hierarchy without channels, why they are empty (and so few). */
  private describeLines(): string {
    const lines = `${this.lines} frame line${this.lines === 1 ? '' : 's'}`;
    return this.channelCount > 0 ? lines : `${lines}, empty since the hierarchy has no channels`;
  }

  /** A frame line begins: decide where its values go, growing the array when needed. */
  private startLine(text: string, start: number, pos: number): void {
    if (this.channelCount === 0) this.valueWithoutChannels(text, start, pos);
    if (this.lines >= this.declaredFrames) {
      if (this.mismatch === 'error') this.extraLine(text, start, pos);
      if (this.mismatch === 'use-header') {
        this.rowData = this.dropped;
        this.rowStart = 0;
        return;
      }
    }
    if (this.lines >= this.capacityFrames) this.grow();
    this.rowData = this.data;
    this.rowStart = this.lines * this.channelCount;
  }

  private allocate(length: number): BvhFrameData {
    return this.precision === 'float32' ? new Float32Array(length) : new Float64Array(length);
  }

  private grow(): void {
    let capacity = Math.max(this.capacityFrames * 2, 1);
    if (this.mismatch !== 'use-lines') capacity = Math.min(this.declaredFrames, capacity);
    const data = this.allocate(capacity * this.channelCount);
    data.set(this.data);
    this.data = data;
    this.capacityFrames = capacity;
  }

  /** `Hips.Xposition`: what column `c` of a frame line holds. */
  private describeColumn(column: number): string {
    for (let j = this.joints.length - 1; j >= 0; j--) {
      const joint = this.joints[j];
      if (column >= joint.channelOffset && column < joint.channelOffset + joint.channels.length) {
        return `${joint.name}.${joint.channels[column - joint.channelOffset]}`;
      }
    }
    return `column ${column + 1}`;
  }

  private shortLine(values: number, pos: number): never {
    throw new BvhParseError(
      this.file,
      this.cursor.line,
      this.cursor.column(pos),
      `${this.channelCount} values on frame line ${this.lines + 1} (next: ${this.describeColumn(values)})`,
      END_OF_LINE,
      { detail: `the line has ${values} value${values === 1 ? '' : 's'}; BVH puts one whole frame per line` },
    );
  }

  private longLine(text: string, start: number, pos: number): never {
    throw new BvhParseError(
      this.file,
      this.cursor.line,
      this.cursor.column(start),
      `end of frame line ${this.lines + 1} after its ${this.channelCount} values`,
      quoteToken(text.slice(start, pos)),
      { detail: 'the line has more values than the hierarchy has channels' },
    );
  }

  private extraLine(text: string, start: number, pos: number): never {
    throw new BvhParseError(
      this.file,
      this.cursor.line,
      this.cursor.column(start),
      END_OF_FILE,
      quoteToken(text.slice(start, pos)),
      {
        detail: `Frames: says ${this.declaredFrames}, and this is frame line ${this.declaredFrames + 1}`,
        suggestion: `read with frameCountMismatch: 'use-lines' to keep every frame line, or 'use-header' to keep the first ${this.declaredFrames}`,
        cliSuggestion: `pass --frame-mismatch use-lines to keep every frame line, or use-header to keep the first ${this.declaredFrames}`,
      },
    );
  }

  private valueWithoutChannels(text: string, start: number, pos: number): never {
    throw new BvhParseError(
      this.file,
      this.cursor.line,
      this.cursor.column(start),
      'empty frame lines (the hierarchy has no channels)',
      quoteToken(text.slice(start, pos)),
    );
  }

  private badValue(text: string, start: number, pos: number, column: number, value: number): never {
    const where = `frame line ${this.lines + 1}, ${this.describeColumn(column)}`;
    throw new BvhParseError(
      this.file,
      this.cursor.line,
      this.cursor.column(start),
      Number.isNaN(value) ? `a number (${where})` : `a number within ${this.precision} range (${where})`,
      quoteToken(text.slice(start, pos)),
    );
  }
}
