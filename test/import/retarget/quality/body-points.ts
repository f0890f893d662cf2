/**
 * The body points the quality measurement compares, on the capture and on the figure: joint
 * centres with an anatomical meaning, named independently of dazport's canonical joint map so
 * that a wrong map cannot make its own mistake look right. `neck` is the base of the neck (where
 * the neck leaves the chest), `thigh` the hip socket, `foot` the ankle, `toes` the ball of the foot.
 */

export const SIDE_POINTS = [
  'clavicle',
  'upperArm',
  'forearm',
  'hand',
  'thigh',
  'shin',
  'foot',
  'toes',
] as const;
export type SidePoint = (typeof SIDE_POINTS)[number];

export type BodyPoint = 'hips' | 'neck' | 'head' | `l_${SidePoint}` | `r_${SidePoint}`;

export const BODY_POINTS: readonly BodyPoint[] = [
  'hips',
  'neck',
  'head',
  ...SIDE_POINTS.map((p) => `l_${p}` as const),
  ...SIDE_POINTS.map((p) => `r_${p}` as const),
];

/** Which group a measured direction belongs to; the acceptance bars are per group. */
export type DirectionGroup = 'limbs' | 'torso' | 'pelvis';

/** A direction between two body points: from `from` to `to`. */
export interface BodyDirection {
  label: string;
  group: DirectionGroup;
  from: BodyPoint;
  to: BodyPoint;
}

function limb(side: 'l' | 'r', from: SidePoint, to: SidePoint): BodyDirection {
  return { label: `${side}_${from}→${to}`, group: 'limbs', from: `${side}_${from}`, to: `${side}_${to}` };
}

/**
 * Everything measured: the limb segments of both sides; the torso as hips → base of the neck
 * ("hip→chest", which shows a forward-tilted pelvis bending the spine back) and base of the neck
 * → head ("chest→head"); the pelvis as the line between the hip sockets ("thigh-to-thigh", which
 * shows a pelvis turned or rolled).
 */
export const BODY_DIRECTIONS: readonly BodyDirection[] = [
  ...(['l', 'r'] as const).flatMap((s) => [
    limb(s, 'clavicle', 'upperArm'),
    limb(s, 'upperArm', 'forearm'),
    limb(s, 'forearm', 'hand'),
    limb(s, 'thigh', 'shin'),
    limb(s, 'shin', 'foot'),
    limb(s, 'foot', 'toes'),
  ]),
  { label: 'hip→chest', group: 'torso', from: 'hips', to: 'neck' },
  { label: 'chest→head', group: 'torso', from: 'neck', to: 'head' },
  { label: 'thigh-to-thigh', group: 'pelvis', from: 'r_thigh', to: 'l_thigh' },
];
