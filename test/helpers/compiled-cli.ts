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
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

function pythonFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.py'))
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
    // The Poser source and emulator read their Python beside their modules, as from dist/.
    for (const py of pythonFiles(join(ROOT, 'src')))
      cpSync(py, join(dir, 'src', relative(join(ROOT, 'src'), py)));
    await bundleEntries(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    main: join(dir, 'bundle', 'cli-main.js'),
    worker: join(dir, 'bundle', 'worker-main.js'),
  };
}

/**
 * The CLI and the emulator's worker, each bundled into one file: a process or worker then
 * loads one module instead of two hundred (0.36 CPU-s per CLI start instead of 0.6 on this
 * machine; the suite starts about two hundred). Packages stay external, resolved from the
 * repository's node_modules. Each module's `import.meta.url` is its twin in the per-file copy
 * above, so paths found from it (assets, the demo clip, package.json) resolve exactly as they do
 * unbundled.
 */
async function bundleEntries(dir: string): Promise<void> {
  const src = join(ROOT, 'src');
  const twinUrls: import('esbuild').Plugin = {
    name: 'twin-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        // script-host finds its worker beside itself: in the bundles, that is the bundled worker.
        const twin = args.path.endsWith(join('emulator', 'runtime', 'script-host.ts'))
          ? join(dir, 'bundle', 'script-host.js')
          : join(dir, 'src', relative(src, args.path)).replace(/\.ts$/, '.js');
        return {
          contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(twin).href)),
          loader: 'ts',
        };
      });
    },
  };
  await loadEsbuild().build({
    entryPoints: {
      'cli-main': join(src, 'cli', 'main.ts'),
      'worker-main': join(src, 'emulator', 'runtime', 'worker-main.ts'),
    },
    outdir: join(dir, 'bundle'),
    bundle: true,
    // The CLI loads each command's run (and the emulator) with import(): as chunks of their own,
    // a process loads only the command it runs, as the unbundled build does.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [twinUrls],
    logLevel: 'silent',
  });
}
