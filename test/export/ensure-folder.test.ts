/**
 * Output folders that cannot exist fail at once. Node 20's recursive mkdir never returns for
 * `/proc/nonexistent` (mkdir answers ENOENT under an existing folder and Node retries forever);
 * ensureFolder walks up at most the path's depth. The writers are checked too: the USDA texture
 * folder was made with that mkdir.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/export/atomic-write.js';
import { exportGltf } from '../../src/export/gltf/index.js';
import { ensureParentFolder } from '../../src/export/output-path.js';
import { exportUsda } from '../../src/export/usda/index.js';
import { ensureFolder } from '../../src/fs/ensure-folder.js';
import { iray, QUAD, tinyScene } from './gltf/helpers/tiny-scene.js';

const onLinux = process.platform === 'linux';
const textured = () =>
  tinyScene({
    ...QUAD,
    materials: [
      iray('S', {
        'Diffuse Color': {
          label: '',
          value: [1, 1, 1],
          map: join(process.cwd(), 'assets/textures/checker_diffuse.png'),
        },
      }),
    ],
  });

describe('output folders', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-folders-'));
    writeFileSync(join(dir, 'file.txt'), 'a file');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes missing levels, and accepts folders that exist', () => {
    ensureFolder(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
    ensureFolder(join(dir, 'a', 'b', 'c'));
    ensureFolder(dir);
  });

  it('names the file in the way', () => {
    expect(() => ensureFolder(join(dir, 'file.txt', 'x', 'y'))).toThrow(
      expect.objectContaining({ code: 'ENOTDIR', message: expect.stringContaining(join(dir, 'file.txt')) }),
    );
    expect(existsSync(join(dir, 'file.txt', 'x'))).toBe(false);
  });

  it.runIf(onLinux)('fails at once under /proc and /sys', () => {
    for (const path of ['/proc/nonexistent', '/proc/nonexistent/a/b', '/sys/nonexistent/a']) {
      const started = performance.now();
      expect(() => ensureFolder(path)).toThrow(/mkdir/);
      expect(performance.now() - started, path).toBeLessThan(1000);
    }
  });

  it.runIf(onLinux)(
    'every writer and format reports DAZPORT_OUTPUT at once for /proc/nonexistent',
    async () => {
      const cases: [string, () => Promise<unknown>][] = [
        ['x.glb', () => exportGltf(textured(), '/proc/nonexistent/x.glb')],
        ['x.gltf', () => exportGltf(textured(), '/proc/nonexistent/x.gltf')],
        ['x.usda', () => exportUsda(textured(), '/proc/nonexistent/x.usda')],
        ['x.duf', () => writeFileAtomic('/proc/nonexistent/x.duf', 'preset')],
        ['cli x.usda', async () => ensureParentFolder('/proc/nonexistent/x.usda')],
      ];
      for (const [name, write] of cases) {
        const started = performance.now();
        await expect(write(), name).rejects.toMatchObject({ code: 'DAZPORT_OUTPUT' });
        expect(performance.now() - started, name).toBeLessThan(2000);
      }
    },
  );
});
