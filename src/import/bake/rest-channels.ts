/**
 * Rest keys for the channels a motion does not drive, so that a preset or a live write fully
 * defines the pose: without them, a figure posed before loading keeps its old pose on every bone
 * the clip does not map (on Genesis 9, 101 of 143 bones for the CMU walk), and the result depends
 * on what the figure was doing before.
 *
 * One key at time 0 per channel is enough: a float channel with a single key holds that value
 * over the whole timeline (DSON "constant channel = one key [[0, v]]"; DAZ Studio's own pose
 * presets list every bone channel this way, zeros included; see
 * shared/reference/materials-lights-presets.md §1.3). Rest is 0 on every channel: rotations are
 * relative to the bone's rest orientation and translations are offsets from its rest position.
 * The figure node itself is not keyed, so the figure stays where the user placed it.
 */
import type { TargetRig } from '../retarget/target-rig.js';
import type { BakedChannel } from './bake-motion.js';

const KINDS: readonly BakedChannel['kind'][] = ['rotation', 'translation'];
const AXES: readonly BakedChannel['axis'][] = ['x', 'y', 'z'];

/**
 * A one-key rest channel (value 0 at time 0) for every rotate and translate axis of every bone
 * of `rig` that `driven` has no channel for, in rig order (parents first), x, y, z.
 */
export function restChannels(rig: TargetRig, driven: readonly BakedChannel[]): BakedChannel[] {
  const keyed = new Set(driven.map((c) => channelKey(c.bone, c.kind, c.axis)));
  const rest: BakedChannel[] = [];
  for (const joint of rig.joints) {
    for (const kind of KINDS) {
      for (const axis of AXES) {
        if (keyed.has(channelKey(joint.name, kind, axis))) continue;
        rest.push({ bone: joint.name, kind, axis, times: new Float64Array(1), values: new Float64Array(1) });
      }
    }
  }
  return rest;
}

function channelKey(bone: string, kind: BakedChannel['kind'], axis: BakedChannel['axis']): string {
  return `${bone}\u0000${kind}\u0000${axis}`;
}
