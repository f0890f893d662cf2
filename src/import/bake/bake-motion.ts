/**
 * Baking: a Motion (quaternions per joint per frame) becomes DAZ keys: per bone, one key track
 * per rotate channel (degrees, the bone's rotation order, unwrapped) and, for the hip, per
 * translate channel (cm); times in seconds (and DAZ ticks, 4800 per second). With reduction on,
 * keys that linear interpolation reproduces within the tolerance are dropped. Every other
 * channel of the figure gets one rest key (see {@link restChannels}) unless `onlyDriven`, so the
 * result fully defines the pose.
 */
import type { Motion } from '../../scene/motion.js';
import type { TargetRig } from '../retarget/target-rig.js';
import { BAKE_DEFAULTS, type BakeOptions } from './bake-options.js';
import { eulerTrack } from './euler-track.js';
import { reduceKeys } from './reduce-keys.js';
import { restChannels } from './rest-channels.js';

export const NAME = 'bake';

export { BAKE_DEFAULTS, type BakeOptions } from './bake-options.js';

export interface BakedChannel {
  bone: string;
  kind: 'rotation' | 'translation';
  axis: 'x' | 'y' | 'z';
  /** Seconds. */
  times: Float64Array;
  /** Degrees or cm. */
  values: Float64Array;
}

export interface BakedMotion {
  name: string;
  frameRate: number;
  frameCount: number;
  /** The driven channels first (motion track order), then the rest channels (rig order). */
  channels: BakedChannel[];
  /** Keys before and after reduction, all channels (a rest channel counts one key in both). */
  keysBefore: number;
  keysAfter: number;
  /** How many of `channels` are one-key rest channels (0 with `onlyDriven`). */
  restChannels: number;
}

const AXES = ['x', 'y', 'z'] as const;

export function bakeMotion(motion: Motion, rig: TargetRig, options: BakeOptions = {}): BakedMotion {
  const opts = { ...BAKE_DEFAULTS, ...options };
  const orders = new Map(rig.joints.map((j) => [j.name, j.rotationOrder]));
  const times = Float64Array.from({ length: motion.frameCount }, (_, f) => f / motion.frameRate);
  const channels: BakedChannel[] = [];
  let keysBefore = 0;
  let keysAfter = 0;
  const add = (
    bone: string,
    kind: BakedChannel['kind'],
    axis: number,
    values: Float64Array,
    tolerance: number,
  ) => {
    keysBefore += values.length;
    const keep = opts.reduce ? reduceKeys(times, values, { tolerance }) : null;
    const channel: BakedChannel = keep
      ? {
          bone,
          kind,
          axis: AXES[axis],
          times: Float64Array.from(keep, (i) => times[i]),
          values: Float64Array.from(keep, (i) => values[i]),
        }
      : { bone, kind, axis: AXES[axis], times: times.slice(), values };
    keysAfter += channel.values.length;
    channels.push(channel);
  };
  for (const track of motion.tracks) {
    const order = orders.get(track.joint) ?? 'XYZ';
    const euler = eulerTrack(track.rotations, order);
    for (let a = 0; a < 3; a++) add(track.joint, 'rotation', a, euler[a], opts.maxErrorDeg);
    if (track.translations) {
      for (let a = 0; a < 3; a++) {
        const values = Float64Array.from(
          { length: motion.frameCount },
          (_, f) => (track.translations as Float32Array)[f * 3 + a],
        );
        add(track.joint, 'translation', a, values, opts.maxErrorCm);
      }
    }
  }
  const rest = opts.onlyDriven ? [] : restChannels(rig, channels);
  channels.push(...rest);
  keysBefore += rest.length;
  keysAfter += rest.length;
  return {
    name: motion.name,
    frameRate: motion.frameRate,
    frameCount: motion.frameCount,
    channels,
    keysBefore,
    keysAfter,
    restChannels: rest.length,
  };
}

/** DAZ ticks (4800 per second) of a time in seconds. */
export function toTicks(seconds: number): number {
  return Math.round(seconds * 4800);
}
