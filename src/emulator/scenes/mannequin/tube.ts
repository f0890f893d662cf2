/**
 * Emits a closed tube from its rings: quads between consecutive rings, triangle fans to a pole
 * at either end, UV islands per band of rings. Every part (limb tubes, the torso, the head and
 * eye ellipsoids) ends up here.
 *
 * Winding: a ring's axes (side, depth, axis) form a right-handed frame with depth = axis × side,
 * and the ring runs counter-clockwise seen from the axis tip, so corners ordered
 * (ring r, j) → (r, j+1) → (r+1, j+1) → (r+1, j) are counter-clockwise seen from outside and
 * their normal points away from the centre line. The pole fans continue the same orientation.
 *
 * UVs: u runs around (0 at the seam, 1 back at it, so the seam column has two UVs per vertex), v
 * along the part by surface arc length; each band is one island sized in cm for packing.
 */
import type { MeshSize } from '../../dom/geometry/mesh-data.js';
import { MeshAccumulator, PART_KIND_CODES } from './mesh-accumulator.js';
import type { PartKind, SurfaceName } from './part-plan.js';
import type { AnchorWeights } from './skin-weights.js';
import type { Vec3Tuple } from './vector-math.js';

/** A run of consecutive rings that forms one face group and one UV island. */
export interface RingBand {
  /** First and last ring, inclusive; neighbouring bands share their boundary ring's vertices (not its UVs). */
  firstRing: number;
  lastRing: number;
  surface: SurfaceName;
  group: string;
}

/** Rings of a tube, structure of arrays (3 numbers per vector). */
export interface RingSet {
  count: number;
  centres: Float64Array;
  /** Unit side axis per ring. */
  sides: Float64Array;
  /** Unit depth axis per ring: axis × side. */
  depths: Float64Array;
  sideRadii: Float64Array;
  depthRadii: Float64Array;
  /** Position along the part, the parameter weight anchors are placed in. */
  params: Float64Array;
  startPole: { position: Vec3Tuple; param: number } | null;
  endPole: { position: Vec3Tuple; param: number } | null;
  /** Cover ring 0 to count - 1 in order; the first gets the start pole, the last the end pole. */
  bands: RingBand[];
}

export interface PartVertexInfo {
  kind: PartKind;
  /** Body Heavy strength for this part. */
  heavy: number;
  /** Maps params to the 0..1 part parameter the morphs read. */
  paramStart: number;
  paramLength: number;
  weights: AnchorWeights;
  /** Angle of the UV seam, radians from the side axis towards the depth axis. */
  seamAngle: number;
}

/**
 * Vertices and polygons {@link emitTube} makes: `segments` per ring plus the poles; a quad per
 * segment between consecutive rings (the bands cover the rings in order, sharing boundary rings)
 * and a triangle per segment in each pole fan.
 */
export function tubeSize(rings: RingSet, segments: number): MeshSize {
  const poles = (rings.startPole ? 1 : 0) + (rings.endPole ? 1 : 0);
  return {
    vertices: rings.count * segments + poles,
    facets: (rings.count - 1) * segments + poles * segments,
  };
}

export function emitTube(acc: MeshAccumulator, rings: RingSet, segments: number, info: PartVertexInfo): void {
  const n = rings.count;
  const cos = new Float64Array(segments);
  const sin = new Float64Array(segments);
  for (let j = 0; j < segments; j++) {
    const theta = info.seamAngle + (2 * Math.PI * j) / segments;
    cos[j] = Math.cos(theta);
    sin[j] = Math.sin(theta);
  }
  const base = emitVertices(acc, rings, segments, info, cos, sin);
  const startPoleVertex = rings.startPole ? base + n * segments : -1;
  const endPoleVertex = rings.endPole ? base + n * segments + (rings.startPole ? 1 : 0) : -1;
  const arc = surfaceArcLength(rings);
  for (const band of rings.bands)
    emitBand(acc, rings, band, segments, base, startPoleVertex, endPoleVertex, arc);
}

