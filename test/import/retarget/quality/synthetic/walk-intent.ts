/**
 * The performer's motion as intent, a function of time: stand, walk four strides (pelvis
 * rotation, tilt and list; spine bend and counter-twist; arms swinging against the legs;
 * knees, ankles and toes rolling the feet over), stand, crouch low with the hips near the knees,
 * and stand up again; the head looks around throughout. Rotations are local, relative to the
 * T-pose, in the performer frame (Y up, facing +Z, left +X); the skeleton poser distributes the
 * spine and neck over however many joints a family has. Where the feet are is not decided here:
 * the poser puts the lowest sole point on the floor and keeps the stance foot where it landed.
 */
import { quat } from 'gl-matrix';
import type { Side } from '../body-track.js';

/** Length of the synthetic clip, seconds. */
export const CLIP_SECONDS = 8;
const STRIDE_SECONDS = 1.1;
const WALK = { from: 0.5, to: 5.0, ramp: 0.5 };
const CROUCH = { down: [5.5, 6.3], up: [6.9, 7.7] } as const;

const RAD = Math.PI / 180;

export type Quat = Float64Array;

export interface SideIntent {
  clavicle: Quat;
  upperArm: Quat;
  forearm: Quat;
  hand: Quat;
  thigh: Quat;
  shin: Quat;
  foot: Quat;
  toes: Quat;
}

export interface BodyIntent {
  pelvis: Quat;
  /** The whole spine's bend, degrees, to be shared by the spine joints. */
  spine: { flex: number; lateral: number; twist: number };
  /** The whole neck's bend, degrees, to be shared by the neck joints. */
  neck: { flex: number; twist: number };
  head: Quat;
  sides: Record<Side, SideIntent>;
}

function smoothstep(a: number, b: number, t: number): number {
  const x = Math.min(1, Math.max(0, (t - a) / (b - a)));
  return x * x * (3 - 2 * x);
}

/** Rotations about the performer's axes, degrees, applied right to left (the last one first). */
export function rot(...steps: ['x' | 'y' | 'z', number][]): Quat {
  const q = quat.identity(new Float64Array(4) as unknown as quat);
  const r = new Float64Array(4) as unknown as quat;
  for (const [axis, deg] of steps) {
    quat.setAxisAngle(r, axis === 'x' ? [1, 0, 0] : axis === 'y' ? [0, 1, 0] : [0, 0, 1], deg * RAD);
    quat.multiply(q, q, r);
  }
  return q as unknown as Quat;
}

/** How much of the walk (0..1) and of the crouch (0..1) is on at time t; never both. */
export function phaseWeights(t: number): { walk: number; crouch: number; stride: number } {
  const walk =
    smoothstep(WALK.from, WALK.from + WALK.ramp, t) * (1 - smoothstep(WALK.to - WALK.ramp, WALK.to, t));
  const crouch =
    smoothstep(CROUCH.down[0], CROUCH.down[1], t) * (1 - smoothstep(CROUCH.up[0], CROUCH.up[1], t));
  return { walk, crouch, stride: (2 * Math.PI * Math.max(0, t - WALK.from)) / STRIDE_SECONDS };
}

/**
 * One leg at stride phase q (0: heel strike in front, π: toe-off behind). Flexion of the thigh
 * swings the leg forward (−x rotation); the knee bends back (+x); the ankle keeps the foot level
 * except at push-off, when the heel rises and the toes stay flat on the floor.
 */
function leg(q: number, walk: number, crouch: number): Pick<SideIntent, 'thigh' | 'shin' | 'foot' | 'toes'> {
  const thigh = walk * 20 * Math.cos(q) + crouch * 88;
  const s = Math.sin(q);
  const knee = 3 + walk * (s > 0 ? 12 * s : -58 * s) + crouch * 115;
  const push =
    walk * 22 * Math.exp(-(((((q % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) - 2.6) ** 2) / 0.15);
  return {
    thigh: rot(['x', -thigh]),
    shin: rot(['x', knee]),
    foot: rot(['x', thigh - knee + push]),
    toes: rot(['x', -push]),
  };
}

/** Clavicle, arm, elbow and wrist of one side (sign +1 left, −1 right). */
function arm(
  sign: number,
  q: number,
  walk: number,
  crouch: number,
  t: number,
): Omit<SideIntent, keyof ReturnType<typeof leg>> {
  const swing = walk * -24 * Math.cos(q) + crouch * 65;
  const elbow = 15 + walk * 12 * (1 + Math.sin(q)) + crouch * 35;
  return {
    clavicle: rot(['z', sign * (3 + 2 * walk * Math.sin(q))]),
    upperArm: rot(['x', -swing], ['z', -sign * 76], ['x', sign * 10]),
    forearm: rot(['y', -sign * elbow], ['x', sign * 20]),
    hand: rot(['z', -sign * 8], ['x', 6 * Math.sin(1.7 * t)]),
  };
}

/** The performer's intent at time t (seconds). */
export function walkIntent(t: number): BodyIntent {
  const { walk, crouch, stride: p } = phaseWeights(t);
  const left = { ...leg(p, walk, crouch), ...arm(1, p + Math.PI, walk, crouch, t) };
  const right = { ...leg(p + Math.PI, walk, crouch), ...arm(-1, p, walk, crouch, t) };
  return {
    pelvis: rot(
      ['y', walk * 7 * Math.sin(p)],
      ['x', 4 + walk * 2 * Math.sin(2 * p) + crouch * 12],
      ['z', walk * 4 * Math.sin(p)],
    ),
    spine: {
      flex: 1 + crouch * 28 + 4 * Math.sin((2 * Math.PI * t) / 5),
      lateral: -walk * 3 * Math.sin(p) + 4 * Math.sin((2 * Math.PI * t) / 3.7),
      twist: -walk * 10 * Math.sin(p) + 12 * Math.sin((2 * Math.PI * t) / 4.3),
    },
    neck: { flex: -4 - crouch * 10, twist: 0 },
    head: rot(['y', 35 * Math.sin((2 * Math.PI * t) / 3)], ['x', 10 * Math.sin((2 * Math.PI * t) / 2.3)]),
    sides: { l: left, r: right },
  };
}
