/**
 * The built-in Genesis figures under one set of ids, so every command takes and prints the same:
 * `genesis9`, `genesis8f`, `genesis8m`. Each figure also goes by its library id (the keys of
 * GENESIS_MAPS, `genesis8female`), its emulator scene (`g8f`) and its label (`Genesis 8 Female`);
 * all of them are accepted, in any case and with or without spaces, dashes or underscores.
 */
import type { GenesisFigureId } from './skeleton-definition.js';

export interface BuiltinFigure {
  /** What users type and what dazport prints: `genesis8f`. */
  id: 'genesis9' | 'genesis8f' | 'genesis8m';
  /** The library's id (SkeletonDefinition.id, GENESIS_MAPS keys): `genesis8female`. */
  figure: GenesisFigureId;
  /** The emulator's built-in scene with this figure in it: `g8f`. */
  scene: 'g9' | 'g8f' | 'g8m';
  /** The figure's label in that scene, and DAZ Studio's default: `Genesis 8 Female`. */
  label: string;
}

export const BUILTIN_FIGURES: readonly BuiltinFigure[] = [
  { id: 'genesis9', figure: 'genesis9', scene: 'g9', label: 'Genesis 9' },
  { id: 'genesis8f', figure: 'genesis8female', scene: 'g8f', label: 'Genesis 8 Female' },
  { id: 'genesis8m', figure: 'genesis8male', scene: 'g8m', label: 'Genesis 8 Male' },
];

/** `genesis9, genesis8f, genesis8m`: for help texts and errors. */
export const BUILTIN_FIGURE_IDS = BUILTIN_FIGURES.map((f) => f.id);

const squash = (value: string) => value.toLowerCase().replace(/[\s_-]/g, '');

/** Every accepted spelling (squashed) → its figure. */
const BY_NAME = new Map<string, BuiltinFigure>(
  BUILTIN_FIGURES.flatMap((f) => [f.id, f.figure, f.scene, f.label].map((name) => [squash(name), f])),
);

/**
 * The built-in figure `value` names (`genesis8f`, `genesis8female`, `g8f`, `Genesis 8 Female`),
 * or `undefined` when it names none.
 */
export function findBuiltinFigure(value: string): BuiltinFigure | undefined {
  return BY_NAME.get(squash(value));
}
