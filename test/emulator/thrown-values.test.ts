/**
 * Whatever a script throws (or returns) comes back as the plugin's script error, and the main
 * thread keeps running: the globals a script left behind are still there on the next request.
 * The hostile values reach the host realm's Proxy and Symbol through `print.constructor`, as a
 * script can (vm is not a sandbox).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const BUDGET_MS = 500;

describe('thrown values of any kind', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ scriptTimeoutMs: BUDGET_MS });
  });
  afterAll(() => t.close());

  /** Run `script` after leaving a global behind; the global must survive the failure. */
  async function failWith(script: string): Promise<string> {
    const marker = Math.floor(Math.random() * 1e9);
    expect((await t.execute(`survivor = ${marker}; 1`)).success).toBe(true);
    const reply = await t.call('POST', '/execute', { json: { script } });
    expect(reply.status).toBe(200);
    const body = reply.json<{ success: boolean; result: unknown; error: string }>();
    expect(body.success).toBe(false);
    expect(body.result).toBeNull();
    expect((await t.execute('survivor')).result).toBe(marker);
    return body.error;
  }

  it('an object without a prototype reports the failed conversion, as QtScript does', async () => {
    expect(await failWith('var x = 1;\nthrow Object.create(null);')).toBe(
      'Line 2: TypeError: Cannot convert object to primitive value',
    );
    expect(await failWith('var a = {};\na.self = a; a.toString = undefined;\nthrow a;')).toBe(
      'Line 3: TypeError: Cannot convert object to primitive value',
    );
  });

  it('a toString that throws reports what it threw; when that will not print either, nothing', async () => {
    expect(await failWith('throw {toString: function(){ throw new Error("no text"); }};')).toBe(
      'Line 1: Error: no text',
    );
    expect(await failWith('\nthrow {toString: function(){ throw Object.create(null); }};')).toBe('Line 2: ');
  });

  it('getters that throw on message, name and stack do not take the thread down', async () => {
    const hostileGetters =
      'var bad = function(){ throw Object.create(null); };\n' +
      'var o = {}; Object.defineProperty(o, "message", {get: bad}); Object.defineProperty(o, "name", {get: bad});\n' +
      'throw o;';
    expect(await failWith(hostileGetters)).toBe('Line 3: [object Object]');
    const errorWithBadStack =
      'var e = new Error("boom");\n' +
      'Object.defineProperty(e, "stack", {get: function(){ throw Object.create(null); }});\n' +
      'throw e;';
    expect(await failWith(errorWithBadStack)).toBe('Line 3: Error: boom');
  });

  it('a Proxy whose every trap throws, and a Symbol', async () => {
    const proxy =
      'var P = print.constructor("return Proxy")();\n' +
      'var trap = function(){ throw Object.create(null); };\n' +
      'throw new P({}, {get: trap, has: trap, getPrototypeOf: trap, ownKeys: trap, getOwnPropertyDescriptor: trap});';
    expect(await failWith(proxy)).toBe('Line 3: ');
    expect(await failWith('var S = print.constructor("return Symbol")();\nthrow S("odd");')).toBe(
      'Line 2: Symbol(odd)',
    );
  });

  it('undefined, null and a 4 MB string', async () => {
    expect(await failWith('throw undefined;')).toBe('Line 1: undefined');
    expect(await failWith('\nthrow null;')).toBe('Line 2: null');
    const huge = await failWith('var s = "x";\nfor (var i = 0; i < 22; i++) s += s;\nthrow s;');
    expect(huge).toBe(`Line 3: ${'x'.repeat(2 ** 22)}`);
  });

  it('a toString that never returns is stopped by the time budget', async () => {
    const started = performance.now();
    const error = await failWith('var n = 0;\nthrow {toString: function(){ while (true) { n++; } }};');
    expect(error).toMatch(/^Line 2: Error: converting the thrown value to text did not finish within \d+ ms/);
    // The budget, not the host's watchdog (budget + 5 s, which restarts the thread).
    expect(performance.now() - started).toBeLessThan(BUDGET_MS + 2_000);
  });

  it('a result whose getter throws or never returns fails the script, not the thread', async () => {
    expect(await failWith('({ a: 1,\n get b(){ throw Object.create(null); } })')).toBe(
      'Line 2: TypeError: Cannot convert object to primitive value',
    );
    expect(await failWith('({ get forever(){ while (true) {} } })')).toMatch(
      /^Error: serializing the result did not finish within \d+ ms/,
    );
  });
});
