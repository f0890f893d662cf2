/**
 * Turns a chain plan (a polyline with spans, a radius profile and caps) into the rings of a
 * tube. Rings are spaced evenly within each span, with a ring exactly on every span boundary so
 * each bone's stretch is its own face group and UV island. Ring planes follow a tangent averaged
 * over about one radius, so the tube bends smoothly round a joint instead of folding over itself.
 */
import { capRings } from './caps.js';
import type { ChainPlan, ProfileKey } from './part-plan.js';
import type { RingBand, RingSet } from './tube.js';
import { ellipsePerimeter } from './tube.js';
import {
  addScaled,
  cross,
  distance,
  dot,
  lerp,
  normalize,
  rejectFrom,
  sub,
  type Vec3Tuple,
} from './vector-math.js';

/** Fewest vertices around any tube: enough for a finger to read as round. */
export const MIN_SEGMENTS = 8;
/** A side reference closer than this (|cos|) to the tube's direction is swapped for the next candidate. */
const MAX_SIDE_ALIGNMENT = 0.85;

export interface ChainRings {
  rings: RingSet;
  segments: number;
  /** Total length of the chain's path, cm (the part parameter's 0..1 range). */
  length: number;
}

export function ringsForChain(plan: ChainPlan, spacing: number): ChainRings {
  const path = new PolylinePath(plan.path);
  const chainEnd = plan.spans[plan.spans.length - 1].end;

  // Ring positions along the chain, and where each span starts.
  const params: number[] = [];
  if (plan.startExtension > 0) {
    const n = Math.max(1, Math.ceil(plan.startExtension / spacing));
    for (let i = 0; i < n; i++) params.push(-plan.startExtension + (plan.startExtension * i) / n);
  }
  const spanStartRing: number[] = [];
  let spanStart = 0;
  for (const span of plan.spans) {
    spanStartRing.push(params.length);
    const length = span.end - spanStart;
    const n = Math.max(1, Math.round(length / spacing));
    for (let i = 0; i < n; i++) params.push(spanStart + (length * i) / n);
    spanStart = span.end;
  }
  params.push(chainEnd);
  if (plan.endExtension > 0) {
    const n = Math.max(1, Math.ceil(plan.endExtension / spacing));
    for (let i = 1; i <= n; i++) params.push(chainEnd + (plan.endExtension * i) / n);
  }

  const count = params.length;
  const centres: Vec3Tuple[] = [];
  const tangents: Vec3Tuple[] = [];
  const radii: [number, number][] = [];
  for (const s of params) {
    const [side, depth] = profileAt(plan.profile, s);
    const h = Math.max(0.6 * Math.max(side, depth), 0.5 * spacing);
    centres.push(path.pointAt(s));
    tangents.push(normalize(sub(path.pointAt(s + h), path.pointAt(s - h)), path.directionAt(s)));
    radii.push([side, depth]);
  }
  const reference = chooseSideReference(plan.sideReferences, tangents);

  // Caps add rings before the first and after the last, on the end rings' frames.
  const startCap = capRings(plan.startCap, Math.max(...radii[0]), spacing);
  const endCap = capRings(plan.endCap, Math.max(...radii[count - 1]), spacing);
  const total = startCap.offsets.length + count + endCap.offsets.length;
  const rings: RingSet = {
    count: total,
    centres: new Float64Array(3 * total),
    sides: new Float64Array(3 * total),
    depths: new Float64Array(3 * total),
    sideRadii: new Float64Array(total),
    depthRadii: new Float64Array(total),
    params: new Float64Array(total),
    startPole: null,
    endPole: null,
    bands: [],
  };
  let ring = 0;
  const putRing = (centre: Vec3Tuple, tangent: Vec3Tuple, side: number, depth: number, s: number) => {
    const w = normalize(rejectFrom(reference, tangent), perpendicularTo(tangent));
    const d = cross(tangent, w);
    rings.centres.set(centre, 3 * ring);
    rings.sides.set(w, 3 * ring);
    rings.depths.set(d, 3 * ring);
    rings.sideRadii[ring] = side;
    rings.depthRadii[ring] = depth;
    rings.params[ring] = s;
    ring++;
  };

  const firstTangent = tangents[0];
  for (let i = startCap.offsets.length - 1; i >= 0; i--) {
    const offset = startCap.offsets[i];
    const k = startCap.radiusScales[i];
    putRing(
      addScaled(centres[0], firstTangent, -offset),
      firstTangent,
      radii[0][0] * k,
      radii[0][1] * k,
      params[0] - offset,
    );
  }
  for (let i = 0; i < count; i++) putRing(centres[i], tangents[i], radii[i][0], radii[i][1], params[i]);
  const lastTangent = tangents[count - 1];
  for (let i = 0; i < endCap.offsets.length; i++) {
    const offset = endCap.offsets[i];
    const k = endCap.radiusScales[i];
    const [side, depth] = radii[count - 1];
    putRing(
      addScaled(centres[count - 1], lastTangent, offset),
      lastTangent,
      side * k,
      depth * k,
      params[count - 1] + offset,
    );
  }
  rings.startPole = {
    position: addScaled(centres[0], firstTangent, -startCap.poleOffset),
    param: params[0] - startCap.poleOffset,
  };
  rings.endPole = {
    position: addScaled(centres[count - 1], lastTangent, endCap.poleOffset),
    param: params[count - 1] + endCap.poleOffset,
  };

  // One band per span; the caps and overlaps belong to the end spans, unless the end cap has its own surface.
  const shift = startCap.offsets.length;
  const lastRing = total - 1;
  const capBandStart = plan.endCap.surface ? shift + count - 1 : lastRing;
  plan.spans.forEach((span, k) => {
    const isLast = k === plan.spans.length - 1;
    const band: RingBand = {
      firstRing: k === 0 ? 0 : shift + spanStartRing[k],
      lastRing: isLast ? capBandStart : shift + spanStartRing[k + 1],
      surface: span.surface,
      group: span.bone,
    };
    rings.bands.push(band);
  });
  if (plan.endCap.surface) {
    rings.bands.push({
      firstRing: capBandStart,
      lastRing,
      surface: plan.endCap.surface,
      group: plan.spans[plan.spans.length - 1].bone,
    });
  }

  let widest = 0;
  for (const [side, depth] of radii) widest = Math.max(widest, ellipsePerimeter(side, depth));
  const segments = Math.max(MIN_SEGMENTS, Math.round(widest / spacing));
  return { rings, segments, length: Math.max(chainEnd, 1e-6) };
}

