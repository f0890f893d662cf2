/**
 * Scene events as the plugin's SceneEventBroker writes them on `GET /scene/events`: bare
 * `data: {"type":…,"ts":<epoch ms>,"data":{…}}` frames (no `event:` field), each in one of eight
 * categories that `?filter=` selects.
 *
 * The main-thread worker formats the frames itself and hands the HTTP thread a batch of text: a
 * string crosses threads some fifty times faster than the objects it is made from, and an
 * event storm (200,000 events from a `Scene.setTime` loop) spent over a second of the HTTP
 * thread just decoding event objects, while `/status` waited.
 */
import type { SceneEvent } from './worker-protocol.js';

export const EVENT_CATEGORIES = [
  'node',
  'skeleton',
  'light',
  'camera',
  'selection',
  'scene',
  'time',
  'render',
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** The category an event type belongs to (`time.changed` and `playback.*` are `time`). */
export function categoryOf(type: string): EventCategory | undefined {
  const prefix = type.split('.')[0];
  if (prefix === 'playback') return 'time';
  return (EVENT_CATEGORIES as readonly string[]).includes(prefix) ? (prefix as EventCategory) : undefined;
}

/** One event's SSE frame; `ts` is when the scene emitted it. */
export function sceneEventFrame(event: SceneEvent, ts: number): string {
  return `data: {"type":${JSON.stringify(event.type)},"ts":${ts},"data":${JSON.stringify(event.data)}}\n\n`;
}

/** Consecutive frames, ready to write, with what a subscriber's filter needs to pick some. */
export interface FrameBatch {
  /** The frames back to back. */
  text: string;
  /** Per frame, the index of its category in {@link EVENT_CATEGORIES}. */
  categories: Uint8Array;
  /** Per frame, its length in `text` (UTF-16 code units). */
  lengths: Uint32Array;
}
