/**
 * Runs once per `vitest` run, before any test file: builds the JavaScript copy of src/ that
 * tests start the CLI from (see compiled-cli.ts), and removes it at the end. Test processes
 * find it through DAZPORT_TEST_CLI, which they inherit from this one. In watch mode it is
 * built again before each rerun, so a child process never runs stale sources.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { type CompiledCli, compileCli } from './compiled-cli.js';

const TMP = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.tmp');
/** Builds left by a run that was killed before its teardown are swept after this long. */
const ABANDONED_AFTER_MS = 6 * 3600_000;

function sweepAbandoned(): void {
  let names: string[];
  try {
    names = readdirSync(TMP).filter((n) => n.startsWith('cli-'));
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(TMP, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > ABANDONED_AFTER_MS)
        rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  sweepAbandoned();
  let current: CompiledCli = await compileCli();
  process.env.DAZPORT_TEST_CLI = current.main;
  project.onTestsRerun(async () => {
    const previous = current;
    current = await compileCli();
    process.env.DAZPORT_TEST_CLI = current.main;
    rmSync(previous.dir, { recursive: true, force: true });
  });
  return () => {
    delete process.env.DAZPORT_TEST_CLI;
    rmSync(current.dir, { recursive: true, force: true });
  };
}
