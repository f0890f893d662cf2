/**
 * Motions → glTF animations (§3.11), linear interpolation, one sampler per joint and path.
 *
 * Motion tracks hold R, the joint's rotation in its rest orientation frame (what DAZ's rotate
 * channels express). With dazport's joint frames (world axes at rest, skin.ts) a joint's local
 * rotation is O·R·O⁻¹ (O: the bone's rest orientation). Translations (the hip's, cm) move the
 * joint from its written pose by (t − t_now)·0.01, t_now being the current translate channels,
 * so the written local translation (c − c_parent + t)·0.01 follows without knowing c_parent.
 */
import type { Animation, Node } from '@gltf-transform/core';
import { flagAndOption } from '../../flag-and-option.js';
import { type Quat, quatConjugate, quatMultiply, quatNormalize } from '../../math/euler.js';
import { frameRotation, type Motion } from '../../scene/motion.js';
import type { Joint, Skeleton } from '../../scene/skeleton.js';
import { createAccessor } from './attributes.js';
import { CM_TO_M } from './constants.js';
import type { GltfContext } from './context.js';

/** One glTF animation per scene motion that a rigged skeleton can play; returns how many. */
export function buildAnimations(ctx: GltfContext): number {
  let count = 0;
  for (const motion of ctx.scene.motions) {
    if (motion.frameCount < 1 || motion.tracks.length === 0) continue;
    const s = skeletonFor(ctx, motion);
    if (s === undefined) {
      ctx.warnings.push(
        ctx.options.rigged
          ? `motion ${motion.name}: no rigged skeleton has its joints; not written`
          : `motion ${motion.name} needs a rigged export, ${flagAndOption('--rigged', 'rigged: true')}; not written`,
      );
      continue;
    }
    buildAnimation(ctx, motion, ctx.scene.skeletons[s]);
    count++;
  }
  return count;
}

/** The motion's own skeleton, else the first rigged one that has its first joint. */
function skeletonFor(ctx: GltfContext, motion: Motion): number | undefined {
  if (motion.skeleton !== undefined)
    return ctx.riggedSkeletons.has(motion.skeleton) ? motion.skeleton : undefined;
  const first = motion.tracks[0].joint;
  return [...ctx.riggedSkeletons].find((s) => ctx.scene.skeletons[s].joints.some((j) => j.name === first));
}

function buildAnimation(ctx: GltfContext, motion: Motion, skeleton: Skeleton): Animation {
  const anim = ctx.doc.createAnimation(motion.name);
  const frames = motion.frameCount;
  const times = new Float32Array(frames);
  for (let f = 0; f < frames; f++) times[f] = f / motion.frameRate;
  const input = createAccessor(ctx, 'SCALAR', times);
  const joints = new Map(skeleton.joints.map((j) => [j.name, j]));
  for (const track of motion.tracks) {
    const joint = joints.get(track.joint);
    const node = joint ? ctx.nodes[joint.node] : undefined;
    if (!joint || !node) {
      ctx.warnings.push(
        `motion ${motion.name}: ${skeleton.label} has no joint "${track.joint}"; track skipped`,
      );
      continue;
    }
    if (track.rotations.length !== frames * 4) {
      ctx.warnings.push(
        `motion ${motion.name}: ${track.joint} has ${track.rotations.length / 4} rotations for ${frames} frames; track skipped`,
      );
      continue;
    }
    addChannel(ctx, anim, node, 'rotation', input, localRotations(joint, track.rotations, frames), 'VEC4');
    if (track.translations?.length === frames * 3)
      addChannel(
        ctx,
        anim,
        node,
        'translation',
        input,
        localTranslations(joint, node, track.translations),
        'VEC3',
      );
  }
  return anim;
}

function addChannel(
  ctx: GltfContext,
  anim: Animation,
  node: Node,
  path: 'rotation' | 'translation',
  input: ReturnType<typeof createAccessor>,
  values: Float32Array,
  type: 'VEC3' | 'VEC4',
): void {
  const sampler = ctx.doc
    .createAnimationSampler()
    .setInput(input)
    .setOutput(createAccessor(ctx, type, values))
    .setInterpolation('LINEAR');
  const channel = ctx.doc
    .createAnimationChannel()
    .setTargetNode(node)
    .setTargetPath(path)
    .setSampler(sampler);
  anim.addSampler(sampler).addChannel(channel);
}

/** O·R·O⁻¹ per frame, unit, each on the same side as the previous one (no long-way interpolation). */
function localRotations(joint: Joint, rotations: Float32Array, frames: number): Float32Array {
  const o = joint.orientation as Quat;
  const oInv = quatConjugate(quatNormalize(o));
  const out = new Float32Array(frames * 4);
  let prev: Quat = [0, 0, 0, 1];
  for (let f = 0; f < frames; f++) {
    const r: Quat = frameRotation(rotations, f);
    let q = quatNormalize(quatMultiply(quatMultiply(o, quatNormalize(r)), oInv));
    const dot = q[0] * prev[0] + q[1] * prev[1] + q[2] * prev[2] + q[3] * prev[3];
    if (dot < 0) q = [-q[0], -q[1], -q[2], -q[3]];
    out.set(q, f * 4);
    prev = q;
  }
  return out;
}

function localTranslations(joint: Joint, node: Node, translationsCm: Float32Array): Float32Array {
  const base = node.getTranslation();
  const out = new Float32Array(translationsCm.length);
  for (let i = 0; i < out.length; i++)
    out[i] = base[i % 3] + (translationsCm[i] - joint.translation[i % 3]) * CM_TO_M;
  return out;
}
