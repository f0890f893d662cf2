import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';

/**
 * The slice of DzFile that scripts use to find files next to themselves (the plugin README's
 * `include(DzFile(getScriptFileName()).path() + "/utils.dsa")` pattern). Callable with or
 * without `new`, like a QtScript constructor.
 */
export function DzFile(this: unknown, path: unknown) {
  const file = String(path ?? '');
  return {
    path: () => dirname(file),
    fileName: () => basename(file),
    baseName: () => basename(file, extname(file)),
    extension: () => extname(file).replace(/^\./, ''),
    absFilePath: () => resolve(file),
    exists: () => existsSync(file),
    size: () => (existsSync(file) ? statSync(file).size : 0),
  };
}
