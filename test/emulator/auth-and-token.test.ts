import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  realDazTokenPath,
  requestToken,
  tokensMatch,
  writeTokenFile,
} from '../../src/emulator/server/token.js';
import { startEmulator } from '../../src/emulator/start-emulator.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

describe('token file', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'dazport-token-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('writes 32 lowercase hex characters (128 bits) with mode 600, fresh each time', () => {
    const path = join(home, 'sub', 'token.txt');
    const first = writeTokenFile(path, home);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(readFileSync(path, 'utf8')).toBe(`${first}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = writeTokenFile(path, home);
    expect(second).not.toBe(first);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("never overwrites DAZ Studio's own token file", () => {
    const real = realDazTokenPath(home);
    mkdirSync(join(home, '.daz3d'), { recursive: true });
    writeFileSync(real, 'a'.repeat(32));
    expect(() => writeTokenFile(real, home)).toThrowError(
      expect.objectContaining({ code: 'DAZPORT_TOKEN_FILE_PROTECTED' }),
    );
    expect(readFileSync(real, 'utf8')).toBe('a'.repeat(32));
  });

  it('defaults to its own file beside the real one, and refuses the real path at start', async () => {
    const emulator = await startEmulator({ port: 0, home });
    try {
      expect(emulator.tokenFile).toBe(join(home, '.daz3d', 'dazport-emulator-token.txt'));
      expect(readFileSync(emulator.tokenFile!, 'utf8').trim()).toBe(emulator.token);
    } finally {
      await emulator.stop();
    }
    await expect(startEmulator({ port: 0, home, tokenFile: realDazTokenPath(home) })).rejects.toMatchObject({
      code: 'DAZPORT_TOKEN_FILE_PROTECTED',
    });
    expect(readFileSync(realDazTokenPath(home), 'utf8')).toBe('a'.repeat(32));
  });

  it('with auth off writes no token file', async () => {
    const path = join(home, 'none.txt');
    const emulator = await startEmulator({ port: 0, home, tokenFile: path, noAuth: true });
    try {
      expect(emulator.tokenFile).toBeNull();
      expect(existsSync(path)).toBe(false);
    } finally {
      await emulator.stop();
    }
  });

  it('reads X-API-Token first, Bearer (case-sensitive prefix) only when it is empty, trimmed', () => {
    expect(requestToken({ 'x-api-token': ' abc ', authorization: 'Bearer zzz' })).toBe('abc');
    expect(requestToken({ authorization: 'Bearer zzz\t' })).toBe('zzz');
    expect(requestToken({ authorization: 'bearer zzz' })).toBe('');
    expect(requestToken({})).toBe('');
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch('abcd', 'abc')).toBe(false);
  });
});

describe('authentication over HTTP', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.close());

  it('accepts X-API-Token and Authorization: Bearer', async () => {
    expect((await t.call('POST', '/execute', { json: { script: '1' } })).json().success).toBe(true);
    const bearer = await t.call('POST', '/execute', {
      json: { script: '2' },
      token: null,
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(bearer.json().result).toBe(2);
  });

  it('tells a missing token from a wrong one', async () => {
    const missing = await t.call('POST', '/execute', { json: { script: '1' }, token: null });
    expect(missing.status).toBe(401);
    expect(missing.json()).toEqual({
      success: false,
      error_code: 'AUTH_MISSING_TOKEN',
      error: "Authentication required: include 'X-API-Token' header or 'Authorization: Bearer <token>'",
    });
    const wrong = await t.call('POST', '/execute', { json: { script: '1' }, token: 'f'.repeat(32) });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toMatchObject({ error_code: 'AUTH_INVALID_TOKEN' });
    const lowercaseBearer = await t.call('POST', '/execute', {
      json: { script: '1' },
      token: null,
      headers: { authorization: `bearer ${t.token}` },
    });
    expect(lowercaseBearer.json()).toMatchObject({ error_code: 'AUTH_MISSING_TOKEN' });
  });

  it('never puts the token in a response', async () => {
    const bodies = await Promise.all([
      t.call('GET', '/health', { token: null }),
      t.call('GET', '/metrics', { token: null }),
      t.call('POST', '/execute', { json: { script: '1' }, token: 'x' }),
      t.call('POST', '/execute', { json: { script: 'getArguments()' } }),
    ]);
    for (const b of bodies) expect(b.text).not.toContain(t.token);
  });
});

describe('auth disabled', () => {
  it('runs scripts without a token and reports auth_enabled false', async () => {
    const t = await startTestEmulator({ noAuth: true });
    try {
      expect((await t.call('POST', '/execute', { json: { script: '5' }, token: null })).json().result).toBe(
        5,
      );
      expect((await t.call('GET', '/health', { token: null })).json().auth_enabled).toBe(false);
    } finally {
      await t.close();
    }
  });
});
