/**
 * Rings of a closed ellipsoid (head, eyeballs): latitude rings between two poles, so the pole
 * caps are triangle fans and the rest quads, like any other part.
 */
import type { EllipsoidPlan } from './part-plan.js';
import type { RingSet } from './tube.js';
import { ellipsePerimeter } from './tube.js';
import { addScaled, cross } from './vector-math.js';

/** Fewest vertices around an ellipsoid and fewest latitude bands pole to pole. */
const MIN_SEGMENTS = 12;
const MIN_LATITUDES = 6;

export function ringsForEllipsoid(
  plan: EllipsoidPlan,
  spacing: number,
): { rings: RingSet; segments: number } {
  const [sideSemi, axisSemi, depthSemi] = plan.semiAxes;
  const meridian = 0.5 * ellipsePerimeter(axisSemi, 0.5 * (sideSemi + depthSemi));
  const latitudes = Math.max(MIN_LATITUDES, Math.round(meridian / spacing));
  const count = latitudes - 1;
  const depthAxis = cross(plan.axis, plan.side);
  const rings: RingSet = {
    count,
    centres: new Float64Array(3 * count),
    sides: new Float64Array(3 * count),
    depths: new Float64Array(3 * count),
    sideRadii: new Float64Array(count),
    depthRadii: new Float64Array(count),
    params: new Float64Array(count),
    startPole: { position: addScaled(plan.centre, plan.axis, -axisSemi), param: 0 },
    endPole: { position: addScaled(plan.centre, plan.axis, axisSemi), param: 1 },
    bands: [{ firstRing: 0, lastRing: count - 1, surface: plan.surface, group: plan.bone }],
  };
  for (let i = 0; i < count; i++) {
    const phi = (Math.PI * (i + 1)) / latitudes;
    const narrowing = 1 - plan.startNarrowing * Math.max(0, Math.cos(phi));
    rings.centres.set(addScaled(plan.centre, plan.axis, -axisSemi * Math.cos(phi)), 3 * i);
    rings.sides.set(plan.side, 3 * i);
    rings.depths.set(depthAxis, 3 * i);
    rings.sideRadii[i] = sideSemi * Math.sin(phi) * narrowing;
    rings.depthRadii[i] = depthSemi * Math.sin(phi);
    rings.params[i] = (i + 1) / latitudes;
  }
  const segments = Math.max(MIN_SEGMENTS, Math.round(ellipsePerimeter(sideSemi, depthSemi) / spacing));
  return { rings, segments };
}
