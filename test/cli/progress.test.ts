import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration } from '../../src/cli/progress/progress-line.js';
import { ProgressBar } from '../../src/cli/progress.js';

/** A terminal that keeps what was drawn last, with a clock the test moves. */
function terminal(columns = 160) {
  const writes: string[] = [];
  const stream = {
    isTTY: true,
    columns,
    write: (s: string) => writes.push(s) > 0,
  } as unknown as NodeJS.WriteStream;
  let now = 0;
  return {
    stream,
    clock: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    /** The line on screen: the last redraw, without its control characters. */
    line: () => (writes.at(-1) ?? '').replace(/\r|\x1b\[K/g, ''),
    writes,
  };
}

describe('progress on a terminal', () => {
  it('names the phase, the item of how many, the counts with their unit, the bytes, rate and time left', () => {
    const t = terminal();
    const bar = new ProgressBar({}, t.stream, t.clock);
    const report = (done: number, bytes: number) =>
      bar.show({
        phase: 'reading meshes',
        item: { index: 2, count: 5, name: 'Genesis 9' },
        done,
        total: 100_000,
        unit: 'vertices',
        bytes,
      });
    report(0, 0);
    expect(t.line()).toContain('reading meshes (2 of 5, Genesis 9): 0 of 100,000 vertices');
    t.advance(1000);
    report(10_000, 2 * 1024 * 1024);
    t.advance(1000);
    report(20_000, 4 * 1024 * 1024);
    // 10,000 vertices a second with 80,000 to go: 8 s left; 2 MB a second.
    expect(t.line()).toContain('20% reading meshes (2 of 5, Genesis 9): 20,000 of 100,000 vertices');
    expect(t.line()).toContain('4.0 MB at 2.0 MB/s');
    expect(t.line()).toContain('8 s left');
    bar.clear();
  });

  it('shows a unit rate when no bytes are reported, and none before a second of evidence', () => {
    const t = terminal();
    const bar = new ProgressBar({}, t.stream, t.clock);
    bar.show({ phase: 'retargeting', done: 0, total: 3000, unit: 'frames' });
    expect(t.line()).not.toContain('/s');
    t.advance(1500);
    bar.show({ phase: 'retargeting', done: 1500, total: 3000, unit: 'frames' });
    expect(t.line()).toContain('1,000 frames/s');
    expect(t.line()).toContain('2 s left');
    bar.clear();
  });

  it('keeps time moving while a phase reports nothing (the ticker redraws the elapsed time)', () => {
    const t = terminal();
    const bar = new ProgressBar({}, t.stream, t.clock);
    bar.show({ phase: 'reading the inventory', done: 0, total: 1 });
    expect(t.line()).toMatch(/reading the inventory: 0 s$/);
    t.advance(4200);
    bar.tick();
    expect(t.line()).toMatch(/reading the inventory: 4 s$/);
    bar.clear();
  });

  it('starts a new rate when the phase or the item changes', () => {
    const t = terminal();
    const bar = new ProgressBar({}, t.stream, t.clock);
    bar.show({
      phase: 'writing',
      item: { index: 1, count: 2, name: 'a.glb' },
      done: 0,
      total: 10,
      unit: 'meshes',
    });
    t.advance(2000);
    bar.show({
      phase: 'writing',
      item: { index: 1, count: 2, name: 'a.glb' },
      done: 10,
      total: 10,
      unit: 'meshes',
    });
    t.advance(100);
    bar.show({
      phase: 'writing',
      item: { index: 2, count: 2, name: 'b.usda' },
      done: 0,
      total: 10,
      unit: 'meshes',
    });
    expect(t.line()).toContain('(2 of 2, b.usda): 0 of 10 meshes');
    expect(t.line()).toMatch(/: 0 of 10 meshes · 0 s$/);
    bar.clear();
  });

  it('fits the terminal width and clears its line', () => {
    const t = terminal(40);
    const bar = new ProgressBar({}, t.stream, t.clock);
    bar.show({
      phase: 'reading meshes with a very long phase name indeed',
      done: 1,
      total: 2,
      unit: 'vertices',
    });
    expect(t.line().length).toBeLessThan(40);
    bar.clear();
    expect(t.writes.at(-1)).toBe('\r\x1b[K');
  });

  it('takes a terminal that does not know its width (columns 0) as 80 wide', () => {
    const t = terminal(0);
    const bar = new ProgressBar({}, t.stream, t.clock);
    bar.show({ phase: 'reading meshes', done: 1, total: 2, unit: 'vertices' });
    expect(t.line()).toContain('reading meshes: 1 of 2 vertices');
    bar.clear();
  });

  it('draws nothing on a pipe, with --json or with --quiet', () => {
    for (const [globals, isTTY] of [
      [{}, false],
      [{ json: true }, true],
      [{ quiet: true }, true],
    ] as const) {
      const t = terminal();
      (t.stream as { isTTY: boolean }).isTTY = isTTY;
      const bar = new ProgressBar(globals, t.stream, t.clock);
      bar.show({ phase: 'reading', done: 1, total: 2 });
      bar.clear();
      expect(t.writes).toEqual([]);
    }
  });
});

describe('progress numbers', () => {
  it('reads as a person would write them', () => {
    expect(formatCount(950)).toBe('950');
    expect(formatCount(412_000)).toBe('412,000');
    expect(formatCount(1_234_567)).toBe('1.2 M');
    expect(formatCount(25_000_000)).toBe('25 M');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 kB');
    // One size wording for every command: binary units (an export's report and inspect agree).
    expect(formatBytes(2_135_540)).toBe('2.0 MB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB');
    expect(formatDuration(400)).toBe('0 s');
    expect(formatDuration(65_000)).toBe('1 min 05 s');
  });
});
