/**
 * Joint correctives (JCMs) baked along the scene's animation (`--bake-correctives`): DAZ Studio
 * evaluates the drivers (ERC links from bone rotations) and answers each corrective's value at
 * every frame; the values become morph weight tracks of the figure's Motion, which the glTF
 * (`weights`) and USD (`blendShapeWeights`) writers already write.
 *
 * Which morphs are correctives is DAZ's knowledge, not a naming guess: CORRECTIVE_MORPHS lists
 * the morphs whose value has an ERC link from a bone (directly or through a controller morph).
 * `listCorrectives` runs before the scene read, so the export can ask for their deltas even when
 * `--morphs` did not choose them; `bakeCorrectives` runs after it, on the targets that were read.
 * A corrective whose value is the same at every frame gets no track (it would animate nothing):
 * it is reported as constant, and if `--morphs` did not choose it, it is not written as a target
 * either (a value other than 0 is folded into the rest mesh, as the reader folds any dialled-in
 * morph that was not chosen).
 */
import type { MorphTrack, Motion } from '../scene/motion.js';
import type { Scene } from '../scene/scene.js';
import type { DazClient } from './dazscript-client.js';
import { sampleFrames } from './frame-samples.js';
import { type AnimationChannels, timelineMotion } from './read-animation.js';
import { CORRECTIVE_MORPHS } from './scripts/corrective-scripts.js';

/** Values closer than this over the whole range are one constant value. */
const CONSTANT_TOLERANCE = 1e-6;

/** A morph DAZ drives from bones: its name, label and drivers (`bone/property`, e.g. `neck1/XRotate`). */
export interface CorrectiveMorph {
  name: string;
  label: string;
  drivers: string[];
}

/** What the bake did with one figure's correctives. */
export interface CorrectiveFigureReport {
  label: string;
  /** Baked as morph weight tracks: name, driving bones, lowest and highest value over the range. */
  baked: { name: string; drivers: string[]; min: number; max: number }[];
  /** The same value at every frame: no track (and no target unless `--morphs` chose it). */
  constant: { name: string; value: number }[];
  /** Baked correctives `--morphs` did not choose: written as morph targets for the bake. */
  added: string[];
  /** Correctives that are not morph targets (they move nothing, or a `!pattern` left them out). */
  unwritten: string[];
}

export interface CorrectiveReport {
  /** Frames sampled (DAZ's animation range). */
  frames: number;
  figures: CorrectiveFigureReport[];
}

/** The correctives of every node (all but bones), by elementID. One request. */
export async function listCorrectives(
  client: DazClient,
  signal?: AbortSignal,
): Promise<Map<number, CorrectiveMorph[]>> {
  const r = await client.run<{ id: number; morphs: CorrectiveMorph[] }[]>(CORRECTIVE_MORPHS, {}, { signal });
  return new Map(r.result.filter((n) => n.morphs.length).map((n) => [n.id, n.morphs]));
}

export interface BakeCorrectivesOptions {
  /** Did `--morphs` choose this morph of this mesh (else it is written only for the bake)? */
  chosen: (morph: { name: string; label: string }) => boolean;
  /** Wanted size of one answer, bytes (default 2 MB). */
  chunkBytes?: number;
  signal?: AbortSignal;
}

/**
 * Sample every corrective that `scene` has as a morph target at every frame of `timeline`
 * (DAZ evaluates `getValue(time)`), and add the changing ones to the figures' Motions as morph
 * weight tracks (creating a Motion for a figure that has none). Edits `scene` in place.
 */
