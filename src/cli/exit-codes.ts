/**
 * Exit statuses, from the one table of error codes (src/error-codes.ts). Scripts calling dazport
 * can tell "fix your input" from "start the server" from "the server said no" without parsing text.
 */
import { ERROR_CODES, EXIT, isKnownErrorCode } from '../error-codes.js';

export { EXIT };

/** The exit status for an error code; an unknown code is a bug (70). */
export function exitCodeFor(code: string | undefined): number {
  return code !== undefined && isKnownErrorCode(code) ? ERROR_CODES[code].exit : EXIT.INTERNAL;
}
