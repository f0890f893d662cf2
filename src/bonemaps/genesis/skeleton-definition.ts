/**
 * Built-in Genesis skeleton definitions: the facts about a DAZ figure's rig that dazport needs
 * offline (retargeting onto a figure that is not live) and that the emulator builds its figures
 * from. A live figure's real rest data, read through the client, takes precedence over these.
 *
 * Units and frames are DAZ's: centimetres, Y up, the figure faces +Z, figure-left is +X, rest
 * pose (Genesis 8/9 zero pose: an A-pose with the upper arms about 47-48° below horizontal).
 */

/** DAZ rotation orders; the enum values are DzRotationOrder's (XYZ=0 ... ZYX=5). */
export type RotationOrderName = 'XYZ' | 'XZY' | 'YXZ' | 'YZX' | 'ZXY' | 'ZYX';

export const ROTATION_ORDER_VALUES: Record<RotationOrderName, number> = {
  XYZ: 0,
  XZY: 1,
  YXZ: 2,
  YZX: 3,
  ZXY: 4,
  ZYX: 5,
};

export type Vec3Tuple = [number, number, number];
/** Unit quaternion as [x, y, z, w]. */
export type QuatTuple = [number, number, number, number];

/** What a bone is for; exporters and the retargeter treat the groups differently. */
export type BoneRole =
  | 'root'
  | 'body'
  | 'twist'
  | 'hand'
  | 'finger'
  | 'foot'
  | 'toe'
  | 'head'
  | 'face'
  | 'eye'
  | 'helper';

export interface BoneDefinition {
  /** DAZ bone (node) name, exactly: `lShldrBend`, `l_upperarm` ... */
  name: string;
  /** DAZ UI label: `Left Shoulder Bend` ... */
  label: string;
  /** Parent bone name; null for the root bone (`hip`), whose parent is the figure (skeleton) node. */
  parent: string | null;
  /** The bone's rotation order; its first axis is the bone's long (twist) axis. */
  rotationOrder: RotationOrderName;
  /** Joint centre (DSF `center_point`), cm, figure space, rest pose. */
  origin: Vec3Tuple;
  /** DSF `end_point`, cm, figure space, rest pose. */
  end: Vec3Tuple;
  /**
   * The bone's orientation (DSF `orientation`) as a unit quaternion: it turns figure axes into the
   * bone's local axes, so the long axis (first letter of the rotation order) points from origin
   * to end (for right-side bones, mirrored as DAZ mirrors them: the long axis points back).
   */
  orientation: QuatTuple;
  role: BoneRole;
}

export type GenesisFigureId = 'genesis8female' | 'genesis8male' | 'genesis9';

export interface SkeletonDefinition {
  id: GenesisFigureId;
  /** Node name of the figure in DAZ Studio (`Genesis8Female`, `Genesis8Male`, `Genesis9`). */
  figureName: string;
  /** Default label (`Genesis 8 Female` ...). */
  figureLabel: string;
  /** Parents before children; the first bone is the root (`hip`). */
  bones: BoneDefinition[];
}
