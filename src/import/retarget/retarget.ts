/**
 * CONTRIBUTOR NOTES — BVH → Genesis retargeting, rest-pose aware, whole body.
 *
 * The reference SDK copies Euler angles bone to bone and ignores rest poses and bone
 * orientations, so a T-pose capture on an A-pose figure points the arms 45° wrong. This module
 * transfers WORLD rotations with a per-bone rest alignment (MakeWalk's method, see
 * shared/reference/anchors-skeletons-retargeting.md §2), and solves the trunk and the floor as
 * a whole:
 *
 * 1. Reference pose (source-reference.ts). The capture's pose that the figure's rest stands
 *    for: zero rotations when they form a standing skeleton, else the most upright frame (files
 *    whose rest pose lives in the rotation channels), or a frame the user names.
 * 2. Source frame (source-frame.ts). One rotation F turns the capture's axes onto DAZ's (left +X,
 *    up +Y, facing +Z), read off the reference pose.
 * 3. Per frame, each source joint's world rotation from the reference, in DAZ's frame:
 *    ΔS_j = F · W_j · W_ref_j⁻¹ · F⁻¹.
 * 4. Limbs: T_b = ΔS_j · A_b, A_b the shortest rotation taking the figure's rest bone direction
 *    onto the capture's reference direction: bone directions match exactly.
 * 5. Trunk (retarget-plan.ts, torso-chains.ts): hip, chest and head take ΔS · (a turn about the
 *    vertical that lines up the thighs / shoulders); the spine and neck links between are solved
 *    as chains so that hip → base of neck and base of neck → head point where the capture's do,
 *    however the two skeletons split their spines.
 * 6. Local channels. DAZ composes world = parent · O · R · O⁻¹ (O the bone orientation, R the
 *    rotate channels), so R = O⁻¹ · parent⁻¹ · T_b · O, with `parent` the ALREADY RETARGETED
 *    target parent (never the source parent). Unmapped bones keep R = identity and ride along.
 * 7. Twist. A limb's twist goes where Genesis wants it: G8 bend bones get the swing only and
 *    the in-chain twist bone the twist; G9 limb bones keep a third of the twist and their side
 *    twist bones take two thirds and all of it (see genesis-maps.ts). The next limb bone is
 *    computed from the actual parent, so the hand still ends up exactly where it should.
 * 8. Root. The hip's translation is the source root position, in DAZ's frame, times the root
 *    scale: by default the ratio of the legs' lengths (thigh → knee → ankle, pose-free), or a
 *    pure unit conversion, or a given factor.
 * 9. Floor (grounding.ts, foot-points.ts). The figure's planted feet are put on its floor and no
 *    frame's feet go through it; floor height and foot skating are measured on figure and capture.
 */
import type { CanonicalJoint } from '../../bonemaps/canonical.js';
import type { JointMapping } from '../../bonemaps/detect-convention.js';
import type { GenesisMap } from '../../bonemaps/genesis/genesis-maps.js';
import { DazportError } from '../../errors.js';
import { flagAndOption } from '../../flag-and-option.js';
import { type Quat, quatRotate } from '../../math/euler.js';
import type { JointTrack, Motion } from '../../scene/motion.js';
import type { BvhClip } from '../bvh/bvh-clip.js';
import { createBvhPose, forwardKinematics } from '../bvh/forward-kinematics.js';
import { clipFrameRate } from './clip-frame-rate.js';
import { createLegScratch, footLockTargets, reachWithLeg } from './foot-lock.js';
import { figureFeet, poseOrigins, poseSolePoints, SOLE_POINTS_PER_FOOT } from './foot-points.js';
import {
  type FloorChoice,
  type FloorContactReport,
  floorContact,
  groundFeet,
  pointLevels,
} from './grounding.js';
import * as quat from './quat.js';
import { type BonePair, bonePairs, buildPlan, type Plan, ROLE } from './retarget-plan.js';
import { legLength } from './root-scale.js';
import { sourceFrame } from './source-frame.js';
import { chooseSourceReference, type SourceRestChoice } from './source-reference.js';
import type { TargetRig } from './target-rig.js';
import { createChainScratch, solveChain } from './torso-chains.js';

export type { FloorChoice } from './grounding.js';
export type { BonePair } from './retarget-plan.js';
export type { SourceRestChoice } from './source-reference.js';

