import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SceneSpec } from '../../../src/emulator/scenes/scene-spec.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { expectClose } from '../../helpers/expect-close.js';

const SPEC: SceneSpec = {
  name: 'set',
  props: [
    {
      shape: 'box',
      label: 'Crate',
      size: 40,
      segments: 2,
      transform: { translate: [100, 0, -50], rotate: [0, 90, 0] },
      surface: {
        type: 'iray',
        values: { 'Metallic Weight': 0.25 },
        maps: { 'Diffuse Color': 'checker_diffuse.png' },
      },
    },
    {
      shape: 'sphere',
      label: 'Ball',
      size: 20,
      segments: 6,
      parent: 'Crate',
      transform: { translate: [0, 40, 0] },
    },
  ],
  cameras: [
    {
      label: 'Cam',
      transform: { translate: [0, 100, 500] },
      aimAt: [0, 100, 0],
      focalLength: 50,
      frameWidth: 36,
      aspect: [16, 9],
    },
  ],
  lights: [
    {
      kind: 'distant',
      label: 'Sun',
      transform: { rotate: [-90, 0, 0] },
      intensity: 0.8,
      color: [1, 0.5, 0.25],
    },
    {
      kind: 'spot',
      label: 'Spot',
      transform: { translate: [0, 300, 0] },
      aimAt: [0, 0, 0],
      spreadAngle: 50,
      flux: 12000,
    },
    { kind: 'point', label: 'Bulb', on: false },
  ],
};

/** Run an ES5 IIFE body and return its result (failing the test on a script error). */
async function run<T>(t: TestEmulator, body: string): Promise<T> {
  const reply = await t.execute(`(function(){ ${body} })()`);
  if (!reply.success) throw new Error(String(reply.error));
  return reply.result as T;
}

