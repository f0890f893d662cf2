/**
 * The dazport program run inside the test process, as `dazport <args>` would run it: what it
 * writes to stdout and stderr, and the exit status it sets. No child process, no tsx start-up
 * (about 3 s each on a busy machine), so a test can try many command lines.
 */
import { vi } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { parseWithUsageErrors } from '../../src/cli/usage-errors.js';
import type { CliResult } from './cli.js';

export async function runInProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const capture =
    (append: (s: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(
    capture((s) => {
      stdout += s;
    }) as typeof process.stdout.write,
  );
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(
    capture((s) => {
      stderr += s;
    }) as typeof process.stderr.write,
  );
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    await parseWithUsageErrors(buildProgram(), ['node', 'dazport', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = previousExitCode;
  }
}
