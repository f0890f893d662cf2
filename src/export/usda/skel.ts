/**
 * UsdSkel prims (https://openusd.org/release/api/_usd_skel__schemas.html): the `Skeleton` (joints
 * parents first, bind and rest transforms), its `SkelAnimation` (the current pose at the
 * default time, a motion as time samples, blend shape weights), and on skinned meshes the
 * `SkelBindingAPI` primvars and `BlendShape` children. The math is in skeleton-layout.ts.
 *
 * Conventions: skeleton space = DAZ figure space (cm); `geomBindTransform` is the identity
 * because the rest mesh is already in figure space; quaternions are `quatf` written (w, x, y, z);
 * scales are 1 (DAZ bone scale channels are not in the scene model).
 */
import type { Quat } from '../../math/euler.js';
import type { MorphTarget, Skin } from '../../scene/mesh.js';
import type { JointLocal, MotionTracks, SkeletonLayout } from './skeleton-layout.js';
import { motionLocals } from './skeleton-layout.js';
import {
  customDataLines,
  formatFloat,
  formatMatrix4d,
  formatPathRef,
  formatStringList,
  quoteString,
} from './usda-format.js';
import { floatRange, intRange, type UsdaWriter, vec3fRange } from './usda-writer.js';
import { identity, type Mat4, writeTransform } from './xforms.js';

/** A quaternion [x, y, z, w] as USD's `(w, x, y, z)`. */
export function formatQuatWxyz(q: Quat): string {
  return `(${formatFloat(q[3])}, ${formatFloat(q[0])}, ${formatFloat(q[1])}, ${formatFloat(q[2])})`;
}

export interface SkeletonPrimSpec {
  layout: SkeletonLayout;
  name: string;
  /** Local transform under its parent prim. */
  local: Mat4;
  animationName: string;
  /** The current pose, written order. */
  pose: JointLocal[];
  /** A motion to write as time samples at these time codes (one per frame). */
  motion?: { tracks: MotionTracks; timeCodes: number[] };
  /** Blend shape tokens driven by this skeleton's animation, with their current weights. */
  blendShapes: {
    tokens: string[];
    weights: number[];
    /** Animated weights: every token's weight at each time code. */
    samples?: { timeCodes: number[]; weights: number[][] };
  };
  customData: string[];
}

export async function writeSkeleton(w: UsdaWriter, spec: SkeletonPrimSpec): Promise<void> {
  const { layout } = spec;
  await w.beginPrim('Skeleton', spec.name, [
    'prepend apiSchemas = ["SkelBindingAPI"]',
    ...customDataLines(spec.customData),
  ]);
  const skeletonPath = w.path;
  writeTransform(w, spec.local);
  w.prop('uniform token[] joints', formatStringList(layout.paths));
  w.prop(
    'uniform token[] jointNames',
    formatStringList(layout.order.map((j) => layout.skeleton.joints[j].name)),
  );
  await w.array('uniform matrix4d[] bindTransforms', layout.bind.length, matrixRange(layout.bind));
  await w.array('uniform matrix4d[] restTransforms', layout.rest.length, matrixRange(layout.rest));
  w.prop('rel skel:animationSource', formatPathRef(`${skeletonPath}/${spec.animationName}`));
  await writeAnimation(w, spec);
  await w.endPrim();
}

async function writeAnimation(w: UsdaWriter, spec: SkeletonPrimSpec): Promise<void> {
  const { layout, pose } = spec;
  const custom = customDataLines(
    spec.motion ? [`string dazMotion = ${quoteString(spec.motion.tracks.motion.name)}`] : [],
  );
  await w.beginPrim('SkelAnimation', spec.animationName, custom);
  w.prop('uniform token[] joints', formatStringList(layout.paths));
  w.propChecked('float3[] translations', () => listOf(pose, (l) => vec3(l.translation)));
  w.propChecked('quatf[] rotations', () => listOf(pose, (l) => formatQuatWxyz(l.rotation)));
  w.prop('half3[] scales', `[${pose.map(() => '(1, 1, 1)').join(', ')}]`);
  if (spec.motion) {
    const { tracks, timeCodes } = spec.motion;
    // Frames are computed once and kept: a clip is small next to a mesh (joints × frames × 7).
    const frames: JointLocal[][] = [];
    let previous: JointLocal[] = pose;
    for (let f = 0; f < timeCodes.length; f++) {
      const locals = motionLocals(layout, tracks, f, pose);
      // Keep each joint's quaternion on the same hemisphere as the frame before, so that
      // interpolation between samples takes the short way round.
      for (let p = 0; p < locals.length; p++) {
        const q = locals[p].rotation;
        const r = previous[p].rotation;
        if (q[0] * r[0] + q[1] * r[1] + q[2] * r[2] + q[3] * r[3] < 0) {
          locals[p] = { ...locals[p], rotation: [-q[0], -q[1], -q[2], -q[3]] };
        }
      }
      frames.push(locals);
      previous = locals;
    }
    if (tracks.byJoint.some((t) => t?.translations)) {
      await w.timeSamples('float3[] translations', timeCodes, (f) =>
        listOf(frames[f], (l) => vec3(l.translation)),
      );
    }
    await w.timeSamples('quatf[] rotations', timeCodes, (f) =>
      listOf(frames[f], (l) => formatQuatWxyz(l.rotation)),
    );
  }
  if (spec.blendShapes.tokens.length) {
    w.prop('uniform token[] blendShapes', formatStringList(spec.blendShapes.tokens));
    w.propChecked(
      'float[] blendShapeWeights',
      () => `[${spec.blendShapes.weights.map(formatFloat).join(', ')}]`,
    );
    const samples = spec.blendShapes.samples;
    if (samples)
      await w.timeSamples(
        'float[] blendShapeWeights',
        samples.timeCodes,
        (f) => `[${samples.weights[f].map(formatFloat).join(', ')}]`,
      );
  }
  await w.endPrim();
}

