/**
 * Move a joint from its parent T up to T's own parent B, keeping every world transform: what
 * the UE profile does to Genesis 8's in-chain twist bones (lShldrBend → lShldrTwist →
 * lForearmBend becomes upperarm_l → lowerarm_l, upperarm_twist_01_l a side child as on the
 * mannequin). The twist's rotation is folded into the child, in the current pose and in every
 * frame of the skeleton's motions.
 *
 * With DAZ's W_j = W_T · T(t_j) · T(c_j) · L_j · T(−c_j), L = O·R·O⁻¹ (src/emulator/dom/node-transform.ts),
 * W_B⁻¹·W_j = T(t_T + c_T) · L_T · T(c_j + t_j − c_T) · L_j · T(−c_j), so under B the child has
 *   L' = L_T · L_j, i.e. R' = O_j⁻¹ · L_T · L_j · O_j, and
 *   t' = t_T + c_T + L_T · (c_j + t_j − c_T) − c_j   (a translation that follows the twist).
 * The twist bone keeps its own rotation and skin weights, so the skinned mesh is unchanged.
 */
import {
  eulerDegreesToQuat,
  type Quat,
  quatConjugate,
  quatInFrame,
  quatMultiply,
  quatNormalize,
  quatRotate,
  quatToEulerDegrees,
} from '../../math/euler.js';
import { frameRotation, type JointTrack, type Motion } from '../../scene/motion.js';
import type { Scene } from '../../scene/scene.js';
import type { Joint } from '../../scene/skeleton.js';

type Vec3 = [number, number, number];

/** L = O·R·O⁻¹: a joint's rotation in world axes at rest. */
function worldAxes(joint: Joint, r: Quat): Quat {
  const o = quatNormalize(joint.orientation);
  return quatNormalize(quatInFrame(o, quatNormalize(r)));
}

/** R' and t' of the child under B, from the twist's and the child's own channels. */
function fold(twist: Joint, child: Joint, rT: Quat, tT: readonly number[], rJ: Quat, tJ: readonly number[]) {
  const lT = worldAxes(twist, rT);
  const lJ = worldAxes(child, rJ);
  const o = quatNormalize(child.orientation);
  const r = quatNormalize(quatInFrame(quatConjugate(o), quatMultiply(lT, lJ)));
  const arm = quatRotate(lT, [
    child.origin[0] + tJ[0] - twist.origin[0],
    child.origin[1] + tJ[1] - twist.origin[1],
    child.origin[2] + tJ[2] - twist.origin[2],
  ]);
  const t: Vec3 = [0, 1, 2].map((k) => tT[k] + twist.origin[k] + arm[k] - child.origin[k]) as Vec3;
  return { r, t };
}

const euler = (j: Joint): Quat =>
  eulerDegreesToQuat(j.rotationOrder, j.rotation[0], j.rotation[1], j.rotation[2]);

/**
 * Hang joint `child` of skeleton `s` from its grandparent (the scene's arrays are the caller's
 * copies). `motions`: indices into scene.motions of the motions that drive this skeleton.
 */
export function reparentToGrandparent(
  scene: Scene,
  s: number,
  child: number,
  motions: readonly number[],
): void {
  const joints = [...scene.skeletons[s].joints];
  const j = joints[child];
  const twist = joints[j.parent];
  if (!twist || twist.parent < 0) return;
  const now = fold(twist, j, euler(twist), twist.translation, euler(j), j.translation);
  joints[child] = {
    ...j,
    parent: twist.parent,
    rotation: quatToEulerDegrees(j.rotationOrder, now.r),
    translation: now.t,
  };
  scene.skeletons[s] = { ...scene.skeletons[s], joints };
  const node = scene.nodes[j.node];
  if (node) scene.nodes[j.node] = { ...node, parent: joints[twist.parent].node };
  for (const m of motions) scene.motions[m] = foldMotion(scene.motions[m], twist, j);
}

function foldMotion(motion: Motion, twist: Joint, child: Joint): Motion {
  const tTrack = motion.tracks.find((t) => t.joint === twist.name);
  const jTrack = motion.tracks.find((t) => t.joint === child.name);
  if (!tTrack && !jTrack) return motion; // both hold their current pose: the folded pose above
  const frames = motion.frameCount;
  const rotations = new Float32Array(frames * 4);
  const translations = new Float32Array(frames * 3);
  const at = (a: Float32Array | undefined, f: number, fallback: readonly number[]) =>
    a ? [a[f * 3], a[f * 3 + 1], a[f * 3 + 2]] : fallback;
  for (let f = 0; f < frames; f++) {
    const { r, t } = fold(
      twist,
      child,
      tTrack ? frameRotation(tTrack.rotations, f) : euler(twist),
      at(tTrack?.translations, f, twist.translation),
      jTrack ? frameRotation(jTrack.rotations, f) : euler(child),
      at(jTrack?.translations, f, child.translation),
    );
    rotations.set(r, f * 4);
    translations.set(t, f * 3);
  }
  const folded: JointTrack = { joint: child.name, rotations, translations };
  return {
    ...motion,
    tracks: jTrack ? motion.tracks.map((t) => (t === jTrack ? folded : t)) : [...motion.tracks, folded],
  };
}
