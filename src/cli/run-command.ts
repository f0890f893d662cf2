/**
 * Every command's action goes through here: run, then report failure once, in the form asked
 * for (`--json` gives one JSON object on stdout), and set the exit status from the error code.
 * While it runs, SIGINT and SIGTERM clean up and exit 130 / 143 (interrupt.ts).
 */
import { isDazportError, suggestionFor } from '../errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { handleInterrupts } from './interrupt.js';
import { jsonFailure, jsonInternalFailure, writeJson } from './json-output.js';

export interface GlobalOptions {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export async function runCommand(globals: GlobalOptions, action: () => Promise<void>): Promise<void> {
  // Ctrl-C removes temporary files and exits 130 (see interrupt.ts).
  const stopHandlingInterrupts = handleInterrupts(globals);
  try {
    await action();
  } catch (err) {
    process.exitCode = reportFailure(err, globals);
  } finally {
    stopHandlingInterrupts();
  }
}

/** Print a failure once, as JSON on stdout or as text on stderr; return the exit status. */
export function reportFailure(err: unknown, globals: GlobalOptions): number {
  if (isDazportError(err)) {
    // On the command line the advice names flags (--frame-mismatch), not library options.
    const hint = suggestionFor(err, 'cli');
    if (globals.json) {
      writeJson(jsonFailure(err));
    } else {
      process.stderr.write(`dazport: ${err.message}\n`);
      if (hint) process.stderr.write(`  hint: ${hint}\n`);
      if (globals.verbose && err.cause) process.stderr.write(`  cause: ${String(err.cause)}\n`);
    }
    return exitCodeFor(err.code);
  }
  const message =
    err instanceof Error ? (globals.verbose ? (err.stack ?? err.message) : err.message) : String(err);
  if (globals.json) {
    writeJson(jsonInternalFailure(message));
  } else {
    process.stderr.write(
      `dazport: internal error: ${message}\n  hint: run again with --verbose and report it\n`,
    );
  }
  return EXIT.INTERNAL;
}
