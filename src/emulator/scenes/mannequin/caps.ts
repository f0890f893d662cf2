/**
 * How a tube is closed: a dome of shrinking rings ending in a pole (rounded finger tips, heels,
 * the top of the torso), or just a pole a little beyond the last ring (ends hidden inside another
 * part, which still need closing so every part is a closed surface). The pole is joined to the
 * last ring by a triangle fan in `tube.ts`.
 */
import type { CapPlan } from './part-plan.js';

export interface CapRings {
  /** Distance of each dome ring beyond the tube end, increasing (nearest the tube first). */
  offsets: number[];
  /** Radius of each dome ring relative to the tube end's. */
  radiusScales: number[];
  /** Distance of the pole beyond the tube end. */
  poleOffset: number;
}

/**
 * Dome rings at equal angles of a quarter ellipse whose half-axes are the cap depth and the end
 * radius, as many as keep the spacing of the tube along the dome's arc.
 */
export function capRings(cap: CapPlan, endRadius: number, spacing: number): CapRings {
  if (!cap.rounded || cap.depth <= 0)
    return { offsets: [], radiusScales: [], poleOffset: Math.max(cap.depth, 0) };
  const quarterArc = (Math.PI / 2) * Math.sqrt((cap.depth * cap.depth + endRadius * endRadius) / 2);
  const count = Math.max(1, Math.round(quarterArc / spacing) - 1);
  const offsets: number[] = [];
  const radiusScales: number[] = [];
  for (let i = 1; i <= count; i++) {
    const phi = ((Math.PI / 2) * i) / (count + 1);
    offsets.push(cap.depth * Math.sin(phi));
    radiusScales.push(Math.cos(phi));
  }
  return { offsets, radiusScales, poleOffset: cap.depth };
}
