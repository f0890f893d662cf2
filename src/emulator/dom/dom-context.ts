/**
 * What every emulated DAZ object can reach: the script realm (to hand scripts realm-native
 * arrays and errors), the scene clock (properties evaluate at the current time) and the scene
 * event sink (mutations publish SSE events). One per emulated scene.
 */
import type { ScriptRealm } from '../runtime/script-runtime.js';
import type { SceneEvent } from '../runtime/worker-protocol.js';
import { UndoRecorder } from './undo-stack.js';

export interface SceneClock {
  /** Current scene time in ticks (4800 per second). */
  now(): number;
}

export class DomContext {
  #nextElementId = 1;
  /** Bumped on any change that moves geometry (a property value, a key, a node move). */
  revision = 0;
  /**
   * Bumped on edits that move nothing but are saved with the scene (a label, visibility, a node
   * added or removed, the timeline's ranges). With {@link revision}, what `Scene.needsSave()` compares.
   */
  edits = 0;
  /** Undo groups and the undo stack; restoring bumps the revision. */
  readonly undo = new UndoRecorder(() => {
    this.revision++;
  });

  constructor(
    readonly realm: ScriptRealm,
    readonly clock: SceneClock,
    readonly emit: (event: SceneEvent) => void,
  ) {}

  nextElementId(): number {
    return this.#nextElementId++;
  }

  /** A script-realm array holding `items` (so `instanceof Array` and ES5 methods behave in scripts). */
  array<T>(items: Iterable<T>): T[] {
    const list = this.realm.evaluate<T[]>('[]');
    for (const item of items) list.push(item);
    return list;
  }

  /** A script-realm TypeError, as DAZ Studio throws for bad arguments. */
  typeError(message: string): Error {
    const TypeErr = this.realm.evaluate<ErrorConstructor>('TypeError');
    return new TypeErr(message);
  }

  error(message: string): Error {
    const Err = this.realm.evaluate<ErrorConstructor>('Error');
    return new Err(message);
  }
}

/** Ticks per second of DAZ time. */
export const TICKS_PER_SECOND = 4800;
