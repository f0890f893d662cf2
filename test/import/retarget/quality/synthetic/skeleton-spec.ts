/**
 * What a synthetic capture's skeleton is: its joints with the role each plays in the motion,
 * where each sits in the performer's T-pose, which body point it is for the measurement, and
 * which canonical joint a user's bone map would name for it.
 *
 * The performer frame is DAZ's: cm, Y up, facing +Z, the performer's left +X.
 */
import type { CanonicalJoint } from '../../../../../src/bonemaps/canonical.js';
import type { BodyPoint } from '../body-points.js';
import type { Side } from '../body-track.js';

export type Vec3 = [number, number, number];

/**
 * How a joint moves:
 * - `hips`: the pelvis, the joint whose position the file records (root, or a child of a static root);
 * - `static`: a root that never moves (Bandai's `joint_Root`), at the file's origin;
 * - `rigid`: a helper that turns with its parent (CMU's zero-length `LHipJoint`);
 * - `spine`, `neck`: a share of the spine's (neck's) bend and twist;
 * - `neckHead`: a joint carrying both neck and head where the skeleton has no head joint;
 * - the limb roles, per side.
 */
export type JointRole =
  | 'hips'
  | 'static'
  | 'rigid'
  | 'spine'
  | 'neck'
  | 'neckHead'
  | 'head'
  | 'clavicle'
  | 'upperArm'
  | 'forearm'
  | 'hand'
  | 'thigh'
  | 'shin'
  | 'foot'
  | 'toes';

export interface SyntheticJoint {
  name: string;
  /** Parent joint name; null for the root. */
  parent: string | null;
  role: JointRole;
  side?: Side;
  /** Rest (T-pose) position, performer frame, cm. */
  at: Vec3;
  /** End Site position (T-pose, cm) for joints without children. */
  end?: Vec3;
  /** The body point this joint is, when it is one. */
  point?: BodyPoint;
  /** What a bone map names it (null: leave it out on purpose). */
  canonical: CanonicalJoint | null;
}

/** A point of a foot's sole, carried by a joint; the lowest sole point rests on the floor. */
export interface SolePoint {
  side: Side;
  joint: string;
  at: Vec3;
}

export interface SyntheticSkeleton {
  /** Naming family id (`cmu`, `mixamo` ...). */
  family: string;
  label: string;
  /** Centimetres per file unit. */
  unitCm: number;
  /** Parents before children. */
  joints: SyntheticJoint[];
  soles: SolePoint[];
}
