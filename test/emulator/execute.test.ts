import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

describe('POST /execute', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ maxOutputLines: 5, maxScriptKB: 1, scriptTimeoutMs: 400 });
  });
  afterAll(() => t.close());

  it('returns the completion value with the plugin keys in order and an 8-hex request id', async () => {
    const r = await t.call('POST', '/execute', { json: { script: '(function(){ return 42; })()' } });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(
      /^\{"success":true,"result":42,"output":\[\],"error":null,"request_id":"[0-9a-f]{8}"\}$/,
    );
  });

  it('uses the value of the last statement (no top-level return needed)', async () => {
    expect((await t.execute('var a = 6; a * 7;')).result).toBe(42);
    expect((await t.execute("'hello'")).result).toBe('hello');
    expect((await t.execute('false')).result).toBe(false);
    expect((await t.execute('undefined')).result).toBeNull();
  });

  it('captures print() lines in order, one per call, arguments joined by spaces', async () => {
    const body = await t.execute("print('first'); print('a', 1, true); print('tab:\\there'); 7");
    expect(body.output).toEqual(['first', 'a 1 true', 'tab:\there']);
    expect(body.result).toBe(7);
  });

  it('keeps output on failure and stops capturing at the line limit with one warning line', async () => {
    const failing = await t.execute("print('before'); throw new Error('boom');");
    expect(failing).toMatchObject({ success: false, result: null, output: ['before'] });
    const many = await t.execute('for (var i = 0; i < 20; i++) print(i); 1');
    expect(many.output).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '[WARNING] Output truncated: maximum 5 lines captured',
    ]);
  });

  it('passes args as getArguments()[0], always an object', async () => {
    expect((await t.execute('getArguments()[0].greeting', { greeting: 'hi' })).result).toBe('hi');
    expect((await t.execute('getArguments()[0].a.b.c.d', { a: { b: { c: { d: 99 } } } })).result).toBe(99);
    expect((await t.execute('typeof getArguments()[0]')).result).toBe('object');
    const notAnObject = await t.call('POST', '/execute', {
      json: { script: 'JSON.stringify(getArguments())', args: [1, 2] },
    });
    expect(notAnObject.json().result).toBe('[{}]');
    expect((await t.execute('getArguments()[0] instanceof Object', { x: 1 })).result).toBe(true);
  });

  it('reports errors as HTTP 200, success false, "Line N: Type: message"', async () => {
    const runtime = await t.call('POST', '/execute', {
      json: { script: 'var a = 1;\nvar b = 2;\nundefined_var.badCall();' },
    });
    expect(runtime.status).toBe(200);
    expect(runtime.json()).toMatchObject({
      success: false,
      result: null,
      error: 'Line 3: ReferenceError: undefined_var is not defined',
    });
    expect((await t.execute('(function(){\n\n  throw new Error("boom");\n})()')).error).toBe(
      'Line 3: Error: boom',
    );
    expect((await t.execute('var x = 1;\nthrow "Node not found: Genesis 9";')).error).toBe(
      'Line 2: Node not found: Genesis 9',
    );
    expect((await t.execute('(function(){\n  null.foo();\n})()')).error).toMatch(/^Line 2: TypeError: /);
  });

  it('rejects what the ES5 engine of DAZ Studio rejects, as a SyntaxError with its line', async () => {
    const cases: [string, number][] = [
      ['(function(){ var x = {bad syntax; })()', 1],
      ['var ok = 1;\nlet x = 2;', 2],
      ['var f = () => 1;', 1],
      ['var s = `template`;', 1],
      ['class A {}', 1],
      ['return 5;', 1],
      ['var a = 1;\n\nfor (const k of [1]) {}', 3],
    ];
    for (const [script, line] of cases) {
      const body = await t.execute(script);
      expect(body.success, script).toBe(false);
      expect(body.error, script).toMatch(new RegExp(`^Line ${line}: SyntaxError: `));
    }
  });

  it('lacks the built-ins that QtScript lacks', async () => {
    expect((await t.execute('typeof Promise')).result).toBe('undefined');
    expect((await t.execute('typeof Map')).result).toBe('undefined');
    expect((await t.execute('[1,2].includes(1)')).error).toBe(
      'Line 1: TypeError: [1,2].includes is not a function',
    );
    expect((await t.execute('typeof Object.assign')).result).toBe('undefined');
    // ES5 built-ins are all there.
    expect((await t.execute('[3,1,2].map(function(x){return x*2;}).join(",")')).result).toBe('6,2,4');
    expect((await t.execute('JSON.stringify(Object.keys({a:1,b:2}))')).result).toBe('["a","b"]');
  });

  it('serializes results like the DS4 JsonBuilder: sorted keys, %.15g numbers, nan, raw control characters', async () => {
    const r = await t.call('POST', '/execute', {
      json: {
        script: '({ zeta: 1, alpha: [0.1 + 0.2, 1/3, 1e21, 1e-7, -0.5], mid: { b: null, a: undefined } })',
      },
    });
    expect(r.text).toContain(
      '"result":{"alpha":[0.3,0.333333333333333,1e+21,1e-07,-0.5],"mid":{"a":null,"b":null},"zeta":1}',
    );
    const quirks = await t.call('POST', '/execute', {
      json: { script: '[NaN, Infinity, -Infinity, "a\\u0001b"]' },
    });
    expect(quirks.text).toContain('"result":[nan,inf,-inf,"a\u0001b"]');
  });

  it('turns scene objects into strings, as the plugin does with QObjects', async () => {
    const body = await t.execute('[Scene.getNode(0), Scene.getNode(0).getLabel()]');
    expect(body.result).toEqual(['', 'Genesis 9']);
  });

  it('keeps one interpreter: globals survive between requests, as in DAZ Studio', async () => {
    await t.execute('var leftBehind = 123;');
    expect((await t.execute('leftBehind')).result).toBe(123);
  });

  it('stops a runaway script at the time budget and stays usable', async () => {
    const started = Date.now();
    const body = await t.execute('while (true) {}');
    expect(body.success).toBe(false);
    expect(body.error).toMatch(/script stopped after 400 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await t.execute('1 + 1')).result).toBe(2);
  });

  it("sleeps as DAZ Script's sleep(msecs) does: the script waits, then goes on", async () => {
    const body = await t.execute('var t0 = new Date().getTime(); sleep(150); new Date().getTime() - t0');
    expect(body.success).toBe(true);
    expect(body.result).toBeGreaterThanOrEqual(145);
    expect((await t.execute('sleep(0); sleep(-5); sleep("x"); 7')).result).toBe(7);
  });

  it('stops a script sleeping past the time budget, like a runaway one', async () => {
    const started = Date.now();
    const body = await t.execute('sleep(60000); 1');
    expect(body.success).toBe(false);
    expect(body.error).toMatch(/script stopped after 400 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await t.execute('1 + 1')).result).toBe(2);
  });

  it('validates the body: bad JSON, not an object, missing script, script too long', async () => {
    const badJson = await t.call('POST', '/execute', { body: '{not valid json' });
    expect(badJson.status).toBe(400);
    expect(badJson.json()).toMatchObject({
      success: false,
      error_code: 'INVALID_JSON',
      error: 'Invalid JSON in request body',
    });
    expect(badJson.json<{ detail: string }>().detail).toMatch(/^line 1: SyntaxError: /);

    const notObject = await t.call('POST', '/execute', { body: '[1,2]' });
    expect(notObject.json()).toMatchObject({ error_code: 'INVALID_JSON', detail: 'expected a JSON object' });

    const empty = await t.call('POST', '/execute', { body: '' });
    expect(empty.status).toBe(400);

    const missing = await t.call('POST', '/execute', { json: {} });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({
      success: false,
      error_code: 'MISSING_FIELD',
      error: 'A required field is missing from the request',
      detail: "Request must include either 'script' (inline code) or 'scriptFile' (absolute path)",
    });

    const long = await t.call('POST', '/execute', { json: { script: `${'x'.repeat(1100)};` } });
    expect(long.status).toBe(400);
    expect(long.json()).toMatchObject({
      error_code: 'SCRIPT_TOO_LARGE',
      detail: 'Script is 1101 bytes; maximum is 1 KB (1024 bytes)',
    });
  });

  it('runs scriptFile (which wins over script), with getScriptFileName and include', async () => {
    const dir = join(t.home, 'scripts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'utils.dsa'), 'function double(x) { return x * 2; }\n');
    const main = join(dir, 'main.dsa');
    writeFileSync(
      main,
      'include(getScriptFileName().replace(/main\\.dsa$/, "utils.dsa"));\n(function(){ return [double(getArguments()[0].v), getScriptFileName()]; })()\n',
    );
    const body = (
      await t.call('POST', '/execute', { json: { scriptFile: main, script: 'ignored()', args: { v: 21 } } })
    ).json();
    expect(body).toMatchObject({ success: true, result: [42, main] });
    expect((await t.execute('getScriptFileName()')).result).toBe('');
  });

  it('refuses relative, missing and directory script files with the plugin codes', async () => {
    const relative = await t.call('POST', '/execute', { json: { scriptFile: 'scripts/main.dsa' } });
    expect(relative.json()).toMatchObject({ error_code: 'SCRIPT_FILE_NOT_ABSOLUTE' });
    expect(relative.status).toBe(400);
    const missingPath = join(t.home, 'nope.dsa');
    const missing = await t.call('POST', '/execute', { json: { scriptFile: missingPath } });
    expect(missing.json()).toMatchObject({ error_code: 'SCRIPT_FILE_NOT_FOUND', detail: missingPath });
    const directory = await t.call('POST', '/execute', { json: { scriptFile: t.home } });
    expect(directory.json()).toMatchObject({ error_code: 'SCRIPT_FILE_NOT_FILE', detail: t.home });
  });
});
