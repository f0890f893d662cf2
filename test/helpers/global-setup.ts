/**
 * Runs once per `vitest` run, before any test file: builds the JavaScript copy of src/ that
 * tests start the CLI from (see compiled-cli.ts), and removes it at the end. Test processes
 * inherit where it is from this one: DAZPORT_TEST_CLI for the CLI (test/helpers/cli.ts), and
 * DAZPORT_EMULATOR_WORKER_JS for the worker of every emulator a test starts in-process
 * (src/emulator/runtime/script-host.ts), which then needs no tsx loader. In watch mode it is
 * built again before each rerun, so nothing runs stale sources.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
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
  // Each project of vitest.config.ts runs this; the first one's build serves all of them.
  if (process.env.DAZPORT_TEST_CLI && existsSync(process.env.DAZPORT_TEST_CLI)) return () => {};
  sweepAbandoned();
  let current: CompiledCli = await compileCli();
  const announce = () => {
    process.env.DAZPORT_TEST_CLI = current.main;
    process.env.DAZPORT_EMULATOR_WORKER_JS = current.worker;
  };
  announce();
  project.onTestsRerun(async () => {
    const previous = current;
    current = await compileCli();
    announce();
    rmSync(previous.dir, { recursive: true, force: true });
  });
  return () => {
    delete process.env.DAZPORT_TEST_CLI;
    delete process.env.DAZPORT_EMULATOR_WORKER_JS;
    rmSync(current.dir, { recursive: true, force: true });
  };
}
