/**
 * The human report of an export's morphs: per figure the morph targets written (all names up to
 * a dozen, then a count), and how many moved nothing or were folded into the rest mesh.
 */
import type { MorphExportReport } from '../jobs/morph-report.js';

/** Names listed in full up to this many; beyond, the first ones and a count. */
const LISTED = 12;

export function describeMorphs(report: MorphExportReport): string[] {
  return report.figures.map((f) => {
    const names =
      f.written.length > LISTED
        ? `${f.written.slice(0, LISTED).join(', ')} and ${f.written.length - LISTED} more`
        : f.written.join(', ');
    const extra = [
      f.still.length ? `${f.still.length} moved nothing` : '',
      f.folded.length ? `${f.folded.length} dialled in, folded into the rest mesh` : '',
    ].filter(Boolean);
    return `morphs of ${f.label}: ${f.written.length} of ${f.total} written${names ? ` (${names})` : ''}${extra.length ? `; ${extra.join('; ')}` : ''}`;
  });
}
