/**
 * Figures: bones, rest data, forward kinematics and skinning, checked against an independent
 * computation written here (Rodrigues rotations about the bones' own axes), not against the
 * emulator's own transform code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { expectClose } from '../../helpers/expect-close.js';

type V3 = [number, number, number];
type Q = [number, number, number, number];

/** Rotate v by unit quaternion q (x, y, z, w): v' = q v q*. */
function rotate(q: Q, v: V3): V3 {
  const [x, y, z, w] = q;
  const m = [
    [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
    [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
    [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
  ];
  return [0, 1, 2].map((r) => m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2]) as V3;
}

/** Rodrigues: rotate p about the line through `pivot` along unit `axis` by `deg` degrees. */
function rotateAbout(p: V3, pivot: V3, axis: V3, deg: number): V3 {
  const t = (deg * Math.PI) / 180;
  const v: V3 = [p[0] - pivot[0], p[1] - pivot[1], p[2] - pivot[2]];
  const d = axis[0] * v[0] + axis[1] * v[1] + axis[2] * v[2];
  const c: V3 = [
    axis[1] * v[2] - axis[2] * v[1],
    axis[2] * v[0] - axis[0] * v[2],
    axis[0] * v[1] - axis[1] * v[0],
  ];
  return [0, 1, 2].map(
    (i) => pivot[i] + v[i] * Math.cos(t) + c[i] * Math.sin(t) + axis[i] * d * (1 - Math.cos(t)),
  ) as V3;
}

async function run<T>(t: TestEmulator, body: string): Promise<T> {
  const reply = await t.execute(`(function(){ ${body} })()`);
  if (!reply.success) throw new Error(String(reply.error));
  return reply.result as T;
}

const HELPERS = `
  function v3(v) { return [v.x, v.y, v.z]; }
  function q4(q) { return [q.x, q.y, q.z, q.w]; }`;

describe('emulated figures', () => {
  let t: TestEmulator;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dazport-fig-'));
    const spec = {
      name: 'rest',
      figures: [
        { figure: 'genesis9', label: 'G9' },
        { figure: 'genesis8female', label: 'G8F', transform: { translate: [100, 0, 0] } },
      ],
    };
    writeFileSync(join(dir, 'rest.json'), JSON.stringify(spec));
    t = await startTestEmulator({ scene: join(dir, 'rest.json') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the real bone names, hierarchy and rotation orders, reached through getAllBones()', async () => {
    const r = await run<Record<string, unknown>>(
      t,
      `var g9 = Scene.findSkeletonByLabel("G9"), g8 = Scene.findSkeletonByLabel("G8F"), bones = g9.getAllBones();
       var fa = g9.findBone("l_forearm"), ro = fa.getRotationOrder();
       return { n9: bones.length, n8: g8.getAllBones().length, first: bones[0].getName(), firstParent: bones[0].getNodeParent().getLabel(),
                fa: [fa.className(), fa.getNodeParent().getName(), ro.toString(), ro.order, ro.firstAxis, fa.getObject() === null],
                shin: g8.findBone("lShin").getRotationOrder().toString(), foot: g8.findBone("lFoot").getRotationOrder().toString(),
                twistParent: g8.findBone("lForearmBend").getNodeParent().getName(),
                g9twist: g9.findBone("l_upperarmtwist1").getNodeParent().getName(),
                skel: fa.getSkeleton().getLabel(), cls: [g9.className(), g9.inherits("DzSkeleton")] };`,
    );
    expect(r).toMatchObject({
      n9: 143,
      n8: 170,
      first: 'hip',
      firstParent: 'G9',
      fa: ['DzBone', 'l_upperarm', 'XZY', 1, 0, true],
      shin: 'YZX',
      foot: 'ZYX',
      twistParent: 'lShldrTwist',
      g9twist: 'l_upperarm',
      skel: 'G9',
      cls: ['DzFigure', true],
    });
  });

  it('keeps the A-pose rest: upper arm about 47° below horizontal, joint centres where the real figure has them', async () => {
    const r = await run<Record<string, V3>>(
      t,
      `${HELPERS}
       var g9 = Scene.findSkeletonByLabel("G9");
       return { shoulder: v3(g9.findBone("l_upperarm").getOrigin()), elbow: v3(g9.findBone("l_forearm").getOrigin()),
                hip: v3(g9.findBone("hip").getWSPos()), end: v3(g9.findBone("l_upperarm").getEndPoint()) };`,
    );
    const [s, e] = [r.shoulder, r.elbow];
    const angle = (Math.atan2(s[1] - e[1], Math.hypot(e[0] - s[0], e[2] - s[2])) * 180) / Math.PI;
    expect(angle).toBeGreaterThan(45);
    expect(angle).toBeLessThan(49);
    expect(r.hip[1]).toBeCloseTo(97.1, 1);
    expect(r.end).toEqual(r.elbow);
  });

  it('forward kinematics of a chain: upper arm and forearm rotated, the hand lands where rotations about the joints put it', async () => {
    const r = await run<Record<string, unknown>>(
      t,
      `${HELPERS}
       var g9 = Scene.findSkeletonByLabel("G9"), ua = g9.findBone("l_upperarm"), fa = g9.findBone("l_forearm"), hand = g9.findBone("l_hand");
       var before = { s: v3(ua.getOrigin()), e: v3(fa.getOrigin()), h: v3(hand.getWSPos()), oua: q4(ua.getOrientation()), ofa: q4(fa.getOrientation()) };
       ua.getZRotControl().setValue(30); fa.getYRotControl().setValue(-50);
       var after = { h: v3(hand.getWSPos()), e: v3(fa.getWSPos()), rot: q4(hand.getWSRot()) };
       ua.getZRotControl().setValue(0); fa.getYRotControl().setValue(0);
       return { before: before, after: after };`,
    );
    const b = r.before as { s: V3; e: V3; h: V3; oua: Q; ofa: Q };
    const a = r.after as { h: V3; e: V3 };
    // Local axes in world at rest: the orientation turns figure axes into the bone's axes.
    const zUpper = rotate(b.oua, [0, 0, 1]);
    const yFore = rotate(b.ofa, [0, 1, 0]);
    // Forearm first (its rotation happens in the upper arm's frame), then the whole chain about the shoulder.
    const handAfterForearm = rotateAbout(b.h, b.e, yFore, -50);
    const expectedHand = rotateAbout(handAfterForearm, b.s, zUpper, 30);
    const expectedElbow = rotateAbout(b.e, b.s, zUpper, 30);
    expectClose(a.h, expectedHand, 4);
    expectClose(a.e, expectedElbow, 4);
  });

  it('skins the posed mesh: a bone rotation moves its vertices by the blend of rotated and unrotated positions', async () => {
    const r = await run<Record<string, unknown>>(
      t,
      `${HELPERS}
       var g9 = Scene.findSkeletonByLabel("G9"), fa = g9.findBone("l_forearm"), obj = g9.getObject();
       var skin = g9.getSkinBinding(), base = obj.getCurrentShape().getGeometry();
       function moves(bone) { for (var b = bone; b; b = b.getNodeParent()) if (b === fa) return true; return false; }
       // Weight of the bones that turn with the forearm (it and its descendants: hand, twist bones ...).
       var moving = [], still = [];
       for (var k = 0; k < skin.getNumBoneBindings(); k++) {
         var bb = skin.getBoneBinding(k); (moves(bb.getBone()) ? moving : still).push(bb.getWeights());
       }
       var full = [], blended = [];
       for (var i = 0; i < base.getNumVertices() && (full.length < 25 || blended.length < 25); i++) {
         var wm = 0; for (var m = 0; m < moving.length; m++) wm += moving[m].getFloatWeight(i);
         if (wm > 0.999 && full.length < 25) full.push([i, wm, v3(base.getVertex(i))]);
         else if (wm > 0.05 && wm < 0.95 && blended.length < 25) blended.push([i, wm, v3(base.getVertex(i))]);
       }
       var picks = full.concat(blended);
       // Skinning alone: the elbow's corrective, which the bend drives (ERC link), is switched off.
       obj.findModifier("body_cbs_forearm_y135n_l").getValueControl().getController(0).active = false;
       obj.forceCacheUpdate(g9, false);
       var restCached = []; for (var p = 0; p < picks.length; p++) restCached.push(v3(obj.getCachedGeom().getVertex(picks[p][0])));
       fa.getYRotControl().setValue(-40);
       obj.forceCacheUpdate(g9, false);
       var posed = []; for (var q = 0; q < picks.length; q++) posed.push(v3(obj.getCachedGeom().getVertex(picks[q][0])));
       var stale = v3(obj.getCachedGeom().getVertex(picks[0][0]));
       fa.getYRotControl().setValue(0);
       var staleAfterReset = v3(obj.getCachedGeom().getVertex(picks[0][0]));
       obj.forceCacheUpdate(g9, false);
       return { full: full.length, blended: blended.length, picks: picks, restCached: restCached, posed: posed,
                pivot: v3(fa.getOrigin()), o: q4(fa.getOrientation()), numBindings: skin.getNumBoneBindings(),
                stale: stale, staleAfterReset: staleAfterReset,
                counts: [base.getNumVertices(), obj.getCachedGeom().getNumVertices(), base.getNumFacets(), obj.getCachedGeom().getNumFacets()] };`,
    );
    const picks = r.picks as [number, number, V3][];
    const posed = r.posed as V3[];
    const restCached = r.restCached as V3[];
    expect(r.full).toBe(25);
    expect(r.blended).toBe(25);
    const axis = rotate(r.o as Q, [0, 1, 0]);
    picks.forEach(([index, w, v], k) => {
      // Unposed, the cached mesh is the base mesh.
      expectClose(restCached[k], v, 3);
      const rotated = rotateAbout(v, r.pivot as V3, axis, -40);
      const expected = [0, 1, 2].map((i) => w * rotated[i] + (1 - w) * v[i]);
      expectClose(posed[k], expected, 3, `vertex ${index}`);
    });
    // A real move, not a no-op: the fully weighted vertices travelled.
    const travelled = Math.hypot(...[0, 1, 2].map((i) => posed[0][i] - restCached[0][i]));
    expect(travelled).toBeGreaterThan(1);
    // The cache is what was last forced: resetting the bone without forceCacheUpdate leaves it posed.
    expect(r.staleAfterReset).toEqual(r.stale);
    const [nv, nvc, nf, nfc] = r.counts as number[];
    expect(nvc).toBe(nv);
    expect(nfc).toBe(nf);
    expect(r.numBindings).toBeGreaterThan(50);
  });

  it('weights sum to one at every vertex the binding covers', async () => {
    const r = await run<number[]>(
      t,
      `var g8 = Scene.findSkeletonByLabel("G8F"), skin = g8.getSkinBinding(), n = g8.getObject().getCurrentShape().getGeometry().getNumVertices();
       var worst = 0, maps = [];
       for (var b = 0; b < skin.getNumBoneBindings(); b++) maps.push(skin.getBoneBinding(b).getWeights());
       for (var i = 0; i < n; i += 97) { var s = 0; for (var m = 0; m < maps.length; m++) s += maps[m].getFloatWeight(i); worst = Math.max(worst, Math.abs(1 - s)); }
       return [worst, maps[0].getNumWeights() === n ? 1 : 0];`,
    );
    expect(r[0]).toBeLessThan(1e-5);
    expect(r[1]).toBe(1);
  });

  it('applies morphs to the cached mesh, scaled by their value', async () => {
    const r = await run<Record<string, unknown>>(
      t,
      `${HELPERS}
       var g9 = Scene.findSkeletonByLabel("G9"), obj = g9.getObject(), morph = null;
       for (var m = 0; m < obj.getNumModifiers(); m++) { var mod = obj.getModifier(m); if (mod.className() === "DzMorph") { morph = mod; break; } }
       var d = morph.getDeltas(), idx = d.getDeltaIndex(0), dv = v3(d.getDeltaVec(0));
       var base = v3(obj.getCurrentShape().getGeometry().getVertex(idx));
       morph.getValueControl().setValue(0.5); obj.forceCacheUpdate(g9, false);
       var half = v3(obj.getCachedGeom().getVertex(idx));
       morph.getValueControl().setValue(0); obj.forceCacheUpdate(g9, false);
       return { label: morph.getLabel(), n: d.getNumDeltas(), base: base, dv: dv, half: half,
                channel: morph.getValueChannel() === morph.getValueControl(), found: obj.findModifier(morph.getName()) === morph };`,
    );
    const base = r.base as V3;
    const dv = r.dv as V3;
    expectClose(
      r.half as V3,
      [0, 1, 2].map((i) => base[i] + 0.5 * dv[i]),
      3,
    );
    expect(r.n as number).toBeGreaterThan(0);
    expect(r).toMatchObject({ channel: true, found: true });
  });

  it('poses with setLocalRot/getLocalRot round trips through the bone rotation order', async () => {
    const r = await run<number[]>(
      t,
      `var bone = Scene.findSkeletonByLabel("G8F").findBone("lShldrBend");
       bone.getXRotControl().setValue(10); bone.getYRotControl().setValue(-20); bone.getZRotControl().setValue(35);
       var q = bone.getLocalRot();
       bone.getXRotControl().setValue(0); bone.getYRotControl().setValue(0); bone.getZRotControl().setValue(0);
       bone.setLocalRot(q);
       var out = [bone.getXRotControl().getValue(), bone.getYRotControl().getValue(), bone.getZRotControl().getValue()];
       bone.getXRotControl().setValue(0); bone.getYRotControl().setValue(0); bone.getZRotControl().setValue(0);
       return out;`,
    );
    expect(r[0]).toBeCloseTo(10, 6);
    expect(r[1]).toBeCloseTo(-20, 6);
    expect(r[2]).toBeCloseTo(35, 6);
  });

  it('serializes value types as property maps and DzTime as numbers', async () => {
    const r = await run<Record<string, unknown>>(
      t,
      `var bone = Scene.findSkeletonByLabel("G9").findBone("head");
       return { ro: bone.getRotationOrder(), v: new DzVec3(1, 2, 3), t: Scene.getTimeStep(), str: String(new DzVec3(1, 2, 3)) };`,
    );
    expect(r).toEqual({
      ro: { firstAxis: 1, order: 3, secondAxis: 2, thirdAxis: 0 },
      str: '[ 1, 2, 3 ]',
      t: 160,
      v: { x: 1, y: 2, z: 3 },
    });
  });
});