export const NAME = 'retarget';

// Local bindings for the frame loop: a call through an imported binding can cost a property
// lookup per call under some loaders (tsx's transform does), and the loop makes millions.
const { copy, mul, mulConjA, mulConjB, rotateVec, setIdentity } = quat;

// Plain constants for the frame loop (an imported object's fields cost a lookup per bone per frame).
const TWIST_MAIN = ROLE.twistMain;
const TWIST_HELPER = ROLE.twistHelper;
const CHAIN_START = ROLE.chainStart;
const CHAIN_MEMBER = ROLE.chainMember;

export interface RetargetOptions {
  /** `auto`: leg-length ratio; `unit`: only convert units (needs sourceUnitCm); or a factor, cm per source unit. */
  rootScale?: 'auto' | 'unit' | number;
  /** Centimetres per source unit (CMU ≈ 5.644); used by `rootScale: 'unit'` and reported. */
  sourceUnitCm?: number;
  /** First and last source frame (inclusive); default the whole clip. */
  frames?: [number, number];
  /** Write the hip translation (default true). */
  rootMotion?: boolean;
  positionMode?: 'replace' | 'add';
  /** `distribute` (default): spread limb twist over the figure's twist bones; `keep`: leave it on the limb bone. */
  twist?: 'distribute' | 'keep';
  /** The capture's reference pose: `auto` (default), `zero` rotations, or `{ frame: N }`. */
  sourceRest?: SourceRestChoice;
  /** `auto` (default): planted feet on the figure's floor, no frame through it; `keep`; or a floor height in cm. */
  floor?: FloorChoice;
  /**
   * Pin planted feet where they were planted (two-bone leg IK, a second pass over the legs);
   * needs root motion and a floor. Default true: legs then follow the capture within a degree or
   * so instead of exactly, and planted feet stop sliding.
   */
  footLock?: boolean;
  /**
   * Frames per second to take the clip at when its file gives no rate (`Frame Time: 0`); ignored
   * when it does. Without it, such a clip of more than one frame is refused (see clipFrameRate).
   */
  assumedFrameRate?: number;
}

export const RETARGET_DEFAULTS = {
  rootScale: 'auto',
  rootMotion: true,
  positionMode: 'replace',
  twist: 'distribute',
  sourceRest: 'auto',
  floor: 'auto',
  footLock: true,
} as const;

export interface RetargetResult {
  motion: Motion;
  /** Limb pairs (bones driven by direction), for reports and the limb-direction metric. */
  pairs: BonePair[];
  /** Source joints that mapped to nothing (not helpers). */
  unmappedSource: string[];
  /** Canonical joints the source has but the target does not, by name. */
  unmappedTarget: string[];
  rootScale: number;
  /** Thigh → knee → ankle, both legs' mean: source units and cm. */
  sourceLegLength: number;
  targetLegLength: number;
  /** Rotation taking the source's frame onto DAZ's ([x, y, z, w]). */
  sourceFrame: [number, number, number, number];
  /** The capture's reference pose and why it was chosen. */
  reference: { kind: 'zero' | 'frame'; frame?: number; reason: string };
  /** What grounding did (absent with `floor: 'keep'`, without root motion or feet). */
  grounding?: {
    floorCm: number;
    offsetCm: number;
    liftedFrames: number;
    maxLiftCm: number;
    /** With `footLock`: frames where each foot (left, right) is pinned, fully or easing in/out. */
    lockedFrames?: number[];
  };
  /** Floor contact of the result's feet and of the capture's own (scaled), when both have feet. */
  contact?: { figure: FloorContactReport; capture: FloorContactReport };
  /** Things the user should know (a doubtful reference pose, feet through the floor with `keep` ...). */
  warnings: string[];
}

