/**
 * The Poser Python dazport sends, read from the `.py` files beside this module at run time
 * (under vitest from src/, installed from dist/: scripts/build.mjs copies them), so the Python
 * stays Python: linted, diffable, runnable in a Poser console by hand.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DazportError } from '../../errors.js';

export type PoserPythonFile = 'dazport_helper' | 'dazport_walk';

const cache = new Map<PoserPythonFile, string>();

export function poserPythonSource(name: PoserPythonFile): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const path = fileURLToPath(new URL(`./python/${name}.py`, import.meta.url));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DazportError('DAZPORT_INTERNAL', `dazport's Poser script ${name}.py is missing (${path})`, {
      context: { file: path },
      suggestion: 'reinstall dazport, or run `npm run build`, which copies src/**/*.py into dist/',
      cause,
    });
  }
  cache.set(name, text);
  return text;
}
