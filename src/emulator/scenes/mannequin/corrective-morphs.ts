/**
 * Joint corrective morphs (JCMs) and the bone rotations that drive them, as Genesis figures carry
 * them: each corrective's value is an ERC link (DzERCLink, type ERCKeyed) from one rotate channel
 * of one bone, keyed driver angle (degrees) → morph value, linear between keys and held beyond
 * them; the morph's value is limited to 0..1. DAZ loads these links from the figure's DSON
 * formulas; the emulator builds them here (build-figure.ts adds them to the morphs' values).
 *
 * Names follow each generation's scheme (docs/morph-presets.md): Genesis 8
 * `pJCM<Bone><Direction>_<degrees>[_L|_R]`, Genesis 9 `body_cbs_<bone>_<axis><degrees><p|n>[_l|_r]`.
 * The neck correctives' shape is built with the face morphs (face-morphs.ts, where it was first);
 * the limb ones here: the skin where the driving bone's weights blend into the bone above it (the
 * elbow or knee) swells out from the limb's centre line, most at mid-blend.
 */
import type { SkeletonDefinition } from '../../../bonemaps/genesis/skeleton-definition.js';
import type { MorphTarget } from './mannequin-mesh.js';
import type { MeshAccumulator } from './mesh-accumulator.js';

/** What drives a corrective: `bone`'s `channel`, through keys [degrees, value] (ascending degrees). */
export interface CorrectiveDriver {
  bone: string;
  channel: 'XRotate' | 'YRotate' | 'ZRotate';
  keys: readonly (readonly [number, number])[];
}

interface CorrectiveSpec {
  name: string;
  label: string;
  driver: CorrectiveDriver;
}

/** How far the blend region swells at full value, as a share of its distance from the centre line. */
const SWELL = 0.12;
/** Deltas smaller than this (cm, summed over x, y, z) are left out, as in morphs.ts. */
const NEGLIGIBLE_DELTA = 1e-4;

const NECK_KEYS = [
  [0, 0],
  [35, 1],
] as const;
/** Three keys, so that a reader interpolating the first and last alone would be caught. */
const ELBOW_KEYS = [
  [0, 0],
  [90, 0.7],
  [135, 1],
] as const;
const KNEE_KEYS = [
  [0, 0],
  [155, 1],
] as const;
const mirrored = (keys: readonly (readonly [number, number])[]) =>
  keys.map(([a, v]) => [a === 0 ? 0 : -a, v] as const).reverse();

/** The neck correctives (shape in face-morphs.ts), by generation. */
export const NECK_CORRECTIVES: Record<'g8' | 'g9', CorrectiveSpec> = {
  g9: {
    name: 'body_cbs_neck1_x35p',
    label: 'neck1 x 35 p',
    driver: { bone: 'neck1', channel: 'XRotate', keys: NECK_KEYS },
  },
  g8: {
    name: 'pJCMNeckFwd_35',
    label: 'pJCMNeckFwd_35',
    driver: { bone: 'neckLower', channel: 'XRotate', keys: NECK_KEYS },
  },
};

/**
 * The limb correctives: each forearm bends on Y (the left one towards negative angles, the right
 * towards positive ones, as the built-in poses do), each shin on X.
 */
const LIMB_CORRECTIVES: Record<'g8' | 'g9', CorrectiveSpec[]> = {
  g9: [
    {
      name: 'body_cbs_forearm_y135n_l',
      label: 'forearm y 135 n l',
      driver: { bone: 'l_forearm', channel: 'YRotate', keys: mirrored(ELBOW_KEYS) },
    },
    {
      name: 'body_cbs_forearm_y135p_r',
      label: 'forearm y 135 p r',
      driver: { bone: 'r_forearm', channel: 'YRotate', keys: ELBOW_KEYS },
    },
    {
      name: 'body_cbs_shin_x155p_l',
      label: 'shin x 155 p l',
      driver: { bone: 'l_shin', channel: 'XRotate', keys: KNEE_KEYS },
    },
  ],
  g8: [
    {
      name: 'pJCMForeArmFwd_135_L',
      label: 'pJCMForeArmFwd_135_L',
      driver: { bone: 'lForearmBend', channel: 'YRotate', keys: mirrored(ELBOW_KEYS) },
    },
    {
      name: 'pJCMForeArmFwd_135_R',
      label: 'pJCMForeArmFwd_135_R',
      driver: { bone: 'rForearmBend', channel: 'YRotate', keys: ELBOW_KEYS },
    },
    {
      name: 'pJCMShinBend_155_L',
      label: 'pJCMShinBend_155_L',
      driver: { bone: 'lShin', channel: 'XRotate', keys: KNEE_KEYS },
    },
  ],
};

export function generationOf(skeleton: SkeletonDefinition): 'g8' | 'g9' | null {
  const names = new Set(skeleton.bones.map((b) => b.name));
  return names.has('neck1') ? 'g9' : names.has('neckLower') ? 'g8' : null;
}

/** The limb correctives of `skeleton`'s generation, with their drivers; none for other skeletons. */
export function buildLimbCorrectives(acc: MeshAccumulator, skeleton: SkeletonDefinition): MorphTarget[] {
  const generation = generationOf(skeleton);
  if (!generation) return [];
  const index = new Map(skeleton.bones.map((b, i) => [b.name, i]));
  const parent = skeleton.bones.map((b) => (b.parent ? (index.get(b.parent) ?? -1) : -1));
  const out: MorphTarget[] = [];
  for (const spec of LIMB_CORRECTIVES[generation]) {
    const bone = index.get(spec.driver.bone);
    if (bone === undefined) continue;
    const morph = jointSwell(acc, bone, parent, spec.name, spec.label);
    if (morph.indices.length) out.push({ ...morph, driver: spec.driver });
  }
  return out;
}

/** Is `a` an ancestor of bone `b`? */
function isAncestor(a: number, b: number, parent: readonly number[]): boolean {
  for (let p = parent[b]; p >= 0; p = parent[p]) if (p === a) return true;
  return false;
}

/** Vertices blended between `bone` and a bone above it swell out from their centre line. */
function jointSwell(
  acc: MeshAccumulator,
  bone: number,
  parent: readonly number[],
  name: string,
  label: string,
): MorphTarget {
  const p = acc.positions.data;
  const c = acc.centres.data;
  const a = acc.boneA.data;
  const b = acc.boneB.data;
  const wb = acc.weightB.data;
  const indices: number[] = [];
  const deltas: number[] = [];
  for (let v = 0; v < acc.vertexCount; v++) {
    if (b[v] < 0) continue;
    const other = a[v] === bone ? b[v] : b[v] === bone ? a[v] : -1;
    // The joint's blend: with the parent side (an ancestor, or a twist bone hung beside the
    // chain as Genesis 9 does), not with the bone's own children further down the limb.
    if (other < 0 || isAncestor(bone, other, parent)) continue;
    const k = SWELL * 4 * wb[v] * (1 - wb[v]);
    const d = [0, 1, 2].map((i) => k * (p[3 * v + i] - c[3 * v + i]));
    if (Math.abs(d[0]) + Math.abs(d[1]) + Math.abs(d[2]) < NEGLIGIBLE_DELTA) continue;
    indices.push(v);
    deltas.push(...d);
  }
  return { name, label, indices: Uint32Array.from(indices), deltas: Float32Array.from(deltas) };
}
