/**
 * The posed figure's body points over a retargeted motion, from this folder's own forward
 * kinematics, and the height of each foot's lowest mesh vertex per frame.
 */
import { getSkeletonDefinition } from '../../../../src/bonemaps/genesis/index.js';
import type { GenesisFigureId } from '../../../../src/bonemaps/genesis/skeleton-definition.js';
import type { Motion } from '../../../../src/scene/motion.js';
import { BODY_POINTS, type BodyPoint } from './body-points.js';
import { type BodyTrack, createPointTrack, type Side } from './body-track.js';
import { FigureKinematics, indexMotion } from './figure-kinematics.js';
import { figureBodyPoints, figureFootBones } from './figure-points.js';
import { FootSurface } from './foot-surface.js';

export interface FigureTrack extends BodyTrack {
  id: GenesisFigureId;
  /** Mean rest length of the legs (hip socket → knee → ankle), cm. */
  restLegLength: number;
  /** Per foot, the height of its lowest mesh vertex per frame, cm. */
  lowestVertex: Record<Side, Float64Array>;
  /** The lowest foot vertex of the unposed figure (its standing foot height), cm. */
  standingVertexHeight: number;
}

/** The figure's kinematics and soles, built once per figure (the mannequin takes ~0.1 s). */
export interface FigureModel {
  id: GenesisFigureId;
  kinematics: FigureKinematics;
  feet: FootSurface;
}

const models = new Map<GenesisFigureId, FigureModel>();

export function figureModel(id: GenesisFigureId): FigureModel {
  let model = models.get(id);
  if (!model) {
    const definition = getSkeletonDefinition(id);
    const kinematics = new FigureKinematics(definition);
    model = { id, kinematics, feet: new FootSurface(definition, kinematics) };
    models.set(id, model);
  }
  return model;
}

/** Pose the figure at every frame of `motion` and record its body points and feet. */
export function figureTrack(model: FigureModel, motion: Motion): FigureTrack {
  const { kinematics: k, feet } = model;
  const tracks = indexMotion(k, motion);
  const n = motion.frameCount;
  const names = figureBodyPoints(model.id);
  const pointBones = BODY_POINTS.map((p) => ({
    point: p,
    bone: k.boneIndex(names[p]),
    track: createPointTrack(n),
  }));
  // Foot points: ankle and ball joint centres and the toe bone's end point.
  const footPoints = (['l', 'r'] as const).map((side) => {
    const [foot, toes] = figureFootBones(model.id, side).map((b) => k.boneIndex(b));
    return {
      side,
      joints: [foot, toes].map((bone) => ({ bone, track: createPointTrack(n) })),
      toeEnd: { bone: toes, track: createPointTrack(n) },
    };
  });
  const lowestVertex = { l: new Float64Array(n), r: new Float64Array(n) };
  const worlds = k.createWorlds();
  for (let f = 0; f < n; f++) {
    k.pose(tracks, f, worlds);
    for (const e of pointBones) k.jointCentre(worlds, e.bone, e.track, f * 3);
    for (const side of footPoints) {
      for (const j of side.joints) k.jointCentre(worlds, j.bone, j.track, f * 3);
      k.endPoint(worlds, side.toeEnd.bone, side.toeEnd.track, f * 3);
      lowestVertex[side.side][f] = feet.lowest(worlds, side.side);
    }
  }
  const points: Partial<Record<BodyPoint, Float64Array>> = {};
  const rest: Partial<Record<BodyPoint, [number, number, number]>> = {};
  for (const e of pointBones) {
    points[e.point] = e.track;
    rest[e.point] = [k.origins[e.bone * 3], k.origins[e.bone * 3 + 1], k.origins[e.bone * 3 + 2]];
  }
  const footTracks = (side: Side) => {
    const s = footPoints.find((p) => p.side === side);
    if (!s) throw new Error(`no ${side} foot`);
    return [...s.joints.map((j) => j.track), s.toeEnd.track];
  };
  const restLeg = (side: Side) => {
    const [thigh, shin, foot] = (['thigh', 'shin', 'foot'] as const).map((p) =>
      k.boneIndex(names[`${side}_${p}`]),
    );
    const d = (a: number, b: number) =>
      Math.hypot(
        k.origins[a * 3] - k.origins[b * 3],
        k.origins[a * 3 + 1] - k.origins[b * 3 + 1],
        k.origins[a * 3 + 2] - k.origins[b * 3 + 2],
      );
    return d(thigh, shin) + d(shin, foot);
  };
  return {
    id: model.id,
    restLegLength: (restLeg('l') + restLeg('r')) / 2,
    frameCount: n,
    frameTime: 1 / motion.frameRate,
    points,
    feet: { l: footTracks('l'), r: footTracks('r') },
    rest,
    lowestVertex,
    standingVertexHeight: feet.standingHeight,
  };
}
