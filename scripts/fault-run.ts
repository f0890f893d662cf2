/**
 * `npm run fault-run [-- --exports N --seed S --scene g9|heavy]`: the reliability figures in the
 * README. Runs N exports through injected faults, emulator restarts and concurrent scene edits
 * (test/reliability/fault-run.ts says how each is judged) and prints the tally.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runFaultRun } from '../test/reliability/fault-run.js';

const { values } = parseArgs({
  options: {
    exports: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    scene: { type: 'string', default: 'g9' },
    'fault-rate': { type: 'string', default: '0.04' },
    'restart-every': { type: 'string', default: '7' },
  },
});

const began = Date.now();
const result = await runFaultRun({
  exports: Number(values.exports),
  seed: Number(values.seed),
  scene: values.scene,
  faultRate: Number(values['fault-rate']),
  restartEvery: Number(values['restart-every']),
  workDir: join(tmpdir(), `dazport-fault-run-${process.pid}`),
  log: (line) => console.log(line),
});
const byCode: Record<string, number> = {};
for (const r of result.records) if (r.outcome === 'stopped') byCode[r.errorCode ?? '?'] = (byCode[r.errorCode ?? '?'] ?? 0) + 1;
const ms = result.records.map((r) => r.ms).sort((a, b) => a - b);
console.log(
  [
    '',
    `${result.records.length} exports in ${((Date.now() - began) / 1000).toFixed(0)} s (median ${ms[Math.floor(ms.length / 2)]} ms each)`,
    `through ${result.requests} proxied requests, faults ${JSON.stringify(result.faults)}, ${result.restarts} emulator restarts, ${result.edits} scene edits`,
    `finished byte-identical to a clean state: ${result.counts.identical}`,
    `stopped with a typed error, no output: ${result.counts.stopped} ${JSON.stringify(byCode)}`,
    `mixed or corrupted: ${result.counts['mixed-or-corrupted']}`,
    `crashed: ${result.counts.crashed}`,
  ].join('\n'),
);
process.exitCode = result.counts.crashed + result.counts['mixed-or-corrupted'] > 0 ? 1 : 0;
