/**
 * Cross-section sizes of the mannequin, in cm for a 170 cm figure (scaled by the figure's size).
 * Each table runs along one anatomical segment from u = 0 (the joint nearer the body) to u = 1;
 * `side` is the half-width along the part's side axis, `depth` the half-thickness across it.
 * The numbers are a stylised adult: thigh ~8, shin ~5, upper arm ~5, forearm ~4, neck ~6 cm,
 * torso an ellipse ~14 wide by ~10 deep.
 */

/** [u, side half-width, depth half-thickness] */
export type ProfileRow = readonly [number, number, number];
export type ProfileTable = readonly ProfileRow[];

/** Crotch (u = 0) up to the shoulder line (u = 1); side is figure-left/right, depth front/back. */
export const TORSO: ProfileTable = [
  [0, 10.5, 7],
  [0.09, 15, 8.6],
  [0.19, 16.4, 9.6],
  [0.34, 14, 9.4],
  [0.48, 12.6, 9.2],
  [0.64, 13.6, 10.4],
  [0.77, 14.6, 10.6],
  [0.9, 15.2, 9.8],
  [1, 14.8, 8.8],
];

/** Shoulder line (u = 0) to the base of the neck (u = 1): the slope of the shoulders. */
export const TORSO_TOP: ProfileTable = [
  [0, 14.8, 8.8],
  [0.35, 12.2, 8],
  [1, 7.6, 6.6],
];

export const NECK: ProfileTable = [
  [0, 6.2, 6],
  [1, 5.4, 5.6],
];

/** Collar bone region: the top of the shoulder, from beside the neck out to the shoulder joint. */
export const COLLAR: ProfileTable = [
  [0, 4.4, 4.4],
  [1, 5.2, 5],
];

export const UPPER_ARM: ProfileTable = [
  [0, 5.2, 5],
  [0.35, 4.9, 4.8],
  [1, 3.9, 3.7],
];

/** Side is across the palm plane, so the forearm flattens towards the wrist as a real one does. */
export const FOREARM: ProfileTable = [
  [0, 3.9, 3.7],
  [0.25, 4, 3.5],
  [1, 2.8, 2],
];

/** Palm; `side` of the middle and last rows is replaced by the measured knuckle spread. */
export const PALM: ProfileTable = [
  [0, 2.8, 2],
  [0.35, 4, 1.6],
  [1, 4.1, 1.3],
];

/** A fingerless hand: the palm carries on into a mitten. */
export const MITTEN: ProfileTable = [
  [0, 2.8, 2],
  [0.25, 4, 1.6],
  [0.6, 4, 1.3],
  [1, 3.2, 1],
];

export const THIGH: ProfileTable = [
  [0, 7.4, 7.4],
  [0.15, 7.6, 7.6],
  [0.35, 7.2, 7.2],
  [1, 5.4, 5.4],
];

export const SHIN: ProfileTable = [
  [0, 5.4, 5.4],
  [0.3, 5.5, 5.5],
  [0.8, 3.6, 3.6],
  [1, 3.3, 3.3],
];

/** Heel (u = 0) to toe tip (u = 1); depth is the half-height above the floor. */
export const FOOT: ProfileTable = [
  [0, 3, 3.4],
  [0.2, 3.5, 4.6],
  [0.45, 4, 3.4],
  [0.7, 4.6, 2.4],
  [0.85, 4.5, 1.8],
  [1, 3.9, 1.3],
];

/** Finger radius at the knuckle; the tip narrows to this fraction. */
export const FINGER_RADIUS = 0.85;
export const THUMB_RADIUS = 1.05;
export const FINGER_TIP_TAPER = 0.75;

/** Head ellipsoid semi-axes: side, height, depth. The jaw half narrows the lower side radius. */
export const HEAD_SEMI_AXES = [9, 11.5, 10] as const;
/** The head's long axis leans back this much (radians), bringing the chin forward and showing the neck behind. */
export const HEAD_TILT = (20 * Math.PI) / 180;
export const JAW_NARROWING = 0.15;
export const EYE_RADIUS = 1.2;
/** How far the front of the eyeball stands out of the head ellipsoid, as a fraction of its radius. */
export const EYE_PROTRUSION = 0.35;

/** The top of a thigh narrows to this fraction inside the hip, so it never pokes through. */
export const THIGH_ROOT_TAPER = 0.85;

/** Heel back from the ankle joint, before the heel's rounded cap. */
export const HEEL_BEHIND_ANKLE = 3;
/** A hand without finger bones gets a mitten this long from the wrist. */
export const MITTEN_LENGTH = 18;
