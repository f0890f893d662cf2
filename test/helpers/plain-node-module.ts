/**
 * Compile a TypeScript entry and every file it imports relatively into plain ESM JavaScript, so
 * a child process starts with bare `node` in a fraction of a second. tsx takes seconds per start
 * on a loaded machine: too slow for tests that start dozens of children to kill them.
 *
 * Only syntax is transpiled, by esbuild (no type check: `npm run typecheck` does that; loading
 * TypeScript's own compiler for this took seconds per test file). The output sits in
 * the repository's `.tmp/` (ignored by git), so package imports resolve from its node_modules.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEsbuild } from './compiled-cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

export interface PlainNodeModule {
  /** The compiled entry: `node <main> args...`. */
  main: string;
  dispose(): void;
}

export function compileForNode(entry: string): PlainNodeModule {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const out = mkdtempSync(join(ROOT, '.tmp', 'node-child-'));
  const esbuild = loadEsbuild();
  const pending = [resolve(entry)];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    const js = esbuild.transformSync(source, {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcefile: file,
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    }).code;
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
    for (const [, spec] of source.matchAll(RELATIVE_IMPORT)) {
      const ts = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (existsSync(ts)) pending.push(ts);
    }
  }
  return {
    main: join(out, relative(ROOT, resolve(entry))).replace(/\.ts$/, '.js'),
    dispose: () => rmSync(out, { recursive: true, force: true }),
  };
}
