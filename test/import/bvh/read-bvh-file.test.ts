import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBvh, readBvhFile } from '../../../src/import/bvh/index.js';
import {
  CAPTURE_BVH_FIXTURES,
  captureBvhFixture,
  OWN_OTHER_FIXTURES,
  OWN_THREE_COMPATIBLE_FIXTURES,
  ownBvhFixture,
  readText,
} from './helpers/bvh-fixtures.js';
import { twoJoints } from './helpers/bvh-text.js';
import { clipContents } from './helpers/clip-outcome.js';

const tmp = mkdtempSync(join(tmpdir(), 'dazport-bvh-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ALL = [
  ...CAPTURE_BVH_FIXTURES.map((name) => captureBvhFixture(name)),
  ...[...OWN_THREE_COMPATIBLE_FIXTURES, ...OWN_OTHER_FIXTURES].map((name) => ownBvhFixture(name)),
];

/** The boxing capture has one frame line more than its Frames: (see frame-count tests below). */
const LENIENT = { frameCountMismatch: 'use-lines' } as const;

describe('readBvhFile', () => {
  it.each(ALL)('streams %s to exactly what parseBvh gives, for several chunk sizes', async (path) => {
    const text = readText(path);
    const expected = clipContents(parseBvh(text, path, LENIENT));
    // Tiny chunks only for the small files: 61-byte reads of 2 MB take seconds for nothing new.
    for (const chunkBytes of text.length < 100_000 ? [1 << 20, 4099, 61] : [1 << 20, 4099]) {
      const clip = await readBvhFile(path, { ...LENIENT, chunkBytes });
      expect(clipContents(clip)).toEqual(expected);
      expect(clip.file).toBe(path);
    }
  });

  it('reads the real captures with their known sizes', async () => {
    const sizes = await Promise.all(
      CAPTURE_BVH_FIXTURES.map(async (name) => {
        const clip = await readBvhFile(captureBvhFixture(name), LENIENT);
        return [name, clip.joints.length, clip.channelCount, clip.frameCount, Math.round(clip.frameRate)];
      }),
    );
    expect(sizes).toEqual([
      ['cmu_01_01.bvh', 31, 96, 2752, 120],
      ['biovision_boxing_toes.bvh', 21, 66, 3070, 100],
      ['av_8walk_xyz.bvh', 23, 72, 1064, 120],
    ]);
  });

  it('reads biovision_boxing_toes.bvh by default with a warning: Frames: says 3069, the file has 3070 frame lines', async () => {
    const path = captureBvhFixture('biovision_boxing_toes.bvh');
    const clip = await readBvhFile(path);
    expect([clip.frameCount, clip.declaredFrameCount, clip.frameLineCount]).toEqual([3070, 3069, 3070]);
    expect(clip.warnings).toEqual(['Frames: says 3069, the file has 3070 frame lines; all 3070 were read']);
    const asHeader = await readBvhFile(path, { frameCountMismatch: 'use-header' });
    expect([asHeader.frameCount, asHeader.declaredFrameCount, asHeader.frameLineCount]).toEqual([
      3069, 3069, 3070,
    ]);
    expect(asHeader.warnings).toEqual([
      'Frames: says 3069, the file has 3070 frame lines; the first 3069 were read',
    ]);
  });

  it("refuses biovision_boxing_toes.bvh in strict mode ('error'), with the option in the hint", async () => {
    const path = captureBvhFixture('biovision_boxing_toes.bvh');
    await expect(readBvhFile(path, { frameCountMismatch: 'error' })).rejects.toMatchObject({
      code: 'DAZPORT_BVH_PARSE',
      line: 3199,
      column: 1,
      message: expect.stringMatching(/Frames: says 3069, and this is frame line 3070/),
      suggestion: expect.stringContaining("frameCountMismatch: 'use-lines'"),
      cliSuggestion: expect.stringContaining('--frame-mismatch use-lines'),
    });
  });

  it('stores float64 on request', async () => {
    const clip = await readBvhFile(captureBvhFixture('cmu_01_01.bvh'), { precision: 'float64' });
    expect(clip.data).toBeInstanceOf(Float64Array);
    expect(clip.data[0]).toBe(9.3722);
  });

  it('decodes UTF-8 split across chunks, and latin1 on request', async () => {
    const utf8 = join(tmp, 'umlaut.bvh');
    const text = twoJoints('MOTION', 'Frames: 1', 'Frame Time: 0.5', '1 2 3 4 5 6 7 8 9').replace(
      'Spine',
      'Hüfte_脊椎',
    );
    writeFileSync(utf8, text, 'utf8');
    const clip = await readBvhFile(utf8, { chunkBytes: 1 });
    expect(clip.joints[1].name).toBe('Hüfte_脊椎');
    const latin1 = join(tmp, 'latin1.bvh');
    writeFileSync(latin1, Buffer.from(text.replace('_脊椎', ''), 'latin1'));
    expect((await readBvhFile(latin1, { encoding: 'latin1' })).joints[1].name).toBe('Hüfte');
  });

  it('reports parse errors exactly as parseBvh does, with the path as file', async () => {
    const path = join(tmp, 'short-line.bvh');
    const text = twoJoints('MOTION', 'Frames: 1', 'Frame Time: 0.5', '1 2 3 4 5 6 7 8');
    writeFileSync(path, text);
    const expected = (() => {
      try {
        parseBvh(text, path);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    await expect(readBvhFile(path, { chunkBytes: 7 })).rejects.toThrow(expected);
    await expect(readBvhFile(path, { label: 'upload #3' })).rejects.toThrow(/^upload #3:19:16: /);
  });

  it('fails with BvhReadError for a missing file or a directory', async () => {
    await expect(readBvhFile(join(tmp, 'nope.bvh'))).rejects.toMatchObject({
      code: 'DAZPORT_BVH_READ',
      message: expect.stringMatching(/cannot read BVH file ".*nope\.bvh" \(ENOENT\)/),
    });
    const dir = join(tmp, 'a-directory.bvh');
    mkdirSync(dir);
    await expect(readBvhFile(dir)).rejects.toMatchObject({ code: 'DAZPORT_BVH_READ' });
  });
});
