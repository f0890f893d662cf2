/**
 * `npm run test:durations`: write test/durations.json from the durations vitest cached in its
 * last run (node_modules/.vite/vitest/<hash>/results.json), rounded to 100 ms, so a fresh clone
 * (CI) starts the long test files first too (test/helpers/duration-sequencer.ts). Run it after a
 * full `npm test` when files are added or their durations change a lot.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CACHE = 'node_modules/.vite/vitest';
const results = readdirSync(CACHE).flatMap((dir) => {
  try {
    return JSON.parse(readFileSync(join(CACHE, dir, 'results.json'), 'utf8')).results;
  } catch {
    return [];
  }
});
if (!results.length) throw new Error(`no vitest results in ${CACHE}: run npm test first`);
const durations = Object.fromEntries(
  results
    .filter(([, r]) => r.duration > 0)
    .map(([key, r]) => [key, Math.round(r.duration / 100) * 100])
    .sort(([a], [b]) => (a < b ? -1 : 1)),
);
writeFileSync('test/durations.json.tmp', `${JSON.stringify(durations, null, 2)}\n`);
renameSync('test/durations.json.tmp', 'test/durations.json');
console.log(`test/durations.json: ${Object.keys(durations).length} files`);
