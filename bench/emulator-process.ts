/**
 * The emulator the benchmarks read from runs in its own process, as DAZ Studio does, so the
 * reader's and the writers' measurements are not disturbed by the server's work.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DazClient } from '../src/client/dazscript-client.js';
import { readScene } from '../src/client/scene-reader.js';
import type { Scene } from '../src/scene/scene.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Start `dazport emulator` in a child process and wait for its JSON start line. */
export async function spawnEmulator(
  scene: string,
  home: string,
): Promise<{ child: ChildProcess; url: string; port: number; token: string }> {
  const tsx = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
  const tokenFile = join(home, 'token.txt');
  const child = spawn(
    process.execPath,
    [
      tsx,
      join(ROOT, 'src/cli/main.ts'),
      '--json',
      'emulator',
      '--scene',
      scene,
      '--port',
      '0',
      '--token-file',
      tokenFile,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const info = await new Promise<{ url: string }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
    child.on('exit', (code) => reject(new Error(`emulator exited (${code})`)));
  });
  return {
    child,
    url: info.url,
    port: Number(new URL(info.url).port),
    token: readFileSync(tokenFile, 'utf8').trim(),
  };
}

/** A client for a spawned emulator, with a timeout long enough for the heavy scene. */
export function connectTo(emulator: { port: number; token: string }): DazClient {
  return DazClient.connect({
    host: '127.0.0.1',
    port: emulator.port,
    token: emulator.token,
    timeoutMs: 120_000,
  });
}

/** Read `scene` once from a spawned emulator, then stop it: for benchmarks of the writers. */
export async function readSpawnedScene(scene: string): Promise<Scene> {
  const home = mkdtempSync(join(tmpdir(), 'dazport-bench-emulator-'));
  const emulator = await spawnEmulator(scene, home);
  const client = connectTo(emulator);
  try {
    return await readScene(client);
  } finally {
    await client.close().catch(() => {});
    emulator.child.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
}
