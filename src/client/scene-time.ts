/**
 * Posing a scene at a frame of its timeline for a read, and giving the user their time back:
 * DAZ Studio evaluates every keyed value at the scene time (bones, morphs, node transforms), so
 * moving the time is what poses the figure exactly as DAZ would show it at that frame.
 */
import { DazportError } from '../errors.js';
import type { DazClient } from './dazscript-client.js';
import { SCENE_TIME } from './scripts/animation-scripts.js';

interface SceneTime {
  time: number;
  start: number;
  end: number;
  step: number;
}

/**
 * Move the scene to frame `frame` (frames counted from time 0, as DAZ's frame numbers are) and
 * return what puts the user's time back (call it when the read is over, failed or not). A
 * frame outside the animation range is DAZPORT_USAGE (DAZ would clamp it silently).
 */
export async function moveToFrame(
  client: DazClient,
  frame: number,
  option = '--frame',
): Promise<() => Promise<void>> {
  const info = (await client.run<SceneTime>(SCENE_TIME, {})).result;
  const first = Math.ceil(info.start / info.step);
  const last = Math.floor(info.end / info.step);
  if (!Number.isInteger(frame) || frame < first || frame > last)
    throw new DazportError(
      'DAZPORT_USAGE',
      `${option} ${frame}: the scene's animation range is frames ${first} to ${last}`,
      { context: { frame, first, last, fps: 4800 / info.step } },
    );
  await client.run(SCENE_TIME, { time: frame * info.step });
  return async () => {
    await client.run(SCENE_TIME, { time: info.time });
  };
}
