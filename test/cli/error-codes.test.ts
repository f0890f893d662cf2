/**
 * The error-code table cannot go stale: every code the sources raise is in ERROR_CODES, with the
 * exit status the CLI gives it, and the README names no code that does not exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from '../../src/cli/exit-codes.js';
import { ERROR_CODES } from '../../src/error-codes.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Codes written as string literals ('DAZPORT_X', "DAZPORT_X" or `DAZPORT_X`) anywhere in src. */
function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    if (file.endsWith('error-codes.ts')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/(['"`])(DAZPORT_[A-Z][A-Z0-9_]*)\1/g))
      if (!found.has(m[2])) found.set(m[2], file);
  }
  return found;
}

describe('error codes', () => {
  it('every code in the sources is in the table, with its exit status', () => {
    const codes = thrownCodes();
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].filter(([code]) => !Object.hasOwn(ERROR_CODES, code));
    expect(missing, 'codes raised in src but missing from src/error-codes.ts').toEqual([]);
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(exitCodeFor(code), code).toBe(info.exit);
      expect(info.meaning.length, code).toBeGreaterThan(10);
    }
  });

  it('only DAZPORT_INTERNAL and unknown codes exit 70', () => {
    for (const code of thrownCodes().keys())
      if (code !== 'DAZPORT_INTERNAL') expect(exitCodeFor(code), code).not.toBe(EXIT.INTERNAL);
    expect(exitCodeFor('DAZPORT_NO_SUCH_THING')).toBe(EXIT.INTERNAL);
    expect(exitCodeFor(undefined)).toBe(EXIT.INTERNAL);
  });

  it('the README names no code that does not exist', () => {
    const readme = readFileSync(join(SRC, '..', 'README.md'), 'utf8');
    const named = new Set(readme.match(/DAZPORT_[A-Z][A-Z0-9_]*[A-Z0-9]/g) ?? []);
    expect([...named].filter((code) => !Object.hasOwn(ERROR_CODES, code))).toEqual([]);
  });

  it("the README's table gives every code with its exit status", () => {
    const readme = readFileSync(join(SRC, '..', 'README.md'), 'utf8');
    for (const [code, { exit }] of Object.entries(ERROR_CODES)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, `${code} is not in the README's table`).toBeDefined();
      expect(row?.split('|')[2].trim().split(' ')[0], code).toBe(String(exit));
    }
  });
});
