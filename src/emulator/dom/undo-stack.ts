/**
 * Undo as DAZ Studio scripts use it: `beginUndo()` opens a group, `acceptUndo(caption)` closes
 * it as one step, `cancelUndo()` reverts it, and the global `UndoStack` undoes and redoes steps.
 * A step records, for every property it touched, the property's curve as it was before.
 */
import type { KeyTrack } from './properties/key-track.js';

interface TrackSnapshot {
  staticValue: number;
  times: number[];
  values: number[];
  interps: number[];
}

interface Step {
  caption: string;
  before: Map<KeyTrack, TrackSnapshot>;
  after?: Map<KeyTrack, TrackSnapshot>;
}

function snapshot(track: KeyTrack): TrackSnapshot {
  return {
    staticValue: track.staticValue,
    times: [...track.times],
    values: [...track.values],
    interps: [...track.interps],
  };
}

function restore(track: KeyTrack, s: TrackSnapshot): void {
  track.staticValue = s.staticValue;
  track.times.splice(0, track.times.length, ...s.times);
  track.values.splice(0, track.values.length, ...s.values);
  track.interps.splice(0, track.interps.length, ...s.interps);
}

export class UndoRecorder {
  #open: Step | null = null;
  #depth = 0;
  readonly #done: Step[] = [];
  readonly #undone: Step[] = [];

  constructor(private readonly onRestore: () => void) {}

  /** Called by a property before it changes its curve. */
  willChange(track: KeyTrack): void {
    if (this.#open && !this.#open.before.has(track)) this.#open.before.set(track, snapshot(track));
  }

  begin(): void {
    if (this.#depth++ === 0) this.#open = { caption: '', before: new Map() };
  }

  accept(caption: string): void {
    if (this.#depth === 0) return;
    if (--this.#depth > 0) return;
    const step = this.#open as Step;
    this.#open = null;
    if (step.before.size === 0) return;
    step.caption = caption;
    this.#done.push(step);
    this.#undone.length = 0;
  }

  cancel(): void {
    if (this.#depth === 0) return;
    this.#depth = 0;
    const step = this.#open as Step;
    this.#open = null;
    for (const [track, s] of step.before) restore(track, s);
    this.onRestore();
  }

  /** Close the group without recording it (changes stay, not undoable). */
  drop(): void {
    this.#depth = 0;
    this.#open = null;
  }

  undo(): boolean {
    const step = this.#done.pop();
    if (!step) return false;
    step.after = new Map([...step.before.keys()].map((t) => [t, snapshot(t)]));
    for (const [track, s] of step.before) restore(track, s);
    this.#undone.push(step);
    this.onRestore();
    return true;
  }

  redo(): boolean {
    const step = this.#undone.pop();
    if (!step?.after) return false;
    for (const [track, s] of step.after) restore(track, s);
    this.#done.push(step);
    this.onRestore();
    return true;
  }

  canUndo(): boolean {
    return this.#done.length > 0;
  }

  canRedo(): boolean {
    return this.#undone.length > 0;
  }

  getUndoCaption(): string {
    return this.#done.at(-1)?.caption ?? '';
  }

  getRedoCaption(): string {
    return this.#undone.at(-1)?.caption ?? '';
  }
}
