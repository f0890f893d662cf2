/**
 * `npm run bench [task ...]`: run benchmark tasks, print medians and ratios against baselines
 * measured in the same run, and append a CSV row per task to bench/results/<host>.local.csv.
 * Not a test: nothing fails on a slow machine; targets are printed for people to read.
 */
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchTask, formatResult } from './harness.js';
import { bvhParse } from './tasks/bvh-parse.js';
import { cliStart } from './tasks/cli-start.js';
import { emulatorRoundtrip } from './tasks/emulator-roundtrip.js';
import { gltfExport } from './tasks/gltf-export.js';
import { retargetThroughput } from './tasks/retarget.js';
import { sceneRead } from './tasks/scene-read.js';
import { usdaExport } from './tasks/usda-export.js';

const TASKS: BenchTask[] = [
  emulatorRoundtrip,
  sceneRead,
  gltfExport,
  usdaExport,
  retargetThroughput,
  bvhParse,
  cliStart,
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !TASKS.some((t) => t.name === w));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown task(s): ${unknown.join(', ')}; tasks: ${TASKS.map((t) => t.name).join(', ')}\n`,
  );
  process.exit(1);
}
const selected = wanted.length > 0 ? TASKS.filter((t) => wanted.includes(t.name)) : TASKS;
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
const csv = join(resultsDir, `${hostname()}.local.csv`);
mkdirSync(resultsDir, { recursive: true });
if (!existsSync(csv)) appendFileSync(csv, 'date,task,measured_median,baseline_median,unit,ratio\n');

for (const task of selected) {
  const result = await task.run();
  process.stdout.write(`${formatResult(result)}\n\n`);
  appendFileSync(
    csv,
    `${new Date().toISOString()},${result.task},${result.measured.median},${result.baseline.median},${result.measured.unit},${result.ratio}\n`,
  );
}
