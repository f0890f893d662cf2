/**
 * The one base class for every error dazport raises on purpose.
 *
 * Callers match on {@link DazportError.code} (a stable, prefixed string), not on `instanceof`:
 * two installed copies of dazport would break `instanceof`, a string survives anything.
 * `context` says which input failed, `suggestion` what the user can do about it.
 */
export interface DazportErrorOptions {
  /** Which input failed: file, line, request id, field... Never a secret. */
  context?: Record<string, unknown>;
  /** One sentence the user can act on. */
  suggestion?: string;
  cause?: unknown;
}

export class DazportError extends Error {
  override name = 'DazportError';
  readonly code: string;
  readonly context: Record<string, unknown>;
  readonly suggestion: string | undefined;

  constructor(code: string, message: string, options: DazportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
    this.suggestion = options.suggestion;
  }

  /** Machine output for `--json`: code, message, context and suggestion, never the stack. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      context: this.context,
      ...(this.suggestion ? { suggestion: this.suggestion } : {}),
    };
  }
}

/** True for any dazport error, even one thrown by another installed copy of the package. */
export function isDazportError(value: unknown): value is DazportError {
  return (
    value instanceof Error &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (value as unknown as { code: string }).code.startsWith('DAZPORT_')
  );
}
