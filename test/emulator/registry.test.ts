import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

describe('script registry', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.close());

  const SCRIPT = "var a = getArguments()[0]; 'hello ' + a.name;";

  it('registers, reports an update on overwrite, lists by name, runs with args', async () => {
    const first = await t.call('POST', '/scripts/register', {
      json: { name: 'greet', script: SCRIPT, description: '  says hello  ' },
    });
    expect(first.status).toBe(200);
    expect(first.text).toMatch(
      /^\{"success":true,"id":"greet","registered_at":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d","updated":false\}$/,
    );
    const again = await t.call('POST', '/scripts/register', {
      json: { name: 'greet', script: SCRIPT, description: 'says hello' },
    });
    expect(again.json()).toMatchObject({ success: true, id: 'greet', updated: true });
    await t.call('POST', '/scripts/register', { json: { name: 'a-first', script: '1' } });

    const list = (await t.call('GET', '/scripts')).json<{
      scripts: { name: string; description: string }[];
      count: number;
    }>();
    expect(list.count).toBe(list.scripts.length);
    expect(list.scripts.map((s) => s.name)).toEqual([...list.scripts.map((s) => s.name)].sort());
    expect(list.scripts.find((s) => s.name === 'greet')).toMatchObject({
      name: 'greet',
      description: 'says hello',
    });

    const run = await t.call('POST', '/scripts/greet/execute', { json: { args: { name: 'world' } } });
    expect(run.status).toBe(200);
    expect(run.json()).toMatchObject({ success: true, result: 'hello world', error: null });
    expect(run.json<{ request_id: string }>().request_id).toMatch(/^[0-9a-f]{8}$/);
  });

  it('runs with no args when the body is empty or not JSON (the plugin ignores it)', async () => {
    await t.call('POST', '/scripts/register', {
      json: { name: 'argtype', script: 'JSON.stringify(getArguments()[0])' },
    });
    expect((await t.call('POST', '/scripts/argtype/execute', { body: '' })).json().result).toBe('{}');
    expect((await t.call('POST', '/scripts/argtype/execute', { body: '{garbage' })).json().result).toBe('{}');
  });

  it('answers unknown ids with 404 SCRIPT_NOT_FOUND on execute and async, and the old body on delete', async () => {
    const exec = await t.call('POST', '/scripts/missing-one/execute', { json: {} });
    expect(exec.status).toBe(404);
    expect(exec.json()).toEqual({
      success: false,
      error_code: 'SCRIPT_NOT_FOUND',
      error: 'Script not found in registry',
      detail: 'missing-one',
    });
    const async = await t.call('POST', '/scripts/missing-one/async', { json: {} });
    expect(async.status).toBe(404);
    expect(async.json()).toMatchObject({ error_code: 'SCRIPT_NOT_FOUND', detail: 'missing-one' });
    const del = await t.call('DELETE', '/scripts/missing-one');
    expect(del.status).toBe(404);
    expect(del.text).toBe('{"success":false,"error":"Script not found: \'missing-one\'"}');
  });

  it('deletes, after which execute is 404', async () => {
    await t.call('POST', '/scripts/register', { json: { name: 'temp_1', script: '1' } });
    const del = await t.call('DELETE', '/scripts/temp_1');
    expect(del.status).toBe(200);
    expect(del.text).toBe('{"success":true,"id":"temp_1"}');
    expect((await t.call('POST', '/scripts/temp_1/execute', { json: {} })).status).toBe(404);
  });

  it('validates name and script with the plugin messages', async () => {
    const cases: [unknown, string, string][] = [
      [{ name: '', script: '1' }, 'MISSING_FIELD', "Field 'name' is required"],
      [{ script: '1' }, 'MISSING_FIELD', "Field 'name' is required"],
      [
        { name: 'has space', script: '1' },
        'INVALID_FIELD',
        "Field 'name' must be 1-64 characters: letters, digits, hyphens, underscores only",
      ],
      [
        { name: 'x'.repeat(65), script: '1' },
        'INVALID_FIELD',
        "Field 'name' must be 1-64 characters: letters, digits, hyphens, underscores only",
      ],
      [
        { name: 'ünïcode', script: '1' },
        'INVALID_FIELD',
        "Field 'name' must be 1-64 characters: letters, digits, hyphens, underscores only",
      ],
      [{ name: 'ok', script: '   ' }, 'MISSING_FIELD', "Field 'script' is required"],
      [{ name: 'ok' }, 'MISSING_FIELD', "Field 'script' is required"],
    ];
    for (const [json, code, detail] of cases) {
      const r = await t.call('POST', '/scripts/register', { json });
      expect(r.status, JSON.stringify(json)).toBe(400);
      expect(r.json()).toMatchObject({ success: false, error_code: code, detail });
    }
    expect(
      (await t.call('POST', '/scripts/register', { json: { name: 'x'.repeat(64), script: '1' } })).status,
    ).toBe(200);
    const bad = await t.call('POST', '/scripts/register', { body: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({
      success: false,
      error_code: 'INVALID_JSON',
      error: 'Invalid JSON in request body',
    });
  });

  it('requires the token on every registry route', async () => {
    expect(
      (await t.call('POST', '/scripts/register', { json: { name: 'n', script: '1' }, token: null })).status,
    ).toBe(401);
    expect((await t.call('GET', '/scripts', { token: null })).status).toBe(401);
    expect((await t.call('DELETE', '/scripts/greet', { token: null })).status).toBe(401);
  });

  it('is forgotten when the emulator restarts (clients must re-register on 404)', async () => {
    const other = await startTestEmulator();
    try {
      await other.call('POST', '/scripts/register', { json: { name: 'kept', script: '1' } });
      expect((await other.call('POST', '/scripts/kept/execute', { json: {} })).status).toBe(200);
    } finally {
      await other.close();
    }
    const fresh = await startTestEmulator();
    try {
      expect((await fresh.call('POST', '/scripts/kept/execute', { json: {} })).status).toBe(404);
    } finally {
      await fresh.close();
    }
  });
});