function vec3(v: readonly number[]): string {
  return `(${formatFloat(v[0])}, ${formatFloat(v[1])}, ${formatFloat(v[2])})`;
}

function listOf<T>(items: readonly T[], fmt: (t: T) => string): string {
  return `[${items.map(fmt).join(', ')}]`;
}

function matrixRange(ms: readonly Mat4[]) {
  return (start: number, end: number) => ms.slice(start, end).map(formatMatrix4d).join(', ');
}

// ─── skinned meshes ───

export interface SkinInfluences {
  /** Influences per vertex (the primvars' elementSize). */
  elementSize: number;
  /** Joint positions (written order), vertex-major, `elementSize` per vertex. */
  indices: Int32Array;
  weights: Float32Array;
  /** Vertices no joint moves (their weights are all 0). */
  unweighted: number;
}

/** Sparse per-joint weights → dense per-vertex influences, in the skeleton's written order. */
export function skinInfluences(skin: Skin, vertexCount: number, layout: SkeletonLayout): SkinInfluences {
  const counts = new Uint16Array(vertexCount);
  for (const j of skin.joints) {
    for (let k = 0; k < j.indices.length; k++) if (j.weights[k] !== 0) counts[j.indices[k]]++;
  }
  let elementSize = 1;
  let unweighted = 0;
  for (let v = 0; v < vertexCount; v++) {
    if (counts[v] > elementSize) elementSize = counts[v];
    if (counts[v] === 0) unweighted++;
  }
  const indices = new Int32Array(vertexCount * elementSize);
  const weights = new Float32Array(vertexCount * elementSize);
  counts.fill(0);
  for (const j of skin.joints) {
    const joint = layout.position[j.joint];
    for (let k = 0; k < j.indices.length; k++) {
      if (j.weights[k] === 0) continue;
      const v = j.indices[k];
      const slot = v * elementSize + counts[v]++;
      indices[slot] = joint;
      weights[slot] = j.weights[k];
    }
  }
  return { elementSize, indices, weights, unweighted };
}

/** The SkelBindingAPI properties of a skinned mesh (its apiSchemas are the caller's). */
export async function writeSkinBinding(
  w: UsdaWriter,
  influences: SkinInfluences,
  skeletonPath: string,
  blendShapes: { tokens: string[]; paths: string[] },
): Promise<void> {
  const meta = [`elementSize = ${influences.elementSize}`, 'interpolation = "vertex"'];
  await w.array(
    'int[] primvars:skel:jointIndices',
    influences.indices.length,
    intRange(influences.indices),
    meta,
  );
  await w.array(
    'float[] primvars:skel:jointWeights',
    influences.weights.length,
    floatRange(influences.weights),
    meta,
  );
  w.prop('matrix4d primvars:skel:geomBindTransform', formatMatrix4d(identity()));
  w.prop('rel skel:skeleton', formatPathRef(skeletonPath));
  if (blendShapes.tokens.length) {
    w.prop('uniform token[] skel:blendShapes', formatStringList(blendShapes.tokens));
    w.prop('rel skel:blendShapeTargets', `[${blendShapes.paths.map(formatPathRef).join(', ')}]`);
  }
}

/** One `BlendShape` prim: the morph's deltas (cm, figure space) on the vertices it moves. */
export async function writeBlendShape(w: UsdaWriter, name: string, morph: MorphTarget): Promise<void> {
  await w.beginPrim(
    'BlendShape',
    name,
    customDataLines([
      `string dazLabel = ${quoteString(morph.label)}`,
      `string dazName = ${quoteString(morph.name)}`,
    ]),
  );
  await w.array('uniform vector3f[] offsets', morph.indices.length, vec3fRange(morph.deltas));
  await w.array('uniform int[] pointIndices', morph.indices.length, intRange(morph.indices));
  await w.endPrim();
}
