/**
 * Which Genesis bone's joint centre is each body point, written out by hand from the figures'
 * rigs (not taken from dazport's Genesis maps, so a wrong map cannot hide itself). The base of
 * the neck is the first neck bone (G9 `neck1`, G8 `neckLower`); the hips point is the `hip`
 * bone's centre, between the hip sockets and the lumbar spine like a capture's root.
 */
import type { GenesisFigureId } from '../../../../src/bonemaps/genesis/skeleton-definition.js';
import type { BodyPoint, SidePoint } from './body-points.js';

const GENESIS9_SIDE: Record<SidePoint, string> = {
  clavicle: 'shoulder',
  upperArm: 'upperarm',
  forearm: 'forearm',
  hand: 'hand',
  thigh: 'thigh',
  shin: 'shin',
  foot: 'foot',
  toes: 'toes',
};

const GENESIS8_SIDE: Record<SidePoint, string> = {
  clavicle: 'Collar',
  upperArm: 'ShldrBend',
  forearm: 'ForearmBend',
  hand: 'Hand',
  thigh: 'ThighBend',
  shin: 'Shin',
  foot: 'Foot',
  toes: 'Toe',
};

function sides(prefix: (side: 'l' | 'r') => string, table: Record<SidePoint, string>) {
  const out: Partial<Record<BodyPoint, string>> = {};
  for (const side of ['l', 'r'] as const)
    for (const [point, bone] of Object.entries(table))
      out[`${side}_${point as SidePoint}`] = prefix(side) + bone;
  return out;
}

const GENESIS9_POINTS = {
  hips: 'hip',
  neck: 'neck1',
  head: 'head',
  ...sides((s) => `${s}_`, GENESIS9_SIDE),
} as Record<BodyPoint, string>;

const GENESIS8_POINTS = {
  hips: 'hip',
  neck: 'neckLower',
  head: 'head',
  ...sides((s) => s, GENESIS8_SIDE),
} as Record<BodyPoint, string>;

/** Body point → bone name on a built-in Genesis figure. */
export function figureBodyPoints(figure: GenesisFigureId): Record<BodyPoint, string> {
  return figure === 'genesis9' ? GENESIS9_POINTS : GENESIS8_POINTS;
}

/** Bones of each foot whose joints mark where the foot is (ankle, ball) for skating. */
export function figureFootBones(figure: GenesisFigureId, side: 'l' | 'r'): string[] {
  const points = figureBodyPoints(figure);
  return [points[`${side}_foot`], points[`${side}_toes`]];
}
