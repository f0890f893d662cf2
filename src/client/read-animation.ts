/**
 * The animation already in a DAZ scene → Motions on a scene read by the scene reader: for every
 * node read, its keyed transform (NodeTrack: world matrix per frame), its figure's keyed bones
 * (JointTrack: rotate channels as quaternions, translate channels when keyed) and its keyed
 * morphs (MorphTrack), one sample per frame of DAZ's animation range.
 *
 * Modes:
 * - `bake`: every value is `getValue(time)` / `getWSTransform(time)` evaluated by DAZ Studio at
 *   every frame (ANIMATION_SAMPLES, frames in chunks sized like the mesh reads), whatever the
 *   interpolation (TCB, Hermite, ERC-driven).
 * - `keys`: the keys are read (ANIMATION_CHANNELS has them anyway) and a bone or morph whose keys
 *   are all linear or constant is sampled here from its keys, exactly as DAZ interpolates those
 *   two; anything else (TCB or Hermite keys, and node transforms, whose world matrix folds in
 *   the parents and pivots) is asked of DAZ per frame as in `bake`.
 *
 * Consistency: the keys are read before the samples and again after; they must be equal, or the
 * read stops with DazSceneChangedError (an edit of the animation while it was sampled). The
 * caller reads the channels before the scene itself (`readAnimationChannels`), so the scene's
 * current pose and the animation come from one state too.
 */
import { mat4 } from 'gl-matrix';
import { eulerDegreesToQuat } from '../math/euler.js';
import type { JointTrack, MorphTrack, Motion, NodeTrack } from '../scene/motion.js';
import type { Scene } from '../scene/scene.js';
import type { DazClient } from './dazscript-client.js';
import { DazSceneChangedError } from './errors.js';
import { sampleFrames } from './frame-samples.js';
import { ANIMATION_CHANNELS } from './scripts/animation-scripts.js';

export type AnimationMode = 'none' | 'keys' | 'bake';
export const ANIMATION_MODES: readonly AnimationMode[] = ['none', 'keys', 'bake'];

const TICKS_PER_SECOND = 4800;
const INTERP_CONSTANT = 0;
const INTERP_LINEAR = 1;

/** A keyed property's keys: [time (ticks), value, interpolation]. */
type Keys = [number, number, number][];

/** What ANIMATION_CHANNELS answers. */
export interface AnimationChannels {
  start: number;
  end: number;
  step: number;
  time: number;
  nodes: {
    id: number;
    origin: [number, number, number];
    own: Record<string, Keys> | null;
    bones: { name: string; keys: Record<string, Keys> }[];
    morphs: { name: string; keys: Keys }[];
  }[];
}

export interface ReadAnimationOptions {
  mode: 'keys' | 'bake';
  /** Wanted size of one answer, bytes (default 2 MB). */
  chunkBytes?: number;
  signal?: AbortSignal;
}

/** The timeline and every keyed value of the scene, with their keys (one request). */
export async function readAnimationChannels(
  client: DazClient,
  signal?: AbortSignal,
): Promise<AnimationChannels> {
  return (await client.run<AnimationChannels>(ANIMATION_CHANNELS, {}, { signal })).result;
}

/** One item ANIMATION_SAMPLES evaluates per frame. */
type SampleItem =
  | { kind: 'w'; id: number; node: number; origin: [number, number, number] }
  | { kind: 'b'; id: number; name: string; skeleton: number; keys: Record<string, Keys> }
  | { kind: 'm'; id: number; name: string; mesh: number; keys: Keys };

const WIDTH = { w: 12, b: 6, m: 1 } as const;

/**
 * Read the animation of `scene`'s nodes and add it to `scene.motions`: one Motion per figure
 * (its bones, its own transform and morphs), and one named `scene` for the other nodes.
 * `before` is the channels read before the scene was. Returns the number of frames.
 */
