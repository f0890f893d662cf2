/**
 * Motions → glTF animations (§3.11), linear interpolation, one sampler per joint and path.
 *
 * Motion tracks hold R, the joint's rotation in its rest orientation frame (what DAZ's rotate
 * channels express). With dazport's joint frames (world axes at rest, skin.ts) a joint's local
 * rotation is O·R·O⁻¹ (O: the bone's rest orientation). Translations (the hip's, cm) move the
 * joint from its written pose by (t − t_now)·0.01, t_now being the current translate channels,
 * so the written local translation (c − c_parent + t)·0.01 follows without knowing c_parent.
 */
import type { Accessor, Animation, Node } from '@gltf-transform/core';
import { mat4 } from 'gl-matrix';
import { flagAndOption } from '../../flag-and-option.js';
import { type Quat, quatConjugate, quatMultiply, quatNormalize } from '../../math/euler.js';
import { frameRotation, type Motion } from '../../scene/motion.js';
import type { Joint, Skeleton } from '../../scene/skeleton.js';
import { createAccessor } from './attributes.js';
import { CM_TO_M } from './constants.js';
import type { GltfContext } from './context.js';
import { toTrs } from './transforms.js';

/**
 * One glTF animation per scene motion that a rigged skeleton can play, motions of one `clip`
 * (a DAZ timeline: its figures and props) together in one animation, as engines play one clip
 * at a time (and Blender's importer makes only the first animation active); returns how many.
 */
