/**
 * The `error` text of a failed script, `Line N: <message>`, for whatever the script threw: an
 * Error, a string, `undefined`, an object without a prototype, a Proxy, an object whose
 * `toString` throws ... It never throws itself, but it does run script code (`toString`,
 * getters, Proxy traps), so callers run it under a time budget (see guarded-call.ts).
 */
import { types } from 'node:util';

/** How many recent `throw` statements a run remembers. */
const REMEMBERED_THROWS = 16;

/**
 * The values the running script's `throw` statements threw, newest last, and their lines. More
 * than the last one: a Proxy's trap may throw (and have its throw swallowed) while node reads the
 * Proxy that is on its way out, and the Proxy must still find its own line.
 */
export class ThrowLog {
  readonly #sites: { value: unknown; line: number }[] = [];

  note(value: unknown, line: number): void {
    if (this.#sites.length === REMEMBERED_THROWS) this.#sites.shift();
    this.#sites.push({ value, line });
  }

  /** Line of the newest `throw` of this very value (identity, which runs no script code). */
  lineOf(value: unknown): number | undefined {
    for (let i = this.#sites.length - 1; i >= 0; i--)
      if (Object.is(this.#sites[i].value, value)) return this.#sites[i].line;
    return undefined;
  }
}

export interface ThrowContext {
  throws: ThrowLog;
  /** The script's file name as it appears in stack frames. */
  filename: string;
  /** The script's time budget, for the message of a stopped script. */
  timeoutMs: number;
}

export function describeThrown(thrown: unknown, where: ThrowContext): string {
  if (isBudgetTermination(thrown)) {
    return withLine(
      lineFromStack(readStack(thrown), where.filename),
      `Error: script stopped after ${where.timeoutMs} ms (emulator time budget; DAZ Studio would hang)`,
    );
  }
  return withLine(thrownLine(thrown, where), thrownText(thrown));
}

/**
 * `node:vm`'s error for a script past its budget. Recognised without running script code:
 * `isNativeError` is false for a Proxy and reading an own data property calls no getter.
 */
export function isBudgetTermination(thrown: unknown): thrown is Error {
  if (!types.isNativeError(thrown)) return false;
  return Object.getOwnPropertyDescriptor(thrown, 'code')?.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/**
 * The message as `QScriptValue::toString()` gives it: ToString of the value (an Error prints
 * "Type: message"); when that throws, ToString of what it threw (so `Object.create(null)`
 * reports the TypeError of the failed conversion); when that throws too, an empty string.
 */
export function thrownText(thrown: unknown): string {
  try {
    return String(thrown);
  } catch (conversionError) {
    try {
      return String(conversionError);
    } catch {
      return '';
    }
  }
}

/**
 * An Error's line comes from its first stack frame in the script (an error raised inside DOM
 * code that the script called points at the call); any other value's from the `throw` statement
 * that threw it, when the instrumented throw hook saw it.
 */
function thrownLine(thrown: unknown, where: ThrowContext): number | undefined {
  if (types.isNativeError(thrown)) {
    const line = lineFromStack(readStack(thrown), where.filename);
    if (line !== undefined) return line;
  }
  return where.throws.lineOf(thrown);
}

/** `stack` may be a script-defined getter that throws; a failed read means no line. */
function readStack(error: Error): unknown {
  try {
    return error.stack;
  } catch {
    return undefined;
  }
}

/** First stack frame in the script itself (not in emulated DOM code that it called). */
function lineFromStack(stack: unknown, filename: string): number | undefined {
  if (typeof stack !== 'string') return undefined;
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+)(?::\\d+)?`).exec(stack);
  return match ? Number(match[1]) : undefined;
}

export function withLine(line: number | undefined, message: string): string {
  return line === undefined ? message : `Line ${line}: ${message}`;
}