/** Retarget `clip` onto `rig`, through the canonical joint map of the source and the figure. */
export function retarget(
  clip: BvhClip,
  mapping: JointMapping,
  rig: TargetRig,
  figureMap: GenesisMap,
  options: RetargetOptions = {},
): RetargetResult {
  const opts = { ...RETARGET_DEFAULTS, ...options };
  const [first, last] = opts.frames ?? [0, clip.frameCount - 1];
  if (!(first >= 0 && last < clip.frameCount && first <= last)) {
    throw new DazportError(
      'DAZPORT_RETARGET',
      `frames ${first}..${last} are outside the clip (0..${clip.frameCount - 1})`,
      {
        context: { file: clip.file },
      },
    );
  }
  const targetIndex = new Map(rig.joints.map((j, i) => [j.name, i]));
  const sourceOf = new Map<CanonicalJoint, number>();
  for (const [joint, canonical] of mapping.canonical) sourceOf.set(canonical, joint);
  const targetOf = new Map<CanonicalJoint, number>();
  for (const [canonical, bone] of Object.entries(figureMap.bones) as [CanonicalJoint, string][]) {
    const i = targetIndex.get(bone);
    if (i !== undefined) targetOf.set(canonical, i);
  }
  if (!sourceOf.has('hips') || !targetOf.has('hips')) {
    throw new DazportError(
      'DAZPORT_RETARGET_COVERAGE',
      `${clip.file}: no hips joint mapped (convention ${mapping.convention.label})`,
      {
        suggestion: 'pick the convention with the convention option, or give a bone map as boneMapFile',
        cliSuggestion: 'pick the convention with --convention, or give a bone map with --bone-map',
      },
    );
  }
  const warnings: string[] = [];
  // Checked before any frame is touched: windows in seconds become frame counts through it.
  const fps = clipFrameRate(clip, last - first + 1, opts.assumedFrameRate);
  if (fps !== clip.frameRate && last > first)
    warnings.push(`Frame Time: 0 gives no frame rate: the frames are taken at ${fps} fps`);

  // ─── reference pose and the capture's frame ───
  const reference = chooseSourceReference(clip, sourceOf, opts.sourceRest, opts.positionMode);
  if (reference.kind === 'frame' && opts.sourceRest === 'auto')
    warnings.push(`reference pose: ${reference.reason}`);
  const frame = sourceFrame(reference.positions, sourceOf);
  const frameQuat: Quat = [frame[0], frame[1], frame[2], frame[3]];
  const fInv = new Float64Array([-frame[0], -frame[1], -frame[2], frame[3]]);
  const refDaz = new Float64Array(reference.positions.length);
  for (let j = 0; j < clip.joints.length; j++) rotateVec(refDaz, j * 3, frame, 0, reference.positions, j * 3);
  // G_j = W_ref_j⁻¹ · F⁻¹, so that ΔS_j = F · W_j · G_j costs two products per frame.
  const refInv = new Float64Array(clip.joints.length * 4);
  for (let j = 0; j < clip.joints.length; j++) mulConjA(refInv, j * 4, reference.rotations, j * 4, fInv, 0);

  // ─── pairs and the per-bone plan ───
  const allPairs = bonePairs(sourceOf, targetOf);
  const feet = figureFeet(rig, targetOf);
  const plan = buildPlan({
    clip,
    rig,
    figureMap: opts.twist === 'keep' ? { ...figureMap, twists: [] } : figureMap,
    sourceOf,
    targetOf,
    pairs: allPairs,
    refDaz,
    keep: feet ? [...feet.path] : [],
    pelvisUp: reference.pelvisUp && quatRotate(frameQuat, reference.pelvisUp),
  });
  // Trunk bones are solved as chains: their bone-by-bone direction pairs no longer apply.
  const pairs = allPairs.filter(
    (p) =>
      p.canonical !== 'hips' &&
      plan.role[p.targetBone] !== ROLE.chainMember &&
      plan.role[p.targetBone] !== ROLE.chainStart,
  );

  // ─── root scale ───
  const sourceLegLength = legLength(sourceOf, (j) => [
    reference.positions[j * 3],
    reference.positions[j * 3 + 1],
    reference.positions[j * 3 + 2],
  ]);
  const targetLegLength = legLength(targetOf, (b) => rig.joints[b].origin);
  let rootScale: number;
  if (typeof opts.rootScale === 'number') rootScale = opts.rootScale;
  else if (opts.rootScale === 'unit') {
    if (!opts.sourceUnitCm)
      throw new DazportError('DAZPORT_RETARGET', 'root scale "unit" needs the size of a source unit', {
        suggestion: "give sourceUnitCm (e.g. 2.54 for inches), or use rootScale: 'auto'",
        cliSuggestion: 'add --source-unit-cm N (e.g. 2.54 for inches), or use --root-scale auto',
      });
    rootScale = opts.sourceUnitCm;
  } else if (sourceLegLength > 0 && targetLegLength > 0) rootScale = targetLegLength / sourceLegLength;
  else {
    rootScale = 1;
    warnings.push('root scale 1: the legs are not mapped on both sides, so their lengths cannot be compared');
  }

  // ─── frames ───
  const frameCount = last - first + 1;
  const n = rig.joints.length;
  const rotations = new Float64Array(n * 4); // local R per bone this frame
  const world = new Float64Array(n * 4); // world rotation per bone this frame
  const desired = new Float64Array(4);
  const tmp = new Float64Array(8);
  const chainScratch = createChainScratch();
  const sourceWorld = new Float64Array(clip.joints.length * 4);
  const sourcePoints = new Float64Array(clip.joints.length * 3);
  const pose = createBvhPose(clip.joints.length);
  const out: Float32Array[] = rig.joints.map(() => new Float32Array(0));
  const driven = new Uint8Array(n);
  for (let b = 0; b < n; b++)
    if (!plan.skip[b] && (plan.driver[b] >= 0 || plan.role[b] !== ROLE.normal)) driven[b] = 1;
  for (let b = 0; b < n; b++) if (driven[b]) out[b] = new Float32Array(frameCount * 4);
  const translations = new Float32Array(frameCount * 3);
  const hipBone = targetOf.get('hips') as number;
  const hipSource = sourceOf.get('hips') as number;
  const hipOrigin = rig.joints[hipBone].origin;
  const orient = new Float64Array(rig.joints.flatMap((j) => j.orientation));
  const origins = new Float64Array(rig.joints.flatMap((j) => j.origin));
  // ΔS is needed only for the source joints that drive a bone; tracks only for driven bones.
  const allDrivers = Int32Array.from(new Set([...plan.driver].filter((j) => j >= 0)));
  const allOutputs = Int32Array.from(rig.joints.map((_, b) => b).filter((b) => driven[b]));
  // Bones whose subtree drives nothing are never read (not output, no driven descendant), so
  // the hot loop visits only the others, parents first.
  const allActive = Int32Array.from(rig.joints.map((_, b) => b).filter((b) => !plan.skip[b]));
  const solePointCount = 2 * SOLE_POINTS_PER_FOOT;
  const soles = feet ? new Float32Array(frameCount * solePointCount * 3) : undefined;
  const posedOrigins = new Float64Array(n * 3);
  const captureFeet = captureFootJoints(clip, sourceOf);
  const captureSoles = captureFeet ? new Float32Array(frameCount * captureFeet.length * 3) : undefined;
  // Where the root's translation of frame f is read: the hip track, or nothing without root motion.
  const rootSource = opts.rootMotion ? translations : new Float64Array(3);
  const rootAt = (f: number) => (opts.rootMotion ? f * 3 : 0);

  // Foot lock (a second pass): per side the thigh, shin and foot bones, the shin's rest segments.
  const legs = (['l', 'r'] as const).map((side) => {
    const thigh = targetOf.get(`${side}_thigh`);
    const shin = targetOf.get(`${side}_shin`);
    const foot = targetOf.get(`${side}_foot`);
    if (thigh === undefined || shin === undefined || foot === undefined || plan.driver[shin] < 0)
      return undefined;
    const o = (b: number) => rig.joints[b].origin;
    const path: number[] = [];
    for (let b = thigh; b >= 0; b = rig.joints[b].parent) path.unshift(b);
    return {
      thigh,
      shin,
      /** The thigh and its ancestors, root first: what poses the hip socket. */
      path: Int32Array.from(path),
      upper: [0, 1, 2].map((i) => o(shin)[i] - o(thigh)[i]),
      lower: [0, 1, 2].map((i) => o(foot)[i] - o(shin)[i]),
    };
  });
  const legAt = new Int8Array(n).fill(-1);
  legs.forEach((leg, side) => {
    if (leg) legAt[leg.thigh] = side;
  });
  // The lock pass recomputes the legs and the bones above them. Parents come first, so a bone
  // hangs below a thigh when its parent is one or hangs below one.
  const inLegs = new Uint8Array(n);
  for (const leg of legs) if (leg) for (const b of leg.path) inLegs[b] = 1;
  const belowThigh = new Uint8Array(n);
  for (let b = 0; b < n; b++) {
    const p = rig.joints[b].parent;
    if (p >= 0 && (legAt[p] >= 0 || belowThigh[p])) belowThigh[b] = inLegs[b] = 1;
  }
  const legActive = allActive.filter((b) => inLegs[b]);
  const legOutputs = allOutputs.filter((b) => inLegs[b]);
  const legDrivers = Int32Array.from(
    new Set([...legActive].map((b) => plan.driver[b]).filter((j) => j >= 0)),
  );
  const shinWorld = new Float64Array(8);
  const shinLocked = new Uint8Array(n);
  const legScratch = createLegScratch();
  const ankles = new Float32Array(frameCount * 2 * 3);

  /**
   * One pass over the frames. `lock` (second pass only): per frame, the grounding shift already
   * found and each ankle's locked position and weight.
   */
  const runFrames = (lock?: { shift: Float64Array; targets: Float64Array[] }) => {
    // The lock pass recomputes only what the legs change: the legs and the bones above them.
    const drivers = lock ? legDrivers : allDrivers;
    const active = lock ? legActive : allActive;
    const outputs = lock ? legOutputs : allOutputs;
    for (let f = 0; f < frameCount; f++) {
      forwardKinematics(clip, first + f, { target: pose, positionMode: opts.positionMode });
      // ΔS = F · W · W_ref⁻¹ · F⁻¹ for every driving source joint.
      for (let k = 0; k < drivers.length; k++) {
        const j = drivers[k];
        mul(tmp, 0, frame, 0, pose.rotations, j * 4);
        mul(sourceWorld, j * 4, tmp, 0, refInv, j * 4);
      }
      // The legs hold no trunk chain: the lock pass needs no chain points.
      if (!lock)
        for (let k = 0; k < plan.chainJoints.length; k++) {
          const j = plan.chainJoints[k];
          rotateVec(sourcePoints, j * 3, frame, 0, pose.positions, j * 3);
        }
      if (opts.rootMotion) {
        rotateVec(tmp, 0, frame, 0, pose.positions, hipSource * 3);
        translations[f * 3] = tmp[0] * rootScale - hipOrigin[0];
        translations[f * 3 + 1] = tmp[1] * rootScale - hipOrigin[1] + (lock ? lock.shift[f] : 0);
        translations[f * 3 + 2] = tmp[2] * rootScale - hipOrigin[2];
      }
      const parents = plan.parents;
      for (let k = 0; k < active.length; k++) {
        const b = active[k];
        const role = plan.role[b];
        if (role === TWIST_HELPER || role === CHAIN_MEMBER) continue; // set with their main bone / chain
        if (role === CHAIN_START) {
          solveTrunkChain(
            b,
            plan,
            sourceWorld,
            sourcePoints,
            world,
            rotations,
            orient,
            desired,
            tmp,
            chainScratch,
          );
          continue;
        }
        const p = parents[b];
        const src = plan.driver[b];
        if (shinLocked[b]) {
          copy(desired, 0, shinWorld, 0);
          shinLocked[b] = 0;
        } else if (src >= 0) {
          mul(desired, 0, sourceWorld, src * 4, plan.align, b * 4);
        } else if (p >= 0) {
          copy(desired, 0, world, p * 4);
        } else {
          setIdentity(desired, 0);
        }
        const side = legAt[b];
        if (lock && feet && side >= 0 && lock.targets[side][f * 4 + 3] > 0) {
          const leg = legs[side] as NonNullable<(typeof legs)[number]>;
          mul(shinWorld, 0, sourceWorld, plan.driver[leg.shin] * 4, plan.align, leg.shin * 4);
          poseOrigins(leg.path, parents, origins, feet.deltas, world, rootSource, rootAt(f), posedOrigins);
          reachWithLeg(
            desired,
            0,
            shinWorld,
            0,
            posedOrigins,
            leg.thigh * 3,
            leg.upper,
            leg.lower,
            lock.targets[side],
            f * 4,
            lock.targets[side][f * 4 + 3],
            legScratch,
          );
          shinLocked[leg.shin] = 1;
        }
        localFromWorld(rotations, b * 4, world, p, desired, 0, orient, b * 4, tmp);
        // R was solved so that parent · O · R · O⁻¹ = desired: the bone's world rotation is
        // `desired` itself, no need to compose it again.
        if (role === TWIST_MAIN) splitTwist(b, plan, rotations, world, desired, orient, tmp);
        else copy(world, b * 4, desired, 0);
      }
      for (let k = 0; k < outputs.length; k++) {
        const b = outputs[k];
        const o = f * 4;
        const arr = out[b];
        // Keep each track on one hemisphere so interpolation never takes the long way round.
        let s = 1;
        if (
          f > 0 &&
          arr[o - 4] * rotations[b * 4] +
            arr[o - 3] * rotations[b * 4 + 1] +
            arr[o - 2] * rotations[b * 4 + 2] +
            arr[o - 1] * rotations[b * 4 + 3] <
            0
        )
          s = -1;
        arr[o] = s * rotations[b * 4];
        arr[o + 1] = s * rotations[b * 4 + 1];
        arr[o + 2] = s * rotations[b * 4 + 2];
        arr[o + 3] = s * rotations[b * 4 + 3];
      }
      if (feet && soles) {
        poseSolePoints(
          feet,
          plan.parents,
          origins,
          world,
          rootSource,
          rootAt(f),
          posedOrigins,
          soles,
          f * solePointCount * 3,
        );
        // The ankles and the capture's feet are what the lock is planned from: the first pass only.
        if (!lock)
          for (let side = 0; side < 2; side++) {
            const foot = feet.bones[side * SOLE_POINTS_PER_FOOT];
            for (let i = 0; i < 3; i++) ankles[(f * 2 + side) * 3 + i] = posedOrigins[foot * 3 + i];
          }
      }
      if (!lock && captureFeet && captureSoles)
        captureFootPoints(
          clip,
          pose,
          captureFeet,
          frame,
          rootScale,
          captureSoles,
          f * captureFeet.length * 3,
          tmp,
        );
    }
  };
  runFrames();

  // ─── floor ───
  let grounding: RetargetResult['grounding'];
  let lockedFrames: number[] | undefined;
  let contact: RetargetResult['contact'];
  if (feet && soles) {
    const floorCm = typeof opts.floor === 'number' ? opts.floor : feet.floor;
    if (opts.floor !== 'keep' && opts.rootMotion) {
      const g = groundFeet(soles, solePointCount, frameCount, fps, floorCm);
      const shift = new Float64Array(frameCount);
      for (let f = 0; f < frameCount; f++) {
        shift[f] = g.offset + g.lift[f];
        translations[f * 3 + 1] += shift[f];
        for (let i = 0; i < solePointCount; i++) soles[(f * solePointCount + i) * 3 + 1] += shift[f];
      }
      grounding = { floorCm, offsetCm: g.offset, liftedFrames: g.liftedFrames, maxLiftCm: g.maxLift };
      if (opts.footLock) {
        for (let f = 0; f < frameCount * 2; f++) ankles[f * 3 + 1] += shift[Math.floor(f / 2)];
        const targets = footLockTargets(soles, SOLE_POINTS_PER_FOOT, ankles, frameCount, fps, floorCm);
        runFrames({ shift, targets });
        lockedFrames = targets.map((t) => t.filter((_, i) => i % 4 === 3 && t[i] > 0).length);
      }
    } else if (options.footLock === true) {
      warnings.push(
        `foot lock needs root motion and a floor to lock to: ${flagAndOption('--floor keep', "floor: 'keep'")} ` +
          `and ${flagAndOption('--no-root-motion', 'rootMotion: false')} turn it off`,
      );
    }
    if (captureFeet && captureSoles) {
      contact = {
        figure: floorContact(
          soles,
          solePointCount,
          frameCount,
          fps,
          new Float64Array(solePointCount).fill(floorCm),
        ),
        capture: floorContact(
          captureSoles,
          captureFeet.length,
          frameCount,
          fps,
          pointLevels(captureSoles, captureFeet.length, frameCount),
        ),
      };
      if (contact.figure.worstCm < -3)
        warnings.push(
          `the feet go ${(-contact.figure.worstCm).toFixed(1)} cm through the floor at worst (floor ${opts.floor})`,
        );
    }
  }

  const tracks: JointTrack[] = [];
  for (let b = 0; b < n; b++) {
    if (!driven[b]) continue;
    const track: JointTrack = { joint: rig.joints[b].name, rotations: out[b] };
    if (b === hipBone && opts.rootMotion) track.translations = translations;
    tracks.push(track);
  }
  const mappedTarget = new Set([...targetOf.keys()]);
  return {
    motion: {
      name:
        clip.file
          .split(/[\\/]/)
          .pop()
          ?.replace(/\.bvh$/i, '') ?? 'motion',
      frameRate: fps,
      frameCount,
      tracks,
    },
    pairs,
    unmappedSource: mapping.unmapped,
    unmappedTarget: [...sourceOf.keys()].filter((c) => !mappedTarget.has(c)),
    rootScale,
    sourceLegLength,
    targetLegLength,
    sourceFrame: frameQuat,
    reference: { kind: reference.kind, frame: reference.frame, reason: reference.reason },
    grounding: grounding && lockedFrames ? { ...grounding, lockedFrames } : grounding,
    contact,
    warnings,
  };
}

