/**
 * What an export did with the morphs it was asked for: per figure mesh the morph targets written,
 * those left out because they move nothing, those folded into the rest mesh (dialled in but not
 * chosen); and the user's patterns that matched no morph of any figure (presets never warn:
 * they name Genesis 8 and Genesis 9 morphs side by side, and a figure has only one of the two).
 */
import {
  compileMorphSelection,
  type MorphPreset,
  type MorphSelection,
  morphMatches,
  morphPatternsOf,
  parseMorphPatterns,
} from '../client/morph-selection.js';
import type { MorphReadReport } from '../client/scene-reader.js';

export interface MorphExportReport {
  /** The patterns the read used (user's then the preset's). */
  patterns: string[];
  /** One entry per figure mesh read. */
  figures: {
    label: string;
    /** Morphs the mesh has in DAZ. */
    total: number;
    /** Morph targets written, by name. */
    written: string[];
    /** Chosen but left out: every delta below STILL_DELTA_CM. */
    still: string[];
    /** Not chosen but dialled in: part of the rest mesh now. */
    folded: string[];
  }[];
  /** The user's patterns (from `morphs`) that matched no morph of any figure. */
  unmatched: string[];
}

/** The selection of an export, or null when every morph is read (no choice made). */
export interface MorphPlan {
  patterns: string[];
  ownPatterns: string[];
  selection: MorphSelection;
  /** Morph targets are written (some pattern may match). */
  write: boolean;
}

export function planMorphs(
  morphs: boolean | readonly string[] | undefined,
  preset: MorphPreset | undefined,
): MorphPlan | null {
  const patterns = morphPatternsOf(morphs, preset);
  if (patterns === null) return null;
  const ownPatterns = Array.isArray(morphs) ? parseMorphPatterns(morphs) : [];
  return {
    patterns,
    ownPatterns,
    selection: compileMorphSelection(patterns),
    write: patterns.some((p) => !p.startsWith('!')),
  };
}

/** Collects the reader's per-mesh reports (a re-read replaces the earlier ones) into the report. */
export class MorphReportCollector {
  readonly #byLabel = new Map<string, MorphReadReport>();
  readonly #plan: MorphPlan;

  constructor(plan: MorphPlan) {
    this.#plan = plan;
  }

  readonly add = (report: MorphReadReport): void => {
    this.#byLabel.set(report.label, report);
  };

  report(): MorphExportReport {
    // A prop without morphs has nothing to report.
    const reads = [...this.#byLabel.values()].filter((r) => r.total > 0);
    const unmatched = this.#plan.ownPatterns.filter(
      (p) =>
        !p.startsWith('!') &&
        !reads.some(
          (r) =>
            r.kept.some((m) => morphMatches(p, m.name, m.label)) ||
            r.still.some((name) => morphMatches(p, name, name)),
        ),
    );
    return {
      patterns: this.#plan.patterns,
      figures: reads.map((r) => ({
        label: r.label,
        total: r.total,
        written: this.#plan.write ? r.kept.map((m) => m.name) : [],
        still: r.still,
        folded: r.folded,
      })),
      unmatched,
    };
  }
}

/** The report's warnings: one line for unmatched patterns, one for morphs that move nothing. */
export function morphWarnings(report: MorphExportReport): string[] {
  const out: string[] = [];
  if (report.unmatched.length)
    out.push(
      `--morphs: ${report.unmatched.length} pattern${report.unmatched.length === 1 ? '' : 's'} matched no morph (${report.unmatched.join(', ')}); \`dazport scene --morphs\` lists the names and labels`,
    );
  const still = report.figures.flatMap((f) => f.still.map((name) => `${f.label}: ${name}`));
  if (still.length)
    out.push(
      `${still.length} chosen morph${still.length === 1 ? '' : 's'} moved nothing (every delta below 1e-5 cm) and ${still.length === 1 ? 'was' : 'were'} not written (${still.join(', ')})`,
    );
  return out;
}

/** The morphs of a mesh the plan chooses, by name (the server script's test, made here). */
export function chooseMorphs(plan: MorphPlan, morphs: readonly { name: string; label: string }[]): string[] {
  const res = (sources: string[]) => sources.map((s) => new RegExp(s, 'i'));
  const include = res(plan.selection.include);
  const exclude = res(plan.selection.exclude);
  const hit = (list: RegExp[], m: { name: string; label: string }) =>
    list.some((r) => r.test(m.name) || r.test(m.label));
  return morphs.filter((m) => hit(include, m) && !hit(exclude, m)).map((m) => m.name);
}

/** `--dry-run`'s line for one mesh: which morphs would be chosen (moving nothing is found by the read). */
export function plannedMorphsNote(label: string, chosen: readonly string[], total: number): string {
  const LISTED = 12;
  const names =
    chosen.length > LISTED
      ? `${chosen.slice(0, LISTED).join(', ')} and ${chosen.length - LISTED} more`
      : chosen.join(', ');
  return `morphs of ${label}: ${chosen.length} of ${total} chosen${names ? ` (${names})` : ''}; those that move nothing are left out by the read`;
}
