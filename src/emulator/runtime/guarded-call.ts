/**
 * Host code that touches script values can run script code: converting a thrown value to text
 * calls its `toString`, serializing a result calls its getters. Run outside `vm`, such code has
 * no time budget (a `while(true){}` in `toString` would hang the main thread until the host's
 * watchdog restarts it and the scene and the script globals are lost) and may throw values the
 * host cannot even print.
 *
 * A {@link GuardedCaller} runs such host code from inside the script context, through a hidden
 * global, so the `vm` timeout applies to everything it calls (V8 terminates any JavaScript of
 * the thread, host or script, when the budget runs out).
 */
import vm from 'node:vm';

/** Name of the hidden context function that calls the pending host task. */
const GUARD_HOOK = '__dazport_guarded__';

export type GuardedOutcome<T> =
  | { kind: 'returned'; value: T }
  | { kind: 'threw'; thrown: unknown }
  | { kind: 'timed-out' };

export class GuardedCaller {
  readonly #context: vm.Context;
  readonly #trampoline = new vm.Script(`${GUARD_HOOK}()`, { filename: 'dazport-guard' });
  #pending: (() => void) | null = null;

  constructor(context: vm.Context) {
    this.#context = context;
    Object.defineProperty(context, GUARD_HOOK, {
      value: () => this.#pending?.(),
      enumerable: false,
      writable: false,
      configurable: false,
    });
  }

  /**
   * Run `task` with at most `budgetMs` of wall-clock time. What the task throws is handed back
   * untouched (it may be any script value); a termination by the budget is told apart from a
   * throw by whether the task got to record its own end.
   */
  run<T>(task: () => T, budgetMs: number): GuardedOutcome<T> {
    let outcome: GuardedOutcome<T> = { kind: 'timed-out' };
    this.#pending = () => {
      try {
        outcome = { kind: 'returned', value: task() };
      } catch (thrown) {
        outcome = { kind: 'threw', thrown };
      }
    };
    try {
      this.#trampoline.runInContext(this.#context, {
        timeout: Math.max(1, Math.ceil(budgetMs)),
        breakOnSigint: false,
      });
    } catch {
      // Only the budget's termination gets here: the task catches everything else itself.
    } finally {
      this.#pending = null;
    }
    return outcome;
  }
}
