/**
 * Bookkeeping shared by the crash tests (a child writing an export is SIGKILLed at chosen
 * moments, then the folder is inspected and written again): waiting for the child, running
 * trials two at a time, and reporting what broke.
 */
import type { ChildProcess } from 'node:child_process';

export interface Trial {
  label: string;
  /** Problems with the exports as a reader finds them right after the kill. */
  broken: string[];
  /** Files left over after the next export (temporaries it did not sweep, orphans). */
  leftovers: string[];
}

export interface ChildEnd {
  code: number | null;
  signal: string | null;
  stdout: string;
}

/** Resolves when the child has ended, with what it printed. */
export function finished(proc: ChildProcess): Promise<ChildEnd> {
  let stdout = '';
  proc.stdout!.on('data', (d) => {
    stdout += d;
  });
  return new Promise((done) => proc.on('close', (code, signal) => done({ code, signal, stdout })));
}

/** What a child that ran to the end reported (crash-child.ts prints it last). */
export function childReport(end: ChildEnd): { changes: number; writeMs: number } {
  return JSON.parse(end.stdout.trim().split('\n').at(-1)!);
}

/**
 * Run `jobs` two at a time (the test machine has two cores), results in the order of `jobs`.
 * A job starts as soon as one of the two ends, not when both of a pair have: a quick trial does
 * not wait idle for a slow one beside it.
 */
export async function twoAtATime<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all([lane(), lane()]);
  return results;
}

/** One line per problem, named by its trial. */
export function problems(trials: Trial[]): string[] {
  return trials.flatMap((t) => [
    ...t.broken.map((p) => `${t.label}: ${p}`),
    ...t.leftovers.map((f) => `${t.label}: left after the next run: ${f}`),
  ]);
}

/** Print the counts the README quotes. */
export function tally(name: string, trials: Trial[]): void {
  const broken = trials.filter((t) => t.broken.length > 0).length;
  const left = trials.filter((t) => t.leftovers.length > 0).length;
  console.log(
    `${name}: ${trials.length} trials, ${broken} broken exports, ${left} with leftovers after the next run`,
  );
}

/** A small seeded generator (the same delays every run). */
function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export type Version = 'A' | 'B';

/**
 * One trial per change the writer makes going A→B, then B→A, each killing it right before that
 * change: `changesOf` counts them (a run to the end), `trial` runs one kill.
 */
export async function killBeforeEachChange(
  changesOf: (from: Version, to: Version) => Promise<{ changes: number }>,
  trial: (label: string, from: Version, to: Version, killBefore: number) => Promise<Trial>,
): Promise<Trial[]> {
  const directions = [
    ['A', 'B'],
    ['B', 'A'],
  ] as const;
  // Both counting runs at once: they write into folders of their own.
  const counts = await Promise.all(directions.map(([from, to]) => changesOf(from, to)));
  const jobs: (() => Promise<Trial>)[] = [];
  directions.forEach(([from, to], d) => {
    const { changes } = counts[d];
    for (let k = 1; k <= changes; k++)
      jobs.push(() => trial(`${from}→${to} killed before change ${k}/${changes}`, from, to, k));
  });
  return twoAtATime(jobs);
}

/** `count` trials A→B, each killing the writer at a seeded random moment of its `writeMs` of writes. */
export function killAtRandomMoments(
  count: number,
  seed: number,
  writeMs: number,
  trial: (label: string, delayMs: number) => Promise<Trial>,
): Promise<Trial[]> {
  const random = seededRandom(seed);
  const delays = Array.from({ length: count }, () => Math.round(random() * writeMs * 10) / 10);
  return twoAtATime(delays.map((d) => () => trial(`A→B killed ${d} ms into its writes`, d)));
}
