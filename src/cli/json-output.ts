/**
 * The shape of `--json` output: every command prints exactly ONE JSON object on stdout, on one
 * line, and nothing else there, whether it succeeds or fails (usage errors included).
 *
 *   success  { "ok": true, ...the command's report }      exit status 0
 *   failure  { "ok": false, "error": { "code", "message", "context"?, "suggestion"?, "name"? } }
 *            exit status from the code (src/error-codes.ts: ERROR_CODES)
 *
 * Human output (progress, warnings) never goes to stdout with --json; warnings are fields of the
 * report instead. `--help` and `--version` print plain text and exit 0 even with --json.
 */

import type { ErrorCode } from '../error-codes.js';
import type { DazportError } from '../errors.js';
import { suggestionFor } from '../errors.js';

/** Why a command failed, as `--json` prints it. */
export interface JsonError {
  /** `DazportError` for the errors dazport raises on purpose; absent for internal errors. */
  name?: string;
  /** Stable: scripts match on it. Every code, its meaning and exit status: ERROR_CODES. */
  code: ErrorCode;
  /** One line for a human: names the file, line, option or request, and what was expected. */
  message: string;
  /**
   * Which input failed (file, line, request id...; for DAZPORT_USAGE the commander code and the
   * command). Never a secret.
   */
  context?: Record<string, unknown>;
  /** One sentence the user can act on, in command-line terms (flags). */
  suggestion?: string;
}

export interface JsonFailure {
  ok: false;
  error: JsonError;
}

/** A command's report with `ok: true` beside its fields (each command documents its own). */
export type JsonSuccess<Report extends object = Record<string, unknown>> = { ok: true } & Report;

export type JsonOutput = JsonSuccess | JsonFailure;

export function writeJson(output: JsonOutput): void {
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

export function writeJsonSuccess<Report extends object>(report: Report): void {
  writeJson({ ok: true, ...report });
}

/** A dazport error as `--json` prints it: the advice in flag terms, no stack. */
export function jsonFailure(err: DazportError): JsonFailure {
  const { cliSuggestion: _flagForm, suggestion: _libraryForm, ...fields } = err.toJSON();
  const hint = suggestionFor(err, 'cli');
  return {
    ok: false,
    error: { ...(fields as unknown as JsonError), ...(hint ? { suggestion: hint } : {}) },
  };
}

/** An unexpected error (a bug) as `--json` prints it. */
export function jsonInternalFailure(message: string): JsonFailure {
  return { ok: false, error: { code: 'DAZPORT_INTERNAL', message } };
}
