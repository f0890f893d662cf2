/**
 * The plan of one body part, between reading the skeleton and emitting geometry: a chain part is
 * a closed tube swept along a polyline (torso, neck, arm, leg, foot, finger), an ellipsoid part a
 * closed ellipsoid (head, eyes). Distances along a chain (`s`) are cm of path length from the
 * path's first point; spans, profile keys and weight anchors are all placed in that parameter.
 */
import type { Vec3Tuple } from './vector-math.js';

/** What a part is, for the morphs (which parts grow with Body Heavy, which with Head Size...). */
export type PartKind = 'torso' | 'neck' | 'arm' | 'leg' | 'foot' | 'finger' | 'head' | 'eye';

/** DAZ-like surface names, in the order they are listed on the figure. */
export const SURFACE_ORDER = ['Torso', 'Face', 'Arms', 'Legs', 'Fingernails', 'Eyes'] as const;
export type SurfaceName = (typeof SURFACE_ORDER)[number];

/** The stretch of a chain one bone owns: its face group and UV island. */
export interface SpanPlan {
  bone: string;
  /** s where the span ends; it starts where the previous one ends (the first at 0). */
  end: number;
  surface: SurfaceName;
}

/** Cross-section half-sizes at one s; between keys they are eased, outside held. */
export interface ProfileKey {
  s: number;
  side: number;
  depth: number;
}

/** Skin weights along a chain are interpolated linearly between consecutive anchors. */
export interface WeightAnchor {
  s: number;
  bone: string;
}

export interface CapPlan {
  /** How far the cap reaches beyond the tube end, cm. */
  depth: number;
  /** A dome of extra rings (visible ends); otherwise a shallow cone, for ends hidden inside other parts. */
  rounded: boolean;
  /** End caps only: give the cap its own surface and UV island (fingernails on finger tips). */
  surface?: SurfaceName;
}

export interface ChainPlan {
  kind: PartKind;
  /** Points the tube's centre line runs through, at least two. */
  path: Vec3Tuple[];
  spans: SpanPlan[];
  profile: ProfileKey[];
  /** Candidate directions for the cross-section's side axis, best first (one not along the path wins). */
  sideReferences: Vec3Tuple[];
  /** Straight run before the path start / after its end, so parts overlap their neighbours at joints. */
  startExtension: number;
  endExtension: number;
  startCap: CapPlan;
  endCap: CapPlan;
  anchors: WeightAnchor[];
  /** Strength of the Body Heavy morph on this part, 0..1. */
  heavy: number;
  /** Where around the tube the UV seam runs: radians from the side axis towards the depth axis. */
  seamAngle: number;
}

export interface EllipsoidPlan {
  kind: 'head' | 'eye';
  bone: string;
  surface: SurfaceName;
  centre: Vec3Tuple;
  /** Pole direction (unit); the UV seam runs from pole to pole. */
  axis: Vec3Tuple;
  /** Side direction (unit, perpendicular to axis). */
  side: Vec3Tuple;
  /** Semi-axes: along side, along axis, along axis × side. */
  semiAxes: Vec3Tuple;
  /** Fraction the side semi-axis loses towards the start pole (the jaw of a head), 0 for none. */
  startNarrowing: number;
}

export interface BodyPlan {
  chains: ChainPlan[];
  ellipsoids: EllipsoidPlan[];
  /** Centre the Head Size morph scales about. */
  headCentre: Vec3Tuple | null;
  scale: number;
}
