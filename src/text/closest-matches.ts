/**
 * Which of the known names a mistyped one was probably meant to be: what an error about an
 * unknown label or id lists, so that the user picks instead of guessing again.
 *
 * Names are compared case-insensitively, as typed and with spaces, dashes, underscores and dots
 * removed (`genesis9` is `Genesis 9`), by optimal string alignment distance (Levenshtein plus
 * swapped neighbours: `Gensis` is one edit from `Genesis`). A name that contains what was typed,
 * or is contained in it, counts as close too (`cube` finds `Textured Cube`).
 */

export interface ClosestMatchOptions {
  /** Most names returned (default 5). */
  limit?: number;
}

/** Edits allowed per character of the longer name before two names stop counting as close. */
const MAX_EDITS_PER_CHAR = 0.4;

/**
 * The names in `candidates` closest to `query`, best first (ties keep the candidates' order), at
 * most `limit`, without duplicates. Empty when none is close.
 */
export function closestMatches(
  query: string,
  candidates: Iterable<string>,
  options: ClosestMatchOptions = {},
): string[] {
  const limit = options.limit ?? 5;
  const scored: { name: string; score: number; order: number }[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (const name of candidates) {
    if (seen.has(name)) continue;
    seen.add(name);
    const score = closeness(query, name);
    if (score !== undefined) scored.push({ name, score, order: order++ });
  }
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.name);
}

/** Lower is closer; `undefined` when the names are not close at all. */
function closeness(query: string, name: string): number | undefined {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  const qs = squash(q);
  const ns = squash(n);
  if (qs.length === 0 || ns.length === 0) return undefined;
  if (q === n) return 0;
  if (qs === ns) return 0.1;
  const edits = Math.min(editDistance(q, n), editDistance(qs, ns));
  // Among names as many edits away, one that goes on from what was typed comes first
  // (`genesis8` → genesis8f before genesis9).
  const continues = ns.startsWith(qs) ? 0.5 : 0;
  if (edits <= Math.max(1, Math.floor(MAX_EDITS_PER_CHAR * Math.max(qs.length, ns.length))))
    return edits - continues;
  // Part of the name (or the name part of what was typed): close, ranked after small typos and
  // the nearer the lengths the better. Two letters would match almost anything.
  if (Math.min(qs.length, ns.length) >= 3 && (ns.includes(qs) || qs.includes(ns)))
    return 1.5 + Math.abs(ns.length - qs.length) / 100;
  return undefined;
}

/** The name without case-free separators: `Genesis 8_Female` → `genesis8female`. */
function squash(name: string): string {
  return name.replace(/[\s._-]+/g, '');
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters, each one edit. Two rows of the table are kept, plus the one before.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, before[j - 2] + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}
