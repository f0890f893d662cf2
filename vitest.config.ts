import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Emulator tests bind loopback ports and run scripts in a worker; keep them off each other's toes.
    pool: 'forks',
    // Builds the JavaScript copy of src/ that CLI child processes start from (no tsx per start).
    globalSetup: ['./test/helpers/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
