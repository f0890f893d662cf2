/** A T-pose rig named with canonical joints, for identity and round-trip tests of the retargeter. */
import { CANONICAL_PARENT, type CanonicalJoint } from '../../../src/bonemaps/canonical.js';
import type { SourceConvention } from '../../../src/bonemaps/conventions/convention.js';
import type { GenesisMap } from '../../../src/bonemaps/genesis/genesis-maps.js';
import type { TargetRig } from '../../../src/import/retarget/target-rig.js';
import type { Motion } from '../../../src/scene/motion.js';

const CENTER: [CanonicalJoint, number[], number[]][] = [
  ['hips', [0, 100, 0], [0, 90, 0]],
  ['spineLower', [0, 105, 0], [0, 115, 0]],
  ['spineMid', [0, 115, 0], [0, 125, 0]],
  ['chest', [0, 125, 0], [0, 135, 0]],
  ['chestUpper', [0, 135, 0], [0, 145, 0]],
  ['neck', [0, 145, 0], [0, 150, 0]],
  ['neckUpper', [0, 150, 0], [0, 155, 0]],
  ['head', [0, 155, 0], [0, 175, 0]],
];
const SIDE: [string, number[], number[]][] = [
  ['clavicle', [5, 140, 0], [18, 140, 0]],
  ['upperArm', [18, 140, 0], [45, 140, 0]],
  ['forearm', [45, 140, 0], [70, 140, 0]],
  ['hand', [70, 140, 0], [85, 140, 0]],
  ['thigh', [10, 95, 0], [10, 52, 0]],
  ['shin', [10, 52, 0], [10, 8, 0]],
  ['foot', [10, 8, 0], [10, 2, 12]],
  ['toes', [10, 2, 12], [10, 2, 20]],
];

export function tposeRig(rotationOrder: TargetRig['joints'][number]['rotationOrder'] = 'ZYX'): TargetRig {
  const rows: [CanonicalJoint, number[], number[]][] = [...CENTER];
  for (const s of ['l', 'r'] as const) {
    for (const [name, o, e] of SIDE) {
      const m = s === 'l' ? 1 : -1;
      rows.push([`${s}_${name}` as CanonicalJoint, [o[0] * m, o[1], o[2]], [e[0] * m, e[1], e[2]]]);
    }
  }
  const index = new Map(rows.map(([n], i) => [n, i]));
  return {
    label: 'T-pose test rig',
    joints: rows.map(([name, origin, end]) => ({
      name,
      parent: CANONICAL_PARENT[name] ? (index.get(CANONICAL_PARENT[name] as CanonicalJoint) ?? -1) : -1,
      rotationOrder,
      origin: origin as [number, number, number],
      end: end as [number, number, number],
      orientation: [0, 0, 0, 1],
    })),
  };
}

/** Canonical names map to themselves. */
export function identityConvention(rig: TargetRig): SourceConvention {
  return {
    id: 'canonical',
    label: 'canonical names',
    joints: Object.fromEntries(rig.joints.map((j) => [j.name, [j.name]])),
  };
}

export function identityMap(rig: TargetRig): GenesisMap {
  return {
    figure: 'genesis9',
    bones: Object.fromEntries(rig.joints.map((j) => [j.name, j.name])),
    twists: [],
  };
}

/** A deterministic pseudo-random motion: every joint turning up to ±maxDeg, the hip walking. */
export function randomMotion(rig: TargetRig, frames: number, maxDeg = 40, seed = 1): Motion {
  let state = seed;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const tracks = rig.joints.map((j) => {
    const rotations = new Float32Array(frames * 4);
    const axis = [rand() - 0.5, rand() - 0.5, rand() - 0.5];
    const n = Math.hypot(...axis);
    for (let f = 0; f < frames; f++) {
      const angle = (((Math.sin(f * 0.1 + rand() * 0.01 + j.name.length) * maxDeg) / 180) * Math.PI) / 2;
      rotations.set(
        [
          (axis[0] / n) * Math.sin(angle),
          (axis[1] / n) * Math.sin(angle),
          (axis[2] / n) * Math.sin(angle),
          Math.cos(angle),
        ],
        f * 4,
      );
    }
    const track: Motion['tracks'][number] = { joint: j.name, rotations };
    if (j.parent < 0) {
      const translations = new Float32Array(frames * 3);
      for (let f = 0; f < frames; f++) translations.set([f * 1.5, Math.sin(f * 0.2) * 2, f * 0.5], f * 3);
      track.translations = translations;
    }
    return track;
  });
  return { name: 'random', frameRate: 30, frameCount: frames, tracks };
}
