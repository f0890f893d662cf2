/**
 * Every file under src/ transpiled to plain ESM JavaScript in one esbuild call (well under a
 * second), so tests start the CLI as `node <dir>/src/cli/main.js`: one process, no tsx loader in
 * it or in the emulator's worker thread. tsx takes one to three seconds per start on this
 * two-core machine, and the suite starts the CLI about a hundred times.
 *
 * Only syntax is transpiled, file by file (`npm run typecheck` checks types). The tree keeps
 * src/'s layout next to links to assets/, fixtures/ and package.json, so the paths the sources
 * find from `import.meta.url` (textures, the demo clip, the version) resolve as they do in dist/.
 * It lives in the repository's `.tmp/` (ignored by git), so packages resolve from node_modules.
 * test/helpers/global-setup.ts builds one per `vitest` run; test/helpers/cli.ts starts its CLI,
 * and emulators started in test processes load its worker.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** esbuild comes with tsx (a devDependency), which depends on it. */
export function loadEsbuild(): typeof import('esbuild') {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  return fromTsx('esbuild') as typeof import('esbuild');
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

export interface CompiledCli {
  /** The folder holding `src/` (as JavaScript) and the links. */
  dir: string;
  /** `node <main> args...` runs the CLI. */
  main: string;
  /** The emulator's worker entry. */
  worker: string;
}

/** Transpile src/ into a fresh folder under `.tmp/`. */
export async function compileCli(): Promise<CompiledCli> {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'cli-'));
  try {
    await loadEsbuild().build({
      entryPoints: typeScriptFiles(join(ROOT, 'src')),
      outbase: join(ROOT, 'src'),
      outdir: join(dir, 'src'),
      bundle: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    for (const name of ['assets', 'fixtures', 'package.json']) symlinkSync(join(ROOT, name), join(dir, name));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    main: join(dir, 'src', 'cli', 'main.js'),
    worker: join(dir, 'src', 'emulator', 'runtime', 'worker-main.js'),
  };
}
