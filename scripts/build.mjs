/**
 * `npm run build`: dist/ from src/, emptied first so that a moved or deleted module leaves no
 * stale file to ship, the `.py` files of src/ copied beside their modules, and the bin made
 * executable (tsc writes files without the x bit).
 *
 * `prepare` runs it with --if-stale, so `npm ci` leaves a working `npx dazport` (the bin is in
 * dist/) without a second build on the first `npx dazport`: npm installs this folder into its
 * npx cache and runs `prepare` again there. Stale means something under src/ or a tsconfig is
 * newer than the bin (deleting a file changes its folder's time, so that counts too).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const BIN = 'dist/cli/main.js';
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

if (process.argv.includes('--if-stale') && upToDate()) process.exit(0);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
copyPython('src');
chmodSync(BIN, 0o755);

/** The Python that the Poser source sends and the Poser emulator runs, read beside the modules at run time. */
function copyPython(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyPython(path);
    else if (entry.name.endsWith('.py')) cpSync(path, join('dist', relative('src', path)));
  }
}

function upToDate() {
  let built;
  try {
    built = statSync(BIN).mtimeMs;
  } catch {
    return false;
  }
  return INPUTS.every((path) => newestChange(path) < built);
}

/** The latest modification time of `path` and, for a folder, of everything in it. */
function newestChange(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}