export async function bakeCorrectives(
  client: DazClient,
  scene: Scene,
  listed: ReadonlyMap<number, CorrectiveMorph[]>,
  timeline: AnimationChannels,
  options: BakeCorrectivesOptions,
): Promise<CorrectiveReport> {
  const { start, end, step } = timeline;
  const frames = step > 0 && end >= start ? Math.floor((end - start) / step) + 1 : 0;
  const items: { id: number; mesh: number; morph: CorrectiveMorph }[] = [];
  const figures: CorrectiveFigureReport[] = [];
  const reportOf = new Map<number, CorrectiveFigureReport>();
  for (const [mesh, m] of scene.meshes.entries()) {
    const node = scene.nodes[m.node];
    const correctives = listed.get(Number(node.id));
    if (!correctives || !m.rest) continue;
    const report: CorrectiveFigureReport = {
      label: node.label,
      baked: [],
      constant: [],
      added: [],
      unwritten: [],
    };
    figures.push(report);
    reportOf.set(mesh, report);
    const targets = new Set(m.rest.morphs.map((t) => t.name));
    for (const morph of correctives)
      if (targets.has(morph.name)) items.push({ id: Number(node.id), mesh, morph });
      else report.unwritten.push(morph.name);
  }
  if (frames === 0 || items.length === 0) return { frames, figures };
  const values = await sample(client, items, timeline, frames, options);
  for (const [k, it] of items.entries()) {
    const weights = Float32Array.from({ length: frames }, (_, f) => values[f * items.length + k]);
    const report = reportOf.get(it.mesh) as CorrectiveFigureReport;
    const rest = scene.meshes[it.mesh].rest as NonNullable<Scene['meshes'][number]['rest']>;
    const min = Math.min(...weights);
    const max = Math.max(...weights);
    const chosen = options.chosen(it.morph);
    if (max - min <= CONSTANT_TOLERANCE) {
      report.constant.push({ name: it.morph.name, value: weights[0] });
      if (!chosen) dropTarget(rest, it.morph.name);
      continue;
    }
    report.baked.push({ name: it.morph.name, drivers: it.morph.drivers, min, max });
    if (!chosen) report.added.push(it.morph.name);
    const track: MorphTrack = { mesh: it.mesh, morph: it.morph.name, weights };
    const motion = motionOf(scene, scene.nodes[scene.meshes[it.mesh].node].skeleton, frames, timeline);
    motion.morphTracks = [...(motion.morphTracks ?? []).filter((t) => t.morph !== track.morph), track];
  }
  return { frames, figures };
}

/** Values per frame, corrective after corrective (frames × items), from DAZ in chunks. */
async function sample(
  client: DazClient,
  items: { id: number; morph: CorrectiveMorph }[],
  timeline: AnimationChannels,
  frames: number,
  options: BakeCorrectivesOptions,
): Promise<Float64Array> {
  return sampleFrames(client, {
    items: items.map((it) => ({ kind: 'm', id: it.id, name: it.morph.name })),
    perFrame: items.length,
    start: timeline.start,
    step: timeline.step,
    frames,
    what: 'corrective samples',
    chunkBytes: options.chunkBytes,
    signal: options.signal,
  });
}

/** A constant corrective nobody chose: not a target; a value other than 0 stays in the rest mesh. */
function dropTarget(rest: NonNullable<Scene['meshes'][number]['rest']>, name: string): void {
  const i = rest.morphs.findIndex((t) => t.name === name);
  if (i < 0) return;
  const [t] = rest.morphs.splice(i, 1);
  if (t.value !== 0)
    for (let k = 0; k < t.indices.length; k++)
      for (let c = 0; c < 3; c++) rest.positions[3 * t.indices[k] + c] += t.value * t.deltas[3 * k + c];
}

/** The figure's Motion on the DAZ timeline (as read-animation.ts makes them), made if missing. */
function motionOf(
  scene: Scene,
  skeleton: number | undefined,
  frames: number,
  timeline: AnimationChannels,
): Motion {
  const found = scene.motions.find((m) => m.skeleton === skeleton && m.clip === 'DAZ timeline');
  if (found) return found;
  const motion = timelineMotion(scene, skeleton, frames, timeline.step, timeline.start);
  scene.motions.push(motion);
  return motion;
}
