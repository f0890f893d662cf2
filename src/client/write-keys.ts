/**
 * Keys into a live DAZ figure: a baked motion written with a few large scripts (never one
 * request per frame), sized to stay well under the server's 5 MB body limit, as ONE undo step
 * (beginUndo in the first batch, acceptUndo in the last; cancelUndo if a batch fails). The
 * timeline is set to the motion's frame rate and length first.
 */
import type { BakedChannel, BakedMotion } from '../import/bake/bake-motion.js';
import type { DazClient, RegisteredScript } from './dazscript-client.js';

const FIND_FIGURE = `
  function findFigure(label) {
    var list = Scene.getSkeletonList();
    for (var i = 0; i < list.length; i++) if (list[i].getLabel() === label) return list[i];
    throw "figure " + label + " is not in the scene";
  }
  function channelOf(bone, kind, axis) {
    if (kind === "rotation") return axis === "x" ? bone.getXRotControl() : axis === "y" ? bone.getYRotControl() : bone.getZRotControl();
    return axis === "x" ? bone.getXPosControl() : axis === "y" ? bone.getYPosControl() : bone.getZPosControl();
  }`;

export const WRITE_KEYS: RegisteredScript = {
  name: 'write-keys',
  idempotent: false,
  source: `(function () {${FIND_FIGURE}
  var a = getArguments()[0], fig = findFigure(a.figure), written = 0;
  if (a.first) {
    beginUndo();
    Scene.setTimeStep(a.timeStep);
    Scene.setAnimRange(new DzTimeRange(0, a.endTick));
    Scene.setPlayRange(new DzTimeRange(0, a.endTick));
  }
  for (var c = 0; c < a.channels.length; c++) {
    var ch = a.channels[c], bone = fig.findBone(ch.bone);
    if (!bone) throw "bone " + ch.bone + " is not in " + a.figure;
    var prop = channelOf(bone, ch.kind, ch.axis);
    if (ch.clear) prop.deleteAllKeys();
    for (var k = 0; k < ch.t.length; k++) prop.setValue(ch.t[k], ch.v[k]);
    written += ch.t.length;
  }
  if (a.last) acceptUndo(a.caption);
  return written;
})()`,
};

export const CANCEL_UNDO: RegisteredScript = {
  name: 'cancel-undo',
  idempotent: false,
  source: 'cancelUndo(); 1',
};

export const READ_KEYS: RegisteredScript = {
  name: 'read-keys',
  idempotent: true,
  source: `(function () {${FIND_FIGURE}
  var a = getArguments()[0], fig = findFigure(a.figure), out = [];
  for (var c = 0; c < a.channels.length; c++) {
    var ch = a.channels[c], prop = channelOf(fig.findBone(ch.bone), ch.kind, ch.axis), t = [], v = [];
    for (var k = 0; k < prop.getNumKeys(); k++) { t.push(prop.getKeyTime(k)); v.push(prop.getKeyValue(k)); }
    out.push({ t: t, v: v });
  }
  return out;
})()`,
};

interface WireChannel {
  bone: string;
  kind: BakedChannel['kind'];
  axis: BakedChannel['axis'];
  /** Ticks. */
  t: number[];
  v: number[];
  clear: boolean;
}

export interface WriteKeysOptions {
  /** Bytes of key data per request (default 1.5 MB, under the server's 5 MB body limit). */
  batchBytes?: number;
  onProgress?: (p: { done: number; total: number }) => void;
}

export interface WriteKeysSummary {
  keys: number;
  requests: number;
}

const TICKS_PER_SECOND = 4800;
/** Rough JSON size of one key (two numbers and separators). */
const BYTES_PER_KEY = 28;

export async function writeKeysToFigure(
  client: DazClient,
  figure: string,
  baked: BakedMotion,
  options: WriteKeysOptions = {},
): Promise<WriteKeysSummary> {
  const budget = Math.max(1, Math.floor((options.batchBytes ?? 1_500_000) / BYTES_PER_KEY));
  const batches: WireChannel[][] = [[]];
  let used = 0;
  for (const c of baked.channels) {
    for (let start = 0; start < c.values.length; ) {
      if (used >= budget) {
        batches.push([]);
        used = 0;
      }
      const take = Math.min(c.values.length - start, budget - used);
      batches[batches.length - 1].push({
        bone: c.bone,
        kind: c.kind,
        axis: c.axis,
        t: Array.from(c.times.subarray(start, start + take), (s) => Math.round(s * TICKS_PER_SECOND)),
        v: Array.from(c.values.subarray(start, start + take)),
        clear: start === 0,
      });
      used += take;
      start += take;
    }
  }
  const total = baked.channels.reduce((s, c) => s + c.values.length, 0);
  const timeStep = Math.round(TICKS_PER_SECOND / baked.frameRate);
  const endTick = Math.max(0, (baked.frameCount - 1) * timeStep);
  let written = 0;
  try {
    for (let b = 0; b < batches.length; b++) {
      const { result } = await client.run<number>(WRITE_KEYS, {
        figure,
        channels: batches[b],
        first: b === 0,
        last: b === batches.length - 1,
        timeStep,
        endTick,
        caption: `dazport: ${baked.name}`,
      });
      written += result;
      options.onProgress?.({ done: written, total });
    }
  } catch (err) {
    if (written > 0 || batches.length > 1) await client.run(CANCEL_UNDO).catch(() => undefined);
    throw err;
  }
  return { keys: written, requests: batches.length };
}

/** Read back keys of the given channels: ticks and values, for verification. */
export async function readKeysFromFigure(
  client: DazClient,
  figure: string,
  channels: Pick<BakedChannel, 'bone' | 'kind' | 'axis'>[],
): Promise<{ t: number[]; v: number[] }[]> {
  const { result } = await client.run<{ t: number[]; v: number[] }[]>(READ_KEYS, {
    figure,
    channels: channels.map((c) => ({ bone: c.bone, kind: c.kind, axis: c.axis })),
  });
  return result;
}
