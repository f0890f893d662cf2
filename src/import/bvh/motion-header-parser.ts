/**
 * The two lines after `MOTION`: `Frames: <count>` and `Frame Time: <seconds>`. Line-based, since
 * exporters vary the spacing inside them: `Frames:    3069`, `Frames:10`, `Frames : 10`,
 * `Frame time: .0083333`, `FRAME TIME:0.04` all read. The words are matched without regard to
 * case; the value is the last thing on its line.
 *
 * A frame time of 0 is accepted (some single-pose files write it; the clip then reports a frame
 * rate of 0, meaning unknown); a negative or non-numeric one is an error.
 */
import { BvhParseError, END_OF_FILE, quoteToken } from './bvh-parse-error.js';
import { parseDecimalToken } from './parse-decimal.js';

/** What the header says about the frame data. */
export interface BvhMotionHeader {
  frameCount: number;
  /** Seconds per frame. */
  frameTime: number;
}

const FRAMES_LINE = /^frames\s*:\s*(\S+)$/i;
const FRAME_TIME_LINE = /^frame\s*time\s*:\s*(\S+)$/i;

const READ_FRAMES = 0;
const READ_FRAME_TIME = 1;
const DONE = 2;

export class MotionHeaderParser {
  private state = READ_FRAMES;
  private readonly words: string[] = [];
  private line = 0;
  private readonly columns: number[] = [];
  private frameCount = 0;
  private frameTime = 0;

  constructor(private readonly file: string) {}

  /** A token of the current header line. */
  token(value: string, line: number, column: number): boolean {
    this.words.push(value);
    this.columns.push(column);
    this.line = line;
    return false;
  }

  /** The line ended. Returns true once both header lines are read: frame rows follow. */
  lineBreak(): boolean {
    if (this.words.length === 0) return false;
    this.readLine();
    return this.state === DONE;
  }

  /** The input ended at `line`:`column`. Throws unless both header lines were read. */
  end(line: number, column: number): BvhMotionHeader {
    if (this.words.length > 0) this.readLine();
    if (this.state !== DONE) {
      const expected = this.state === READ_FRAMES ? '"Frames: <count>"' : '"Frame Time: <seconds>"';
      throw new BvhParseError(this.file, line, column, expected, END_OF_FILE);
    }
    return this.result();
  }

  result(): BvhMotionHeader {
    return { frameCount: this.frameCount, frameTime: this.frameTime };
  }

  private readLine(): void {
    const text = this.words.join(' ');
    const reading = this.state === READ_FRAMES;
    const match = (reading ? FRAMES_LINE : FRAME_TIME_LINE).exec(text);
    if (!match) {
      const expected = reading ? '"Frames: <count>"' : '"Frame Time: <seconds>"';
      throw new BvhParseError(this.file, this.line, this.columns[0], expected, quoteToken(text));
    }
    const value = match[1];
    // The value is the tail of the last word (`Frames:10`) or the last word itself.
    const last = this.words.length - 1;
    const column = this.columns[last] + this.words[last].length - value.length;
    if (reading) {
      if (!/^\+?\d{1,15}$/.test(value)) {
        throw new BvhParseError(this.file, this.line, column, 'a whole number of frames', quoteToken(value));
      }
      this.frameCount = Number(value);
      this.state = READ_FRAME_TIME;
    } else {
      const seconds = parseDecimalToken(value);
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new BvhParseError(
          this.file,
          this.line,
          column,
          'a frame time in seconds, 0 or more',
          quoteToken(value),
        );
      }
      this.frameTime = seconds === 0 ? 0 : seconds; // no -0
      this.state = DONE;
    }
    this.words.length = 0;
    this.columns.length = 0;
  }
}
