/**
 * Engine skeleton profiles: what a Genesis 8 / 9 bone is called in a game engine's convention
 * (UE5 mannequin, Unity Humanoid, Mixamo). A profile is data: one table per Genesis generation,
 * left-side and centre bones only (the right side is mirrored, as the Genesis rigs themselves
 * are in src/bonemaps/genesis), every bone of the rig listed: a new name, or `KEEP` for a bone
 * the engine's skeleton has no counterpart for (face rig, toes, twist bones Unity does not know),
 * which keeps its DAZ name. Nothing is dropped; a name given twice is an error when applied.
 */

/** The profiles `--skeleton` takes; `daz` writes DAZ's own names (no change). */
export const SKELETON_PROFILE_IDS = ['daz', 'unreal', 'unity', 'mixamo'] as const;
export type SkeletonProfileId = (typeof SKELETON_PROFILE_IDS)[number];

/**
 * What becomes of the hip's translation in animated output:
 * - `keep`: as the motion has it (today's output);
 * - `in-place`: its horizontal part (X/Z) removed, the height kept: the figure walks on the spot;
 * - `extract`: its horizontal part moved to the root bone's track, so the hip moves relative to
 *   the root (engines' root motion). Translation only: the root does not take the hip's yaw.
 */
export const ROOT_MOTION_MODES = ['keep', 'in-place', 'extract'] as const;
export type RootMotionMode = (typeof ROOT_MOTION_MODES)[number];

/** Keep the DAZ name: the engine's skeleton has no counterpart for this bone. */
export const KEEP = null;

/** DAZ bone name (left side or centre) → engine name, or KEEP. */
export type ProfileTable = Readonly<Record<string, string | typeof KEEP>>;

export interface SkeletonProfile {
  id: Exclude<SkeletonProfileId, 'daz'>;
  /** For messages: `UE5 mannequin`. */
  label: string;
  /** Where the names were checked (public documentation, source files). */
  sources: readonly string[];
  genesis8: ProfileTable;
  genesis9: ProfileTable;
  /** The right-side engine name of a left-side one (`thigh_l` → `thigh_r`). */
  mirrorName(name: string): string;
  /**
   * Left-side (mirrored) DAZ bones hung from their grandparent, their parent (an in-chain twist
   * bone) becoming a side child, as on the engine's skeleton (reparent.ts keeps every pose).
   */
  hangFromGrandparent?: Partial<Record<'genesis8' | 'genesis9', readonly string[]>>;
  /** Name of the root bone the profile adds (`--root-bone`). */
  rootName: string;
  /** Whether the profile adds a root bone unless told otherwise (UE expects one). */
  rootBoneByDefault: boolean;
}
