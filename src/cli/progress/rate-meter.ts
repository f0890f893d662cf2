/**
 * How fast a phase goes and when it will end, from the last few seconds of samples: a rate over
 * the whole phase would hide a stall, a rate over the last sample alone would jump about.
 */
const WINDOW_MS = 3000;

interface Sample {
  at: number;
  done: number;
  bytes: number;
}

export interface PhaseRate {
  elapsedMs: number;
  /** Units of `done` per second, once there is a second of evidence. */
  perSecond?: number;
  bytesPerSecond?: number;
  /** Time left at the current rate, when the rate is known and the work is not done. */
  etaMs?: number;
}

export class RateMeter {
  #started: number;
  #samples: Sample[] = [];

  constructor(now: number) {
    this.#started = now;
  }

  sample(now: number, done: number, total: number, bytes = 0): PhaseRate {
    const samples = this.#samples;
    samples.push({ at: now, done, bytes });
    while (samples.length > 2 && now - samples[1].at >= WINDOW_MS) samples.shift();
    const first = samples[0];
    const spanMs = now - first.at;
    const elapsedMs = now - this.#started;
    if (spanMs < 1000) return { elapsedMs };
    const perSecond = ((done - first.done) * 1000) / spanMs;
    const bytesPerSecond = bytes > 0 ? ((bytes - first.bytes) * 1000) / spanMs : undefined;
    const etaMs = perSecond > 0 && done < total ? ((total - done) / perSecond) * 1000 : undefined;
    return { elapsedMs, perSecond, bytesPerSecond, etaMs };
  }
}
