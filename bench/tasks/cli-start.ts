/**
 * How long the built `dazport` bin takes to answer what needs no work (`--version`), against a
 * bare `node -e 0` started the same way, alternating, in the same run. Each command loads its
 * run only when it runs (src/cli/commands/*-run.ts): before that, every start loaded the client,
 * the emulator, the readers and the writers first, ~0.5 s of wall time on a 2-core machine.
 * `export --help` and `inspect` on a real clip are reported as notes. Needs the build
 * (`npm run build`; `npm ci` runs it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchTask, summarize, type TaskResult } from '../harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'cli', 'main.js');
const CLIP = join(ROOT, 'fixtures', 'bvh', 'cmu_01_01.bvh');
const ROUNDS = 15;
const WARMUP = 2;

/** Wall time of one start, ms; a failing start stops the benchmark. */
function startMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export const cliStart: BenchTask = {
  name: 'cli-start',
  async run(): Promise<TaskResult> {
    if (!existsSync(BIN)) throw new Error(`cli-start needs the build: run \`npm run build\` (no ${BIN})`);
    const runs = {
      bare: [] as number[],
      version: [] as number[],
      help: [] as number[],
      inspect: [] as number[],
    };
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const bare = startMs(['-e', '0']);
      const version = startMs([BIN, '--version']);
      const help = startMs([BIN, 'export', '--help']);
      const inspect = startMs([BIN, 'inspect', CLIP]);
      if (i < WARMUP) continue;
      runs.bare.push(bare);
      runs.version.push(version);
      runs.help.push(help);
      runs.inspect.push(inspect);
    }
    const measured = summarize('dazport --version (dist)', runs.version, 'ms');
    const baseline = summarize('node -e 0', runs.bare, 'ms');
    const help = summarize('', runs.help, 'ms');
    const inspect = summarize('', runs.inspect, 'ms');
    return {
      task: this.name,
      measured,
      baseline,
      ratio: measured.median / baseline.median,
      target: 3,
      notes: [
        `dazport export --help: median ${help.median.toFixed(0)} ms (${(help.median / baseline.median).toFixed(2)}×)`,
        `dazport inspect cmu_01_01.bvh: median ${inspect.median.toFixed(0)} ms (${(inspect.median / baseline.median).toFixed(2)}×)`,
      ],
    };
  },
};
