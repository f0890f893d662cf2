/**
 * The next run in an output folder sweeps what killed dazport processes left there: their
 * temporary files and the journals of .gltf commits they did not finish. Only dazport's own
 * temporary names, only of dead processes on this machine, only in that folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/export/atomic-write.js';
import { writeJournalSync } from '../../src/export/set-journal.js';
import { isProcessAlive, sweepStaleTemps } from '../../src/export/stale-temps.js';
import { HOST_TAG, parseTempName } from '../../src/export/temp-files.js';

/** A pid that certainly belonged to a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

const temp = (target: string, pid: number, host = HOST_TAG, journal = false) =>
  `.${target}.dazport.${host}.${pid}.0123abcd${journal ? '.journal' : ''}.tmp`;

describe('sweeping stale temporary files', () => {
  let root: string;
  let dead: number;
  let live: ChildProcess;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'dazport-sweep-'));
    dead = await deadPid();
    live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
  });
  afterAll(() => {
    live.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('knows which processes are gone', () => {
    expect(isProcessAlive(dead)).toBe(false);
    expect(isProcessAlive(live.pid!)).toBe(true);
    expect(isProcessAlive(process.pid)).toBe(true);
    // Process groups, never asked about.
    expect(isProcessAlive(0)).toBe(true);
    expect(isProcessAlive(-1)).toBe(true);
  });

  it("removes a dead process's temporary files on the next write into the folder, nothing else", async () => {
    const dir = mkdtempSync(join(root, 'next-run-'));
    const removable = [
      temp('scene.bin', dead),
      temp('scene.usda', dead),
      // dazport 0.1's first name, without host.
      `.scene.glb.${dead}.89abcdef.tmp`,
    ];
    const kept = [
      temp('scene.bin', live.pid!), // still being written
      temp('scene.bin', dead, 'ffffff'), // another machine on a shared folder
      temp('scene.bin', 0),
      `.scene.bin.${dead}.zzzz.tmp`, // not dazport's pattern
      'notes.tmp',
      `scene.gltf.${dead}.0123abcd.bak`, // a backup may be someone's only copy
      'scene.bin',
    ];
    for (const f of [...removable, ...kept]) writeFileSync(join(dir, f), 'x');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', temp('deep.bin', dead)), 'x'); // not the folder being written
    await writeFileAtomic(join(dir, 'out.duf'), 'preset');
    expect(readdirSync(dir).sort()).toEqual([...kept, 'out.duf', 'sub'].sort());
    expect(readdirSync(join(dir, 'sub'))).toEqual([temp('deep.bin', dead)]);
  });

  it('settles the journal of an unfinished .gltf commit: whatever the .gltf references stays', () => {
    // Killed after the staged .gltf replaced the previous one, before the final one came.
    const dir = mkdtempSync(join(root, 'journal-'));
    const gltf = (uris: string[]) =>
      JSON.stringify({
        asset: { version: '2.0', generator: 'dazport (glTF-Transform)' },
        buffers: uris.map((uri) => ({ uri, byteLength: 1 })),
      });
    writeFileSync(join(dir, 'scene.gltf'), gltf(['scene.staged-00112233.bin', 'extra.bin']));
    for (const f of ['scene.staged-00112233.bin', 'extra.bin', 'scene.bin', 'dropped.bin'])
      writeFileSync(join(dir, f), f);
    const journal = join(dir, temp('scene.gltf', dead, HOST_TAG, true));
    writeJournalSync(
      journal,
      join(dir, 'scene.gltf'),
      [join(dir, 'scene.staged-00112233.bin'), join(dir, 'extra.bin')],
      [join(dir, 'scene.bin'), join(dir, 'dropped.bin')],
    );
    const report = sweepStaleTemps(dir);
    expect(report.settled).toEqual([journal]);
    expect(readdirSync(dir).sort()).toEqual(['extra.bin', 'scene.gltf', 'scene.staged-00112233.bin']);
  });

  it('leaves the journal of a live process alone', () => {
    const dir = mkdtempSync(join(root, 'live-journal-'));
    writeFileSync(join(dir, 'scene.gltf'), '{"asset":{"version":"2.0"}}');
    writeFileSync(join(dir, 'new.bin'), 'x');
    const journal = join(dir, temp('scene.gltf', live.pid!, HOST_TAG, true));
    writeJournalSync(journal, join(dir, 'scene.gltf'), [join(dir, 'new.bin')], []);
    expect(sweepStaleTemps(dir)).toEqual({ removed: [], settled: [] });
    expect(existsSync(join(dir, 'new.bin'))).toBe(true);
    expect(JSON.parse(readFileSync(journal, 'utf8')).fresh).toEqual(['new.bin']);
  });

  it('reads its own names back, and no one else’s', () => {
    expect(parseTempName(temp('a.b.gltf', 42, HOST_TAG, true))).toEqual({
      target: 'a.b.gltf',
      host: HOST_TAG,
      pid: 42,
      kind: 'journal',
      legacy: false,
    });
    for (const name of [
      'scene.bin',
      '.scene.bin.tmp',
      '.x.12.0123abcd.bak',
      '.x.dazport.5bce98.12.0123abc.tmp',
    ])
      expect(parseTempName(name), name).toBeNull();
  });
});
