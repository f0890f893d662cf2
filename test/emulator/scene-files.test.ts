import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSceneSpec } from '../../src/emulator/scenes/load-scene.js';
import { startTestEmulator } from '../helpers/emulator.js';

describe('scene JSON files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-scene-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a scene loaded from a file, hierarchy included', async () => {
    const file = join(dir, 'set.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'set',
        nodes: [
          {
            kind: 'node',
            name: 'Group',
            label: 'Props',
            children: [{ kind: 'camera', name: 'Cam', label: 'Shot Cam' }],
          },
        ],
      }),
    );
    const t = await startTestEmulator({ scene: file });
    try {
      const body = await t.execute(
        '(function(){ var c = Scene.findNodeByLabel("Shot Cam"); return [Scene.getNumNodes(), c.getNodeParent().getLabel(), c.inherits("DzCamera"), c.className()]; })()',
      );
      expect(body.result).toEqual([2, 'Props', true, 'DzBasicCamera']);
    } finally {
      await t.close();
    }
  });

  it('names the file and the place of a structural mistake', () => {
    const cases: [unknown, RegExp][] = [
      [[], /\(root\): expected an object/],
      [{ name: 'x' }, /nodes: expected an array/],
      [
        { name: 'x', nodes: [{ kind: 'teapot', name: 'a' }] },
        /nodes\[0\]\.kind: expected one of node, figure/,
      ],
      [
        { name: 'x', nodes: [{ kind: 'node', name: 'a', children: [{ kind: 'node', name: '' }] }] },
        /nodes\[0\]\.children\[0\]\.name: expected a non-empty string/,
      ],
    ];
    for (const [json, message] of cases) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify(json));
      expect(() => loadSceneSpec(file)).toThrowError(message);
      expect(() => loadSceneSpec(file)).toThrowError(new RegExp(`^${file.replace(/[/.]/g, '\\$&')}`));
    }
    writeFileSync(join(dir, 'broken.json'), '{"name": ');
    expect(() => loadSceneSpec(join(dir, 'broken.json'))).toThrowError(/broken\.json: not valid JSON/);
  });
});