/**
 * A trunk chain, solved at its first bone: the end (chest or head) takes its driver's rotation
 * from the reference times its alignment, the links between are spread and aimed
 * (torso-chains.ts), then every member's local rotation follows from its parent's world one.
 */
function solveTrunkChain(
  start: number,
  plan: Plan,
  sourceWorld: Float64Array,
  sourcePoints: Float64Array,
  world: Float64Array,
  rotations: Float64Array,
  orient: Float64Array,
  desired: Float64Array,
  tmp: Float64Array,
  scratch: Float64Array,
): void {
  const chain = plan.chainAt[start];
  if (!chain) return;
  const end = chain.end;
  const src = plan.driver[end];
  if (chain.perBone)
    for (let k = 0; k < chain.links.length; k++) {
      const b = chain.links[k];
      const d = plan.driver[b];
      if (d >= 0) mul(world, b * 4, sourceWorld, d * 4, plan.align, b * 4);
      else copy(world, b * 4, world, plan.parents[b] * 4);
    }
  if (src >= 0) mul(desired, 0, sourceWorld, src * 4, plan.align, end * 4);
  else copy(desired, 0, world, chain.base * 4);
  solveChain(chain, world, desired, 0, sourcePoints, scratch);
  for (let k = 0; k <= chain.links.length; k++) {
    const b = k < chain.links.length ? chain.links[k] : end;
    localFromWorld(rotations, b * 4, world, plan.parents[b], world, b * 4, orient, b * 4, tmp);
  }
}

