/**
 * The CLI loads what the command it runs needs, and no more: `--help`, `--version` and usage
 * errors answer without loading the client, an emulator, the readers or the writers (they took
 * ~0.75 CPU-s per start when every command's run was loaded up front; ~0.25 now), and each
 * command loads its own run only. Measured from outside: a module-loading hook in the child
 * process lists every module it loads, from the unbundled JavaScript copy of src/.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Registers a load hook that prints each loaded module's URL on stderr, prefixed. */
const HOOK = `data:text/javascript,${encodeURIComponent(
  "import { register } from 'node:module';" +
    "register('data:text/javascript,' + encodeURIComponent(" +
    '\'export async function load(url, context, next) { process.stderr.write("LOADED " + url + "\\\\n"); return next(url, context); }\'));',
)}`;

/** The folder of this run's JavaScript copy of src/ (compiled-cli.ts), unbundled. */
function compiledMain(): string {
  const bundled = process.env.DAZPORT_TEST_CLI;
  if (!bundled) throw new Error('the suite builds its JavaScript copy of src/ (global-setup.ts)');
  let dir = dirname(bundled);
  while (!existsSync(join(dir, 'src', 'cli', 'main.js')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'src', 'cli', 'main.js');
}

/** The modules of src/ (as `client/dazscript-client`) and the packages the CLI loads for `args`. */
async function loadedBy(args: string[]): Promise<{ code: number | null; modules: string[] }> {
  const main = compiledMain();
  const srcRoot = `${dirname(dirname(main))}/`;
  const child = spawn(process.execPath, ['--import', HOOK, main, ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const modules = stderr
    .split('\n')
    .filter((l) => l.startsWith('LOADED file://'))
    .map((l) => decodeURIComponent(l.slice('LOADED file://'.length)))
    .map((path) =>
      path.includes('/node_modules/')
        ? `package:${path
            .split('/node_modules/')
            .at(-1)
            ?.split('/')
            .slice(0, path.includes('/node_modules/@') ? 2 : 1)
            .join('/')}`
        : path.startsWith(srcRoot)
          ? path.slice(srcRoot.length).replace(/\.js$/, '')
          : path,
    );
  return { code, modules: [...new Set(modules)] };
}

/** What only a command's work needs: none of it is loaded to print help or refuse a usage. */
const HEAVY = [
  'client/dazscript-client',
  'client/scene-reader',
  'emulator/start-emulator',
  'emulator/server/server',
  'export/gltf/export-gltf',
  'export/usda/export-usda',
  'import/bvh/read-bvh-file',
  'import/retarget/retarget',
  'jobs/export-scene',
  'jobs/retarget-file',
  'sources/dust3d/dust3d-client',
  'sources/poser/poser-talkr-client',
  'package:@gltf-transform/core',
  'package:undici',
  'package:acorn',
];

describe('the CLI loads only what the command it runs needs', () => {
  it('sees the modules it loads (the hook works)', async () => {
    const { code, modules } = await loadedBy(['--version']);
    expect(code).toBe(0);
    expect(modules).toContain('cli/main');
    expect(modules).toContain('cli/program');
    expect(modules).toContain('package:commander');
  });

  it.each(
    [
      ['--version'],
      ['--help'],
      ['export', '--help'],
      ['retarget', '--help'],
      ['emulator', '--help'],
      ['export'], // usage error: --out is required
      ['retarget', 'walk.bvh', '--to', 'genesis9', '--fps', '-1'], // usage error: bad --fps
    ].map((args) => [args.join(' '), args]),
  )('`dazport %s` loads no client, emulator, reader or writer', async (_line, args) => {
    const { modules } = await loadedBy(args);
    expect(modules.filter((m) => HEAVY.includes(m))).toEqual([]);
  });

  it('inspect loads the BVH reader, not the client, emulator or writers', async () => {
    const { code, modules } = await loadedBy(['inspect', 'fixtures/bvh/cmu_01_01.bvh']);
    expect(code).toBe(0);
    expect(modules).toContain('import/bvh/read-bvh-file');
    expect(modules).toContain('cli/commands/inspect-run');
    expect(modules.filter((m) => HEAVY.includes(m) && m !== 'import/bvh/read-bvh-file')).toEqual([]);
    expect(modules).not.toContain('cli/commands/export-run');
  });

  it('export loads its own run, and not the retarget', async () => {
    // No DAZ Studio on this port: the export loads its run and the client, then fails to connect.
    const { code, modules } = await loadedBy(['export', '--out', 'x.glb', '--port', '1', '--timeout', '500']);
    expect(code).toBe(3);
    expect(modules).toContain('cli/commands/export-run');
    expect(modules).toContain('client/dazscript-client');
    expect(modules).not.toContain('cli/commands/retarget-run');
    expect(modules).not.toContain('import/retarget/retarget');
  });
});
