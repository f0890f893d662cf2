/**
 * Incremental BVH tokenizer for the HIERARCHY and the MOTION header: whitespace-separated words,
 * with `{` and `}` always tokens of their own (so `Hips{` and `}}` split as exporters meant).
 * It is fed chunks of any size; a token cut by a chunk end is left for the caller to carry over,
 * so the whole file never has to be one string.
 */
import { BvhParseError, quoteToken } from './bvh-parse-error.js';
import { isBlank, isLineBreak, type SourceCursor } from './source-cursor.js';

/**
 * No real token comes close (names, keywords, numbers); the cap keeps a file without any
 * whitespace from growing the carried-over text without bound.
 */
export const MAX_TOKEN_LENGTH = 4096;

/** Receives tokens in file order. Returning true stops the scan: the sink takes raw characters next. */
export interface TokenSink {
  token(value: string, line: number, column: number): boolean;
  /** A line ended. Same return convention as {@link TokenSink.token}. */
  lineBreak(): boolean;
}

function isDelimiter(code: number): boolean {
  return code === 123 /* { */ || code === 125 /* } */ || isBlank(code);
}

/**
 * Scan `text` from `pos`, passing tokens and line breaks to `sink`. Returns where it stopped:
 * `text.length` when done, the position after the token or line break that made the sink stop,
 * or, when `final` is false, the start of a token the chunk cuts off (to carry to the next chunk).
 */
export function scanTokens(
  text: string,
  pos: number,
  final: boolean,
  cursor: SourceCursor,
  sink: TokenSink,
  file: string,
): number {
  const end = text.length;
  while (pos < end) {
    const code = text.charCodeAt(pos);
    if (isLineBreak(code)) {
      const newLine = cursor.lineBreak(code, pos);
      pos++;
      if (newLine && sink.lineBreak()) return pos;
      continue;
    }
    if (isBlank(code)) {
      pos++;
      continue;
    }
    const start = pos;
    pos++;
    if (code !== 123 && code !== 125) {
      while (pos < end && !isDelimiter(text.charCodeAt(pos))) pos++;
      if (pos - start > MAX_TOKEN_LENGTH) throw tokenTooLong(text, start, cursor, file);
      if (pos === end && !final) return start;
    }
    if (sink.token(text.slice(start, pos), cursor.line, cursor.column(start))) return pos;
  }
  return pos;
}

/** The error for a token longer than {@link MAX_TOKEN_LENGTH}, at its first character. */
export function tokenTooLong(text: string, start: number, cursor: SourceCursor, file: string): BvhParseError {
  return new BvhParseError(
    file,
    cursor.line,
    cursor.column(start),
    `a token of at most ${MAX_TOKEN_LENGTH} characters`,
    `${quoteToken(text.slice(start, start + 50))} running on for more`,
  );
}
