/**
 * The order test files start in: longest first, so the files that take a minute (the README
 * walk-through, the fault run) do not start last and run alone at the end while the other
 * workers sit idle.
 *
 * vitest's own sequencer orders by the durations of this machine's previous run (its cache in
 * node_modules/.vite) and, without one, by file size; a fresh clone (CI) has no cache, and the
 * fault run, one short file, started last and kept the suite going 40 s longer. So when the cache
 * lacks a file, the duration recorded in test/durations.json is used (`npm run test:durations`
 * rewrites it from the cache after a run); a file in neither starts first, as vitest does with
 * unknown files. Project order and isolated-before-shared stay vitest's.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** `<project>:<file>` → milliseconds, as vitest's cache keys them. */
const RECORDED: Record<string, number> = JSON.parse(
  readFileSync(new URL('../durations.json', import.meta.url), 'utf8'),
);

export default class DurationSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const duration = (spec: TestSpecification): number => {
      const key = `${spec.project.name}:${relative(root, spec.moduleId).split('\\').join('/')}`;
      return this.ctx.cache.getFileTestResults(key)?.duration ?? RECORDED[key] ?? Number.POSITIVE_INFINITY;
    };
    return [...files].sort((a, b) => {
      const group = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      if (group !== 0) return group;
      if (a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1;
      if (a.project.config.isolate !== b.project.config.isolate) return a.project.config.isolate ? -1 : 1;
      return duration(b) - duration(a);
    });
  }
}