export function buildAnimations(ctx: GltfContext): number {
  let count = 0;
  const clips = new Map<string, { anim: Animation; motion: Motion; input: Accessor }>();
  for (const motion of ctx.scene.motions) {
    const sceneTracks = (motion.nodeTracks?.length ?? 0) + (motion.morphTracks?.length ?? 0);
    if (motion.frameCount < 1 || motion.tracks.length + sceneTracks === 0) continue;
    const s = motion.tracks.length ? skeletonFor(ctx, motion) : undefined;
    if (motion.tracks.length && s === undefined) {
      const what = sceneTracks ? 'its bone tracks are not written' : 'not written';
      ctx.warnings.push(
        ctx.options.rigged
          ? `motion ${motion.name}: no rigged skeleton has its joints; ${what}`
          : `motion ${motion.name} needs a rigged export, ${flagAndOption('--rigged', 'rigged: true')}; ${what}`,
      );
      if (!sceneTracks) continue;
    }
    const clip = motion.clip === undefined ? undefined : clips.get(motion.clip);
    const shared = clip && sameTimes(clip.motion, motion) ? clip : undefined;
    const input = shared?.input ?? frameTimes(ctx, motion);
    const anim = shared?.anim ?? ctx.doc.createAnimation(motion.clip ?? motion.name);
    if (s !== undefined) buildAnimation(ctx, motion, ctx.scene.skeletons[s], anim, input);
    if (sceneTracks) addSceneChannels(ctx, anim, motion, input);
    if (motion.clip !== undefined && !clip) clips.set(motion.clip, { anim, motion, input });
    if (!shared) count++;
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

/** Key times, seconds from the motion's first frame at its start time (glTF §3.11: input). */
function frameTimes(ctx: GltfContext, motion: Motion): Accessor {
  const times = new Float32Array(motion.frameCount);
  for (let f = 0; f < motion.frameCount; f++) times[f] = (motion.startSec ?? 0) + f / motion.frameRate;
  return createAccessor(ctx, 'SCALAR', times);
}

function sameTimes(a: Motion, b: Motion): boolean {
  return (
    a.frameCount === b.frameCount && a.frameRate === b.frameRate && (a.startSec ?? 0) === (b.startSec ?? 0)
  );
}

function buildAnimation(
  ctx: GltfContext,
  motion: Motion,
  skeleton: Skeleton,
  anim: Animation,
  input: Accessor,
): Animation {
  const frames = motion.frameCount;
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
  path: 'rotation' | 'translation' | 'scale' | 'weights',
  input: Accessor,
  values: Float32Array,
  type: 'VEC3' | 'VEC4' | 'SCALAR',
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

// ─── scene animation read from DAZ: node transforms and morph weights ───

/**
 * Node tracks as TRS channels and morph tracks as `weights` channels. A node track holds world
 * matrices W(t) (cm); a node written as a mesh leaf (identity, world-space vertices posed at
 * the current time, nodes.ts) gets W(t)·W(now)⁻¹, every other node its written local matrix
 * times W(now)⁻¹·W(t), which equals parent⁻¹·W(t) while the parent holds still.
 */
function addSceneChannels(ctx: GltfContext, anim: Animation, motion: Motion, input: Accessor): void {
  const frames = motion.frameCount;
  for (const track of motion.nodeTracks ?? []) {
    const node = ctx.nodes[track.node];
    const sceneNode = ctx.scene.nodes[track.node];
    if (!node) continue;
    const nowInv = mat4.invert(
      new Float64Array(16) as unknown as mat4,
      sceneNode.worldMatrix as unknown as mat4,
    );
    if (!nowInv) continue;
    const leaf = Boolean((node.getExtras() as { daz?: { worldMatrixCm?: unknown } }).daz?.worldMatrixCm);
    const written = mat4.fromRotationTranslationScale(
      new Float64Array(16) as unknown as mat4,
      node.getRotation(),
      node.getTranslation().map((v) => v / CM_TO_M) as [number, number, number],
      node.getScale(),
    );
    const t = new Float32Array(frames * 3);
    const r = new Float32Array(frames * 4);
    const sc = new Float32Array(frames * 3);
    let prev = [0, 0, 0, 1];
    for (let f = 0; f < frames; f++) {
      const w = track.worldMatrices.subarray(f * 16, f * 16 + 16) as unknown as mat4;
      const m = new Float64Array(16) as unknown as mat4;
      if (leaf) mat4.multiply(m, w, nowInv);
      else mat4.multiply(m, written, mat4.multiply(m, nowInv, w));
      const trs = toTrs(m);
      let q = trs.rotation;
      if (q[0] * prev[0] + q[1] * prev[1] + q[2] * prev[2] + q[3] * prev[3] < 0)
        q = [-q[0], -q[1], -q[2], -q[3]];
      prev = q;
      t.set(trs.translation, f * 3);
      r.set(q, f * 4);
      sc.set(trs.scale, f * 3);
    }
    addChannel(ctx, anim, node, 'translation', input, t, 'VEC3');
    addChannel(ctx, anim, node, 'rotation', input, r, 'VEC4');
    addChannel(ctx, anim, node, 'scale', input, sc, 'VEC3');
  }
  const byMesh = new Map<number, NonNullable<Motion['morphTracks']>>();
  for (const track of motion.morphTracks ?? [])
    byMesh.set(track.mesh, [...(byMesh.get(track.mesh) ?? []), track]);
  for (const [mesh, tracks] of byMesh) {
    const id = ctx.scene.nodes[ctx.scene.meshes[mesh].node].id;
    const node = ctx.doc
      .getRoot()
      .listNodes()
      .find((n) => (n.getMesh()?.getExtras() as { daz?: { id?: string } } | undefined)?.daz?.id === id);
    const gltfMesh = node?.getMesh();
    const names = (gltfMesh?.getExtras() as { targetNames?: string[] } | undefined)?.targetNames;
    if (!node || !gltfMesh || !names) {
      ctx.warnings.push(
        `motion ${motion.name}: ${tracks.length} animated morph${tracks.length === 1 ? '' : 's'} of ${ctx.scene.meshes[mesh].name} need${tracks.length === 1 ? 's' : ''} morph targets, ${flagAndOption('--morphs', 'morphs: true')}; not written`,
      );
      continue;
    }
    // glTF wants every target's weight at every key: untracked morphs hold their current value.
    const current = gltfMesh.getWeights();
    const values = new Float32Array(frames * names.length);
    for (let f = 0; f < frames; f++) values.set(current, f * names.length);
    const unwritten: string[] = [];
    for (const track of tracks) {
      const k = names.indexOf(track.morph);
      if (k < 0) {
        unwritten.push(track.morph);
        continue;
      }
      for (let f = 0; f < frames; f++) values[f * names.length + k] = track.weights[f];
    }
    // An animated morph left out by the --morphs choice (or moving nothing): say so, never drop it silently.
    if (unwritten.length > 0)
      ctx.warnings.push(
        `motion ${motion.name}: animated morph${unwritten.length === 1 ? '' : 's'} ${unwritten.join(', ')} of ${ctx.scene.meshes[mesh].name} not among the morphs written (${flagAndOption('--morphs', 'morphs')} chooses them); not animated`,
      );
    addChannel(ctx, anim, node, 'weights', input, values, 'SCALAR');
  }
}
