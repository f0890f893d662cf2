import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DzNode } from '../../src/emulator/dom/dz-node.js';
import type { DzFacetMesh } from '../../src/emulator/dom/geometry/dz-facet-mesh.js';
import type { DzObject } from '../../src/emulator/dom/geometry/dz-object.js';
import { loadSceneSpec } from '../../src/emulator/scenes/load-scene.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { inProcessScene } from '../helpers/in-process-scene.js';

describe('scene JSON files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-scene-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a scene loaded from a file: a posed figure, a prop parented to nothing, a camera', async () => {
    const file = join(dir, 'set.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'set',
        figures: [{ figure: 'genesis8male', label: 'Hero', pose: { lForearmBend: [0, -30, 0] } }],
        props: [{ shape: 'sphere', label: 'Ball', size: 30 }],
        cameras: [{ label: 'Shot Cam', transform: { translate: [0, 150, 300] } }],
      }),
    );
    const t = await startTestEmulator({ scene: file });
    try {
      const body = await t.execute(
        '(function(){ var c = Scene.findNodeByLabel("Shot Cam"), hero = Scene.findSkeletonByLabel("Hero"); ' +
          'return [Scene.getNumSkeletons(), hero.getName(), hero.findBone("lForearmBend").getYRotControl().getValue(), c.className(), Scene.getNumCameras()]; })()',
      );
      expect(body.result).toEqual([1, 'Genesis8Male', -30, 'DzBasicCamera', 1]);
    } finally {
      await t.close();
    }
  });

  it('names the file and the place of a structural mistake', () => {
    const cases: [unknown, RegExp][] = [
      [[], /\(root\): expected an object/],
      [{ name: 'x', figures: {} }, /figures: expected an array/],
      [
        { name: 'x', figures: [{ figure: 'genesis3' }] },
        /figures\[0\]\.figure: expected one of genesis8female, genesis8male, genesis9/,
      ],
      [
        { name: 'x', props: [{ shape: 'teapot', label: 'a' }] },
        /props\[0\]\.shape: expected one of box, sphere/,
      ],
      [
        { name: 'x', props: [{ shape: 'box', label: 'a', transform: { translate: [1, 2] } }] },
        /props\[0\]\.transform\.translate: expected three numbers/,
      ],
      [
        { name: 'x', lights: [{ kind: 'area', label: 'a' }] },
        /lights\[0\]\.kind: expected one of distant, spot, point/,
      ],
      [
        { name: 'x', figures: [{ figure: 'genesis9', detail: 0 }] },
        /figures\[0\]\.detail: expected a number from 0\.25 to 16/,
      ],
      [
        { name: 'x', figures: [{ figure: 'genesis9', facetOrder: 'random' }] },
        /figures\[0\]\.facetOrder: expected one of modelled, shuffled/,
      ],
      [
        { name: 'x', keys: [{ node: 'Ball', channel: 'XSpin', keys: [[0, 1]] }] },
        /keys\[0\]\.channel: expected one of XTranslate, YTranslate, ZTranslate, XRotate, YRotate, ZRotate/,
      ],
      [
        { name: 'x', keys: [{ node: 'Ball', channel: 'YRotate', keys: [[0, 1], [10]] }] },
        /keys\[0\]\.keys\[1\]: expected \[frame, value\]/,
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

  it('keys a prop from the file, and refuses keys on a node that is not there', async () => {
    const file = join(dir, 'keyed.json');
    const scene = (keys: unknown) => ({
      name: 'keyed',
      props: [{ shape: 'sphere', label: 'Ball', size: 30 }],
      time: { fps: 24, endFrame: 48 },
      keys,
    });
    writeFileSync(
      file,
      JSON.stringify(
        scene([
          {
            node: 'Ball',
            channel: 'YTranslate',
            keys: [
              [0, 0],
              [24, 50],
            ],
          },
        ]),
      ),
    );
    const t = await startTestEmulator({ scene: file });
    try {
      const body = await t.execute(
        '(function(){ var p = Scene.findNodeByLabel("Ball").getYPosControl(); return [p.getNumKeys(), p.getKeyTime(1).valueOf(), p.getValue(2400), Scene.getTimeStep().valueOf()]; })()',
      );
      expect(body.result).toEqual([2, 4800, 25, 200]);
    } finally {
      await t.close();
    }
    writeFileSync(file, JSON.stringify(scene([{ node: 'Bal', channel: 'YTranslate', keys: [[0, 0]] }])));
    await expect(startTestEmulator({ scene: file })).rejects.toMatchObject({
      code: 'DAZPORT_SCENE_INVALID',
      message: expect.stringMatching(/keys on "Bal": no node has that label/),
    });
  });

  it('refuses a pose or morph the figure does not have, naming it', async () => {
    const file = join(dir, 'bad-pose.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'x', figures: [{ figure: 'genesis9', pose: { lShldrBend: [0, 0, 10] } }] }),
    );
    await expect(startTestEmulator({ scene: file })).rejects.toMatchObject({
      code: 'DAZPORT_SCENE_INVALID',
      message: expect.stringMatching(/bone "lShldrBend", which Genesis 9 does not have/),
    });
  });

  it("shuffles a figure's polygons when asked: the same polygons, in another order, the same in every run", () => {
    const polygons = (facetOrder?: string) => {
      const file = join(dir, `order-${facetOrder ?? 'default'}.json`);
      writeFileSync(file, JSON.stringify({ name: 'x', figures: [{ figure: 'genesis9', facetOrder }] }));
      const scene = inProcessScene(file);
      const object = (scene.getNode(0) as DzNode).getObject() as DzObject;
      const geometry = object.getCurrentShape().getGeometry() as DzFacetMesh;
      const out: string[] = [];
      for (let i = 0; i < geometry.getNumFacets(); i++) {
        const f = geometry.getFacet(i);
        out.push(
          [
            f.vertIdx1,
            f.vertIdx2,
            f.vertIdx3,
            f.vertIdx4,
            f.uvwIdx1,
            f.uvwIdx2,
            f.uvwIdx3,
            f.uvwIdx4,
            f.materialIndex,
          ].join(' '),
        );
      }
      return out;
    };
    const modelled = polygons();
    const shuffled = polygons('shuffled');
    expect(polygons('modelled')).toEqual(modelled);
    expect(shuffled).not.toEqual(modelled);
    expect([...shuffled].sort()).toEqual([...modelled].sort());
    expect(polygons('shuffled')).toEqual(shuffled);
    // Shuffled means no order left: few neighbours in the list share a vertex.
    const sharing = shuffled.filter((p, i) => {
      const next = shuffled[i + 1]?.split(' ').slice(0, 4) ?? [];
      return p
        .split(' ')
        .slice(0, 4)
        .some((v) => v !== '-1' && next.includes(v));
    }).length;
    expect(sharing / shuffled.length).toBeLessThan(0.01);
  });
});
