/**
 * `--bake-correctives` in the export job: the morph choice widened to the correctives (their
 * deltas must be read for their weights to animate anything), the check that an animation is
 * read at all, and what the report and warnings say about the bake.
 */

import type { AnimationMode } from '../client/read-animation.js';
import type { CorrectiveMorph, CorrectiveReport } from '../client/read-correctives.js';
import { DazportError } from '../errors.js';
import { flagAndOption } from '../flag-and-option.js';
import { chooseMorphs, type MorphPlan } from './morph-report.js';

/** DAZPORT_USAGE unless the export reads an animation for the correctives to follow. */
export function checkBakeCorrectives(bake: boolean | undefined, animation: AnimationMode): void {
  if (bake && animation === 'none')
    throw new DazportError(
      'DAZPORT_USAGE',
      `${flagAndOption('--bake-correctives', 'bakeCorrectives')} bakes the correctives along the scene's animation: add ${flagAndOption('--animation keys', "animation: 'keys'")} or ${flagAndOption('--animation bake', "animation: 'bake'")}`,
    );
}

/** A regular expression source (what the read's selection takes) matching exactly `name`. */
function exactly(name: string): string {
  return `^${name.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`;
}

/**
 * The morph plan the read uses: `plan` (the user's choice, or none) plus every corrective by its
 * exact name, so their deltas are read and they are written as targets; a `!pattern` of the
 * user still leaves a corrective out. Null when there is nothing to read.
 */
export function withCorrectives(
  plan: MorphPlan | null,
  correctives: ReadonlyMap<number, CorrectiveMorph[]>,
): MorphPlan | null {
  const names = [...new Set([...correctives.values()].flat().map((m) => m.name))];
  if (names.length === 0) return plan;
  const include = names.map(exactly);
  if (!plan) return { patterns: [], ownPatterns: [], selection: { include, exclude: [] }, write: true };
  return {
    ...plan,
    selection: { ...plan.selection, include: [...plan.selection.include, ...include] },
    write: true,
  };
}

/** Warnings: correctives written only for the bake, and those not baked (constant or not targets). */
export function correctiveWarnings(report: CorrectiveReport): string[] {
  const out: string[] = [];
  const each = <T>(pick: (f: CorrectiveReport['figures'][number]) => T[], name: (x: T) => string) =>
    report.figures.flatMap((f) => pick(f).map((x) => `${f.label}: ${name(x)}`));
  const constant = each(
    (f) => f.constant,
    (c) => `${c.name} = ${Number(c.value.toFixed(4))}`,
  );
  if (constant.length)
    out.push(
      `--bake-correctives: ${constant.length} corrective${constant.length === 1 ? '' : 's'} never change${constant.length === 1 ? 's' : ''} over the animation and ${constant.length === 1 ? 'was' : 'were'} not baked; unless --morphs chose them they stay in the rest mesh at that value (${constant.join(', ')})`,
    );
  const unwritten = each(
    (f) => f.unwritten,
    (n) => n,
  );
  if (unwritten.length)
    out.push(
      `--bake-correctives: ${unwritten.length} corrective${unwritten.length === 1 ? ' is' : 's are'} not written as morph targets (they move nothing, or a --morphs !pattern left them out), so not baked (${unwritten.join(', ')})`,
    );
  return out;
}

/** `--dry-run`: a figure's correctives the export would bake, and those it would add as targets. */
export interface PlannedCorrectives {
  label: string;
  /** Morphs DAZ drives from bones (ERC links), by name, with their drivers (`bone/property`). */
  correctives: { name: string; drivers: string[] }[];
  /** Those `--morphs` does not choose: written as morph targets for the bake. */
  added: string[];
  /** The line the plan prints. */
  note: string;
}

/** The correctives of the meshes the export takes (by elementID), as `--dry-run` reports them. */
export function plannedCorrectives(
  listed: ReadonlyMap<number, CorrectiveMorph[]>,
  meshNodes: readonly { id: number; label: string }[],
  plan: MorphPlan | null,
): PlannedCorrectives[] {
  return meshNodes.flatMap((n) => {
    const list = listed.get(n.id);
    if (!list) return [];
    const chosen = new Set(plan ? chooseMorphs(plan, list) : []);
    const added = list.filter((m) => !chosen.has(m.name)).map((m) => m.name);
    const names = list.map((m) => `${m.name} (${m.drivers.join(', ')})`).join(', ');
    return [
      {
        label: n.label,
        correctives: list.map((m) => ({ name: m.name, drivers: m.drivers })),
        added,
        note: `correctives of ${n.label}: ${list.length} driven by bones, baked along the animation: ${names}; ${added.length} written as morph targets only for the bake (not chosen by --morphs); those that never change are left out by the read`,
      },
    ];
  });
}
