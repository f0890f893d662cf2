/**
 * A mannequin before any vertex exists: its body plan and every part's rings. Cheap (a few
 * thousand ring frames at the highest detail), and enough to know the mesh's size exactly, so a
 * scene can be checked against its budget before a figure is built (see scene-budget.ts);
 * buildMannequin emits its geometry from the same layout.
 */
import type { SkeletonDefinition } from '../../../bonemaps/genesis/skeleton-definition.js';
import { DazportError } from '../../../errors.js';
import type { MeshSize } from '../../dom/geometry/mesh-data.js';
import { type ChainRings, ringsForChain } from './chain-rings.js';
import { ringsForEllipsoid } from './ellipsoid.js';
import { readFigureAnatomy } from './figure-anatomy.js';
import type { BodyPlan, ChainPlan, EllipsoidPlan } from './part-plan.js';
import { planBody } from './plan-body.js';
import { type RingSet, tubeSize } from './tube.js';

/**
 * Vertex spacing at detail 1 on a 170 cm figure, cm: about 20k vertices, the density of a real
 * figure's base mesh. Spacing shrinks as 1/detail, so vertex count grows about as detail².
 */
export const BASE_VERTEX_SPACING = 1.1;
/** Detail 16 is already several million vertices; beyond that is a typo, not a benchmark. */
export const MAX_DETAIL = 16;

export interface MannequinLayout {
  plan: BodyPlan;
  /** Chain parts (tubes along bones) with their rings, in plan order. */
  chains: { plan: ChainPlan; rings: ChainRings }[];
  /** Ellipsoid parts (head, eyes) with their rings, in plan order. */
  ellipsoids: { plan: EllipsoidPlan; rings: RingSet; segments: number }[];
}

/** Plan the mannequin of `skeleton` at `detail` (in (0, MAX_DETAIL]) down to its rings. */
export function layOutMannequin(skeleton: SkeletonDefinition, detail: number): MannequinLayout {
  if (!Number.isFinite(detail) || detail <= 0 || detail > MAX_DETAIL) {
    throw new DazportError(
      'DAZPORT_SCENE_INVALID',
      `mannequin detail must be a number in (0, ${MAX_DETAIL}], got ${detail}`,
      {
        context: { figure: skeleton.id, detail },
        suggestion: 'Use detail 1 for a realistic figure, 2-4 for heavy benchmark scenes.',
      },
    );
  }
  const anatomy = readFigureAnatomy(skeleton);
  const plan = planBody(anatomy);
  const spacing = (BASE_VERTEX_SPACING * anatomy.scale) / detail;
  return {
    plan,
    chains: plan.chains.map((chain) => ({ plan: chain, rings: ringsForChain(chain, spacing) })),
    ellipsoids: plan.ellipsoids.map((ellipsoid) => ({
      plan: ellipsoid,
      ...ringsForEllipsoid(ellipsoid, spacing),
    })),
  };
}

/** Vertices and polygons of the mannequin buildMannequin makes for `skeleton` at `detail`. */
export function mannequinSize(skeleton: SkeletonDefinition, detail: number): MeshSize {
  const layout = layOutMannequin(skeleton, detail);
  const size: MeshSize = { vertices: 0, facets: 0 };
  const parts = [...layout.chains.map((c) => c.rings), ...layout.ellipsoids];
  for (const { rings, segments } of parts) {
    const part = tubeSize(rings, segments);
    size.vertices += part.vertices;
    size.facets += part.facets;
  }
  return size;
}
