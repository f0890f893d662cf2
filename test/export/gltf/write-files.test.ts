import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GLTF } from '@gltf-transform/core';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeGltfSet } from '../../../src/export/gltf/write-files.js';
import { HOST_TAG, ownTemps } from '../../../src/export/temp-files.js';

// Fail chosen steps of the commit, as a full disk or a lost network share would.
const faults = vi.hoisted(() => ({ renameOntoMain: 0, renamesOntoMain: 0, link: false, copy: false }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const eio = (what: string) => Object.assign(new Error(`EIO: i/o error, ${what}`), { code: 'EIO' });
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      if (String(to).endsWith('main.gltf') && ++faults.renamesOntoMain === faults.renameOntoMain)
        throw eio('rename');
      return fs.renameSync(from, to);
    },
    linkSync: (from: string, to: string) => {
      if (faults.link)
        throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
      return fs.linkSync(from, to);
    },
    copyFileSync: (from: string, to: string) => {
      if (faults.copy) throw eio('copyfile');
      return fs.copyFileSync(from, to);
    },
  };
});

function gltf(uris: string[]): GLTF.IGLTF {
  return {
    asset: { version: '2.0', generator: 'dazport (glTF-Transform)' },
    buffers: uris.filter((u) => u.endsWith('.bin')).map((uri) => ({ uri, byteLength: 3 })),
    images: uris.filter((u) => u.endsWith('.png')).map((uri) => ({ uri })),
  };
}

