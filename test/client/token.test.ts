import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverToken, rereadToken } from '../../src/client/token.js';

describe('token discovery', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'dazport-tok-'));
    mkdirSync(join(home, '.daz3d'));
    writeFileSync(join(home, '.daz3d', 'dazscriptserver_token.txt'), `${'d'.repeat(32)}\n`);
    writeFileSync(join(home, 'env-token.txt'), `  ${'e'.repeat(32)}  \r\nsecond line\n`);
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('prefers the option, then DAZ_TOKEN, then DAZ_TOKEN_FILE, then DAZ Studio’s own file', () => {
    const env = { DAZ_TOKEN: 't'.repeat(32), DAZ_TOKEN_FILE: join(home, 'env-token.txt') };
    expect(discoverToken({ token: 'o'.repeat(32), env, home })).toEqual({
      token: 'o'.repeat(32),
      source: 'option',
    });
    expect(discoverToken({ env, home })).toEqual({ token: 't'.repeat(32), source: 'DAZ_TOKEN' });
    expect(discoverToken({ env: { DAZ_TOKEN_FILE: env.DAZ_TOKEN_FILE }, home })).toEqual({
      token: 'e'.repeat(32),
      source: 'DAZ_TOKEN_FILE',
      file: env.DAZ_TOKEN_FILE,
    });
    expect(discoverToken({ env: {}, home })).toMatchObject({ token: 'd'.repeat(32), source: 'default-file' });
  });

  it('talks without a token when none is configured, and names a bad token file without its content', () => {
    expect(discoverToken({ env: {}, home: join(home, 'nowhere') })).toEqual({
      token: '',
      source: 'none',
      missing: { file: join(home, 'nowhere', '.daz3d', 'dazscriptserver_token.txt'), why: 'does not exist' },
    });
    const missing = join(home, 'missing.txt');
    expect(() => discoverToken({ env: { DAZ_TOKEN_FILE: missing }, home })).toThrowError(
      expect.objectContaining({
        code: 'DAZPORT_TOKEN_FILE',
        message: `cannot read the token file ${missing}`,
      }),
    );
    writeFileSync(join(home, 'empty.txt'), '\n');
    expect(() => discoverToken({ tokenFile: join(home, 'empty.txt'), env: {}, home })).toThrowError(
      /is empty/,
    );
  });

  it('reads a token again only from the file it came from, and gives nothing when that file is gone', () => {
    const file = join(home, 'rotating.txt');
    writeFileSync(file, `${'1'.repeat(32)}\n`);
    const found = discoverToken({ tokenFile: file, env: {}, home });
    writeFileSync(file, `${'2'.repeat(32)}\n`);
    expect(rereadToken(found)).toEqual({ token: '2'.repeat(32), source: 'option', file });
    expect(rereadToken({ token: 't'.repeat(32), source: 'DAZ_TOKEN' })).toBeUndefined();
    rmSync(file);
    expect(rereadToken(found)).toBeUndefined();
  });
});
