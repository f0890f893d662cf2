/**
 * three.js's BVHLoader as an independent reader: its own tokenizer, its own quaternion math and
 * three's Object3D matrix chain give world positions we compare ours with.
 *
 * What to know about it (three r187):
 * - It ADDS position channels to OFFSET (`'add'` mode in dazport terms).
 * - It represents each End Site as an extra bone named "ENDSITE" under its joint.
 * - It reads `Frames:` lines exactly and ignores anything after them.
 * - It needs `{`, `}`, OFFSET, CHANNELS and `End Site` on lines of their own, `Frames: n` and
 *   `Frame Time: t` with spaces, one root, one-word names; it logs instead of throwing. So it
 *   is only an oracle for files it reads correctly: the real captures and the
 *   OWN_THREE_COMPATIBLE_FIXTURES.
 * - Track names are `<bone>.position`; names with `:` (Mixamo namespaces) confuse
 *   AnimationMixer's PropertyBinding, so world positions are computed from the keyframe tracks
 *   directly (keys are exactly one per frame), not through a mixer. {@link threeMixerWorldPositions}
 *   checks the mixer path agrees on files without namespaces.
 */
import { AnimationMixer, type Bone, type KeyframeTrack, LoopOnce, Vector3 } from 'three';
import { BVHLoader } from 'three/examples/jsm/loaders/BVHLoader.js';

export interface ThreeOracle {
  /** Joint names in three's bone order, End Sites skipped. */
  jointNames: string[];
  frameCount: number;
  /** World positions of joints ([x,y,z] per joint, our joint order) and End Sites (NaN when none). */
  worldPositions(frame: number): { joints: Float64Array; endSites: Float64Array };
}

export function threeOracle(text: string): ThreeOracle {
  const { skeleton, clip } = new BVHLoader().parse(text);
  const tracks = new Map<string, KeyframeTrack>(clip.tracks.map((t) => [t.name, t]));
  const jointBones: Bone[] = [];
  const endSiteOf = new Map<Bone, Bone>();
  for (const bone of skeleton.bones) {
    if (bone.name === 'ENDSITE') endSiteOf.set(bone.parent as Bone, bone);
    else jointBones.push(bone);
  }
  const positionTracks = jointBones.map((b) => tracks.get(`${b.name}.position`)!);
  const rotationTracks = jointBones.map((b) => tracks.get(`${b.name}.quaternion`)!);
  const frameCount = positionTracks[0].times.length;
  const root = skeleton.bones[0];
  const v = new Vector3();
  return {
    jointNames: jointBones.map((b) => b.name),
    frameCount,
    worldPositions(frame) {
      jointBones.forEach((bone, j) => {
        bone.position.fromArray(positionTracks[j].values, frame * 3);
        bone.quaternion.fromArray(rotationTracks[j].values, frame * 4);
      });
      root.updateMatrixWorld(true);
      const joints = new Float64Array(jointBones.length * 3);
      const endSites = new Float64Array(jointBones.length * 3).fill(Number.NaN);
      jointBones.forEach((bone, j) => {
        bone.getWorldPosition(v).toArray(joints, j * 3);
        const end = endSiteOf.get(bone);
        if (end) end.getWorldPosition(v).toArray(endSites, j * 3);
      });
      return { joints, endSites };
    },
  };
}

/** World joint positions through three's AnimationMixer at each frame's key time (no End Sites). */
export function threeMixerWorldPositions(text: string, frames: readonly number[]): Float64Array[] {
  const { skeleton, clip } = new BVHLoader().parse(text);
  const root = skeleton.bones[0];
  const mixer = new AnimationMixer(root);
  // Play once and hold the end: a looping action wraps the last frame's time back to frame 0.
  const action = mixer.clipAction(clip);
  action.setLoop(LoopOnce, 1);
  action.clampWhenFinished = true;
  action.play();
  const times = clip.tracks[0].times;
  const joints = skeleton.bones.filter((b) => b.name !== 'ENDSITE');
  const v = new Vector3();
  return frames.map((frame) => {
    mixer.setTime(times[frame]);
    root.updateMatrixWorld(true);
    const out = new Float64Array(joints.length * 3);
    joints.forEach((bone, j) => {
      bone.getWorldPosition(v).toArray(out, j * 3);
    });
    return out;
  });
}

/** Largest absolute difference between two same-length arrays, ignoring pairs where both are NaN. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const aNaN = Number.isNaN(a[i]);
    const bNaN = Number.isNaN(b[i]);
    if (aNaN || bNaN) {
      if (aNaN !== bNaN) return Number.POSITIVE_INFINITY;
      continue;
    }
    max = Math.max(max, Math.abs(a[i] - b[i]));
  }
  return max;
}
