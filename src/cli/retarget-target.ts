/**
 * Where a retarget goes: a built-in Genesis figure (served by an embedded emulator, so the
 * skeleton and mannequin come through the same client path as a live figure's) or a figure in
 * the running DAZ Studio (`live:<label>`).
 */
import { InvalidArgumentError } from 'commander';
import { BUILTIN_FIGURE_IDS, findBuiltinFigure } from '../bonemaps/genesis/builtin-figures.js';
import { closestMatches } from '../text/closest-matches.js';

export type RetargetTarget =
  | { kind: 'builtin'; scene: 'g9' | 'g8f' | 'g8m'; label: string }
  | { kind: 'live'; label: string };

/** `genesis9`, `genesis8f`, `genesis8m` (or any alias: `genesis8female`, `g8f`), or `live:<label>`. */
export function parseRetargetTarget(value: string): RetargetTarget {
  if (value.startsWith('live:')) {
    const label = value.slice(5).trim();
    if (!label) throw new InvalidArgumentError('--to live: needs the figure label, e.g. live:"Genesis 9"');
    return { kind: 'live', label };
  }
  const builtin = findBuiltinFigure(value);
  if (!builtin) {
    const close = closestMatches(value, BUILTIN_FIGURE_IDS, { limit: 3 });
    throw new InvalidArgumentError(
      `--to takes ${BUILTIN_FIGURE_IDS.join(', ')} or live:<figure label>, got "${value}"` +
        (close.length
          ? ` (closest: ${close.join(', ')})`
          : `; a figure in DAZ Studio is live:"${value}" (\`dazport scene\` lists their labels)`),
    );
  }
  return { kind: 'builtin', scene: builtin.scene, label: builtin.label };
}

/** `--to` as written, with what it means for DAZ Studio (or why it means nothing there). */
export interface RetargetToFlag {
  written: string;
  target?: RetargetTarget;
  /** parseRetargetTarget's message, for a value that is no DAZ target. */
  invalid?: string;
}

/** `--to`'s argParser: a DAZ target when it is one, else kept for a figure label of another source. */
export function parseRetargetTo(value: string): RetargetToFlag {
  try {
    return { written: value, target: parseRetargetTarget(value) };
  } catch (err) {
    return { written: value, invalid: (err as Error).message };
  }
}
