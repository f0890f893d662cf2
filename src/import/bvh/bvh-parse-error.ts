import { DazportError } from '../../errors.js';

/** Longest piece of input quoted in a message; longer tokens are cut with an ellipsis. */
const MAX_QUOTED = 40;

/**
 * A BVH file that does not follow the grammar, or whose MOTION data does not fit its HIERARCHY.
 * Names the file, the 1-based line and column (in characters; a tab counts as one), what the
 * reader expected there and what it found, so the user can open the file at that spot.
 *
 * ```ts
 * try { parseBvh(text, 'walk.bvh'); }
 * catch (e) { if (isDazportError(e) && e.code === 'DAZPORT_BVH_PARSE') console.error(e.message); }
 * // walk.bvh:12:5: expected CHANNELS, JOINT, End Site or "}", found "CHANELS"
 * ```
 */
export interface BvhParseErrorExtras {
  /** Extra explanation appended to the message after the expected/found part. */
  detail?: string;
  /** What the user can do, when there is something better than fixing the file (option names). */
  suggestion?: string;
  /** The same advice with command-line flags, when `suggestion` names a library option. */
  cliSuggestion?: string;
}

export class BvhParseError extends DazportError {
  override name = 'BvhParseError';
  declare readonly code: 'DAZPORT_BVH_PARSE';
  readonly detail: string | undefined;

  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** What the grammar allows at this spot, in words: `a number`, `"{"`, `CHANNELS, JOINT...`. */
    readonly expected: string,
    /** What is there instead: a quoted token, `end of line` or `end of file`. */
    readonly found: string,
    extras: BvhParseErrorExtras = {},
  ) {
    const { detail, suggestion, cliSuggestion } = extras;
    super(
      'DAZPORT_BVH_PARSE',
      `${file}:${line}:${column}: expected ${expected}, found ${found}${detail ? ` (${detail})` : ''}`,
      {
        context: { file, line, column, expected, found },
        suggestion: suggestion ?? 'fix the file at that line or re-export it',
        cliSuggestion,
      },
    );
    this.detail = detail;
  }
}

/**
 * Characters a terminal would not show as themselves: C0 and C1 controls, DEL, the replacement
 * character a binary byte decodes to, lone surrogates, bidi and zero-width format characters.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\u{FFFD}]/gu;

/**
 * A token as a message shows it: in double quotes, anything unprintable escaped as `\uXXXX`,
 * long ones cut, so an error about a binary file never sends raw bytes to the terminal.
 */
export function quoteToken(token: string): string {
  const cut = token.length > MAX_QUOTED ? `${token.slice(0, MAX_QUOTED)}…` : token;
  const quoted = JSON.stringify(cut);
  return quoted.replace(UNPRINTABLE, (c) =>
    Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(
      '',
    ),
  );
}

export const END_OF_FILE = 'end of file';
export const END_OF_LINE = 'end of line';
