import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import DurationSequencer from './test/helpers/duration-sequencer.js';

/**
 * Test files that replace modules (vi.mock, vi.doMock) run in a fresh module graph each; every
 * other file shares its worker's graph with the files before it (isolate: false), which saves
 * loading the same sources again for each of a hundred files. A mock cannot apply to a module
 * an earlier file already loaded, nor must it leak into a later file, hence the split; found by
 * reading the files, so a new test that mocks lands on the isolated side by itself.
 */
const MOCKS_MODULES = /\bvi\.(?:mock|doMock)\(/;
const isolatedFiles = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/${f.split('\\').join('/')}`)
  .filter((f) => MOCKS_MODULES.test(readFileSync(join(f), 'utf8')));

export default defineConfig({
  test: {
    // Emulator tests bind loopback ports and run scripts in a worker; keep them off each other's toes.
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: a single one on a two-core machine,
    // while most test files spend their time waiting for child processes, emulator workers and
    // timers. One per core halves the suite, and one more fills the cores while a file waits on
    // timers (fault runs, stalls, quiet spells): on 2 cores, 3 workers took 233 and 243 s where
    // 2 took 269 and 275 s (1,356 tests, quiet machine, same commit).
    maxWorkers: availableParallelism() + 1,
    // Builds the JavaScript copy of src/ that CLI child processes and emulator workers start from.
    globalSetup: ['./test/helpers/global-setup.ts'],
    // Longest files first, in a fresh clone too (test/durations.json): a one-minute file that
    // starts last keeps the run going while the other workers idle.
    sequence: { sequencer: DurationSequencer },
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        // An empty include would mean vitest's default one (every test file).
        test: {
          name: 'isolated',
          include: isolatedFiles.length > 0 ? isolatedFiles : ['test/no-such-file'],
          isolate: true,
        },
      },
      {
        extends: true,
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: isolatedFiles, isolate: false },
      },
    ],
  },
});
