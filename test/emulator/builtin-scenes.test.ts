import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const SUMMARY = `(function(){
  var figures = [], props = [], total = 0;
  for (var i = 0; i < Scene.getNumNodes(); i++) {
    var node = Scene.getNode(i), obj = node.getObject();
    if (!obj) continue;
    var shape = obj.getCurrentShape(), geom = shape.getGeometry();
    total += geom.getNumVertices();
    var info = { label: node.getLabel(), vertices: geom.getNumVertices(), facets: geom.getNumFacets(), quads: geom.getNumQuads(),
                 tris: geom.getNumTris(), uvs: geom.getUVs().getNumValues(), surfaces: geom.getNumMaterialGroups(),
                 materials: [], maps: [] };
    for (var m = 0; m < shape.getNumMaterials(); m++) {
      var mat = shape.getMaterial(m); info.materials.push(mat.getMaterialName());
      var props_ = mat.getPropertyList();
      for (var p = 0; p < props_.length; p++) if (props_[p].isNumeric() && props_[p].isMapped()) info.maps.push(props_[p].getMapValue().getFilename());
    }
    if (node.inherits("DzSkeleton")) {
      var posed = 0, bones = node.getAllBones();
      for (var b = 0; b < bones.length; b++) if (bones[b].getZRotControl().getValue() !== 0 || bones[b].getYRotControl().getValue() !== 0 || bones[b].getXRotControl().getValue() !== 0) posed++;
      info.bones = bones.length; info.posedBones = posed; figures.push(info);
    } else props.push(info);
  }
  var types = []; for (var c = 0; c < Scene.getNumCameras(); c++) types.push(Scene.getCamera(c).className());
  for (var l = 0; l < Scene.getNumLights(); l++) types.push(Scene.getLight(l).className());
  return { figures: figures, props: props, total: total, types: types };
})()`;

interface Summary {
  figures: {
    label: string;
    vertices: number;
    facets: number;
    quads: number;
    tris: number;
    uvs: number;
    surfaces: number;
    materials: string[];
    maps: string[];
    bones: number;
    posedBones: number;
  }[];
  props: { label: string; maps: string[] }[];
  total: number;
  types: string[];
}

describe('built-in scenes', () => {
  let t: TestEmulator | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  for (const [scene, label, bones, skin] of [
    ['g9', 'Genesis 9', 143, 'PBRSkin'],
    ['g8f', 'Genesis 8 Female', 170, 'Iray Uber'],
    ['g8m', 'Genesis 8 Male', 170, 'Iray Uber'],
  ] as const) {
    it(`${scene}: a posed, skinned ${label} with a textured prop, a camera and three kinds of light`, async () => {
      t = await startTestEmulator({ scene });
      const s = (await t.execute(SUMMARY)).result as Summary;
      expect(s.figures).toHaveLength(1);
      const f = s.figures[0];
      expect(f).toMatchObject({ label, bones });
      expect(f.vertices).toBeGreaterThan(10_000);
      expect(f.vertices).toBeLessThan(100_000);
      expect(f.quads).toBeGreaterThan(0);
      expect(f.tris).toBeGreaterThan(0);
      expect(f.uvs).toBeGreaterThan(f.vertices); // UVs split at seams
      expect(f.surfaces).toBeGreaterThanOrEqual(4);
      expect(f.materials).toContain(skin);
      expect(f.posedBones).toBeGreaterThanOrEqual(5);
      expect(f.maps.length).toBeGreaterThan(0);
      expect(s.props.map((p) => p.label)).toEqual(['Textured Cube']);
      for (const file of [...f.maps, ...s.props[0].maps]) expect(existsSync(file), file).toBe(true);
      expect(s.props[0].maps.length).toBeGreaterThanOrEqual(2);
      expect(s.types).toEqual(['DzBasicCamera', 'DzDistantLight', 'DzSpotLight', 'DzPointLight']);
    });
  }

  it('heavy holds several figures and props with at least 1,000,000 vertices', async () => {
    t = await startTestEmulator({ scene: 'heavy' });
    const s = (await t.execute(SUMMARY)).result as Summary;
    expect(s.figures.length).toBeGreaterThanOrEqual(4);
    expect(s.props.length).toBeGreaterThanOrEqual(1);
    expect(s.total).toBeGreaterThanOrEqual(1_000_000);
    expect(s.total).toBeLessThan(1_400_000);
  });

  it('heavy:<vertices> sizes the scene to the knob', async () => {
    t = await startTestEmulator({ scene: 'heavy:250000' });
    const s = (await t.execute(SUMMARY)).result as Summary;
    expect(s.total).toBeGreaterThanOrEqual(250_000);
    expect(s.total).toBeLessThan(400_000);
  });

  it('g9-anim: the hip dips 3 cm and sways 6 cm while the standing foot stays planted on the floor', async () => {
    t = await startTestEmulator({ scene: 'g9-anim' });
    // Per frame: the lowest vertex of the posed mesh, the standing (right) toes and the hip, in cm.
    const r = await t.execute(`(function(){
      var fig = Scene.getSkeletonList()[0], obj = fig.getObject(), step = Scene.getTimeStep(), out = [];
      function at(n) { var p = fig.findBone(n).getWSPos(); return [p.x, p.y, p.z]; }
      for (var f = 0; f <= 60; f += 2) {
        Scene.setTime(f * step); obj.forceCacheUpdate(fig, false);
        var g = obj.getCachedGeom(), low = Infinity;
        for (var i = 0; i < g.getNumVertices(); i++) low = Math.min(low, g.getVertex(i).y);
        out.push({ frame: f, low: low, toes: at('r_toes'), hip: at('hip') });
      }
      Scene.setTime(0);
      return out;
    })()`);
    const frames = r.result as { frame: number; low: number; toes: number[]; hip: number[] }[];
    const [first] = frames;
    const at = (frame: number) => frames.find((f) => f.frame === frame) ?? first;
    // The motion is there: the hip is 3 cm lower at frame 20 and 6 cm aside at frame 30.
    expect(first.hip[1] - at(20).hip[1]).toBeCloseTo(3, 1);
    expect(at(30).hip[0] - first.hip[0]).toBeCloseTo(6, 1);
    for (const f of frames) {
      // No sinking into the floor nor lifting off it (frame 0 is g9's pose, its lowest point -1.3 cm).
      expect(f.low - first.low, `lowest point, frame ${f.frame}`).toBeGreaterThan(-0.5);
      expect(f.low - first.low, `lowest point, frame ${f.frame}`).toBeLessThan(0.8);
      // The standing foot does not slide.
      const slide = Math.hypot(f.toes[0] - first.toes[0], f.toes[2] - first.toes[2]);
      expect(slide, `standing toes, frame ${f.frame}`).toBeLessThan(1);
    }
  });

  it('is deterministic: two emulators serve the same posed mesh, bit for bit', async () => {
    const checksum = `(function(){ var fig = Scene.getSkeletonList()[0], obj = fig.getObject(); obj.forceCacheUpdate(fig, false);
      var g = obj.getCachedGeom(), h = 0; for (var i = 0; i < g.getNumVertices(); i += 3) { var v = g.getVertex(i); h = (h * 31 + v.x * 7 + v.y * 13 + v.z * 17) % 1000003; }
      return h; })()`;
    const a = await startTestEmulator({ scene: 'g9' });
    const b = await startTestEmulator({ scene: 'g9' });
    try {
      const [ha, hb] = [(await a.execute(checksum)).result, (await b.execute(checksum)).result];
      expect(typeof ha).toBe('number');
      expect(ha).toBe(hb);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
