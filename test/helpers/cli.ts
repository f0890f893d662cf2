/**
 * Run the dazport CLI in a child process, as a user would: under vitest from the JavaScript copy
 * of src/ that test/helpers/global-setup.ts builds for the run (`node main.js`, one process, like
 * the installed bin), elsewhere (scripts/fault-run.ts) from the sources through tsx.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The compiled CLI of this test run, if there is one. */
function compiledMain(): string | undefined {
  const main = process.env.DAZPORT_TEST_CLI;
  return main && existsSync(main) ? main : undefined;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): ChildProcess {
  const compiled = compiledMain();
  return spawn(process.execPath, compiled ? [compiled, ...args] : [TSX, MAIN, ...args], {
    cwd,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * The CLI in ONE process (`node --import tsx`), as the built `dazport` bin runs, for tests that
 * signal it: the `tsx` command puts a wrapper process in between, which SIGKILLs its child when
 * that does not acknowledge a relayed signal within 30 ms.
 */
export function spawnCliInOneProcess(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const compiled = compiledMain();
  return spawn(process.execPath, compiled ? [compiled, ...args] : ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** What `child` prints until it ends, and how it ended. */
export function outputOf(child: ChildProcess): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
    });
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<CliResult> {
  return outputOf(spawnCli(args, env, cwd));
}
