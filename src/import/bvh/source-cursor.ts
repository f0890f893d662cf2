/**
 * Where the reader is in a file that arrives in chunks: line and column bookkeeping shared by the
 * tokenizer and the frame scanner, plus the character classes both use.
 *
 * Positions are absolute offsets in UTF-16 code units from the start of the file, so they stay
 * valid whatever the chunking. A line ends at `\n`, `\r\n` or a lone `\r` (classic Mac files);
 * columns are 1-based characters, a tab counting as one.
 */
export class SourceCursor {
  /** Absolute offset of `text[0]` of the chunk being scanned. */
  base = 0;
  /** 1-based number of the line being scanned. */
  line = 1;
  /** Absolute offset of the first character of that line. */
  lineStart = 0;
  /** Absolute offset of the last `\r`, so the `\n` of a `\r\n` does not count twice. */
  private lastCarriageReturn = -2;

  /** 1-based column of `text[pos]` in the current chunk. */
  column(pos: number): number {
    return this.base + pos - this.lineStart + 1;
  }

  /**
   * Account for the line-break character `code` (10 or 13) at `text[pos]`. Returns false for the
   * `\n` of a `\r\n`, which ends no new line.
   */
  lineBreak(code: number, pos: number): boolean {
    const at = this.base + pos;
    this.lineStart = at + 1;
    if (code === 10 && at - 1 === this.lastCarriageReturn) return false;
    if (code === 13) this.lastCarriageReturn = at;
    this.line++;
    return true;
  }
}

/** `\n` or `\r`. */
export function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/**
 * Whitespace between tokens: space, tab, the ASCII line and form feeds, and the Unicode spaces
 * some editors and exporters leave behind (no-break space, BOM, ideographic space...).
 */
export function isBlank(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
