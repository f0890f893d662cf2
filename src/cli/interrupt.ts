/**
 * Ctrl-C (SIGINT) and SIGTERM while a command runs. Node's default would end the process where
 * it stands and leave its hidden temporary files behind, often as big as the outputs. Instead:
 * remove this process's temporary files (src/export/temp-files.ts) and what library code
 * registered in src/fs/interrupt-cleanups.ts (the embedded emulator's token folder), say so in
 * one line (the JSON error object on stdout with --json, like every other error), and exit 130
 * for SIGINT or 143 for SIGTERM, the statuses a shell reports for a process that signal killed.
 *
 * The output being written keeps its previous version; outputs already finished stay. A .gltf
 * or .usda set is never caught half-committed: its commit is synchronous
 * (src/export/set-commit.ts), so this handler runs before it or after it.
 *
 * A command that handles the signal itself (the emulator stops its server, then ends) has its
 * own listener: then only the clean-up runs here and the command ends as it means to.
 */
import { DazportError } from '../errors.js';
import { removeOwnTempsSync } from '../export/temp-files.js';
import { runInterruptCleanupsSync } from '../fs/interrupt-cleanups.js';
import { EXIT } from './exit-codes.js';
import { jsonFailure, writeJson } from './json-output.js';
import type { GlobalOptions } from './run-command.js';

/** Handle SIGINT and SIGTERM until the returned function is called. */
export function handleInterrupts(globals: GlobalOptions): () => void {
  const handler = (signal: NodeJS.Signals) => {
    const removed = removeOwnTempsSync();
    runInterruptCleanupsSync();
    if (process.listenerCount(signal) > 1) return;
    report(signal, removed, globals);
    process.exit(signal === 'SIGINT' ? EXIT.INTERRUPTED : EXIT.TERMINATED);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

function report(signal: NodeJS.Signals, removed: number, globals: GlobalOptions): void {
  const temps = removed === 1 ? '1 temporary file' : `${removed} temporary files`;
  const err = new DazportError(
    'DAZPORT_INTERRUPTED',
    `interrupted by ${signal}: removed ${temps}; an output being written keeps its previous version`,
    { context: { signal, temporaryFilesRemoved: removed } },
  );
  if (globals.json) {
    writeJson(jsonFailure(err));
  } else {
    // A progress bar may be drawn on this terminal line: clear it first.
    process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}dazport: ${err.message}\n`);
  }
}
