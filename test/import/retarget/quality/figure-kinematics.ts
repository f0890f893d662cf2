/**
 * Forward kinematics of a DAZ figure driven by a retargeted Motion, written for the quality
 * measurement only, on gl-matrix, sharing nothing with the retargeter's own quaternion helpers.
 *
 * DAZ's posing model (README, "The emulator"): a bone maps rest-pose figure-space points to the
 * world by
 *
 *   W = W_parent · T(translate) · T(origin) · O · R · O⁻¹ · T(−origin)
 *
 * with R the bone's local rotation (the Motion's quaternion, identity for bones without a
 * track), O its rest orientation and `translate` the hip's translation track in cm. A bone's
 * posed joint centre is W · origin; a skinned vertex is Σ w_b · W_b · v.
 */
import { mat4, quat, type vec3 } from 'gl-matrix';
import type { SkeletonDefinition } from '../../../../src/bonemaps/genesis/skeleton-definition.js';
import type { Motion } from '../../../../src/scene/motion.js';

/** World matrices of every bone, 16 doubles each (gl-matrix column-major), bone order of the definition. */
export type BoneWorlds = Float64Array;

export class FigureKinematics {
  readonly boneNames: readonly string[];
  readonly parents: Int32Array;
  /** Rest joint centres, 3 per bone, cm. */
  readonly origins: Float64Array;
  /** Rest end points, 3 per bone, cm. */
  readonly ends: Float64Array;
  private readonly orientations: Float64Array;
  private readonly index: Map<string, number>;
  private readonly local = new Float64Array(16);
  private readonly q = new Float64Array(4);
  private readonly oInv = new Float64Array(4);
  private readonly r = new Float64Array(4);
  private readonly t = new Float64Array(3);
  private readonly scale = new Float64Array([1, 1, 1]);

  constructor(definition: SkeletonDefinition) {
    const bones = definition.bones;
    this.boneNames = bones.map((b) => b.name);
    this.index = new Map(bones.map((b, i) => [b.name, i]));
    this.parents = Int32Array.from(bones, (b) => (b.parent === null ? -1 : (this.index.get(b.parent) ?? -1)));
    this.parents.forEach((p, i) => {
      if (p >= i) throw new Error(`${definition.id}: bone ${bones[i].name} comes before its parent`);
    });
    this.origins = Float64Array.from(bones.flatMap((b) => b.origin));
    this.ends = Float64Array.from(bones.flatMap((b) => b.end));
    this.orientations = Float64Array.from(bones.flatMap((b) => b.orientation));
  }

  /** Index of a bone by its DAZ name; throws for a name the figure does not have. */
  boneIndex(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`the figure has no bone "${name}"`);
    return i;
  }

  /** A buffer for {@link FigureKinematics.pose}. */
  createWorlds(): BoneWorlds {
    return new Float64Array(this.boneNames.length * 16);
  }

  /**
   * Every bone's world matrix at `frame` of `motion` into `out`. Tracks are matched to bones by
   * name; bones without a track keep their rest rotation.
   */
  pose(tracks: MotionTracks, frame: number, out: BoneWorlds): BoneWorlds {
    const n = this.boneNames.length;
    for (let b = 0; b < n; b++) {
      const o = this.orientations.subarray(b * 4, b * 4 + 4);
      const rot = tracks.rotations[b];
      if (rot)
        quat.set(
          this.r as unknown as quat,
          rot[frame * 4],
          rot[frame * 4 + 1],
          rot[frame * 4 + 2],
          rot[frame * 4 + 3],
        );
      else quat.identity(this.r as unknown as quat);
      // O · R · O⁻¹: the local rotation expressed in figure axes.
      quat.invert(this.oInv as unknown as quat, o as unknown as quat);
      quat.multiply(this.q as unknown as quat, o as unknown as quat, this.r as unknown as quat);
      quat.multiply(this.q as unknown as quat, this.q as unknown as quat, this.oInv as unknown as quat);
      quat.normalize(this.q as unknown as quat, this.q as unknown as quat);
      const tr = tracks.translations[b];
      this.t[0] = tr ? tr[frame * 3] : 0;
      this.t[1] = tr ? tr[frame * 3 + 1] : 0;
      this.t[2] = tr ? tr[frame * 3 + 2] : 0;
      // T(translate) · T(origin) · Q · T(−origin)
      mat4.fromRotationTranslationScaleOrigin(
        this.local as unknown as mat4,
        this.q as unknown as quat,
        this.t as unknown as vec3,
        this.scale as unknown as vec3,
        this.origins.subarray(b * 3, b * 3 + 3) as unknown as vec3,
      );
      const w = out.subarray(b * 16, b * 16 + 16) as unknown as mat4;
      const p = this.parents[b];
      if (p < 0) mat4.copy(w, this.local as unknown as mat4);
      else
        mat4.multiply(w, out.subarray(p * 16, p * 16 + 16) as unknown as mat4, this.local as unknown as mat4);
    }
    return out;
  }

  /** The posed joint centre of `bone` (W · origin) into out[at..at+2]. */
  jointCentre(worlds: BoneWorlds, bone: number, out: Float64Array, at = 0): void {
    transformPoint(worlds, bone, this.origins, bone * 3, out, at);
  }

  /** The posed end point of `bone` (W · end) into out[at..at+2]. */
  endPoint(worlds: BoneWorlds, bone: number, out: Float64Array, at = 0): void {
    transformPoint(worlds, bone, this.ends, bone * 3, out, at);
  }
}

/** A Motion's tracks indexed by bone, looked up once instead of by name every frame. */
export interface MotionTracks {
  frameCount: number;
  frameRate: number;
  rotations: (Float32Array | undefined)[];
  translations: (Float32Array | undefined)[];
}

/** Index `motion`'s tracks by the bones of `figure`; throws for a track naming an unknown bone. */
export function indexMotion(figure: FigureKinematics, motion: Motion): MotionTracks {
  const n = figure.boneNames.length;
  const rotations: (Float32Array | undefined)[] = new Array(n).fill(undefined);
  const translations: (Float32Array | undefined)[] = new Array(n).fill(undefined);
  for (const track of motion.tracks) {
    const b = figure.boneIndex(track.joint);
    if (track.rotations.length < motion.frameCount * 4)
      throw new Error(
        `track ${track.joint} has ${track.rotations.length / 4} frames, the motion ${motion.frameCount}`,
      );
    rotations[b] = track.rotations;
    if (track.translations) translations[b] = track.translations;
  }
  return { frameCount: motion.frameCount, frameRate: motion.frameRate, rotations, translations };
}

/** W_b · p for the point p = points[pAt..pAt+2]. */
export function transformPoint(
  worlds: BoneWorlds,
  bone: number,
  points: ArrayLike<number>,
  pAt: number,
  out: Float64Array,
  at: number,
): void {
  const m = bone * 16;
  const x = points[pAt];
  const y = points[pAt + 1];
  const z = points[pAt + 2];
  out[at] = worlds[m] * x + worlds[m + 4] * y + worlds[m + 8] * z + worlds[m + 12];
  out[at + 1] = worlds[m + 1] * x + worlds[m + 5] * y + worlds[m + 9] * z + worlds[m + 13];
  out[at + 2] = worlds[m + 2] * x + worlds[m + 6] * y + worlds[m + 10] * z + worlds[m + 14];
}
