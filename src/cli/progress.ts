/**
 * Progress on stderr, only when stderr is a terminal and the user did not ask for --json or
 * --quiet: pipes and CI logs get no control characters. Each report names its phase, which item
 * of how many (mesh k of n, output k of m), counts with their unit, bytes, rate and time left
 * (progress/progress-line.ts). A ticker redraws twice a second, so a phase that reports nothing
 * for a while (DAZ Studio walking a big scene for its inventory) still shows time passing
 * instead of a frozen 0%. Redraws are throttled, so a fast loop reporting costs nothing.
 */
import { formatProgressLine, type ProgressReport } from './progress/progress-line.js';
import { RateMeter } from './progress/rate-meter.js';
import type { GlobalOptions } from './run-command.js';

export type { ProgressReport } from './progress/progress-line.js';

const MIN_REDRAW_MS = 100;
const TICK_MS = 500;

export class ProgressBar {
  readonly #enabled: boolean;
  readonly #stream: NodeJS.WriteStream;
  readonly #now: () => number;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #drawn = false;
  #last: ProgressReport | undefined;
  #phaseKey = '';
  #meter: RateMeter | undefined;
  #ticker: NodeJS.Timeout | undefined;

  constructor(
    globals: GlobalOptions,
    stream: NodeJS.WriteStream = process.stderr,
    now: () => number = () => performance.now(),
  ) {
    this.#stream = stream;
    this.#now = now;
    this.#enabled = Boolean(stream.isTTY) && !globals.json && !globals.quiet;
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  show(report: ProgressReport): void {
    if (!this.#enabled) return;
    const key = `${report.phase}\u0000${report.item?.index ?? ''}`;
    if (key !== this.#phaseKey || !this.#meter) {
      this.#phaseKey = key;
      this.#meter = new RateMeter(this.#now());
    }
    this.#last = report;
    this.#startTicker();
    const now = this.#now();
    if (now - this.#lastDraw < MIN_REDRAW_MS && report.done < report.total) return;
    this.#draw(now);
  }

  /** A bare share with a label, for callers with nothing more to say. */
  update(label: string, done: number, total: number): void {
    this.show({ phase: label, done, total });
  }

  /** Clear the line (and stop the ticker) so the next output starts clean. */
  clear(): void {
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = undefined;
    this.#last = undefined;
    this.#meter = undefined;
    this.#phaseKey = '';
    if (!this.#drawn) return;
    this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }

  /** Redraw now with the time that has passed, as the ticker does. */
  tick(): void {
    if (this.#last) this.#draw(this.#now());
  }

  #draw(now: number): void {
    const report = this.#last;
    if (!report || !this.#meter) return;
    this.#lastDraw = now;
    const rate = this.#meter.sample(now, report.done, report.total, report.bytes ?? 0);
    // A terminal that does not know its width says 0 (a pty under `script`, some CI runners).
    const line = formatProgressLine(report, rate, this.#stream.columns || 80);
    this.#stream.write(`\r${line}\x1b[K`);
    this.#drawn = true;
  }

  #startTicker(): void {
    if (this.#ticker) return;
    this.#ticker = setInterval(() => this.tick(), TICK_MS);
    // A forgotten bar must never keep the process alive.
    this.#ticker.unref();
  }
}
