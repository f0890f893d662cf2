/**
 * The built-in figures go by the same ids in every command (genesis9, genesis8f, genesis8m),
 * which also accept the library's ids (genesis8female), the emulator's scene names (g8f) and the
 * labels; help and errors print the short ids; the library's GENESIS_MAPS answers to both.
 */
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { GENESIS_MAPS } from '../../src/bonemaps/genesis/genesis-maps.js';
import { parseRetargetTarget } from '../../src/cli/retarget-target.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const SPELLINGS = {
  g8f: ['genesis8f', 'genesis8female', 'g8f', 'Genesis 8 Female', 'GENESIS-8-F'],
  g8m: ['genesis8m', 'genesis8male', 'g8m', 'Genesis 8 Male'],
  g9: ['genesis9', 'g9', 'Genesis 9'],
};

describe('built-in figure ids', () => {
  it('retarget --to takes every spelling', () => {
    for (const [scene, names] of Object.entries(SPELLINGS))
      for (const name of names) expect(parseRetargetTarget(name)).toMatchObject({ kind: 'builtin', scene });
  });

  it('retarget --to names the closest ids, or says how to name a live figure', () => {
    expect(() => parseRetargetTarget('genesis8')).toThrow(InvalidArgumentError);
    expect(() => parseRetargetTarget('genesis8')).toThrow(
      /--to takes genesis9, genesis8f, genesis8m or live:<figure label>, got "genesis8" \(closest: genesis8f, genesis8m, genesis9\)/,
    );
    expect(() => parseRetargetTarget('Victoria 8')).toThrow(/a figure in DAZ Studio is live:"Victoria 8"/);
  });

  it('discover --figure takes the same ids offline, and prints the short one', async () => {
    for (const name of ['genesis8f', 'genesis8female', 'g8f']) {
      // Port 9 (discard) on loopback: nothing answers, so a live read would fail with exit 3.
      const r = await runInProcess(['--json', 'discover', '--figure', name, '--port', '9']);
      expect(r.code, r.stdout).toBe(0);
      const { figures } = JSON.parse(r.stdout);
      expect(figures).toHaveLength(1);
      expect(figures[0]).toMatchObject({ source: 'built-in', id: 'genesis8f', label: 'Genesis 8 Female' });
      expect(figures[0].joints).toHaveLength(170);
    }
    const human = await runInProcess(['discover', '--figure', 'genesis9', '--port', '9']);
    expect(human.stdout.split('\n')[0]).toBe('Genesis 9 (built-in genesis9): 143 bones');
  });

  it('help texts name genesis9, genesis8f, genesis8m and never the long ids', async () => {
    for (const command of ['discover', 'retarget', 'scene', 'export', 'demo']) {
      const r = await runInProcess([command, '--help']);
      expect(r.stdout).toMatch(/genesis9.*genesis8f.*genesis8m/s);
      expect(r.stdout).not.toMatch(/genesis8female|genesis8male/);
    }
  });

  it('export --emulated takes the figure ids like scene --emulated and demo --scene', async () => {
    // --dry-run: the id must reach the embedded emulator; nothing is read but the inventory.
    const r = await runInProcess([
      '--json',
      'export',
      '--emulated',
      'genesis8f',
      '--out',
      'x.glb',
      '--dry-run',
    ]);
    expect(r.code, r.stdout).toBe(0);
    const wrong = await runInProcess(['--json', 'export', '--emulated', 'genesis8x', '--out', 'x.glb']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/closest: .*genesis8f/);
  });

  it('GENESIS_MAPS answers to the short ids too, and still lists each map once', () => {
    expect(GENESIS_MAPS.genesis8f).toBe(GENESIS_MAPS.genesis8female);
    expect(GENESIS_MAPS.genesis8m).toBe(GENESIS_MAPS.genesis8male);
    expect(Object.keys(GENESIS_MAPS).sort()).toEqual(['genesis8female', 'genesis8male', 'genesis9']);
  });
});
