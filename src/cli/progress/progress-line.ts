/**
 * One progress line, as a person reads it:
 *   ████████░░░░  34% reading meshes (2 of 5, Genesis 9): 412,000 of 1.2 M vertices · 9.4 MB at 3.1 MB/s · 4 s left
 * Pure text, so it is tested without a terminal.
 */
import { formatBytes, formatCount as formatExactCount } from '../human-units.js';
import type { PhaseRate } from './rate-meter.js';

export { formatBytes };

export interface ProgressReport {
  /** What is being done: "reading meshes", "writing hero.glb". */
  phase: string;
  /** Which item of a sequence this is: mesh k of n, output k of m, with its name. */
  item?: { index: number; count: number; name?: string };
  done: number;
  total: number;
  /** What `done` and `total` count ("vertices", "frames", "keys"); a bare share when absent. */
  unit?: string;
  /** Bytes moved so far in this phase, shown with their rate. */
  bytes?: number;
}

const BAR_WIDTH = 20;

export function formatProgressLine(report: ProgressReport, rate: PhaseRate, columns: number): string {
  const share = report.total > 0 ? Math.min(1, Math.max(0, report.done / report.total)) : 0;
  // Rounded down: 99.6% is not done yet, and the bar must not say it is.
  const filled = Math.floor(share * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const parts: string[] = [];
  if (report.unit) parts.push(`${formatCount(report.done)} of ${formatCount(report.total)} ${report.unit}`);
  // No bytes yet is no news: a request is under way.
  if (report.bytes)
    parts.push(
      rate.bytesPerSecond !== undefined
        ? `${formatBytes(report.bytes)} at ${formatBytes(rate.bytesPerSecond)}/s`
        : formatBytes(report.bytes),
    );
  else if (report.unit && rate.perSecond !== undefined)
    parts.push(`${formatCount(rate.perSecond)} ${report.unit}/s`);
  parts.push(
    rate.etaMs !== undefined ? `${formatDuration(rate.etaMs)} left` : formatDuration(rate.elapsedMs),
  );
  const item = report.item
    ? ` (${report.item.index} of ${report.item.count}${report.item.name ? `, ${report.item.name}` : ''})`
    : '';
  const line = `${bar} ${String(Math.floor(share * 100)).padStart(3)}% ${report.phase}${item}: ${parts.join(' · ')}`;
  return line.length < columns ? line : `${line.slice(0, Math.max(0, columns - 2))}…`;
}

/** 950 · 12,400 · 1.2 M: exact while it is short, rounded when the digits stop meaning much. */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} M`;
  return formatExactCount(n);
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}
