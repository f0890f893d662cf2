/**
 * Files that are not BVH (issue 14, item 6): each is recognised by its real first bytes and named
 * in a DAZPORT_INPUT_TYPE error, instead of a parse error quoting its bytes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BvhParseError, quoteToken } from '../../../src/import/bvh/bvh-parse-error.js';
import { parseBvh, readBvhFile } from '../../../src/import/bvh/index.js';
import { NotBvhFileError } from '../../../src/import/bvh/not-bvh-file-error.js';

const dir = mkdtempSync(join(tmpdir(), 'dazport-not-bvh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROOT = new URL('../../../', import.meta.url);
const MINIMAL_BVH =
  'HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 3 Xposition Yposition Zposition\n' +
  '  End Site\n  {\n    OFFSET 0 1 0\n  }\n}\nMOTION\nFrames: 1\nFrame Time: 0.0333333\n0 0 0\n';

function bytes(...parts: (string | number[] | Uint8Array)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
}

function u32(n: number): number[] {
  return [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
}

/** A real, minimal GLB: 12-byte header and one JSON chunk. */
function glb(): Buffer {
  let json = JSON.stringify({ asset: { version: '2.0', generator: 'test' } });
  while (json.length % 4 !== 0) json += ' ';
  return bytes('glTF', u32(2), u32(12 + 8 + json.length), u32(json.length), 'JSON', json);
}

/** A zip's local file header for one stored entry named `name`. */
function zip(name: string): Buffer {
  return bytes(
    [0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    u32(0),
    u32(5),
    u32(5),
    [name.length, 0, 0, 0],
    name,
    'hello',
  );
}

const binaryNoise = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff));

const CASES: [string, Buffer, RegExp][] = [
  ['walk.glb', glb(), /binary glTF \(GLB\)/],
  [
    'walk.gltf',
    Buffer.from(JSON.stringify({ asset: { version: '2.0' }, nodes: [] }, null, 2)),
    /glTF \(\.gltf JSON\)/,
  ],
  ['walk.fbx', bytes('Kaydara FBX Binary  \0', [0x1a, 0, 0xe8, 0x1c, 0, 0], binaryNoise), /binary FBX/],
  ['walk_ascii.fbx', Buffer.from('; FBX 7.4.0 project file\n; ----\nFBXHeaderExtension:  {\n'), /ASCII FBX/],
  [
    'mesh.obj',
    Buffer.from('# Blender OBJ\nmtllib mesh.mtl\no Cube\nv 1.0 1.0 -1.0\nf 1 2 3\n'),
    /Wavefront OBJ/,
  ],
  ['skin.png', readFileSync(new URL('assets/textures/skin_diffuse.png', ROOT)), /PNG image/],
  ['photo.jpg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF\0', binaryNoise), /JPEG image/],
  ['anim.gif', bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0], binaryNoise), /GIF image/],
  ['tex.webp', bytes('RIFF', u32(100), 'WEBPVP8 ', binaryNoise), /WebP image/],
  ['scan.tif', bytes([0x49, 0x49, 0x2a, 0], u32(8), binaryNoise), /TIFF image/],
  ['old.bmp', bytes('BM', u32(70), [0, 0, 0, 0], u32(54), binaryNoise), /BMP image/],
  ['clips.zip', zip('walk.bvh'), /zip archive/],
  ['scene.usdz', zip('scene.usdc'), /USDZ package/],
  ['walk.bvh.gz', gzipSync(MINIMAL_BVH), /gzip-compressed BVH/],
  ['data.gz', gzipSync(Buffer.from('just some text\n')), /gzip-compressed file/],
  [
    'hero.duf',
    gzipSync(JSON.stringify({ file_version: '0.6.0.0', asset_info: { id: '/hero.duf' } })),
    /DAZ Studio \.duf file \(gzip/,
  ],
  [
    'hero_plain.duf',
    Buffer.from(JSON.stringify({ file_version: '0.6.0.0', asset_info: { id: '/x' } })),
    /DAZ Studio \.duf file/,
  ],
  ['scene.usda', Buffer.from('#usda 1.0\n(\n  defaultPrim = "World"\n)\n'), /USD text \(\.usda\)/],
  ['scene.usdc', bytes('PXR-USDC', [0, 8, 0, 0, 0, 0, 0, 0], binaryNoise), /binary USD \(\.usdc\)/],
  ['walk.c3d', bytes([0x02, 0x50], Buffer.alloc(510, 1)), /C3D motion capture/],
  ['blob.bin', bytes('abc\0def', binaryNoise), /a binary file/],
];

