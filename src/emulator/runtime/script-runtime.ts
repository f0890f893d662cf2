/**
 * The DazScript interpreter of the emulator: one persistent `node:vm` context, like the plugin's
 * one reused `DzScript` interpreter (globals a script leaves behind are seen by the next one, as
 * in DAZ Studio: wrap scripts in an IIFE). Each run gets its own `print` capture, `getArguments`,
 * `getScriptFileName` and time budget.
 *
 * `vm` is not a security boundary: a hostile script can reach the host. The emulator is a test
 * double for trusted clients on loopback, not a sandbox (README, "Security").
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import vm from 'node:vm';
import { describeThrown, ThrowLog, withLine } from './describe-thrown.js';
import { instrumentThrows, parseEs5, THROW_HOOK } from './es5-check.js';
import { REMOVE_POST_ES5_BUILTINS } from './es5-globals.js';
import { GuardedCaller } from './guarded-call.js';
import { type JsonDialect, quoteString, toServerJson } from './json-builder.js';

export interface ScriptJob {
  /** Inline source, or the text of `scriptFile` already read by the server. */
  source: string;
  /** Absolute path when the script came from a file (for `getScriptFileName` and `include`). */
  scriptFile?: string;
  /** `getArguments()[0]`; always an object. */
  args: Record<string, unknown>;
  /** Wall-clock budget; the emulator's own guard (DAZ Studio has none). */
  timeoutMs: number;
  maxOutputLines: number;
  /** JSON writer for the result: `builder` (sync responses) or `std` (async results). */
  dialect: JsonDialect;
}

export interface ScriptOutcome {
  success: boolean;
  /** The completion value as server JSON text (DS4 `JsonBuilder` rules); "null" on failure. */
  resultJson: string;
  /** Captured `print()` lines, one per call. */
  output: string[];
  /** `Line N: Type: message`, or null. */
  error: string | null;
}

/** Script-visible globals the DOM provides (Scene, App, Dz* classes ...). */
export type GlobalBindings = Record<string, unknown>;

/** What the DOM needs from the script realm: its own arrays and error types. */
export interface ScriptRealm {
  /** Evaluate an expression in the script realm, e.g. `'[]'` or `'TypeError'`. */
  evaluate<T>(source: string): T;
}

interface RunState {
  output: string[];
  maxOutputLines: number;
  args: unknown;
  scriptFile: string;
  throws: ThrowLog;
  /** performance.now() when the script started, for what is left of its budget. */
  startedAt: number;
}

const SCRIPT_NAME = 'dazscript';

/**
 * Least time given to describing a thrown value or serializing a result, even when the script
 * used up its own budget. Far below the host's watchdog grace, so a hostile `toString` costs a
 * failed request, never a restarted main thread.
 */
const MIN_AFTERWORK_BUDGET_MS = 250;

/** Busy state the plugin reports as 503 STUDIO_BUSY while a foreground progress dialog is up. */
export type BusyListener = (reason: string | null) => void;

const PROGRESS_BUSY_REASON = 'DAZ Studio is showing a progress dialog for a foreground operation';

export class ScriptRuntime {
  readonly #context: vm.Context;
  readonly #guard: GuardedCaller;
  #state: RunState | null = null;
  #progressDepth = 0;
  #onBusy: BusyListener = () => {};
  #onPrint: (line: string) => void = () => {};
  #onBlock: () => void = () => {};

  /** Called when a script opens the first or closes the last progress dialog. */
  set onBusy(listener: BusyListener) {
    this.#onBusy = listener;
  }

  /** Called with each line a script prints, as it prints it (the plugin watches for frame markers). */
  set onPrint(listener: (line: string) => void) {
    this.#onPrint = listener;
  }

  /** Called before the script holds the thread without running (sleep). */
  set onBlock(listener: () => void) {
    this.#onBlock = listener;
  }

  /** `bindings` receives the script realm, so DOM methods can return realm-native arrays. */
  constructor(bindings: (realm: ScriptRealm) => GlobalBindings = () => ({})) {
    this.#context = vm.createContext(
      {},
      { name: 'DazScript', codeGeneration: { strings: true, wasm: false } },
    );
    vm.runInContext(REMOVE_POST_ES5_BUILTINS, this.#context);
    this.#guard = new GuardedCaller(this.#context);
    this.#installGlobals(bindings({ evaluate: (source) => this.evaluateInRealm(source) }));
  }