/** Cross-section half-sizes at s: eased between keys so radii change without creases, held beyond. */
export function profileAt(keys: readonly ProfileKey[], s: number): [number, number] {
  const first = keys[0];
  const last = keys[keys.length - 1];
  if (s <= first.s) return [first.side, first.depth];
  if (s >= last.s) return [last.side, last.depth];
  let k = 0;
  while (k < keys.length - 2 && s >= keys[k + 1].s) k++;
  const a = keys[k];
  const b = keys[k + 1];
  const t = b.s > a.s ? (s - a.s) / (b.s - a.s) : 1;
  const eased = t * t * (3 - 2 * t);
  return [a.side + (b.side - a.side) * eased, a.depth + (b.depth - a.depth) * eased];
}

/** The first candidate that is never close to the tube's direction, else the least aligned one. */
function chooseSideReference(candidates: readonly Vec3Tuple[], tangents: readonly Vec3Tuple[]): Vec3Tuple {
  let best: Vec3Tuple = candidates[0] ?? [1, 0, 0];
  let bestAlignment = Number.POSITIVE_INFINITY;
  for (const candidate of [...candidates, [1, 0, 0] as Vec3Tuple, [0, 0, 1] as Vec3Tuple]) {
    const unit = normalize(candidate, [1, 0, 0]);
    let alignment = 0;
    for (const t of tangents) alignment = Math.max(alignment, Math.abs(dot(unit, t)));
    if (alignment < MAX_SIDE_ALIGNMENT) return unit;
    if (alignment < bestAlignment) {
      bestAlignment = alignment;
      best = unit;
    }
  }
  return best;
}

/** Some unit vector perpendicular to t, for the rare ring whose side reference is along it. */
function perpendicularTo(t: Vec3Tuple): Vec3Tuple {
  const helper: Vec3Tuple = Math.abs(t[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  return normalize(rejectFrom(helper, t), [0, 0, 1]);
}

/** A polyline parameterised by arc length, continued straight beyond both ends. */
export class PolylinePath {
  private readonly points: readonly Vec3Tuple[];
  private readonly cumulative: number[];

  constructor(points: readonly Vec3Tuple[]) {
    this.points = points;
    this.cumulative = [0];
    for (let i = 1; i < points.length; i++) {
      this.cumulative.push(this.cumulative[i - 1] + distance(points[i - 1], points[i]));
    }
  }

  get length(): number {
    return this.cumulative[this.cumulative.length - 1];
  }

  pointAt(s: number): Vec3Tuple {
    const last = this.points.length - 1;
    if (s <= 0) return addScaled(this.points[0], this.directionOf(0), s);
    if (s >= this.length) return addScaled(this.points[last], this.directionOf(last - 1), s - this.length);
    const i = this.segmentAt(s);
    const segment = this.cumulative[i + 1] - this.cumulative[i];
    return lerp(this.points[i], this.points[i + 1], segment > 0 ? (s - this.cumulative[i]) / segment : 0);
  }

  directionAt(s: number): Vec3Tuple {
    return this.directionOf(this.segmentAt(Math.min(Math.max(s, 0), this.length)));
  }

  private segmentAt(s: number): number {
    let i = 0;
    while (i < this.points.length - 2 && s >= this.cumulative[i + 1]) i++;
    return i;
  }

  private directionOf(segment: number): Vec3Tuple {
    return normalize(sub(this.points[segment + 1], this.points[segment]));
  }
}