describe('writeGltfSet', () => {
  const root = mkdtempSync(join(tmpdir(), 'dazport-gltf-set-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let dir: string;
  const enc = (s: string) => new TextEncoder().encode(s);

  beforeEach(() => {
    Object.assign(faults, { renameOntoMain: 0, renamesOntoMain: 0, link: false, copy: false });
    dir = mkdtempSync(join(root, 'case-'));
    // The previous export: main.gltf → side.bin, old.png.
    writeFileSync(join(dir, 'main.gltf'), JSON.stringify(gltf(['side.bin', 'old.png'])));
    writeFileSync(join(dir, 'side.bin'), 'old bin');
    writeFileSync(join(dir, 'old.png'), 'old texture');
  });

  const write = () =>
    writeGltfSet(join(dir, 'main.gltf'), gltf(['side.bin', 'new.png']), {
      'side.bin': enc('new bin'),
      'new.png': enc('new texture'),
    });
  const contents = () =>
    Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const));

  it('replaces the set: files kept, added and dropped, and counts the bytes', async () => {
    const { bytes } = await write();
    const main = JSON.stringify(gltf(['side.bin', 'new.png']));
    expect(contents()).toEqual({ 'main.gltf': main, 'side.bin': 'new bin', 'new.png': 'new texture' });
    expect(bytes).toBe(main.length + 'new bin'.length + 'new texture'.length);
    expect(ownTemps()).toEqual([]);
  });

  it('keeps the previous set whole when the first rename onto the .gltf fails', async () => {
    faults.renameOntoMain = 1;
    await expect(write()).rejects.toMatchObject({
      code: 'DAZPORT_OUTPUT',
      context: { file: join(dir, 'main.gltf') },
    });
    expect(contents()).toEqual({
      'main.gltf': JSON.stringify(gltf(['side.bin', 'old.png'])),
      'side.bin': 'old bin',
      'old.png': 'old texture',
    });
    expect(ownTemps()).toEqual([]);
  });

  it('leaves the new set whole, under its staged names, when the final rename fails', async () => {
    faults.renameOntoMain = 2;
    await expect(write()).rejects.toMatchObject({ code: 'DAZPORT_OUTPUT' });
    const files = contents();
    const main = JSON.parse(files['main.gltf']);
    const bin = main.buffers[0].uri as string;
    expect(bin).toMatch(/^side\.staged-[0-9a-f]{8}\.bin$/);
    expect(files[bin]).toBe('new bin');
    expect(files[main.images[0].uri]).toBe('new texture');
    // Nothing but the new set: the previous texture and the unreferenced side.bin are gone.
    expect(Object.keys(files).sort()).toEqual(['main.gltf', 'new.png', bin].sort());
    expect(ownTemps()).toEqual([]);
  });

  it('copies a staged file when the file system refuses hard links', async () => {
    faults.link = true;
    await write();
    expect(contents()['side.bin']).toBe('new bin');
    expect(readdirSync(dir).sort()).toEqual(['main.gltf', 'new.png', 'side.bin']);
  });

  it('keeps the new set, staged, when neither a link nor a copy can be made', async () => {
    faults.link = true;
    faults.copy = true;
    await expect(write()).rejects.toMatchObject({
      code: 'DAZPORT_OUTPUT',
      context: { file: join(dir, 'side.bin') },
    });
    const main = JSON.parse(contents()['main.gltf']);
    expect(contents()[main.buffers[0].uri]).toBe('new bin');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never removes files that another .gltf in the folder references', async () => {
    writeFileSync(join(dir, 'other.gltf'), JSON.stringify(gltf(['old.png'])));
    await write();
    expect(contents()['old.png']).toBe('old texture');
  });

  it('gives a file its own name when another .gltf uses its name for other bytes', async () => {
    writeFileSync(join(dir, 'other.gltf'), JSON.stringify(gltf(['new.png'])));
    writeFileSync(join(dir, 'new.png'), "other's texture");
    const { files } = await write();
    const main = JSON.parse(contents()['main.gltf']);
    expect(main.images[0].uri).toBe('new_2.png');
    expect(files).toEqual([join(dir, 'side.bin'), join(dir, 'new_2.png')]);
    expect(contents()['new_2.png']).toBe('new texture');
    expect(contents()['new.png']).toBe("other's texture");
  });

  it('uses a file that already holds the bytes as it is: not written again, shared', async () => {
    writeFileSync(join(dir, 'other.gltf'), JSON.stringify(gltf(['new.png'])));
    writeFileSync(join(dir, 'new.png'), 'new texture');
    const inode = statSync(join(dir, 'new.png')).ino;
    await write();
    expect(JSON.parse(contents()['main.gltf']).images[0].uri).toBe('new.png');
    expect(statSync(join(dir, 'new.png')).ino).toBe(inode);
  });

  describe('textures in a folder below the .gltf', () => {
    const nested = () =>
      writeGltfSet(join(dir, 'main.gltf'), gltf(['side.bin', 'main%20maps/new.png']), {
        'side.bin': enc('new bin'),
        'main%20maps/new.png': enc('new texture'),
      });

    it('makes the folder; the loose files of the previous set go', async () => {
      const { files } = await nested();
      expect(files).toEqual([join(dir, 'side.bin'), join(dir, 'main maps', 'new.png')]);
      expect(readdirSync(dir).sort()).toEqual(['main maps', 'main.gltf', 'side.bin']);
      expect(readFileSync(join(dir, 'main maps', 'new.png'), 'utf8')).toBe('new texture');
      expect(ownTemps()).toEqual([]);
    });

    it('a failed commit leaves the previous set whole and no folder of its own', async () => {
      faults.renameOntoMain = 1;
      await expect(nested()).rejects.toMatchObject({ code: 'DAZPORT_OUTPUT' });
      expect(contents()).toEqual({
        'main.gltf': JSON.stringify(gltf(['side.bin', 'old.png'])),
        'side.bin': 'old bin',
        'old.png': 'old texture',
      });
      expect(ownTemps()).toEqual([]);
    });

    it('sweeps what a killed run left in the folder', async () => {
      mkdirSync(join(dir, 'main maps'));
      const dead = join(dir, 'main maps', `.new.png.dazport.${HOST_TAG}.999999999.0badf00d.tmp`);
      writeFileSync(dead, 'half a texture');
      await nested();
      expect(readdirSync(join(dir, 'main maps'))).toEqual(['new.png']);
    });

    it('refuses a URI that leaves nothing to write to', async () => {
      await expect(
        writeGltfSet(join(dir, 'main.gltf'), gltf(['https://example.com/a.png']), {
          'https://example.com/a.png': enc('x'),
        }),
      ).rejects.toMatchObject({ code: 'DAZPORT_OUTPUT' });
    });
  });

  it('never removes the previous files of a .gltf dazport did not write', async () => {
    writeFileSync(
      join(dir, 'main.gltf'),
      JSON.stringify({ ...gltf(['side.bin', 'old.png']), asset: { version: '2.0' } }),
    );
    await write();
    expect(contents()['old.png']).toBe('old texture');
  });
});
