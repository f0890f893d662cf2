/**
 * The quality measurement measures: its figure kinematics agree with DAZ's posing model on cases
 * worked out by hand, its metrics report known errors as the errors they are, and a deliberately
 * spoiled retarget shows up in the report (pelvis pitched, feet lifted, root stretched).
 */
import { describe, expect, it } from 'vitest';
import { getSkeletonDefinition } from '../../../src/bonemaps/genesis/index.js';
import type { Motion } from '../../../src/scene/motion.js';
import type { BodyTrack } from './quality/body-track.js';
import { directionErrors, PELVIS_TURN } from './quality/direction-errors.js';
import { FigureKinematics, indexMotion } from './quality/figure-kinematics.js';
import { figureModel } from './quality/figure-track.js';
import { floorReport, skatingReport } from './quality/floor-contact.js';
import {
  measureRetargetResult,
  type QualityInput,
  type QualityOptions,
  retargetForQuality,
} from './quality/measure-retarget.js';
import { quantileSorted, summarize } from './quality/stats.js';
import { eulerDegreesToQuat, quatToEulerDegrees, ROTATION_ORDERS } from './quality/synthetic/euler-angles.js';
import { syntheticCapture, truthTrack } from './quality/synthetic/synthetic-capture.js';

const G9 = getSkeletonDefinition('genesis9');

/** A one-frame motion with the given local rotations ([x, y, z, w]) and hip translation. */
function oneFrame(rotations: Record<string, number[]>, hip: number[] = [0, 0, 0]): Motion {
  const tracks = Object.entries(rotations).map(([joint, q]) => ({ joint, rotations: Float32Array.from(q) }));
  const hipTrack = tracks.find((t) => t.joint === 'hip');
  const translations = Float32Array.from(hip);
  if (hipTrack) Object.assign(hipTrack, { translations });
  else tracks.push({ joint: 'hip', rotations: Float32Array.of(0, 0, 0, 1), translations } as never);
  return { name: 'test', frameRate: 30, frameCount: 1, tracks };
}

function centre(k: FigureKinematics, motion: Motion, bone: string): number[] {
  const worlds = k.pose(indexMotion(k, motion), 0, k.createWorlds());
  const out = new Float64Array(3);
  k.jointCentre(worlds, k.boneIndex(bone), out);
  return [...out];
}

const axisAngle = (axis: number[], deg: number) => {
  const h = (deg * Math.PI) / 360;
  const n = Math.hypot(...axis);
  return [...axis.map((a) => (a / n) * Math.sin(h)), Math.cos(h)];
};

describe('quality measurement: figure kinematics', () => {
  const k = new FigureKinematics(G9);

  it('leaves every joint at its rest centre when nothing moves', () => {
    const worlds = k.pose(indexMotion(k, oneFrame({})), 0, k.createWorlds());
    const out = new Float64Array(3);
    G9.bones.forEach((b, i) => {
      k.jointCentre(worlds, i, out);
      for (let c = 0; c < 3; c++) expect(out[c]).toBeCloseTo(b.origin[c], 9);
    });
  });

  it('turns the hip (identity orientation) about figure Y and carries the thighs with it', () => {
    const got = centre(k, oneFrame({ hip: axisAngle([0, 1, 0], 90) }, [1, 2, 3]), 'l_thigh');
    const hip = G9.bones[0].origin;
    const thigh = G9.bones.find((b) => b.name === 'l_thigh')?.origin as number[];
    // A quarter turn about Y maps (x, y, z) → (z, y, −x) around the hip's centre, then the translation.
    const d = [thigh[0] - hip[0], thigh[1] - hip[1], thigh[2] - hip[2]];
    const want = [hip[0] + d[2] + 1, hip[1] + d[1] + 2, hip[2] - d[0] + 3];
    for (let c = 0; c < 3; c++) expect(got[c]).toBeCloseTo(want[c], 5);
  });

  it('turns a bone about its own long axis (its orientation’s first axis) without moving its child', () => {
    for (const [bone, child] of [
      ['l_upperarm', 'l_forearm'],
      ['r_forearm', 'r_hand'],
      ['l_thigh', 'l_shin'],
    ]) {
      const order = G9.bones.find((b) => b.name === bone)?.rotationOrder as string;
      const axis = [0, 0, 0];
      axis['XYZ'.indexOf(order[0])] = 1;
      const rest = G9.bones.find((b) => b.name === child)?.origin as number[];
      const twisted = centre(k, oneFrame({ [bone]: axisAngle(axis, 70) }), child);
      const bent = centre(k, oneFrame({ [bone]: axisAngle([axis[2], axis[0], axis[1]], 30) }), child);
      // The child joint lies on the bone's long axis: a twist leaves it, a bend moves it.
      expect(Math.hypot(...twisted.map((v, c) => v - rest[c])), bone).toBeLessThan(0.05);
      expect(Math.hypot(...bent.map((v, c) => v - rest[c])), bone).toBeGreaterThan(5);
    }
  });

  it('skins the soles: standing height at rest, and exactly as much higher as the hip is lifted', () => {
    const model = figureModel('genesis9');
    expect(model.feet.vertexCount('l')).toBeGreaterThan(500);
    expect(model.feet.vertexCount('r')).toBeGreaterThan(500);
    expect(Math.abs(model.feet.standingHeight)).toBeLessThan(0.5);
    const kk = model.kinematics;
    const lifted = kk.pose(indexMotion(kk, oneFrame({}, [0, 10, 0])), 0, kk.createWorlds());
    expect(model.feet.lowest(lifted, 'l')).toBeCloseTo(model.feet.standingHeight + 10, 6);
    // Bending the left knee lifts the left foot off the floor, not the right one.
    const kneel = kk.pose(
      indexMotion(kk, oneFrame({ l_shin: axisAngle([1, 0, 0], 60) })),
      0,
      kk.createWorlds(),
    );
    expect(model.feet.lowest(kneel, 'l')).toBeGreaterThan(model.feet.standingHeight + 3);
    expect(model.feet.lowest(kneel, 'r')).toBeCloseTo(model.feet.standingHeight, 6);
  });
});

