/**
 * Tiny benchmark harness: every task measures itself against a baseline in the same run, so
 * results are ratios that survive a noisy machine; times are medians over repeated samples.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Measurement {
  /** What was measured, e.g. "POST /execute round trip". */
  name: string;
  /** Median of the samples, in `unit`. */
  median: number;
  p95: number;
  unit: string;
  samples: number;
}

export interface TaskResult {
  task: string;
  measured: Measurement;
  baseline: Measurement;
  /** measured / baseline (lower is better for times). */
  ratio: number;
  /** What the ratio should stay under, when there is a target. */
  target?: number;
  notes?: string[];
}

export interface BenchTask {
  name: string;
  run(): Promise<TaskResult>;
}

export function summarize(name: string, values: number[], unit: string): Measurement {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { name, median: at(0.5), p95: at(0.95), unit, samples: values.length };
}

export function formatResult(r: TaskResult): string {
  const line = (m: Measurement) =>
    `  ${m.name.padEnd(44)} median ${m.median.toFixed(3).padStart(10)} ${m.unit}  p95 ${m.p95.toFixed(3).padStart(10)} ${m.unit}  (n=${m.samples})`;
  const verdict =
    r.target === undefined
      ? ''
      : r.ratio <= r.target
        ? `  ✓ target ≤ ${r.target}`
        : `  ✗ target ≤ ${r.target}`;
  return [
    `${r.task}`,
    line(r.measured),
    line(r.baseline),
    `  ratio ${r.ratio.toFixed(2)}×${verdict}`,
    ...(r.notes ?? []).map((n) => `  ${n}`),
  ].join('\n');
}

/** A full garbage collection (exposed on demand), so a measurement starts from a collected heap. */
export const collectGarbage: () => void = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
