/**
 * The one base class for every error dazport raises on purpose.
 *
 * Callers match on {@link DazportError.code} (a stable, prefixed string), not on `instanceof`:
 * two installed copies of dazport would break `instanceof`, a string survives anything.
 * `context` says which input failed, `suggestion` what the user can do about it.
 *
 * One error serves two audiences: a library caller sets options (`frameCountMismatch:
 * 'use-lines'`), a command-line user passes flags (`--frame-mismatch use-lines`). When the advice
 * names either, `suggestion` says it in library terms and `cliSuggestion` in flag terms; the CLI
 * prints the latter ({@link suggestionFor}).
 */
export interface DazportErrorOptions {
  /** Which input failed: file, line, request id, field... Never a secret. */
  context?: Record<string, unknown>;
  /** One sentence the user can act on, in library terms (option names). */
  suggestion?: string;
  /**
   * The same advice for the command line (flag names), when it differs from `suggestion`.
   * Leave it out when the advice names no option (`check the path`).
   */
  cliSuggestion?: string;
  cause?: unknown;
}

/** Who reads the advice: a library caller (option names) or a command-line user (flags). */
export type SuggestionAudience = 'library' | 'cli';

export class DazportError extends Error {
  override name = 'DazportError';
  readonly code: string;
  readonly context: Record<string, unknown>;
  readonly suggestion: string | undefined;
  readonly cliSuggestion: string | undefined;

  constructor(code: string, message: string, options: DazportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
    this.suggestion = options.suggestion;
    this.cliSuggestion = options.cliSuggestion;
  }

  /** Machine output for `--json`: code, message, context and suggestion, never the stack. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      context: this.context,
      ...(this.suggestion ? { suggestion: this.suggestion } : {}),
      ...(this.cliSuggestion ? { cliSuggestion: this.cliSuggestion } : {}),
    };
  }
}

/**
 * The advice of an error for its reader: the flag form on the command line when the error has
 * one, the option form otherwise. Reads the fields structurally, so an error from another
 * installed copy of dazport (without `cliSuggestion`) still gives its `suggestion`.
 */
export function suggestionFor(err: DazportError, audience: SuggestionAudience): string | undefined {
  const { suggestion, cliSuggestion } = err as Partial<DazportError>;
  return audience === 'cli' ? (cliSuggestion ?? suggestion) : suggestion;
}

/** True for any dazport error, even one thrown by another installed copy of the package. */
export function isDazportError(value: unknown): value is DazportError {
  return (
    value instanceof Error &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (value as unknown as { code: string }).code.startsWith('DAZPORT_')
  );
}
