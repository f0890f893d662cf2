/**
 * Shape morphs, computed from what every vertex remembers about its part (centre line point,
 * kind, position along the part). Each is first written as a dense delta per vertex, then kept
 * sparse: a morph lists only the vertices it moves.
 */
import type { SkeletonDefinition } from '../../../bonemaps/genesis/skeleton-definition.js';
import { buildLimbCorrectives, generationOf, NECK_CORRECTIVES } from './corrective-morphs.js';
import { buildFaceMorphs } from './face-morphs.js';
import type { MorphTarget } from './mannequin-mesh.js';
import { type MeshAccumulator, PART_KIND_CODES } from './mesh-accumulator.js';
import type { Vec3Tuple } from './vector-math.js';

/** Body Heavy pushes torso and limbs this much further out from their centre line. */
const HEAVY_GROWTH = 0.15;
/** Head Size scales the head and eyes about the head's centre by this much. */
const HEAD_GROWTH = 0.15;
/** Belly: forward push at the peak, cm at reference scale, and where along the torso (crotch 0, neck 1). */
const BELLY_PUSH = 4.5;
const BELLY_CENTRE = 0.4;
const BELLY_WIDTH = 0.12;
/** Deltas smaller than this (cm, summed over x, y, z) are left out of the sparse lists. */
const NEGLIGIBLE_DELTA = 1e-4;

export function buildMorphs(
  acc: MeshAccumulator,
  headCentre: Vec3Tuple | null,
  scale: number,
  skeleton: SkeletonDefinition,
): MorphTarget[] {
  const morphs = [sparse('body_bs_BodyHeavy', 'Body Heavy', bodyHeavy(acc))];
  if (headCentre) morphs.push(sparse('head_bs_HeadSize', 'Head Size', headSize(acc, headCentre)));
  morphs.push(sparse('body_bs_Belly', 'Belly', belly(acc, scale)));
  morphs.push(...buildFaceMorphs(acc, headCentre, scale));
  // Joint correctives carry the bone rotation that drives them (an ERC link in the figure).
  const generation = generationOf(skeleton);
  const neck = generation && NECK_CORRECTIVES[generation];
  const driven = morphs.map((m) => (neck && m.name === neck.name ? { ...m, driver: neck.driver } : m));
  return [...driven, ...buildLimbCorrectives(acc, skeleton)];
}

/** Torso and limbs grow away from their centre line, each part by its own Body Heavy strength. */
function bodyHeavy(acc: MeshAccumulator): Float32Array {
  const n = acc.vertexCount;
  const p = acc.positions.data;
  const c = acc.centres.data;
  const heavy = acc.heavy.data;
  const out = new Float32Array(3 * n);
  for (let v = 0; v < n; v++) {
    const k = HEAVY_GROWTH * heavy[v];
    for (let i = 3 * v; i < 3 * v + 3; i++) out[i] = k * (p[i] - c[i]);
  }
  return out;
}

/** Head and eyes scale together about the head's centre, so the eyes stay in their sockets. */
function headSize(acc: MeshAccumulator, centre: Vec3Tuple): Float32Array {
  const n = acc.vertexCount;
  const p = acc.positions.data;
  const kinds = acc.kinds.data;
  const out = new Float32Array(3 * n);
  for (let v = 0; v < n; v++) {
    if (kinds[v] !== PART_KIND_CODES.head && kinds[v] !== PART_KIND_CODES.eye) continue;
    for (let k = 0; k < 3; k++) out[3 * v + k] = HEAD_GROWTH * (p[3 * v + k] - centre[k]);
  }
  return out;
}

/** The front of the abdomen pushes forward: strongest straight ahead, fading to nothing at the sides. */
function belly(acc: MeshAccumulator, scale: number): Float32Array {
  const n = acc.vertexCount;
  const p = acc.positions.data;
  const c = acc.centres.data;
  const kinds = acc.kinds.data;
  const params = acc.partParams.data;
  const out = new Float32Array(3 * n);
  for (let v = 0; v < n; v++) {
    if (kinds[v] !== PART_KIND_CODES.torso) continue;
    const dz = p[3 * v + 2] - c[3 * v + 2];
    const radial = Math.hypot(p[3 * v] - c[3 * v], p[3 * v + 1] - c[3 * v + 1], dz);
    if (radial < 1e-9 || dz <= 0) continue;
    const front = dz / radial;
    const along = (params[v] - BELLY_CENTRE) / BELLY_WIDTH;
    out[3 * v + 2] = BELLY_PUSH * scale * Math.exp(-along * along) * front * front;
  }
  return out;
}

function sparse(name: string, label: string, dense: Float32Array): MorphTarget {
  const n = dense.length / 3;
  const moved = (v: number) =>
    Math.abs(dense[3 * v]) + Math.abs(dense[3 * v + 1]) + Math.abs(dense[3 * v + 2]) >= NEGLIGIBLE_DELTA;
  let count = 0;
  for (let v = 0; v < n; v++) if (moved(v)) count++;
  const indices = new Uint32Array(count);
  const deltas = new Float32Array(3 * count);
  let i = 0;
  for (let v = 0; v < n; v++) {
    if (!moved(v)) continue;
    indices[i] = v;
    deltas[3 * i] = dense[3 * v];
    deltas[3 * i + 1] = dense[3 * v + 1];
    deltas[3 * i + 2] = dense[3 * v + 2];
    i++;
  }
  return { name, label, indices, deltas };
}
