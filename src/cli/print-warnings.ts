/**
 * Warnings on stderr: one summary line per output by default, every warning with --verbose,
 * none with --quiet (it prints only errors) or --json (the report carries the full list).
 *
 * A Genesis figure has three "no PBR equivalent" losses per skin surface; listed, they buried the
 * result. The summary counts them by feature and names the first other warning, e.g.
 *   warning: walk.glb: 12 material values have no PBR equivalent (translucency ×4, subsurface
 *   scattering ×4, dual-lobe specular ×4); --verbose lists them
 */
import { type MaterialLoss, parseMaterialLoss } from '../export/material-mapping.js';
import type { GlobalOptions } from './run-command.js';

/** The lines to print for the warnings of one output (or input) `target`. */
export function warningLines(target: string, warnings: readonly string[], globals: GlobalOptions): string[] {
  if (globals.json || globals.quiet || warnings.length === 0) return [];
  if (globals.verbose || warnings.length === 1) return warnings.map((w) => `warning: ${target}: ${w}`);
  return [`warning: ${target}: ${summarizeWarnings(warnings)}; --verbose lists them`];
}

export function printWarnings(target: string, warnings: readonly string[], globals: GlobalOptions): void {
  for (const line of warningLines(target, warnings, globals)) process.stderr.write(`${line}\n`);
}

/** `12 material values have no PBR equivalent (translucency ×4, …); 2 more warnings: <first>` */
export function summarizeWarnings(warnings: readonly string[]): string {
  const losses: MaterialLoss[] = [];
  const others: string[] = [];
  for (const w of warnings) {
    const loss = parseMaterialLoss(w);
    if (loss) losses.push(loss);
    else others.push(w);
  }
  const parts: string[] = [];
  if (losses.length) {
    const byFeature = new Map<string, number>();
    for (const l of losses) byFeature.set(l.feature, (byFeature.get(l.feature) ?? 0) + 1);
    const features = [...byFeature].map(([feature, n]) => (n > 1 ? `${feature} ×${n}` : feature));
    parts.push(
      `${plural(losses.length, 'material value has', 'material values have')} no PBR equivalent (${features.join(', ')})`,
    );
  }
  if (others.length === 1) parts.push(losses.length ? `also: ${others[0]}` : others[0]);
  else if (others.length > 1)
    parts.push(`${others.length} ${losses.length ? 'other warnings' : 'warnings'}, the first: ${others[0]}`);
  return parts.join('; ');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
