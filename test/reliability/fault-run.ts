/**
 * The fault run: many rigged exports through the CLI, each in its own process as a user runs
 * it, against an emulator behind a proxy that spoils answers (connections reset mid-answer,
 * answers truncated with a matching Content-Length, answers stalled past the read timeout or
 * delayed out of order), an emulator that restarts with a new token now and then (scene and
 * registered scripts gone), and a second client that poses a bone, dials a morph and moves a
 * prop between two states while the exports read.
 *
 * Judged from outside: before the run, a clean export of each of the two states is made; a
 * finished export must be byte-identical to one of them (anything else is mixed or corrupted),
 * a failed one must end with a typed error and a meaningful exit status and leave no output,
 * and no process may die of a crash (exit 70, an uncaught error or rejection, a signal).
 * Used by test/reliability/fault-run.test.ts (a few exports) and scripts/fault-run.ts (100).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { type RunningEmulator, startEmulator } from '../../src/emulator/start-emulator.js';
import { mulberry32 } from '../../src/math/seeded-random.js';
import { runCli } from '../helpers/cli.js';
import { type Fault, type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.js';
import { freeLoopbackPort } from '../helpers/free-port.js';

export interface FaultRunOptions {
  /** Exports to run. */
  exports: number;
  /** Built-in scene (default g9). */
  scene?: string;
  /** Seed of every random choice: the same seed gives the same plan of faults. */
  seed?: number;
  /** Share of requests that get a fault (default 0.04). */
  faultRate?: number;
  /** Restart the emulator during every n-th export (default 7; 0: never). */
  restartEvery?: number;
  /** The editor's quiet spells between bursts of flips, shortest, ms (default 1,500; each lasts up to twice that). */
  quietMs?: number;
  /** Where outputs go (a fresh folder). */
  workDir: string;
  /** Told one line per export. */
  log?: (line: string) => void;
}

export type Outcome =
  | 'identical' // finished, byte-identical to a clean export of one state
  | 'mixed-or-corrupted' // finished, but equal to neither state
  | 'stopped' // failed cleanly with a typed error and no output
  | 'crashed'; // exit 70, an uncaught error, or killed by a signal

export interface ExportRecord {
  index: number;
  outcome: Outcome;
  exitCode: number | null;
  errorCode?: string;
  /** Which clean state a finished export equals (0 or 1). */
  state?: number;
  ms: number;
}

export interface FaultRunResult {
  records: ExportRecord[];
  counts: Record<Outcome, number>;
  /** Faults injected, by kind. */
  faults: Record<string, number>;
  restarts: number;
  edits: number;
  /** Requests that passed through the proxy. */
  requests: number;
}

/** The prop and figure values of the two states the editor flips between (A is the built-in pose). */
const STATES = [
  { bone: -55, morph: 0.3, move: 70 },
  { bone: -20, morph: 0.8, move: 120 },
];
const EDIT = `(function () {
  var a = getArguments()[0], figure = Scene.findNodeByLabel("Genesis 9");
  figure.findBone("l_forearm").getYRotControl().setValue(a.bone);
  figure.getObject().findModifier("body_bs_BodyHeavy").getValueControl().setValue(a.morph);
  Scene.findNodeByLabel("Textured Cube").getXPosControl().setValue(a.move);
  return true;
})()`;
const READ_TIMEOUT_MS = 2_000;