/** A track of straight-line points from per-frame functions. */
function track(
  frames: number,
  points: Record<string, (f: number) => number[]>,
  frameTime = 1 / 30,
): BodyTrack {
  const out: BodyTrack = { frameCount: frames, frameTime, points: {}, feet: { l: [], r: [] } };
  for (const [name, at] of Object.entries(points)) {
    const p = new Float64Array(frames * 3);
    for (let f = 0; f < frames; f++) p.set(at(f), f * 3);
    if (name.startsWith('foot:')) out.feet[name.slice(5, 6) as 'l' | 'r'].push(p);
    else (out.points as Record<string, Float64Array>)[name] = p;
  }
  return out;
}

describe('quality measurement: metrics', () => {
  it('reports a limb turned by a known angle as that angle, and nothing where the tracks agree', () => {
    const capture = track(4, { l_thigh: () => [10, 90, 0], l_shin: () => [10, 50, 0] });
    const figure = track(4, {
      l_thigh: () => [10, 90, 0],
      l_shin: (f) => [
        10 + 40 * Math.sin((f * 10 * Math.PI) / 180),
        90 - 40 * Math.cos((f * 10 * Math.PI) / 180),
        0,
      ],
    });
    const report = directionErrors(capture, figure, [0, 1, 2, 3]);
    const thigh = report.perDirection.find((d) => d.label === 'l_thigh→shin');
    expect([...(thigh?.degrees ?? [])].map((d) => Math.round(d * 1e6) / 1e6)).toEqual([0, 10, 20, 30]);
    expect(report.missing).toContain('hip→chest');
  });

  it('sees a pelvis pitched forward that directions alone miss', () => {
    const pitch = (deg: number) => (p: number[]) => {
      const a = (deg * Math.PI) / 180;
      const [x, y, z] = [p[0], p[1] - 95, p[2]];
      return [x, 95 + y * Math.cos(a) - z * Math.sin(a), y * Math.sin(a) + z * Math.cos(a)];
    };
    const pelvis = { hips: [0, 95, 0], l_thigh: [8, 87, 0], r_thigh: [-8, 87, 0] };
    const make = (deg: number) => {
      const t = track(
        1,
        Object.fromEntries(Object.entries(pelvis).map(([k, p]) => [k, () => pitch(deg)(p)])),
      );
      t.rest = pelvis as never;
      return t;
    };
    const report = directionErrors(make(0), make(30), [0]);
    expect(report.perDirection.find((d) => d.label === 'thigh-to-thigh')?.degrees[0]).toBeCloseTo(0, 9);
    expect(report.perDirection.find((d) => d.label === PELVIS_TURN)?.degrees[0]).toBeCloseTo(30, 6);
  });

  it('floor: median and worst of the lower foot; frames where the capture sinks are set aside', () => {
    const lowest = { l: Float64Array.of(0, 1, 2, -5, 0), r: Float64Array.of(3, 0.5, 4, 9, -4) };
    const capture = track(5, { 'foot:l': (f) => [0, f === 4 ? -10 : 0, 0], 'foot:r': () => [0, 0, 0] });
    const floor = floorReport(lowest, -0.1, capture, 5);
    expect(floor.median).toBe(0);
    expect(floor.worst).toBe(-5);
    expect(floor.captureBelowFloorFrames).toBe(1);
    expect(floor.worstWhileCaptureOnFloor).toBe(-5);
  });

  it('skating: a foot on the floor sliding at 1 m/s skates, the same foot lifted 10 cm does not', () => {
    const slide = (height: number) =>
      track(30, { 'foot:l': (f) => [(f * 100) / 30, height, 0], 'foot:r': (f) => [0, f < 15 ? 0 : 20, 0] });
    const onFloor = skatingReport(slide(0), 0);
    expect(onFloor.frames).toBe(26);
    expect(onFloor.skatingFrames).toBe(26);
    expect(skatingReport(slide(10), 0).skatingFrames).toBe(0);
    // 0.4 m/s is under the threshold.
    const slow = track(30, { 'foot:l': (f) => [(f * 40) / 30, 0, 0], 'foot:r': () => [0, 0, 0] });
    expect(skatingReport(slow, 0).ratio).toBe(0);
  });

  it('summaries use nearest-rank percentiles', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => i + 1));
    expect([s.mean, s.median, s.p95, s.max]).toEqual([50.5, 50, 95, 100]);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('writes Euler angles in every rotation order that compose back to the rotation, at gimbal lock too', () => {
    const qs = [
      [0.1, -0.7, 0.3, 0.64],
      [0.5, 0.5, 0.5, 0.5],
      axisAngle([0, 1, 0], 90),
      axisAngle([1, 0, 0], -90),
      axisAngle([0, 0, 1], 90),
    ].map((q) => {
      const n = Math.hypot(...q);
      return q.map((v) => v / n);
    });
    for (const order of ROTATION_ORDERS)
      for (const q of qs) {
        const back = eulerDegreesToQuat(quatToEulerDegrees(q, order), order);
        const dot = Math.abs(q[0] * back[0] + q[1] * back[1] + q[2] * back[2] + q[3] * back[3]);
        expect(dot, `${order} ${q}`).toBeGreaterThan(1 - 1e-12);
      }
  });
});

