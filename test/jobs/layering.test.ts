/**
 * The one-way flow the jobs rely on: sources (client, BVH reader) → the model (src/scene) →
 * writers, with the jobs (src/jobs) orchestrating them for the library and the CLI. A job that
 * imported the CLI would pull commander and console output into library calls; a source or a
 * writer that imported a job would make a cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Top folder under src/ of every relative module `file` loads at run time (`import type` and
 * `export type` load nothing: the library entry may name the CLI's JSON types).
 */
function importedAreas(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const statements = /(?:^|\n)\s*(?:import|export)(\s+type\b)?[^;]*?from\s*'(\.{1,2}\/[^']+)'/g;
  const dynamic = /import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;
  const specs = [
    ...[...text.matchAll(statements)].filter((m) => !m[1]).map((m) => m[2]),
    ...[...text.matchAll(dynamic)].map((m) => m[1]),
  ];
  return specs.map((spec) => relative(SRC, resolve(dirname(file), spec)).split(/[\\/]/)[0]);
}

const areaOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0];
const files = sourceFiles(SRC);

describe('module layering', () => {
  it('nothing but the CLI imports the CLI', () => {
    const offenders = files
      .filter((f) => areaOf(f) !== 'cli' && importedAreas(f).includes('cli'))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('only the CLI and the library entry import the jobs', () => {
    const offenders = files
      .filter((f) => !['cli', 'jobs', 'index.ts'].includes(areaOf(f)) && importedAreas(f).includes('jobs'))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
