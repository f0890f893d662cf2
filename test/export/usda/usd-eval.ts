/**
 * Evaluates what a USD reader would compute from a parsed layer, independently of the writer:
 * world transforms (the product of `xformOp:transform`s down the prim path) and UsdSkel
 * linear-blend skinning (blend shapes, then Σ w · F_j · B_j⁻¹ · geomBind · p, then the
 * Skeleton's world transform), following the UsdSkel "Skinning" docs
 * (https://openusd.org/release/api/_usd_skel__schemas.html).
 */
import { mat4 } from 'gl-matrix';
import { flat as flatten, matrixOf, type UsdLayer, type UsdPrim, type UsdValue } from './usda-parse.js';

/**
 * `flat`, once per parsed value: a pose check at every frame evaluates the same points, skin
 * weights and blend-shape offsets again and again, and only the time samples differ. The arrays
 * handed out are shared, so nothing here writes into them.
 */
const flattened = new WeakMap<object, readonly number[]>();
function flat(v: UsdValue | undefined): readonly number[] {
  if (typeof v !== 'object' || v === null) return flatten(v);
  let numbers = flattened.get(v);
  if (!numbers) {
    numbers = flatten(v);
    flattened.set(v, numbers);
  }
  return numbers;
}

type M = Float64Array;

const mul = (a: M, b: M): M => mat4.multiply(new Float64Array(16), a, b) as M;
const inv = (a: M): M => mat4.invert(new Float64Array(16), a) as M;
const ident = (): M => mat4.identity(new Float64Array(16)) as M;

/** Local transform of a prim (identity without ops); USD prints the column-major array in order. */
export function localOf(prim: UsdPrim): M {
  const op = prim.props.get('xformOp:transform');
  return op ? matrixOf(op.value) : ident();
}

/** World transform of the prim at `path`. */
export function worldOf(layer: UsdLayer, path: string): M {
  let m = ident();
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const prim = layer.byPath.get(`/${parts.slice(0, i).join('/')}`);
    if (!prim) throw new Error(`no prim ${path}`);
    m = mul(m, localOf(prim));
  }
  return m;
}

export function transformPoints(m: M, points: ArrayLike<number>): Float64Array {
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += 3) {
    const [x, y, z] = [points[i], points[i + 1], points[i + 2]];
    out[i] = m[0] * x + m[4] * y + m[8] * z + m[12];
    out[i + 1] = m[1] * x + m[5] * y + m[9] * z + m[13];
    out[i + 2] = m[2] * x + m[6] * y + m[10] * z + m[14];
  }
  return out;
}

/** The attribute value at `time` (a sample at that time), else its default. */
function valueAt(prim: UsdPrim, name: string, time?: number): UsdValue | undefined {
  const prop = prim.props.get(name);
  if (!prop) return undefined;
  if (time !== undefined && prop.timeSamples) {
    const s = prop.timeSamples.find((x) => x[0] === time);
    if (s) return s[1];
  }
  return prop.value;
}

/** Skeleton-space joint frames F_j from a SkelAnimation at `time` (default time if undefined). */
export function jointFrames(
  layer: UsdLayer,
  skeleton: UsdPrim,
  time?: number,
): { joints: string[]; frames: M[] } {
  const joints = skeleton.props.get('joints')?.value as string[];
  const anim = layer.byPath.get(skeleton.props.get('skel:animationSource')?.targets?.[0] ?? '') as UsdPrim;
  const animJoints = anim.props.get('joints')?.value as string[];
  const t = flat(valueAt(anim, 'translations', time));
  const r = flat(valueAt(anim, 'rotations', time));
  const s = flat(valueAt(anim, 'scales', time));
  const rest = flat(skeleton.props.get('restTransforms')?.value);
  const local: M[] = joints.map((_, i) => Float64Array.from(rest.slice(i * 16, i * 16 + 16)));
  animJoints.forEach((name, k) => {
    const i = joints.indexOf(name);
    // quatf is written (w, x, y, z); gl-matrix wants [x, y, z, w].
    const q = new Float64Array([r[k * 4 + 1], r[k * 4 + 2], r[k * 4 + 3], r[k * 4]]);
    local[i] = mat4.fromRotationTranslationScale(
      new Float64Array(16),
      q,
      new Float64Array(t.slice(k * 3, k * 3 + 3)),
      new Float64Array(s.slice(k * 3, k * 3 + 3)),
    ) as M;
  });
  const frames: M[] = [];
  joints.forEach((name, i) => {
    const parent = name.includes('/') ? joints.indexOf(name.slice(0, name.lastIndexOf('/'))) : -1;
    frames.push(parent >= 0 ? mul(frames[parent], local[i]) : local[i]);
  });
  return { joints, frames };
}

/** World-space skinned points of a skinned Mesh prim. */
export function skinnedPoints(layer: UsdLayer, mesh: UsdPrim, time?: number): Float64Array {
  const skeleton = layer.byPath.get(mesh.props.get('skel:skeleton')?.targets?.[0] ?? '') as UsdPrim;
  const points = Float64Array.from(flat(mesh.props.get('points')?.value));
  // Blend shapes first, weighted by the animation.
  const anim = layer.byPath.get(skeleton.props.get('skel:animationSource')?.targets?.[0] ?? '') as UsdPrim;
  const animShapes = (anim.props.get('blendShapes')?.value as string[] | undefined) ?? [];
  const weights = flat(valueAt(anim, 'blendShapeWeights', time));
  const shapes = (mesh.props.get('skel:blendShapes')?.value as string[] | undefined) ?? [];
  const targets = mesh.props.get('skel:blendShapeTargets')?.targets ?? [];
  shapes.forEach((token, k) => {
    const w = weights[animShapes.indexOf(token)] ?? 0;
    const shape = layer.byPath.get(targets[k]) as UsdPrim;
    const offsets = flat(shape.props.get('offsets')?.value);
    const idx = flat(shape.props.get('pointIndices')?.value);
    idx.forEach((v, n) => {
      for (let a = 0; a < 3; a++) points[v * 3 + a] += w * offsets[n * 3 + a];
    });
  });
  const { frames } = jointFrames(layer, skeleton, time);
  const bind = flat(skeleton.props.get('bindTransforms')?.value);
  const skinning = frames.map((f, i) => mul(f, inv(Float64Array.from(bind.slice(i * 16, i * 16 + 16)))));
  const geomBind = mesh.props.get('primvars:skel:geomBindTransform');
  const g = geomBind ? matrixOf(geomBind.value) : ident();
  const bound = transformPoints(g, points);
  const ji = flat(mesh.props.get('primvars:skel:jointIndices')?.value);
  const jw = flat(mesh.props.get('primvars:skel:jointWeights')?.value);
  const size = mesh.props.get('primvars:skel:jointIndices')?.meta.elementSize as number;
  const out = new Float64Array(points.length);
  for (let v = 0; v < points.length / 3; v++) {
    for (let k = 0; k < size; k++) {
      const w = jw[v * size + k];
      if (w === 0) continue;
      const m = skinning[ji[v * size + k]];
      const [x, y, z] = [bound[v * 3], bound[v * 3 + 1], bound[v * 3 + 2]];
      out[v * 3] += w * (m[0] * x + m[4] * y + m[8] * z + m[12]);
      out[v * 3 + 1] += w * (m[1] * x + m[5] * y + m[9] * z + m[13]);
      out[v * 3 + 2] += w * (m[2] * x + m[6] * y + m[10] * z + m[14]);
    }
  }
  return transformPoints(worldOf(layer, skeleton.path), out);
}

/** Largest absolute difference between two coordinate arrays. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
