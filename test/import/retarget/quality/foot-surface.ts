/**
 * The soles of the posed figure: the emulator's mannequin mesh for the figure (built offline, no
 * server), restricted to the vertices that mostly follow the foot and toe bones, skinned here by
 * linear blend (Σ w_b · W_b · v, every influence of the vertex, the shin's included). The lowest
 * of these vertices is the "lowest foot point" the floor metrics use.
 */
import type { SkeletonDefinition } from '../../../../src/bonemaps/genesis/skeleton-definition.js';
import { buildMannequin } from '../../../../src/emulator/scenes/mannequin/index.js';
import { type BoneWorlds, type FigureKinematics, transformPoint } from './figure-kinematics.js';

/** A vertex belongs to a foot when the foot and toe bones together weigh more than this. */
const FOOT_WEIGHT_SHARE = 0.5;

interface SideVertices {
  /** Rest positions, 3 per vertex, cm. */
  rest: Float64Array;
  /** Influences of vertex v: start[v] .. start[v + 1] in `bones` / `weights`. */
  start: Uint32Array;
  bones: Uint32Array;
  weights: Float64Array;
}

export class FootSurface {
  /** Lowest foot vertex of the unposed figure, cm above the floor (y = 0): its standing foot height. */
  readonly standingHeight: number;
  private readonly sides: Record<'l' | 'r', SideVertices>;
  private readonly scratch = new Float64Array(3);

  constructor(definition: SkeletonDefinition, figure: FigureKinematics) {
    const mesh = buildMannequin(definition);
    const vertexCount = mesh.positions.length / 3;
    const isFootBone = definition.bones.map((b) => b.role === 'foot' || b.role === 'toe');
    const boneOf = (name: string) => figure.boneIndex(name);
    // Per vertex: its influences, and how much of it the feet (left / right) carry.
    const influences: { bone: number; weight: number }[][] = Array.from({ length: vertexCount }, () => []);
    const footShare = new Float64Array(vertexCount);
    const leftShare = new Float64Array(vertexCount);
    for (const group of mesh.weights) {
      const b = boneOf(group.bone);
      const foot = isFootBone[b];
      const left = definition.bones[b].origin[0] > 0;
      for (let i = 0; i < group.indices.length; i++) {
        const v = group.indices[i];
        influences[v].push({ bone: b, weight: group.weights[i] });
        if (foot) {
          footShare[v] += group.weights[i];
          if (left) leftShare[v] += group.weights[i];
        }
      }
    }
    const pick = (left: boolean): SideVertices => {
      const chosen: number[] = [];
      for (let v = 0; v < vertexCount; v++) {
        if (footShare[v] <= FOOT_WEIGHT_SHARE) continue;
        if (leftShare[v] > footShare[v] / 2 === left) chosen.push(v);
      }
      const start = new Uint32Array(chosen.length + 1);
      const bones: number[] = [];
      const weights: number[] = [];
      const rest = new Float64Array(chosen.length * 3);
      chosen.forEach((v, k) => {
        rest.set(mesh.positions.subarray(v * 3, v * 3 + 3), k * 3);
        let sum = 0;
        for (const inf of influences[v]) sum += inf.weight;
        for (const inf of influences[v]) {
          bones.push(inf.bone);
          weights.push(inf.weight / sum);
        }
        start[k + 1] = bones.length;
      });
      return { rest, start, bones: Uint32Array.from(bones), weights: Float64Array.from(weights) };
    };
    this.sides = { l: pick(true), r: pick(false) };
    if (this.sides.l.start.length < 2 || this.sides.r.start.length < 2)
      throw new Error(`${definition.id}: the mannequin has no vertices weighted to a foot`);
    let lowest = Number.POSITIVE_INFINITY;
    for (const s of [this.sides.l, this.sides.r])
      for (let i = 1; i < s.rest.length; i += 3) lowest = Math.min(lowest, s.rest[i]);
    this.standingHeight = lowest;
  }

  /** How many vertices each foot has. */
  vertexCount(side: 'l' | 'r'): number {
    return this.sides[side].start.length - 1;
  }

  /** Height (y, cm) of the lowest vertex of one foot in the pose `worlds`. */
  lowest(worlds: BoneWorlds, side: 'l' | 'r'): number {
    const s = this.sides[side];
    const p = this.scratch;
    let min = Number.POSITIVE_INFINITY;
    const n = s.start.length - 1;
    for (let v = 0; v < n; v++) {
      let y = 0;
      for (let k = s.start[v]; k < s.start[v + 1]; k++) {
        transformPoint(worlds, s.bones[k], s.rest, v * 3, p, 0);
        y += s.weights[k] * p[1];
      }
      if (y < min) min = y;
    }
    return min;
  }
}
