/**
 * A pause that ends early when `signal` aborts, and leaves nothing behind either way: no timer
 * that keeps the process alive after an abort, no abort listener gathered per pause on a
 * long-lived signal. It never rejects: the caller checks the signal after it.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    if (signal?.aborted) wake();
    else signal?.addEventListener('abort', wake, { once: true });
  });
}