/** R = O⁻¹ · parentWorld⁻¹ · desired · O, into rotations[ro]. */
function localFromWorld(
  rotations: Float64Array,
  ro: number,
  world: Float64Array,
  parent: number,
  desired: Float64Array,
  desiredOffset: number,
  orient: Float64Array,
  oo: number,
  tmp: Float64Array,
): void {
  if (parent >= 0) mulConjA(tmp, 0, world, parent * 4, desired, desiredOffset);
  else copy(tmp, 0, desired, desiredOffset);
  mul(tmp, 4, tmp, 0, orient, oo);
  mulConjA(rotations, ro, orient, oo, tmp, 4);
}

/** world[wo] = parentWorld · O · R · O⁻¹. */
function composeWorld(
  world: Float64Array,
  wo: number,
  parentWorld: Float64Array,
  parent: number,
  rotations: Float64Array,
  ro: number,
  orient: Float64Array,
  oo: number,
  tmp: Float64Array,
): void {
  mul(tmp, 0, orient, oo, rotations, ro);
  mulConjB(tmp, 4, tmp, 0, orient, oo);
  if (parent >= 0) mul(world, wo, parentWorld, parent * 4, tmp, 4);
  else copy(world, wo, tmp, 4);
}

/**
 * The main bone of a twist group. Its full rotation R (bone frame) is split into a bend that
 * leaves the twist (first) rotation channel at exactly 0, as DAZ's locked twist axis on bend
 * bones wants, and the twist about the long axis that remains:
 * R = R_bend · twist(θ), R_bend = R_second(β) · R_third(γ) chosen to point the long axis where R
 * points it. G8 (chain): the bend bone keeps R_bend, the in-chain twist bone takes the rest.
 * G9 (side): the limb bone keeps R_bend · twist(θ/(n+1)), twist bone i adds θ·(i+1)/(n+1).
 */