  /** Evaluate source in the script realm (for building realm-native arrays and errors). */
  evaluateInRealm<T>(source: string): T {
    return vm.runInContext(source, this.#context) as T;
  }

  #installGlobals(bindings: GlobalBindings): void {
    const g = this.#context as Record<string, unknown>;
    const hidden = (name: string, value: unknown) =>
      Object.defineProperty(g, name, { value, enumerable: false, writable: false, configurable: false });

    hidden('print', (...values: unknown[]) => {
      const st = this.#state;
      if (!st) return;
      const line = values.map(String).join(' ');
      this.#onPrint(line);
      // DS4 keeps the first N lines, then one warning line, then drops the rest silently.
      if (st.output.length < st.maxOutputLines) st.output.push(line);
      else if (st.output.length === st.maxOutputLines)
        st.output.push(`[WARNING] Output truncated: maximum ${st.maxOutputLines} lines captured`);
    });
    hidden('getArguments', () => {
      const realmArray = this.evaluateInRealm<unknown[]>('[]');
      realmArray.push(this.#state?.args ?? {});
      return realmArray;
    });
    hidden('getScriptFileName', () => this.#state?.scriptFile ?? '');
    hidden('include', (path: unknown) => this.#include(String(path)));
    // DAZ Script's global sleep(msecs): the script's thread (DAZ Studio's main thread) is held
    // and the server answers nothing else meanwhile, as a long computation would, but without
    // burning a core. Atomics.wait is woken by the time budget's termination like any script code.
    // Events the script made before it sleeps go out first: they would otherwise wait in their
    // batch (event-batcher.ts) until the script ends.
    hidden('sleep', (ms: unknown) => {
      this.#onBlock();
      blockFor(Number(ms));
    });
    // DzProgress as the global progress functions: while one is open, DAZ Studio is "busy" and
    // the plugin answers new executes with 503 STUDIO_BUSY. Progress dialogs die with the script.
    hidden('startProgress', () => this.#openProgress());
    hidden('stepProgress', () => undefined);
    hidden('updateProgress', () => undefined);
    hidden('progressIsCancelled', () => false);
    hidden('finishProgress', () => this.#closeProgress());
    hidden(THROW_HOOK, (value: unknown, line: number) => {
      this.#state?.throws.note(value, line);
      return value;
    });
    for (const [name, value] of Object.entries(bindings)) hidden(name, value);
  }

  #openProgress(): void {
    if (this.#progressDepth++ === 0) this.#onBusy(PROGRESS_BUSY_REASON);
  }

  #closeProgress(): void {
    if (this.#progressDepth === 0) return;
    if (--this.#progressDepth === 0) this.#onBusy(null);
  }

  #include(path: string): void {
    if (!isAbsolute(path) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      throw new (this.evaluateInRealm<ErrorConstructor>('Error'))(`include: cannot open file '${path}'`);
    }
    const source = readFileSync(path, 'utf8');
    const parsed = parseEs5(source);
    if (!parsed.ok) {
      const SyntaxErr = this.evaluateInRealm<SyntaxErrorConstructor>('SyntaxError');
      throw new SyntaxErr(`${parsed.problem.message} (in ${path}, line ${parsed.problem.line})`);
    }
    vm.runInContext(instrumentThrows(source, parsed.program), this.#context, { filename: path });
  }

  run(job: ScriptJob): ScriptOutcome {
    const parsed = parseEs5(job.source);
    if (!parsed.ok) {
      return failure([], `Line ${parsed.problem.line}: SyntaxError: ${parsed.problem.message}`);
    }
    const state: RunState = {
      output: [],
      maxOutputLines: job.maxOutputLines,
      args: this.#toRealmValue(job.args),
      scriptFile: job.scriptFile ?? '',
      throws: new ThrowLog(),
      startedAt: performance.now(),
    };
    this.#state = state;
    try {
      return this.#runParsed(instrumentThrows(job.source, parsed.program), state, job);
    } finally {
      this.#state = null;
      if (this.#progressDepth > 0) {
        this.#progressDepth = 0;
        this.#onBusy(null);
      }
    }
  }

  /**
   * Run, then serialize the result or describe what was thrown. The last two run script code too
   * (getters, `toString`), so they run under what is left of the budget and cannot throw.
   */
  #runParsed(source: string, state: RunState, job: ScriptJob): ScriptOutcome {
    let value: unknown;
    try {
      const script = new vm.Script(source, { filename: job.scriptFile ?? SCRIPT_NAME });
      value = script.runInContext(this.#context, { timeout: job.timeoutMs, breakOnSigint: false });
    } catch (err) {
      return failure(state.output, this.#describeError(err, state, job));
    }
    const budget = remainingBudget(state, job);
    const serialized = this.#guard.run(() => toServerJson(value, job.dialect), budget);
    switch (serialized.kind) {
      case 'returned':
        return { success: true, resultJson: serialized.value, output: state.output, error: null };
      case 'threw':
        return failure(state.output, this.#describeError(serialized.thrown, state, job));
      case 'timed-out':
        return failure(
          state.output,
          `Error: serializing the result did not finish within ${budget} ms (emulator time budget; DAZ Studio would hang)`,
        );
    }
  }

  /** Re-create args inside the script realm, as the plugin serializes them to a JS literal. */
  #toRealmValue(args: Record<string, unknown>): unknown {
    const parseInRealm = this.evaluateInRealm<(text: string) => unknown>('JSON.parse');
    return parseInRealm(JSON.stringify(args));
  }

  /** `Line N: message` for any thrown value; a value that will not become text still gets one. */
  #describeError(thrown: unknown, state: RunState, job: ScriptJob): string {
    const budget = remainingBudget(state, job);
    const where = {
      throws: state.throws,
      filename: job.scriptFile ?? SCRIPT_NAME,
      timeoutMs: job.timeoutMs,
    };
    const described = this.#guard.run(() => describeThrown(thrown, where), budget);
    if (described.kind === 'returned') return described.value;
    const line = state.throws.lineOf(thrown);
    const why =
      described.kind === 'timed-out'
        ? `did not finish within ${budget} ms (emulator time budget; DAZ Studio would hang)`
        : 'failed';
    return withLine(line, `Error: converting the thrown value to text ${why}`);
  }
}

function failure(output: string[], error: string): ScriptOutcome {
  return { success: false, resultJson: 'null', output, error };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Hold this thread for `ms` milliseconds (nothing for NaN, zero or less). */
function blockFor(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/** What is left of the script's budget, never less than {@link MIN_AFTERWORK_BUDGET_MS}. */
function remainingBudget(state: RunState, job: ScriptJob): number {
  const left = job.timeoutMs - (performance.now() - state.startedAt);
  return Math.max(MIN_AFTERWORK_BUDGET_MS, Math.round(left));
}

/** The `output` array as JsonBuilder writes it (same escaping quirks as results). */
export function outputJson(lines: string[]): string {
  return `[${lines.map(quoteString).join(',')}]`;
}