export async function readAnimation(
  client: DazClient,
  scene: Scene,
  before: AnimationChannels,
  options: ReadAnimationOptions,
): Promise<number> {
  const { start, end, step } = before;
  const frames = step > 0 && end >= start ? Math.floor((end - start) / step) + 1 : 0;
  const nodeById = new Map(scene.nodes.map((n, i) => [n.id, i]));
  const items: SampleItem[] = [];
  for (const entry of before.nodes) {
    const node = nodeById.get(String(entry.id));
    if (node === undefined) continue;
    const n = scene.nodes[node];
    if (entry.own) items.push({ kind: 'w', id: entry.id, node, origin: entry.origin });
    if (n.skeleton !== undefined)
      for (const b of entry.bones)
        items.push({ kind: 'b', id: entry.id, name: b.name, skeleton: n.skeleton, keys: b.keys });
    if (n.mesh !== undefined)
      for (const m of entry.morphs)
        items.push({ kind: 'm', id: entry.id, name: m.name, mesh: n.mesh, keys: m.keys });
  }
  if (frames === 0 || items.length === 0) return frames;
  const local = options.mode === 'keys' ? items.filter(reproducible) : [];
  const remote = items.filter((it) => !local.includes(it));
  const values = new Map<SampleItem, Float64Array>(
    items.map((it) => [it, new Float64Array(frames * WIDTH[it.kind])]),
  );
  for (const it of local) sampleFromKeys(it, start, step, frames, values.get(it) as Float64Array);
  if (remote.length) await sampleRemote(client, remote, before, frames, values, options);
  const after = await readAnimationChannels(client, options.signal);
  if (JSON.stringify(after) !== JSON.stringify(before))
    throw new DazSceneChangedError('the animation (keys or timeline) changed while it was read');
  addMotions(scene, items, values, frames, step, start);
  return frames;
}

/** DAZ's linear and constant keys are reproducible here; TCB and Hermite are left to DAZ. */
function reproducible(it: SampleItem): boolean {
  if (it.kind === 'w') return false;
  const all = it.kind === 'm' ? [it.keys] : Object.values(it.keys);
  return all.every((keys) => keys.every((k) => k[2] === INTERP_LINEAR || k[2] === INTERP_CONSTANT));
}

/** A keyed value at `time`: held before the first key and after the last, as DAZ does. */
export function evaluateKeys(keys: Keys, time: number): number {
  const n = keys.length;
  if (time <= keys[0][0]) return keys[0][1];
  if (time >= keys[n - 1][0]) return keys[n - 1][1];
  let i = 0;
  while (keys[i + 1][0] <= time) i++;
  const [t0, v0, interp] = keys[i];
  if (interp === INTERP_CONSTANT) return v0;
  const [t1, v1] = keys[i + 1];
  return v0 + ((v1 - v0) * (time - t0)) / (t1 - t0);
}

function sampleFromKeys(
  it: SampleItem,
  start: number,
  step: number,
  frames: number,
  out: Float64Array,
): void {
  if (it.kind === 'm') {
    for (let f = 0; f < frames; f++) out[f] = evaluateKeys(it.keys, start + f * step);
    return;
  }
  if (it.kind !== 'b') return;
  // A bone's unkeyed channels hold their static value: DAZ is asked for those once, below.
  const names = ['rx', 'ry', 'rz', 'tx', 'ty', 'tz'];
  for (let f = 0; f < frames; f++)
    for (let c = 0; c < 6; c++) {
      const keys = it.keys[names[c]];
      out[f * 6 + c] = keys ? evaluateKeys(keys, start + f * step) : Number.NaN;
    }
}

async function sampleRemote(
  client: DazClient,
  items: SampleItem[],
  timeline: AnimationChannels,
  frames: number,
  values: Map<SampleItem, Float64Array>,
  options: ReadAnimationOptions,
): Promise<void> {
  const perFrame = items.reduce((s, it) => s + WIDTH[it.kind], 0);
  const args = items.map((it) =>
    it.kind === 'w' ? { kind: 'w', id: it.id } : { kind: it.kind, id: it.id, name: it.name },
  );
  const flat = await sampleFrames(client, {
    items: args,
    perFrame,
    start: timeline.start,
    step: timeline.step,
    frames,
    what: 'animation samples',
    chunkBytes: options.chunkBytes,
    signal: options.signal,
  });
  let k = 0;
  for (let f = 0; f < frames; f++)
    for (const it of items) {
      const w = WIDTH[it.kind];
      (values.get(it) as Float64Array).set(flat.subarray(k, k + w), f * w);
      k += w;
    }
}