describe('emulated DAZ object model: props, cameras, lights', () => {
  let t: TestEmulator;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-dom-'));
    writeFileSync(join(dir, 'set.json'), JSON.stringify(SPEC));
    t = await startTestEmulator({ scene: join(dir, 'set.json') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists nodes, typed lists and class chains like DAZ Studio', async () => {
    const r = await run<Record<string, unknown>>(
      t,
      `var out = { nodes: [], cameras: [], lights: [] };
       for (var i = 0; i < Scene.getNumNodes(); i++) out.nodes.push(Scene.getNode(i).getLabel());
       var cams = Scene.getCameraList(); for (var c = 0; c < cams.length; c++) out.cameras.push(cams[c].getLabel());
       for (var l = 0; l < Scene.getNumLights(); l++) out.lights.push(Scene.getLight(l).getLabel());
       var spot = Scene.findNodeByLabel("Spot");
       out.spotChain = [spot.className(), spot.inherits("DzLight"), spot.inherits("DzCamera"), spot.inherits("DzSkeleton")];
       out.isArray = cams instanceof Array;
       out.ballParent = Scene.findNodeByLabel("Ball").getNodeParent().getLabel();
       return out;`,
    );
    expect(r.nodes).toEqual(['Crate', 'Ball', 'Cam', 'Sun', 'Spot', 'Bulb']);
    expect(r.cameras).toEqual(['Cam']); // lights are DzCameras, but not in the camera list
    expect(r.lights).toEqual(['Sun', 'Spot', 'Bulb']);
    expect(r.spotChain).toEqual(['DzSpotLight', true, true, false]);
    expect(r.isArray).toBe(true);
    expect(r.ballParent).toBe('Crate');
  });

  it('gives facets whose vertex and UV indices are consistent, with seams', async () => {
    const r = await run<{
      nv: number;
      nuv: number;
      nf: number;
      bad: number;
      quads: number;
      tris: number;
      groups: string[];
    }>(
      t,
      `var geom = Scene.findNodeByLabel("Crate").getObject().getCurrentShape().getGeometry();
       var uvs = geom.getUVs(); var nv = geom.getNumVertices(); var nuv = uvs.getNumValues(); var bad = 0;
       for (var f = 0; f < geom.getNumFacets(); f++) {
         var fc = geom.getFacet(f);
         var v = [fc.vertIdx1, fc.vertIdx2, fc.vertIdx3, fc.vertIdx4], u = [fc.uvwIdx1, fc.uvwIdx2, fc.uvwIdx3, fc.uvwIdx4];
         var n = fc.isQuad() ? 4 : 3;
         for (var k = 0; k < n; k++) if (v[k] < 0 || v[k] >= nv || u[k] < 0 || u[k] >= nuv) bad++;
         if (fc.isTri() && (fc.vertIdx4 !== -1 || fc.uvwIdx4 !== -1)) bad++;
         if (fc.materialIndex !== 0) bad++;
       }
       return { nv: nv, nuv: nuv, nf: geom.getNumFacets(), bad: bad, quads: geom.getNumQuads(), tris: geom.getNumTris(),
                groups: [geom.getMaterialGroup(0).getName(), geom.getMaterialGroup(0).count()] };`,
    );
    expect(r.bad).toBe(0);
    expect(r.nf).toBe(24);
    expect(r.quads).toBe(24);
    expect(r.tris).toBe(0);
    expect(r.nv).toBe(26); // 6 sides of 3x3 grids sharing edges
    expect(r.nuv).toBe(54); // every side its own island: UVs split at the seams
    expect(r.groups).toEqual(['Surface', 24]);
  });

  it('places props in world space through their node transform (cached geometry)', async () => {
    const r = await run<{ base: number[]; world: number[]; pos: number[] }>(
      t,
      `var node = Scene.findNodeByLabel("Crate"); var obj = node.getObject();
       obj.forceCacheUpdate(node, false);
       var b = obj.getCurrentShape().getGeometry().getVertex(0), w = obj.getCachedGeom().getVertex(0), p = node.getWSPos();
       return { base: [b.x, b.y, b.z], world: [w.x, w.y, w.z], pos: [p.x, p.y, p.z] };`,
    );
    // Rotate 90° about Y maps (x, y, z) to (z, y, -x), then translate.
    expect(r.world[0]).toBeCloseTo(r.base[2] + 100, 4);
    expect(r.world[1]).toBeCloseTo(r.base[1], 4);
    expect(r.world[2]).toBeCloseTo(-r.base[0] - 50, 4);
    expect(r.pos).toEqual([100, 0, -50]);
  });

  it('composes a child with its parent (Ball rides on Crate)', async () => {
    const r = await run<number[]>(
      t,
      `var p = Scene.findNodeByLabel("Ball").getWSPos(); return [p.x, p.y, p.z];`,
    );
    expect(r[0]).toBeCloseTo(100, 5);
    expect(r[1]).toBeCloseTo(40, 5);
    expect(r[2]).toBeCloseTo(-50, 5);
  });

  it('exposes camera lens values as properties, with a horizontal field of view in radians', async () => {
    const r = await run<Record<string, number | boolean | string | null>>(
      t,
      `var cam = Scene.findCameraByLabel("Cam");
       return { fl: cam.focalLength, fw: cam.frameWidth, ar: cam.aspectRatio, fov: cam.getFieldOfView(),
                near: cam.nearClippingPlane, dist: cam.focalDistance, ctl: cam.getFocalLengthControl().getLabel(),
                getter: typeof cam.getFocalLength, persp: cam.isPerspective };`,
    );
    expect(r).toMatchObject({ fl: 50, fw: 36, ctl: 'Focal Length (mm)', getter: 'undefined', persp: true });
    expect(r.ar as number).toBeCloseTo(16 / 9, 10);
    expect(r.fov as number).toBeCloseTo(2 * Math.atan(36 / 100), 10);
    expect(r.dist as number).toBeCloseTo(500, 6); // aimAt set the focus
  });

  it('points a camera and a spot light with aimAt, and lights shine down local -Z', async () => {
    const r = await run<Record<string, number[]>>(
      t,
      `var cam = Scene.findCameraByLabel("Cam"), spot = Scene.findLightByLabel("Spot"), sun = Scene.findLightByLabel("Sun");
       var d = cam.getWSRot().multVec(new DzVec3(0, 0, -1)), s = spot.getWSDirection(), u = sun.getWSDirection();
       return { cam: [d.x, d.y, d.z], spot: [s.x, s.y, s.z], sun: [u.x, u.y, u.z] };`,
    );
    for (const [k, v] of Object.entries({ cam: [0, 0, -1], spot: [0, -1, 0], sun: [0, -1, 0] })) {
      expectClose(r[k], v, 6, k);
    }
  });

  it('reads light channels: colour × intensity, flux, spread, on/off', async () => {
    const r = await run<Record<string, unknown>>(
      t,
      `var sun = Scene.findLightByLabel("Sun"), spot = Scene.findLightByLabel("Spot"), bulb = Scene.findLightByLabel("Bulb");
       var c = sun.getDiffuseColor();
       return { color: [c.red, c.green, c.blue], dir: sun.isDirectional(), spotDir: spot.isDirectional(),
                flux: spot.getFlux(), spread: spot.getSpreadAngle(), on: [sun.isOn(), bulb.isOn()],
                fluxLabel: spot.getLightFluxControl().getLabel(), packed: sun.findProperty("Color").getValue() };`,
    );
    expect(r.color).toEqual([204, 102, 51]); // (1, .5, .25) × 0.8 × 255
    expect(r).toMatchObject({ dir: true, spotDir: false, flux: 12000, spread: 50, on: [true, false] });
    expect(r.fluxLabel).toBe('Luminous Flux (Lumen)');
    expect(typeof r.packed).toBe('number'); // a colour property's getValue() is a packed int
  });

  it('reads Iray material channels by name and label, with texture maps', async () => {
    const r = await run<Record<string, unknown>>(
      t,
      `var shape = Scene.findNodeByLabel("Crate").getObject().getCurrentShape(), m = shape.getMaterial(0);
       var base = m.findPropertyByLabel("Base Color");
       return { n: shape.getNumMaterials(), name: m.getName(), type: m.getMaterialName(), cls: m.className(),
                metal: m.findProperty("Metallic Weight").getValue(), metalLabel: m.findProperty("Metallic Weight").getLabel(),
                baseName: base.getName(), map: base.getMapValue().getFilename(), colorMap: m.getColorMap().getFilename(),
                rough: m.findProperty("Glossy Roughness").isMapped(), uv: m.getActiveUVSet(shape).getLabel(),
                same: shape.findMaterial("Surface") === m };`,
    );
    expect(r).toMatchObject({
      n: 1,
      name: 'Surface',
      type: 'Iray Uber',
      cls: 'DzUberIrayMaterial',
      metal: 0.25,
      metalLabel: 'Metallicity',
      baseName: 'Diffuse Color',
      rough: false,
      same: true,
    });
    expect(r.map).toMatch(/assets[\\/]textures[\\/]checker_diffuse\.png$/);
    expect(r.colorMap).toBe(r.map);
  });

  it('keys animatable properties and reads them back, interpolating between keys', async () => {
    const r = await run<Record<string, unknown>>(
      t,
      `var p = Scene.findNodeByLabel("Ball").getYRotControl(), step = Scene.getTimeStep();
       p.setValue(0, 10); p.setValue(10 * step, 50); p.setValue(5 * step, 20);
       var keys = []; for (var i = 0; i < p.getNumKeys(); i++) keys.push([p.getKeyTime(i) / step, p.getKeyValue(i)]);
       var mid = p.getValue(7.5 * step);
       Scene.setFrame(10); var now = p.getValue(); Scene.setFrame(0);
       return { keys: keys, mid: mid, now: now, before: p.getValue(-100), after: p.getValue(99999), step: step };`,
    );
    expect(r.keys).toEqual([
      [0, 10],
      [5, 20],
      [10, 50],
    ]);
    expect(r.mid).toBeCloseTo(35, 10);
    expect(r).toMatchObject({ now: 50, before: 10, after: 50, step: 160 });
  });

  it('keyed rotations move the node when the time changes', async () => {
    const r = await run<number[][]>(
      t,
      `var crate = Scene.findNodeByLabel("Crate"), step = Scene.getTimeStep(), ty = crate.getYPosControl();
       ty.setValue(0, 0); ty.setValue(20 * step, 100);
       var out = []; var f = [0, 10, 20];
       for (var i = 0; i < f.length; i++) { Scene.setFrame(f[i]); out.push([Scene.getFrame(), crate.getWSPos().y]); }
       ty.deleteAllKeys(); ty.setValue(0); Scene.setFrame(0);
       return out;`,
    );
    expect(r).toEqual([
      [0, 0],
      [10, 50],
      [20, 100],
    ]);
  });

  it('undoes a group of changes as one step', async () => {
    const r = await run<number[]>(
      t,
      `var a = Scene.findNodeByLabel("Ball").getXRotControl(), b = Scene.findNodeByLabel("Ball").getZRotControl();
       a.setValue(0); b.setValue(0);
       beginUndo(); a.setValue(30); b.setValue(40); acceptUndo("Pose ball");
       var caption = UndoStack.getUndoCaption() === "Pose ball" ? 1 : 0;
       UndoStack.undo(); var undone = [a.getValue(), b.getValue()];
       UndoStack.redo(); var redone = [a.getValue(), b.getValue()];
       beginUndo(); a.setValue(99); cancelUndo();
       return [caption, undone[0], undone[1], redone[0], redone[1], a.getValue()];`,
    );
    expect(r).toEqual([1, 0, 0, 30, 40, 30]);
  });

  it('fails like DAZ Studio on methods it does not have', async () => {
    const cases: [string, RegExp][] = [
      ['Scene.getSkeletonList()[0].getBone(0)', /TypeError/],
      [
        'Scene.findNodeByLabel("Cam").getFocalLength()',
        /^Line 1: TypeError: .*getFocalLength is not a function/,
      ],
      ['Scene.addCamera(new DzBasicCamera())', /TypeError: Scene\.addCamera is not a function/],
      ['Scene.stop()', /TypeError/],
      [
        'Scene.findNodeByLabel("Ball").getXRotControl().insertKey(0, 1)',
        /TypeError: .*insertKey is not a function/,
      ],
      [
        'Scene.findNodeByLabel("Ball").getObject().getCurrentShape().getGeometry().getMaterialGroup(0).getIndexAt(0)',
        /TypeError/,
      ],
    ];
    for (const [script, error] of cases) {
      const reply = await t.execute(script);
      expect(reply.success, script).toBe(false);
      expect(String(reply.error), script).toMatch(error);
    }
  });
});
