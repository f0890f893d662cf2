/**
 * The human report of `--bake-correctives`: per figure the correctives baked (with the bones
 * that drive them and the range their weight covers), how many were written as morph targets
 * only for the bake, and those left out because they never change.
 */
import type { CorrectiveReport } from '../client/read-correctives.js';

export function describeCorrectives(report: CorrectiveReport): string[] {
  return report.figures.map((f) => {
    const baked = f.baked
      .map((b) => `${b.name} ← ${b.drivers.join(', ')}, ${b.min.toFixed(2)}–${b.max.toFixed(2)}`)
      .join('; ');
    const extra = [
      f.added.length
        ? `${f.added.length} written as morph targets for the bake (not chosen by --morphs)`
        : '',
      f.constant.length ? `${f.constant.length} never change, not baked` : '',
      f.unwritten.length ? `${f.unwritten.length} not morph targets, not baked` : '',
    ].filter(Boolean);
    return `correctives of ${f.label}: ${f.baked.length} baked over ${report.frames} frames${baked ? ` (${baked})` : ''}${extra.length ? `; ${extra.join('; ')}` : ''}`;
  });
}
