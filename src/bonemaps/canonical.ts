/**
 * The canonical joint set every source convention maps into and every target figure maps out
 * of: a humanoid body with three spine joints plus an optional upper chest, two neck joints,
 * and five fingers of three segments. Left side only is listed; the right side mirrors it with
 * the `r_` prefix. Naming is dazport's own.
 */
export const CANONICAL_CENTER = [
  'hips',
  'spineLower',
  'spineMid',
  'chest',
  'chestUpper',
  'neck',
  'neckUpper',
  'head',
] as const;

export const CANONICAL_SIDE = [
  'clavicle',
  'upperArm',
  'forearm',
  'hand',
  'thigh',
  'shin',
  'foot',
  'toes',
  'thumb1',
  'thumb2',
  'thumb3',
  'index1',
  'index2',
  'index3',
  'middle1',
  'middle2',
  'middle3',
  'ring1',
  'ring2',
  'ring3',
  'pinky1',
  'pinky2',
  'pinky3',
] as const;

export type CanonicalCenter = (typeof CANONICAL_CENTER)[number];
export type CanonicalSide = (typeof CANONICAL_SIDE)[number];
/** `hips`, `l_upperArm`, `r_thigh` ... */
export type CanonicalJoint = CanonicalCenter | `l_${CanonicalSide}` | `r_${CanonicalSide}`;

export const CANONICAL_JOINTS: readonly CanonicalJoint[] = [
  ...CANONICAL_CENTER,
  ...CANONICAL_SIDE.map((s) => `l_${s}` as const),
  ...CANONICAL_SIDE.map((s) => `r_${s}` as const),
];

/** Body joints: what the retarget quality bar measures (no fingers). */
export function isBodyJoint(joint: CanonicalJoint): boolean {
  return !/(thumb|index|middle|ring|pinky)\d$/.test(joint);
}

/** Parent of each canonical joint (fallbacks for optional joints are resolved by the maps). */
export const CANONICAL_PARENT: Record<CanonicalJoint, CanonicalJoint | null> = (() => {
  const parent: Partial<Record<CanonicalJoint, CanonicalJoint | null>> = {
    hips: null,
    spineLower: 'hips',
    spineMid: 'spineLower',
    chest: 'spineMid',
    chestUpper: 'chest',
    neck: 'chestUpper',
    neckUpper: 'neck',
    head: 'neckUpper',
  };
  for (const s of ['l', 'r'] as const) {
    const p = (x: CanonicalSide) => `${s}_${x}` as CanonicalJoint;
    Object.assign(parent, {
      [p('clavicle')]: 'chestUpper',
      [p('upperArm')]: p('clavicle'),
      [p('forearm')]: p('upperArm'),
      [p('hand')]: p('forearm'),
      [p('thigh')]: 'hips',
      [p('shin')]: p('thigh'),
      [p('foot')]: p('shin'),
      [p('toes')]: p('foot'),
    });
    for (const finger of ['thumb', 'index', 'middle', 'ring', 'pinky']) {
      parent[`${s}_${finger}1` as CanonicalJoint] = p('hand');
      parent[`${s}_${finger}2` as CanonicalJoint] = `${s}_${finger}1` as CanonicalJoint;
      parent[`${s}_${finger}3` as CanonicalJoint] = `${s}_${finger}2` as CanonicalJoint;
    }
  }
  return parent as Record<CanonicalJoint, CanonicalJoint | null>;
})();
