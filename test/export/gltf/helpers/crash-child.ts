/**
 * A child process for the crash tests: writes a .gltf or .usda set over whatever the folder holds, and
 * SIGKILLs itself right before its k-th change to the file system (a file created, written,
 * renamed, linked, copied or removed), or a given time after its first change. It prints
 * `writing` at its first change; with k = 0 and no delay it runs to the end and prints, as
 * JSON, how many changes it made and how long they took.
 *
 * Two ways to write:
 * - `export <A|B> <textures> <alt>`: the whole exporter on a version of the two-version scene
 *   (exportGltf, loads glTF-Transform: about 0.3 s of start-up);
 * - `set <folder>`: only the set writer, committing the .gltf set found in `<folder>` as is
 *   (node built-ins only: starts in a few tens of ms, for tests that kill dozens of children);
 * - `usda <A|B> <textures> <alt>`: exportUsda on a version of the two-version scene (the .usda
 *   and its `<stem>_textures/` folder).
 *
 * Changes are counted by wrapping node:fs itself (syncBuiltinESMExports makes every `import
 * { rename } from 'node:fs/promises'` see the wrapper), so the writer needs no test hook.
 *
 * argv: <out.gltf|out.usda> <k> <delay ms or -> <export|set|usda> ...
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';

const [out, killArg, delayArg, mode, ...rest] = process.argv.slice(2);
const killBefore = Number(killArg);
const killAfterMs = delayArg === '-' ? undefined : Number(delayArg);
let changes = 0;
let firstChange = 0;

function counted<F extends (...args: never[]) => unknown>(fn: F): F {
  return function (this: unknown, ...args: never[]) {
    changes++;
    if (changes === 1) {
      firstChange = performance.now();
      process.stdout.write('writing\n');
      if (killAfterMs !== undefined) setTimeout(() => process.kill(process.pid, 'SIGKILL'), killAfterMs);
    }
    if (changes === killBefore) process.kill(process.pid, 'SIGKILL');
    return fn.apply(this, args);
  } as F;
}

const WRITE_FLAGS = /[wa+]/;
function countedOpen<F extends (...args: never[]) => unknown>(fn: F): F {
  const wrapped = counted(fn);
  return function (this: unknown, ...args: never[]) {
    const flags = (args as unknown[])[1];
    // Opening for writing creates or truncates a file; reading opens change nothing.
    const writes =
      typeof flags === 'string' ? WRITE_FLAGS.test(flags) : typeof flags === 'number' && (flags & 3) !== 0;
    return (writes ? wrapped : fn).apply(this, args);
  } as F;
}

const MUTATORS = ['rename', 'link', 'unlink', 'rm', 'rmdir', 'mkdir', 'copyFile', 'writeFile', 'symlink'];
const syncFs = fs as unknown as Record<string, (...args: never[]) => unknown>;
const promiseFs = fs.promises as unknown as Record<string, (...args: never[]) => unknown>;

/** Read the set in `folder` (its one .gltf and the files it references) before counting starts. */
function readSet(folder: string): {
  json: { buffers?: { uri?: string }[]; images?: { uri?: string }[] };
  resources: Record<string, Uint8Array>;
} {
  const main = fs.readdirSync(folder).find((f) => f.endsWith('.gltf'))!;
  const json = JSON.parse(fs.readFileSync(join(folder, main), 'utf8'));
  const resources: Record<string, Uint8Array> = {};
  for (const item of [...(json.buffers ?? []), ...(json.images ?? [])])
    if (item.uri) resources[item.uri] = fs.readFileSync(join(folder, decodeURIComponent(item.uri)));
  return { json, resources };
}

async function writer(): Promise<() => Promise<unknown>> {
  if (mode === 'set') {
    const { writeGltfSet } = await import('../../../../src/export/gltf/write-files.js');
    const { json, resources } = readSet(rest[0]);
    return () => writeGltfSet(out, json as never, resources);
  }
  const { sceneVersion } = await import('./two-versions.js');
  const scene = sceneVersion(rest[0] as 'A' | 'B', rest[1], rest[2]);
  if (mode === 'usda') {
    const { exportUsda } = await import('../../../../src/export/usda/index.js');
    return () => exportUsda(scene, out);
  }
  const { exportGltf } = await import('../../../../src/export/gltf/index.js');
  return () => exportGltf(scene, out);
}
const write = await writer();

for (const name of MUTATORS) {
  syncFs[name] = counted(syncFs[name]);
  syncFs[`${name}Sync`] = counted(syncFs[`${name}Sync`]);
  promiseFs[name] = counted(promiseFs[name]);
}
syncFs.open = countedOpen(syncFs.open);
syncFs.openSync = countedOpen(syncFs.openSync);
promiseFs.open = countedOpen(promiseFs.open);
syncBuiltinESMExports();

await write();
process.stdout.write(`${JSON.stringify({ changes, writeMs: performance.now() - firstChange })}\n`);