/**
 * An empty Motion on the DAZ timeline for a figure (or, without a skeleton, the scene's nodes):
 * the one Motion per figure that scene animation and baked correctives both add their tracks to.
 */
export function timelineMotion(
  scene: Scene,
  skeleton: number | undefined,
  frames: number,
  step: number,
  start: number,
): Motion {
  return {
    name: skeleton === undefined ? 'scene' : scene.skeletons[skeleton].label,
    frameRate: TICKS_PER_SECOND / step,
    frameCount: frames,
    skeleton,
    tracks: [],
    startSec: start / TICKS_PER_SECOND,
    clip: 'DAZ timeline',
  };
}

function addMotions(
  scene: Scene,
  items: SampleItem[],
  values: Map<SampleItem, Float64Array>,
  frames: number,
  step: number,
  start: number,
): void {
  const motions = new Map<number | 'scene', Motion>();
  const motionOf = (skeleton: number | undefined): Motion => {
    const key = skeleton ?? 'scene';
    let m = motions.get(key);
    if (!m) {
      m = timelineMotion(scene, skeleton, frames, step, start);
      motions.set(key, m);
    }
    return m;
  };
  const skeletonOfNode = (node: number) => scene.nodes[node].skeleton;
  for (const it of items) {
    const v = values.get(it) as Float64Array;
    if (it.kind === 'w') {
      const worldMatrices = new Float64Array(frames * 16);
      for (let f = 0; f < frames; f++) {
        const [a, b, c, d, e, g, h, i, j, tx, ty, tz] = v.subarray(f * 12, f * 12 + 12);
        const w = new Float64Array([a, b, c, 0, d, e, g, 0, h, i, j, 0, tx, ty, tz, 1]);
        // As the scene reader's node frames: DAZ's world transform maps rest points; the
        // node's frame sits at its (posed) pivot.
        worldMatrices.set(mat4.translate(new Float64Array(16), w, it.origin) as Float64Array, f * 16);
      }
      const track: NodeTrack = { node: it.node, worldMatrices };
      const m = motionOf(skeletonOfNode(it.node));
      m.nodeTracks = [...(m.nodeTracks ?? []), track];
    } else if (it.kind === 'm') {
      const track: MorphTrack = { mesh: it.mesh, morph: it.name, weights: Float32Array.from(v) };
      const m = motionOf(skeletonOfNode(scene.meshes[it.mesh].node));
      m.morphTracks = [...(m.morphTracks ?? []), track];
    } else {
      const skeleton = scene.skeletons[it.skeleton];
      const joint = skeleton.joints.find((j) => j.name === it.name);
      if (!joint) continue;
      const rotations = new Float32Array(frames * 4);
      const translated = ['tx', 'ty', 'tz'].some((c) => it.keys[c]);
      const translations = translated ? new Float32Array(frames * 3) : undefined;
      // Channels not keyed (sampled from keys, NaN) hold the value the scene reader read.
      const at = (f: number, c: number) => {
        const x = v[f * 6 + c];
        return Number.isNaN(x) ? (c < 3 ? joint.rotation[c] : joint.translation[c - 3]) : x;
      };
      for (let f = 0; f < frames; f++) {
        rotations.set(eulerDegreesToQuat(joint.rotationOrder, at(f, 0), at(f, 1), at(f, 2)), f * 4);
        if (translations) translations.set([at(f, 3), at(f, 4), at(f, 5)], f * 3);
      }
      const track: JointTrack = translations
        ? { joint: it.name, rotations, translations }
        : { joint: it.name, rotations };
      motionOf(it.skeleton).tracks.push(track);
    }
  }
  scene.motions.push(...motions.values());
}
