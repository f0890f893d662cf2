/**
 * Where a retarget goes: a built-in Genesis figure (served by an embedded emulator, so the
 * skeleton and mannequin come through the same client path as a live figure's) or a figure in
 * the running DAZ Studio (`live:<label>`).
 */
import { InvalidArgumentError } from 'commander';

export type RetargetTarget =
  | { kind: 'builtin'; scene: 'g9' | 'g8f' | 'g8m'; label: string }
  | { kind: 'live'; label: string };

const BUILTIN: Record<string, { scene: 'g9' | 'g8f' | 'g8m'; label: string }> = {
  genesis9: { scene: 'g9', label: 'Genesis 9' },
  genesis8f: { scene: 'g8f', label: 'Genesis 8 Female' },
  genesis8m: { scene: 'g8m', label: 'Genesis 8 Male' },
};
const ALIASES: Record<string, string> = {
  g9: 'genesis9',
  g8f: 'genesis8f',
  g8m: 'genesis8m',
  genesis8female: 'genesis8f',
  genesis8male: 'genesis8m',
};

export function parseRetargetTarget(value: string): RetargetTarget {
  if (value.startsWith('live:')) {
    const label = value.slice(5).trim();
    if (!label) throw new InvalidArgumentError('--to live: needs the figure label, e.g. live:"Genesis 9"');
    return { kind: 'live', label };
  }
  const key = value.toLowerCase().replace(/[\s_-]/g, '');
  const builtin = BUILTIN[ALIASES[key] ?? key];
  if (!builtin)
    throw new InvalidArgumentError(
      `--to takes genesis9, genesis8f, genesis8m or live:<figure label>, got "${value}"`,
    );
  return { kind: 'builtin', ...builtin };
}