function splitTwist(
  b: number,
  plan: Plan,
  rotations: Float64Array,
  world: Float64Array,
  desired: Float64Array,
  orient: Float64Array,
  tmp: Float64Array,
): void {
  const group = plan.groupOf[b];
  if (!group) return;
  const { i, j, k, s, helperAxes } = group;
  const scratch = plan.scratch;
  const o = b * 4;
  // d = R · e_i, in bone axes.
  scratch.fill(0, 0, 3);
  scratch[i] = 1;
  rotateVec(scratch, 3, rotations, o, scratch, 0);
  const gamma = Math.asin(Math.max(-1, Math.min(1, s * scratch[3 + j])));
  const beta = Math.atan2(-s * scratch[3 + k], scratch[3 + i]);
  const bend = scratch.subarray(8, 16);
  bend.fill(0);
  bend[j] = Math.sin(beta / 2);
  bend[3] = Math.cos(beta / 2);
  bend[4 + k] = Math.sin(gamma / 2);
  bend[7] = Math.cos(gamma / 2);
  mul(tmp, 0, bend, 0, bend, 4); // R_bend = R_j(β) · R_k(γ)
  // twist = R_bend⁻¹ · R, a rotation about e_i.
  mulConjA(tmp, 4, tmp, 0, rotations, o);
  const theta = 2 * Math.atan2(tmp[4 + i], tmp[7]);
  const share = group.layout === 'chain' ? 0 : 1 / (group.helpers.length + 1);
  const keep = scratch.subarray(16, 20);
  keep.fill(0);
  keep[i] = Math.sin((theta * share) / 2);
  keep[3] = Math.cos((theta * share) / 2);
  mul(rotations, o, tmp, 0, keep, 0);
  composeWorld(world, o, world, plan.parents[b], rotations, o, orient, o, tmp);
  for (let n = 0; n < group.helpers.length; n++) {
    const h = group.helpers[n];
    const hp = plan.parents[h];
    if (group.layout === 'chain') {
      // The in-chain twist bone takes the whole remaining rotation to the desired world.
      localFromWorld(rotations, h * 4, world, hp, desired, 0, orient, h * 4, tmp);
    } else {
      setIdentity(rotations, h * 4);
      const angle = theta * (n + 1) * share;
      rotations[h * 4 + helperAxes[n]] = Math.sin(angle / 2);
      rotations[h * 4 + 3] = Math.cos(angle / 2);
    }
    composeWorld(world, h * 4, world, hp, rotations, h * 4, orient, h * 4, tmp);
  }
}

