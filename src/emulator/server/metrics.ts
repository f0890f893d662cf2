/**
 * Request counters for /health and /metrics, counted as the plugin counts them: executes (sync,
 * registry and finished async jobs) count towards total/successful/failed; 401s count as auth
 * failures; refusals (403/413/429/503) count nowhere. Main-thread wait is sampled on sync
 * `POST /execute` only.
 */
import { formatG15 } from '../runtime/json-builder.js';

export class MetricsCollector {
  readonly #startedAt = Date.now();
  #total = 0;
  #successful = 0;
  #failed = 0;
  #authFailures = 0;
  #waitSumMs = 0;
  #waitSamples = 0;
  #waitMaxMs = 0;

  recordRequest(success: boolean): void {
    this.#total++;
    if (success) this.#successful++;
    else this.#failed++;
  }

  recordAuthFailure(): void {
    this.#authFailures++;
  }

  recordMainThreadWait(ms: number): void {
    const whole = Math.max(0, Math.trunc(ms));
    this.#waitSumMs += whole;
    this.#waitSamples++;
    this.#waitMaxMs = Math.max(this.#waitMaxMs, whole);
  }

  uptimeSeconds(): number {
    return Math.trunc((Date.now() - this.#startedAt) / 1000);
  }

  /** Body of `GET /metrics`, key order as the plugin writes it. */
  metricsJson(activeRequests: number): string {
    const rate = this.#total > 0 ? (this.#successful / this.#total) * 100 : 0;
    const avg = this.#waitSamples > 0 ? Math.trunc(this.#waitSumMs / this.#waitSamples) : 0;
    return (
      `{"total_requests":${this.#total},"successful_requests":${this.#successful},` +
      `"failed_requests":${this.#failed},"auth_failures":${this.#authFailures},` +
      `"active_requests":${activeRequests},"uptime_seconds":${this.uptimeSeconds()},` +
      `"success_rate_percent":${formatG15(rate)},"avg_main_thread_wait_ms":${avg},` +
      `"max_main_thread_wait_ms":${this.#waitMaxMs}}`
    );
  }
}