describe('quality measurement: a spoiled retarget shows', () => {
  const capture = syntheticCapture({ family: 'mixamo', style: 'tpose', axes: 'y-up+z', order: 'ZXY' });
  const input: QualityInput = {
    name: capture.name,
    bvhText: capture.text,
    labels: capture.labels,
    truth: { track: (s) => truthTrack(capture, s), fileToDaz: capture.fileToDaz },
  };
  const options: QualityOptions = { figure: 'genesis9', directionFrames: 60 };

  /** The retarget with `spoil` applied to a copy of the hip track. */
  function spoiled(spoil: (rotations: Float32Array, translations: Float32Array, frames: number) => void) {
    const run = retargetForQuality(input, options);
    const motion = run.result.motion;
    const tracks = motion.tracks.map((t) => ({
      ...t,
      rotations: t.rotations.slice(),
      translations: t.translations?.slice(),
    }));
    const hip = tracks.find((t) => t.joint === 'hip');
    if (!hip?.translations) throw new Error('no hip track');
    spoil(hip.rotations, hip.translations, motion.frameCount);
    return measureRetargetResult(
      input,
      { ...run, result: { ...run.result, motion: { ...motion, tracks } } },
      options,
    );
  }

  it('a hip pitched 25° forward: pelvis turn and hip → chest ~25°, limbs still exact', () => {
    const s = Math.sin((25 * Math.PI) / 360);
    const c = Math.cos((25 * Math.PI) / 360);
    const report = spoiled((r, _t, frames) => {
      for (let f = 0; f < frames; f++) {
        // q' = Rx(25°) · q
        const [x, y, z, w] = r.subarray(f * 4, f * 4 + 4);
        r.set([c * x + s * w, c * y - s * z, c * z + s * y, c * w - s * x], f * 4);
      }
    });
    expect(report.directions.groups.pelvis.max).toBeGreaterThan(20);
    const turn = report.directions.perDirection.find((d) => d.label === PELVIS_TURN);
    expect(summarize(turn?.degrees ?? []).median).toBeCloseTo(25, 0);
    expect(report.directions.groups.torso.mean).toBeGreaterThan(15);
  });

  it('feet lifted 10 cm: the floor median moves up 10 cm', () => {
    const good = spoiled(() => {});
    const lifted = spoiled((_r, t) => {
      for (let i = 1; i < t.length; i += 3) t[i] += 10;
    });
    expect(lifted.floor.median - good.floor.median).toBeCloseTo(10, 3);
    expect(good.floor.median - good.floor.standing).toBeLessThan(1.5);
  });

  it('the root moved further than the legs reach: planted feet slide, and skate when fast enough', () => {
    const good = spoiled(() => {});
    const stretch = (k: number) =>
      spoiled((_r, t) => {
        for (let i = 0; i < t.length; i += 3) {
          t[i] *= k;
          t[i + 2] *= k;
        }
      });
    // p95: half the clip is standing and crouching, where nothing slides either way.
    expect(good.plantedSlide.p95).toBeLessThan(0.1);
    // 30% too far: the planted feet slide at up to ~0.3 m/s, under the skating threshold.
    const bit = stretch(1.3);
    expect(bit.plantedSlide.p95).toBeGreaterThan(0.2);
    expect(bit.skating.figure.ratio).toBeLessThan(good.skating.capture.ratio + 0.05);
    // Twice as far: they slide at about 1 m/s and the skating ratio shows it.
    expect(stretch(2).skating.figure.ratio).toBeGreaterThan(good.skating.capture.ratio + 0.2);
  });
});
