/**
 * The trunk as two chains, solved by positions and end orientations instead of bone by bone:
 *
 * - spine: hip → spine links → chest (the bone the clavicles hang from),
 * - neck: chest → neck links → head.
 *
 * Capture and figure rarely split the trunk alike: CMU has zero-length LowerBack and Neck joints,
 * Biovision one Ab and one Chest, Genesis four spine links of 2–14 cm. Copying joint rotations
 * link by link bends the wrong Genesis links and points the trunk 5–25° off. Instead, per frame:
 *
 * 1. The end bone (chest, head) takes the capture's end orientation (its world rotation from
 *    the reference pose, aligned with the figure's rest).
 * 2. The links between take evenly spread shares of the turn from the base to the end (slerp);
 *    or, where both skeletons split the trunk alike (same links, none of zero length), each link
 *    follows its own joint, as a figure's own export coming back onto it should.
 * 3. One more rotation R of the links makes the chain's start → end point direction (hip → base
 *    of the neck; base of the neck → head) exactly the capture's. With the base and end segments
 *    fixed, a + R·w must be parallel to u (a: base and end segments, w: the links' sum): on the
 *    ray t·u, the point at distance |w| from a is t = u·a + √((u·a)² − |a|² + |w|²), and
 *    R = fromTo(w, t·u − a). Closed form, no iteration.
 */
import * as quat from './quat.js';

// Local bindings for the frame loop (see retarget.ts).
const { fromToInto, mul, rotateVec, slerp } = quat;

export interface TorsoChain {
  /** Bone whose world rotation is already known (hip, chest). */
  base: number;
  /** Bones strictly between base and end, parents first. */
  links: Int32Array;
  /** Bone whose world rotation the capture gives (chest, head). */
  end: number;
  /** Rest vector from the chain's start point to the first link's (or end's) origin: moves with base. */
  baseSegment: Float64Array;
  /** Rest vectors of each link, origin to next origin. */
  linkSegments: Float64Array;
  /** Rest vector from the end's origin to the chain's end point: moves with end. */
  endSegment: Float64Array;
  /** Source joints whose positions give the wanted direction, or -1 when the capture has none. */
  fromJoint: number;
  toJoint: number;
  /** The links follow their own source joints (filled in by the caller) instead of a spread turn. */
  perBone: boolean;
}

export function makeChain(
  origins: readonly (readonly number[])[],
  base: number,
  links: number[],
  end: number,
  startPoint: readonly number[],
  endPoint: readonly number[],
  fromJoint: number,
  toJoint: number,
  perBone = false,
): TorsoChain {
  const first = links.length ? links[0] : end;
  const linkSegments = new Float64Array(links.length * 3);
  links.forEach((b, k) => {
    const next = k + 1 < links.length ? links[k + 1] : end;
    for (let i = 0; i < 3; i++) linkSegments[k * 3 + i] = origins[next][i] - origins[b][i];
  });
  return {
    base,
    links: Int32Array.from(links),
    end,
    baseSegment: Float64Array.from([0, 1, 2], (i) => origins[first][i] - startPoint[i]),
    linkSegments,
    endSegment: Float64Array.from([0, 1, 2], (i) => endPoint[i] - origins[end][i]),
    fromJoint,
    toJoint,
    perBone,
  };
}

/** Scratch space for {@link solveChain}: no allocation per frame. */
export function createChainScratch(): Float64Array {
  return new Float64Array(24);
}

/**
 * Fill `world` (4 per bone) for the chain's links and end, given the base's world rotation
 * already in `world` (and, for a per-bone chain, the links' own rotations too), the end's wanted rotation `endQ`, and the capture's start and end points
 * (`points`, DAZ frame, 3 per source joint).
 */
export function solveChain(
  chain: TorsoChain,
  world: Float64Array,
  endQ: Float64Array,
  endOffset: number,
  points: Float64Array,
  s: Float64Array,
): void {
  const { base, links, end } = chain;
  const m = links.length;
  if (!chain.perBone)
    for (let k = 0; k < m; k++)
      slerp(world, links[k] * 4, world, base * 4, endQ, endOffset, (k + 1) / (m + 1));
  world[end * 4] = endQ[endOffset];
  world[end * 4 + 1] = endQ[endOffset + 1];
  world[end * 4 + 2] = endQ[endOffset + 2];
  world[end * 4 + 3] = endQ[endOffset + 3];
  if (m === 0 || chain.fromJoint < 0 || chain.toJoint < 0) return;
  // a = base segment + end segment (fixed), w = the links (turned by R).
  rotateVec(s, 0, world, base * 4, chain.baseSegment, 0);
  rotateVec(s, 3, world, end * 4, chain.endSegment, 0);
  const ax = s[0] + s[3];
  const ay = s[1] + s[4];
  const az = s[2] + s[5];
  let wx = 0;
  let wy = 0;
  let wz = 0;
  for (let k = 0; k < m; k++) {
    rotateVec(s, 6, world, links[k] * 4, chain.linkSegments, k * 3);
    wx += s[6];
    wy += s[7];
    wz += s[8];
  }
  const f = chain.fromJoint * 3;
  const t = chain.toJoint * 3;
  let ux = points[t] - points[f];
  let uy = points[t + 1] - points[f + 1];
  let uz = points[t + 2] - points[f + 2];
  const ul = Math.hypot(ux, uy, uz);
  const wl = Math.hypot(wx, wy, wz);
  if (ul < 1e-9 || wl < 1e-9) return;
  ux /= ul;
  uy /= ul;
  uz /= ul;
  const ua = ux * ax + uy * ay + uz * az;
  const disc = ua * ua - (ax * ax + ay * ay + az * az) + wl * wl;
  // No exact solution (the links are shorter than the fixed segments' miss): come closest.
  const reach = ua + Math.sqrt(Math.max(0, disc));
  s[9] = wx;
  s[10] = wy;
  s[11] = wz;
  s[12] = reach * ux - ax;
  s[13] = reach * uy - ay;
  s[14] = reach * uz - az;
  fromToInto(s, 16, s, 9, s, 12);
  for (let k = 0; k < m; k++) mul(world, links[k] * 4, s, 16, world, links[k] * 4);
}