/** The capture's foot joints whose floor contact is measured: ankle, ball, toe tip (End Site) per side. */
function captureFootJoints(
  clip: BvhClip,
  sourceOf: ReadonlyMap<CanonicalJoint, number>,
): { joint: number; endSite: boolean }[] | undefined {
  const points: { joint: number; endSite: boolean }[] = [];
  for (const s of ['l', 'r'] as const) {
    const foot = sourceOf.get(`${s}_foot`);
    if (foot === undefined) return undefined;
    points.push({ joint: foot, endSite: false });
    const toes = sourceOf.get(`${s}_toes`);
    if (toes !== undefined) {
      points.push({ joint: toes, endSite: false });
      if (clip.joints[toes].endSite) points.push({ joint: toes, endSite: true });
    } else if (clip.joints[foot].endSite) points.push({ joint: foot, endSite: true });
  }
  return points;
}

function captureFootPoints(
  clip: BvhClip,
  pose: { positions: Float64Array; rotations: Float64Array },
  points: { joint: number; endSite: boolean }[],
  frame: Float64Array,
  scale: number,
  out: Float32Array,
  offset: number,
  tmp: Float64Array,
): void {
  for (let i = 0; i < points.length; i++) {
    const { joint, endSite } = points[i];
    tmp[0] = pose.positions[joint * 3];
    tmp[1] = pose.positions[joint * 3 + 1];
    tmp[2] = pose.positions[joint * 3 + 2];
    const end = clip.joints[joint].endSite;
    if (endSite && end) {
      rotateVec(tmp, 3, pose.rotations, joint * 4, end, 0);
      tmp[0] += tmp[3];
      tmp[1] += tmp[4];
      tmp[2] += tmp[5];
    }
    rotateVec(tmp, 3, frame, 0, tmp, 0);
    out[offset + i * 3] = tmp[3] * scale;
    out[offset + i * 3 + 1] = tmp[4] * scale;
    out[offset + i * 3 + 2] = tmp[5] * scale;
  }
}
