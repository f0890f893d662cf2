import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeFilesAtomic } from '../../../src/export/gltf/write-files.js';

// Make the rename of one temporary file onto its target fail, as a full disk or a lost network
// share would, after other files of the set were already renamed into place.
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return {
    ...fs,
    rename: async (from: string, to: string) => {
      if (String(from).endsWith('.tmp') && String(to).endsWith('main.gltf'))
        throw new Error('EIO: i/o error, rename');
      return fs.rename(from, to);
    },
  };
});

describe('writeFilesAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dazport-gltf-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rolls back the files already renamed when a later rename fails', async () => {
    writeFileSync(join(dir, 'side.bin'), 'old bin');
    writeFileSync(join(dir, 'main.gltf'), 'old gltf');
    await expect(
      writeFilesAtomic([
        { path: join(dir, 'side.bin'), data: 'new bin' },
        { path: join(dir, 'tex.png'), data: 'new texture' },
        { path: join(dir, 'main.gltf'), data: 'new gltf' },
      ]),
    ).rejects.toMatchObject({ code: 'DAZPORT_OUTPUT' });
    expect(readdirSync(dir).sort()).toEqual(['main.gltf', 'side.bin']);
    expect(readFileSync(join(dir, 'side.bin'), 'utf8')).toBe('old bin');
    expect(readFileSync(join(dir, 'main.gltf'), 'utf8')).toBe('old gltf');
  });

  it('writes every file and counts the bytes', async () => {
    const bytes = await writeFilesAtomic([
      { path: join(dir, 'a.bin'), data: new Uint8Array(10) },
      { path: join(dir, 'b.gltf'), data: '{}' },
    ]);
    expect(bytes).toBe(12);
    expect(readdirSync(dir).filter((f) => /\.(tmp|bak)$/.test(f))).toEqual([]);
  });
});
