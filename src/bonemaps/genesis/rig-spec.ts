/**
 * The compact form the built-in rigs are written in: one row per left-side or centre bone (the
 * right side is mirrored by build-skeleton.ts), with the end point given as a rule rather than as
 * numbers, so a figure's joint-centre table is the only per-figure data.
 */

import type { BoneRole, GenesisFigureId, RotationOrderName, Vec3Tuple } from './skeleton-definition.js';

/** How a bone's end point follows from the joint centres. */
export type EndRule =
  /** At another bone's origin: the chain child (`lShldrBend` → `lShldrTwist`), or a landmark. */
  | { kind: 'to'; bone: string }
  /** Leaf bone continuing its parent's line (parent origin → own origin), e.g. fingertips. */
  | { kind: 'extend'; length: number }
  /** As `extend`, but with the direction's vertical part removed: toes lie flat, not into the floor. */
  | { kind: 'extendFlat'; length: number }
  /** A fixed figure-space direction (normalised by the builder): head up, eyes forward. */
  | { kind: 'toward'; direction: Vec3Tuple; length: number };

export const to = (bone: string): EndRule => ({ kind: 'to', bone });
export const extend = (length: number): EndRule => ({ kind: 'extend', length });
export const extendFlat = (length: number): EndRule => ({ kind: 'extendFlat', length });
export const toward = (direction: Vec3Tuple, length: number): EndRule => ({
  kind: 'toward',
  direction,
  length,
});

export const UP: Vec3Tuple = [0, 1, 0];
export const DOWN: Vec3Tuple = [0, -1, 0];
/** The figure faces +Z. */
export const FORWARD: Vec3Tuple = [0, 0, 1];

/** One row of a rig table: name, label, parent, rotation order, role, end rule. */
export type RigRow = [
  name: string,
  label: string,
  parent: string | null,
  rotationOrder: RotationOrderName,
  role: BoneRole,
  end: EndRule,
];

/** Joint centres (cm, figure space) of a rig's left-side and centre bones, by bone name. */
export type JointCentres = Readonly<Record<string, Vec3Tuple>>;

/**
 * Everything the builder needs for one figure. `origins` holds the joint centres of the left-side
 * and centre bones of `rig`, exactly one per row, cm, figure space.
 */
export interface FigureSpec {
  id: GenesisFigureId;
  figureName: string;
  figureLabel: string;
  rig: readonly RigRow[];
  origins: JointCentres;
}
