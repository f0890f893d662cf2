/**
 * Scene events leave the main-thread worker as batches of ready SSE frames. One message per
 * event object made a script that emits 200,000 events (a `Scene.setTime` loop) post 200,000
 * messages, which the HTTP thread then decoded in one long run while `/status` waited.
 *
 * An event after a quiet spell goes out at once, as before; events that follow within
 * {@link BATCH_WINDOW_MS} of the last send wait for the batch to fill or the window to pass, or
 * for the script to end (the worker flushes before it reports a script done), for the script to
 * sleep, or for a render to start (both hold the thread: they flush first). So a burst's last few
 * milliseconds of events may arrive when the script that made them finishes. Events made
 * between scripts (timeline playback) are flushed by a timer once the window has passed, as no
 * script end would come to send them.
 */
import { categoryOf, EVENT_CATEGORIES, type FrameBatch, sceneEventFrame } from './scene-event-frames.js';
import type { SceneEvent } from './worker-protocol.js';

const BATCH_WINDOW_MS = 10;
const MAX_BATCH_EVENTS = 1_000;

export class EventBatcher {
  readonly #send: (batch: FrameBatch) => void;
  #frames: string[] = [];
  #categories: number[] = [];
  #lastSendAt = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(send: (batch: FrameBatch) => void) {
    this.#send = send;
  }

  /** Events of no known category are not published (the plugin's broker has no such events). */
  add(event: SceneEvent): void {
    const category = categoryOf(event.type);
    if (!category) return;
    this.#frames.push(sceneEventFrame(event, Date.now()));
    this.#categories.push(EVENT_CATEGORIES.indexOf(category));
    const sinceLastSend = performance.now() - this.#lastSendAt;
    if (sinceLastSend >= BATCH_WINDOW_MS || this.#frames.length >= MAX_BATCH_EVENTS) this.flush();
    else if (!this.#timer) {
      // Fires only between scripts (a running script holds the thread), after the window.
      this.#timer = setTimeout(() => this.flush(), BATCH_WINDOW_MS);
      this.#timer.unref?.();
    }
  }

  /** Send what is waiting (before any message that must not overtake the events). */
  flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#frames.length === 0) return;
    const frames = this.#frames;
    const batch: FrameBatch = {
      text: frames.join(''),
      categories: Uint8Array.from(this.#categories),
      lengths: Uint32Array.from(frames, (frame) => frame.length),
    };
    this.#frames = [];
    this.#categories = [];
    this.#lastSendAt = performance.now();
    this.#send(batch);
  }
}