/** Ring vertices ring by ring, then the start and end poles; returns the first vertex's index. */
function emitVertices(
  acc: MeshAccumulator,
  rings: RingSet,
  segments: number,
  info: PartVertexInfo,
  cos: Float64Array,
  sin: Float64Array,
): number {
  const n = rings.count;
  const count = n * segments + (rings.startPole ? 1 : 0) + (rings.endPole ? 1 : 0);
  const first = acc.addVertices(count);
  const positions = acc.positions.data;
  const centres = acc.centres.data;
  const kinds = acc.kinds.data;
  const partParams = acc.partParams.data;
  const heavy = acc.heavy.data;
  const boneA = acc.boneA.data;
  const boneB = acc.boneB.data;
  const weightB = acc.weightB.data;
  const kind = PART_KIND_CODES[info.kind];
  const weights = info.weights;
  let v = first;
  /** Everything but the position, shared by a ring's vertices: centre, part facts, skin weights. */
  const writeAttributes = (cx: number, cy: number, cz: number, param: number) => {
    centres[3 * v] = cx;
    centres[3 * v + 1] = cy;
    centres[3 * v + 2] = cz;
    kinds[v] = kind;
    partParams[v] = (param - info.paramStart) / info.paramLength;
    heavy[v] = info.heavy;
    boneA[v] = weights.boneA;
    boneB[v] = weights.boneB;
    weightB[v] = weights.weightB;
  };

  const { centres: c, sides: w, depths: d, sideRadii: rw, depthRadii: rd, params } = rings;
  for (let r = 0; r < n; r++) {
    weights.evaluate(params[r]);
    const o = 3 * r;
    for (let j = 0; j < segments; j++) {
      const a = rw[r] * cos[j];
      const b = rd[r] * sin[j];
      positions[3 * v] = c[o] + a * w[o] + b * d[o];
      positions[3 * v + 1] = c[o + 1] + a * w[o + 1] + b * d[o + 1];
      positions[3 * v + 2] = c[o + 2] + a * w[o + 2] + b * d[o + 2];
      writeAttributes(c[o], c[o + 1], c[o + 2], params[r]);
      v++;
    }
  }
  for (const [pole, ring] of [
    [rings.startPole, 0],
    [rings.endPole, n - 1],
  ] as const) {
    if (!pole) continue;
    weights.evaluate(pole.param);
    positions.set(pole.position, 3 * v);
    writeAttributes(c[3 * ring], c[3 * ring + 1], c[3 * ring + 2], pole.param);
    v++;
  }
  return first;
}

/** Surface arc length from the start pole (or first ring) to each ring and to the end pole: the v coordinate before each island is normalised. */
function surfaceArcLength(rings: RingSet): { rings: Float64Array; end: number } {
  const { centres: c, sideRadii: rw, depthRadii: rd, count: n } = rings;
  const meanRadius = (r: number) => 0.5 * (rw[r] + rd[r]);
  const arc = new Float64Array(n);
  arc[0] = rings.startPole ? distanceToRing(rings.startPole.position, c, 0, meanRadius(0)) : 0;
  for (let r = 1; r < n; r++) {
    const o = 3 * r;
    arc[r] =
      arc[r - 1] +
      Math.hypot(
        c[o] - c[o - 3],
        c[o + 1] - c[o - 2],
        c[o + 2] - c[o - 1],
        meanRadius(r) - meanRadius(r - 1),
      );
  }
  const end = rings.endPole
    ? arc[n - 1] + distanceToRing(rings.endPole.position, c, n - 1, meanRadius(n - 1))
    : 0;
  return { rings: arc, end };
}