export async function runFaultRun(options: FaultRunOptions): Promise<FaultRunResult> {
  const { exports, scene = 'g9', faultRate = 0.04, restartEvery = 7, quietMs = 1_500, workDir } = options;
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed ?? 1);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const home = join(workDir, 'home');
  mkdirSync(home);
  const tokenFile = join(home, 'token.txt');
  const port = await freeLoopbackPort();
  const start = () => startEmulator({ scene, port, home, tokenFile });
  let emulator: RunningEmulator = await start();
  const edit = async (state: number) => {
    const res = await request(`${emulator.url}/execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-token': emulator.token ?? '' },
      body: JSON.stringify({ script: EDIT, args: STATES[state] }),
    });
    const body = (await res.body.json()) as { success?: boolean; error?: string };
    if (!body.success) throw new Error(`the scene edit failed: ${body.error}`);
  };
  const exportArgs = (targetPort: number, out: string) => [
    'export',
    '--port',
    String(targetPort),
    '--token-file',
    tokenFile,
    '--out',
    out,
    '--morphs',
    '--chunk-kb',
    '64',
    '--rereads',
    '3',
    '--timeout',
    String(READ_TIMEOUT_MS),
    '--json',
  ];

  // The two clean states, exported without faults or edits, through the same proxy (the
  // server's address is written into the file).
  const proxy: FaultProxy = await startFaultProxy(port);
  const clean: Buffer[] = [];
  for (const state of [1, 0]) {
    await edit(state);
    const out = join(workDir, `clean-${state}.glb`);
    const r = await runCli(exportArgs(proxy.port, out));
    if (r.code !== 0) throw new Error(`the clean export of state ${state} failed: ${r.stderr}`);
    clean[state] = readFileSync(out);
  }
  if (clean[0].equals(clean[1])) throw new Error('the two states export alike: the run could not tell them');

  const faults: Record<string, number> = {};
  proxy.setPlan(() => {
    if (random() >= faultRate) return undefined;
    const fault = pickFault(random);
    faults[fault.kind] = (faults[fault.kind] ?? 0) + 1;
    return fault;
  });
  const cleanRequests = proxy.log.length;

  // The second client: bursts of flips, then quiet spells, so exports meet both.
  let editing = true;
  let edits = 0;
  let restarting: Promise<void> | null = null;
  const editor = (async () => {
    for (let k = 0; editing; k++) {
      if (!restarting) {
        await edit(k % 2).then(
          () => edits++,
          () => undefined, // the emulator is restarting: try again on the next turn
        );
      }
      await sleep(k % 5 === 4 ? quietMs * (1 + random()) : 10 + random() * 40);
    }
  })();

  const records: ExportRecord[] = [];
  let restarts = 0;
  try {
    for (let index = 0; index < exports; index++) {
      const out = join(workDir, `export-${index}.glb`);
      const began = Date.now();
      const running = runCli(exportArgs(proxy.port, out));
      if (restartEvery > 0 && index % restartEvery === restartEvery - 1) {
        // DAZ Studio restarted mid-export: a new token, a fresh scene, no registered scripts.
        await sleep(200 + random() * 600);
        restarting = (async () => {
          await emulator.stop();
          emulator = await start();
          restarts++;
        })();
        await restarting;
        restarting = null;
      }
      const r = await running;
      const record = judge(index, r, out, clean, Date.now() - began);
      records.push(record);
      log(
        `export ${index + 1}/${exports}: ${record.outcome}${record.state === undefined ? '' : ` (state ${record.state})`}` +
          `, exit ${r.code}${record.errorCode ? ` ${record.errorCode}` : ''}, ${record.ms} ms`,
      );
      if (record.outcome === 'crashed' || record.outcome === 'mixed-or-corrupted')
        log(`  stderr: ${r.stderr.trim().split('\n').slice(0, 12).join('\n  ')}`);
    }
  } finally {
    editing = false;
    await editor;
    await proxy.close();
    await emulator.stop();
  }
  const counts: Record<Outcome, number> = { identical: 0, 'mixed-or-corrupted': 0, stopped: 0, crashed: 0 };
  for (const r of records) counts[r.outcome]++;
  return { records, counts, faults, restarts, edits, requests: proxy.log.length - cleanRequests };
}

function judge(
  index: number,
  r: { code: number | null; stdout: string; stderr: string },
  out: string,
  clean: Buffer[],
  ms: number,
): ExportRecord {
  const base = { index, exitCode: r.code, ms };
  const errorCode = jsonErrorCode(r.stdout);
  const crashed =
    r.code === null ||
    r.code === 70 ||
    /Unhandled|UnhandledPromiseRejection|\n\s+at .+:\d+:\d+\)?\n/.test(r.stderr) ||
    (r.code !== 0 && errorCode === undefined);
  if (crashed) return { ...base, outcome: 'crashed', errorCode };
  if (r.code !== 0) {
    // A failed export leaves no output and no temporary file behind.
    const leftovers = readdirSync(join(out, '..')).filter((f) => f.includes(`export-${index}.glb`));
    return { ...base, outcome: leftovers.length ? 'mixed-or-corrupted' : 'stopped', errorCode };
  }
  if (!existsSync(out)) return { ...base, outcome: 'mixed-or-corrupted' };
  const bytes = readFileSync(out);
  const state = clean.findIndex((c) => c.equals(bytes));
  return state < 0 ? { ...base, outcome: 'mixed-or-corrupted' } : { ...base, outcome: 'identical', state };
}

/** The `error.code` of the CLI's --json answer, if it is one. */
function jsonErrorCode(stdout: string): string | undefined {
  try {
    const body = JSON.parse(stdout) as { error?: { code?: string } };
    return body.error?.code;
  } catch {
    return undefined;
  }
}

function pickFault(random: () => number): Fault {
  const r = random();
  if (r < 0.35) return { kind: 'truncate', keep: 0.1 + random() * 0.8 };
  if (r < 0.6) return { kind: 'reset' };
  if (r < 0.85) return { kind: 'delay', ms: 20 + random() * 200 };
  return { kind: 'stall', ms: READ_TIMEOUT_MS + 500 };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
