/**
 * A one-line progress bar on stderr, only when stderr is a terminal and the user did not ask for
 * --json or --quiet: pipes and CI logs get no control characters. Redraws at most ten times a
 * second, so a fast loop calling `update` costs nothing.
 */
import type { GlobalOptions } from './run-command.js';

const WIDTH = 24;
const MIN_REDRAW_MS = 100;

export class ProgressBar {
  readonly #enabled: boolean;
  readonly #stream: NodeJS.WriteStream;
  #lastDraw = 0;
  #drawn = false;

  constructor(globals: GlobalOptions, stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
    this.#enabled = Boolean(stream.isTTY) && !globals.json && !globals.quiet;
  }

  update(label: string, done: number, total: number): void {
    if (!this.#enabled) return;
    const now = Date.now();
    if (now - this.#lastDraw < MIN_REDRAW_MS && done < total) return;
    this.#lastDraw = now;
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(share * WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    const columns = this.#stream.columns ?? 80;
    const line = `${bar} ${(share * 100).toFixed(0).padStart(3)}% ${label}`.slice(0, columns - 1);
    this.#stream.write(`\r${line}\x1b[K`);
    this.#drawn = true;
  }

  /** Clear the line so the next output starts clean. */
  clear(): void {
    if (!this.#drawn) return;
    this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }
}