async function failure(name: string, content: Buffer): Promise<unknown> {
  const file = join(dir, name);
  writeFileSync(file, content);
  return readBvhFile(file).then(
    () => new Error('read as BVH'),
    (error: unknown) => error,
  );
}

describe('readBvhFile on files that are not BVH', () => {
  it.each(CASES)('%s is named for what it is', async (name, content, described) => {
    const error = await failure(name, content);
    expect(error).toBeInstanceOf(NotBvhFileError);
    const e = error as NotBvhFileError;
    expect(e.code).toBe('DAZPORT_INPUT_TYPE');
    expect(e.message).toMatch(described);
    expect(e.message).toContain(`${join(dir, name)} is `);
    expect(e.message).toContain('not BVH motion capture');
    expect(e.suggestion).toBeTruthy();
    expect(e.suggestion).not.toMatch(/fix the file/);
  });

  it('suggests a fitting way out: Blender for FBX, unpacking for an archive', async () => {
    expect(((await failure('a.fbx', CASES[2]![1])) as NotBvhFileError).suggestion).toMatch(
      /Blender.*FBX.*\.bvh/,
    );
    expect(((await failure('b.zip', zip('x.bvh'))) as NotBvhFileError).suggestion).toMatch(/unpack it first/);
  });

  it('still reads a BVH that starts with a byte-order mark and blank lines', async () => {
    for (const [name, content] of [
      ['bom.bvh', bytes([0xef, 0xbb, 0xbf], MINIMAL_BVH)],
      ['blank.bvh', Buffer.from(`\n\r\n  \t\n${MINIMAL_BVH}`)],
      ['bom_blank.bvh', bytes([0xef, 0xbb, 0xbf], `\n\n${MINIMAL_BVH}`)],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const clip = await readBvhFile(file);
      expect(clip.frameCount).toBe(1);
      expect(clip.joints.map((j) => j.name)).toEqual(['Hips']);
    }
  });

  it('leaves an unrecognised text file to the parser, with its usual error', async () => {
    const error = await failure('notes.txt', Buffer.from('Hello there\nthis is not motion\n'));
    expect(error).toBeInstanceOf(BvhParseError);
  });
});

describe('parseBvh on text that is not BVH', () => {
  it.each(CASES)('%s, as text, is named for what it is too', (name, content, described) => {
    // Text in memory, as a library caller holds it: latin1 keeps a binary file's bytes.
    const error = (() => {
      try {
        parseBvh(Buffer.from(content).toString('latin1'), name);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(NotBvhFileError);
    expect((error as NotBvhFileError).message).toMatch(described);
  });

  it('still parses BVH text, with or without a byte-order mark', () => {
    expect(parseBvh(MINIMAL_BVH, 'a.bvh').frameCount).toBe(1);
    expect(parseBvh(`\uFEFF\n${MINIMAL_BVH}`, 'b.bvh').frameCount).toBe(1);
  });
});

describe('quoted excerpts of a file never carry raw bytes', () => {
  it('escapes C1 controls, DEL, replacement characters and format characters', () => {
    const quoted = quoteToken('a\u0085b\u007fc\ufffdd\u202ee\u0000f');
    expect(quoted).toBe('"a\\u0085b\\u007fc\\ufffdd\\u202ee\\u0000f"');
  });

  it('keeps printable non-ASCII names as they are', () => {
    expect(quoteToken('Hüfte_左')).toBe('"Hüfte_左"');
  });

  it('a binary file the sniffer does not know gets a printable parse error', async () => {
    // latin1 maps every byte to a character, C1 controls included: the worst case for a message.
    const file = join(dir, 'unknown.dat');
    writeFileSync(file, bytes([0x81, 0x9b, 0x85, 0x7f, 0xc3], 'xyz\n'));
    const error = await readBvhFile(file, { encoding: 'latin1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BvhParseError);
    expect((error as Error).message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffd]/);
  });
});
