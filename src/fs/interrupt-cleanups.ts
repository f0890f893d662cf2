/**
 * What this process would leave behind if a signal ended it (an embedded emulator's token
 * folder): library code registers a synchronous clean-up while the thing exists, and the CLI's
 * SIGINT / SIGTERM handler (src/cli/interrupt.ts) runs them before it exits. A library caller
 * with its own signal handling can call {@link runInterruptCleanupsSync} the same way.
 */
const cleanups = new Set<() => void>();

/** Run `cleanup` (synchronous) if the process is interrupted; call the result when it is no longer needed. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Run every registered clean-up, best effort: one that throws does not stop the others. */
export function runInterruptCleanupsSync(): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Best effort: the exit status must still say what happened.
    }
  }
}