/** One band's UV island and faces: quads between its rings, pole fans if it holds an end. */
function emitBand(
  acc: MeshAccumulator,
  rings: RingSet,
  band: RingBand,
  segments: number,
  base: number,
  startPoleVertex: number,
  endPoleVertex: number,
  arc: { rings: Float64Array; end: number },
): void {
  const n = rings.count;
  const withStartPole = band.firstRing === 0 && startPoleVertex >= 0;
  const withEndPole = band.lastRing === n - 1 && endPoleVertex >= 0;
  const v0 = withStartPole ? 0 : arc.rings[band.firstRing];
  const v1 = withEndPole ? arc.end : arc.rings[band.lastRing];
  const height = Math.max(v1 - v0, 1e-6);
  let perimeterSum = 0;
  for (let r = band.firstRing; r <= band.lastRing; r++) {
    perimeterSum += ellipsePerimeter(rings.sideRadii[r], rings.depthRadii[r]);
  }
  const rows = band.lastRing - band.firstRing + 1;
  const island = acc.addIsland({ surface: band.surface, width: perimeterSum / rows, height });

  // UVs: a grid of rows × (segments + 1), then one per pole triangle (u at the triangle's middle).
  const poleRows = (withStartPole ? 1 : 0) + (withEndPole ? 1 : 0);
  const uvBase = acc.addUvs(rows * (segments + 1) + poleRows * segments);
  const uvs = acc.uvs.data;
  const islands = acc.uvIslands.data;
  let t = uvBase;
  const writeUv = (u: number, v: number) => {
    uvs[2 * t] = u;
    uvs[2 * t + 1] = v;
    islands[t++] = island;
  };
  for (let r = band.firstRing; r <= band.lastRing; r++) {
    const v = (arc.rings[r] - v0) / height;
    for (let j = 0; j <= segments; j++) writeUv(j / segments, v);
  }
  const startPoleUv = t;
  if (withStartPole) for (let j = 0; j < segments; j++) writeUv((j + 0.5) / segments, 0);
  const endPoleUv = t;
  if (withEndPole) for (let j = 0; j < segments; j++) writeUv((j + 0.5) / segments, 1);

  const quads = (rows - 1) * segments;
  const tris = poleRows * segments;
  const { face: firstFace, corner: firstCorner } = acc.addFaces(quads + tris, 4 * quads + 3 * tris);
  const sizes = acc.faceSizes.data;
  const surfaces = acc.faceSurfaces.data;
  const groups = acc.faceGroups.data;
  const cornerVertices = acc.faceVertexIndices.data;
  const cornerUvs = acc.faceUvIndices.data;
  const surface = MeshAccumulator.surfaceIndex(band.surface);
  const group = acc.group(band.group);
  let f = firstFace;
  let k = firstCorner;
  const startFace = (corners: number) => {
    sizes[f] = corners;
    surfaces[f] = surface;
    groups[f++] = group;
  };
  const corner = (vertex: number, uv: number) => {
    cornerVertices[k] = vertex;
    cornerUvs[k++] = uv;
  };
  const vertex = (r: number, j: number) => base + r * segments + (j % segments);
  const uv = (r: number, j: number) => uvBase + (r - band.firstRing) * (segments + 1) + j;
  for (let r = band.firstRing; r < band.lastRing; r++) {
    for (let j = 0; j < segments; j++) {
      startFace(4);
      corner(vertex(r, j), uv(r, j));
      corner(vertex(r, j + 1), uv(r, j + 1));
      corner(vertex(r + 1, j + 1), uv(r + 1, j + 1));
      corner(vertex(r + 1, j), uv(r + 1, j));
    }
  }
  if (withStartPole) {
    for (let j = 0; j < segments; j++) {
      startFace(3);
      corner(startPoleVertex, startPoleUv + j);
      corner(vertex(0, j + 1), uv(0, j + 1));
      corner(vertex(0, j), uv(0, j));
    }
  }
  if (withEndPole) {
    const last = n - 1;
    for (let j = 0; j < segments; j++) {
      startFace(3);
      corner(endPoleVertex, endPoleUv + j);
      corner(vertex(last, j), uv(last, j));
      corner(vertex(last, j + 1), uv(last, j + 1));
    }
  }
}

/** Distance from a pole to the rim of ring r (approximated by its mean radius). */
function distanceToRing(p: Vec3Tuple, centres: Float64Array, r: number, radius: number): number {
  const o = 3 * r;
  return Math.hypot(p[0] - centres[o], p[1] - centres[o + 1], p[2] - centres[o + 2], radius);
}

/** Ramanujan's approximation of an ellipse's perimeter. */
export function ellipsePerimeter(a: number, b: number): number {
  return Math.PI * (3 * (a + b) - Math.sqrt((3 * a + b) * (a + 3 * b)));
}
