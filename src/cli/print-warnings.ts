/**
 * Warnings are losses the user must hear about, so they go to stderr even with --quiet; but a
 * mannequin's twelve "no PBR equivalent" lines should not bury the result. Without --verbose,
 * the first few per output are printed and the rest counted.
 */
import type { GlobalOptions } from './run-command.js';

export function printWarnings(
  target: string,
  warnings: readonly string[],
  globals: GlobalOptions,
  limit = 3,
): void {
  if (globals.json || warnings.length === 0) return;
  const shown = globals.verbose ? warnings : warnings.slice(0, limit);
  for (const w of shown) process.stderr.write(`warning: ${target}: ${w}\n`);
  const rest = warnings.length - shown.length;
  if (rest > 0)
    process.stderr.write(
      `warning: ${target}: ${shown.length ? `... and ${rest} more` : `${rest} warnings`} (--verbose lists them all)\n`,
    );
}
