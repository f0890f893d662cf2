/**
 * Which files a .usda references decides which texture files an export may replace or remove
 * (src/export/set-plan.ts, set-journal.ts). An `@` in a name, a comment or a string must not
 * shift what is read as an asset path, wherever the chunks the file is read in are cut.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportUsda } from '../../../src/export/usda/index.js';
import { AssetPathScanner, readUsdaReferences } from '../../../src/export/usda/usda-references.js';
import { posedStage } from './tiny-scenes.js';

const TRICKY = `#usda 1.0
(
    doc = """a @not/a/path@ in "triple" text, with ''' and \\""" inside"""
    subLayers = [@./sub.usda@]
)
# a comment @nope.png@
def "A" (
    customData = { string n = "x@y.png@z" string m = 'q@r@' }
)
{
    asset a = @./maps/a.png@
    asset b = @@@./maps/b@c.png@@@
    asset c = @@@./maps/d\\@@@e.png@@@
    string s = "escaped \\" quote @f.png@"
    asset[] list = [@/abs/g.png@, @https://example.com/h.png@, @@]
    string t = '''@i.png@'''
}
`;
const PATHS = [
  './sub.usda',
  './maps/a.png',
  './maps/b@c.png',
  './maps/d@@@e.png',
  '/abs/g.png',
  'https://example.com/h.png',
];

describe('asset paths of a .usda', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dazport-usda-refs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('only the asset paths, not what strings and comments hold, however the text is cut', () => {
    const bytes = Buffer.from(TRICKY);
    for (const size of [1, 2, 3, 4, 7, 64, bytes.length]) {
      const scanner = new AssetPathScanner();
      for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size));
      scanner.push(new Uint8Array(0), true);
      expect(scanner.paths, `chunks of ${size} bytes`).toEqual(PATHS);
    }
  });

  it('files relative to the layer, absolute ones as they are, no URIs', () => {
    const file = join(dir, 'tricky.usda');
    writeFileSync(file, TRICKY);
    expect(readUsdaReferences(file)).toEqual({
      files: [
        join(dir, 'sub.usda'),
        join(dir, 'maps/a.png'),
        join(dir, 'maps/b@c.png'),
        join(dir, 'maps/d@@@e.png'),
        '/abs/g.png',
      ],
      byDazport: false,
    });
    expect(readUsdaReferences(join(dir, 'missing.usda'))).toEqual({ files: [], byDazport: false });
    mkdirSync(join(dir, 'folder.usda'));
    expect(readUsdaReferences(join(dir, 'folder.usda'))).toBeNull();
  });

  it('a dazport export: its textures, and that dazport wrote it', async () => {
    const scene = posedStage();
    scene.materials[0].channels['Diffuse Color'].map = join(
      process.cwd(),
      'assets/textures/checker_diffuse.png',
    );
    const file = join(dir, 'scene.usda');
    await exportUsda(scene, file);
    expect(readUsdaReferences(file)).toEqual({
      files: [join(dir, 'scene_textures', 'checker_diffuse.png')],
      byDazport: true,
    });
  });
});
