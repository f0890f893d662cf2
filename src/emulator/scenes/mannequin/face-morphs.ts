/**
 * Named face and corrective morphs, so that choosing morphs (`export --morphs 'eCTRLv*'`,
 * `--morph-preset visemes`) has real names to choose from: a few of each family, in the naming
 * scheme of the figure's generation (docs/morph-presets.md). Genesis 9 (bones `neck1`, `l_eye`):
 * FACS shapes `facs_bs_*`/`facs_jnt_*`, viseme controllers `facs_ctrl_v*`, a `body_cbs_*`
 * corrective. Genesis 8 (`neckLower`, `lEye`): `eCTRL*` expressions and visemes, a `pJCM*`
 * corrective. One morph of each moves nothing (the mannequin has no tongue), as real figures
 * carry morphs whose deltas are all zero.
 *
 * The shapes are simple and deterministic: the lower front of the head drops (jaw open), widens
 * (EE) or lifts at the sides (smile); the upper half of an eye closes onto its middle (blink); the
 * front of the neck tucks in (neck-forward corrective). On a real Genesis 8 many expressions are
 * driven through face bones, not deltas; here every one carries deltas.
 */
import type { MorphTarget } from './mannequin-mesh.js';
import { type MeshAccumulator, PART_KIND_CODES } from './mesh-accumulator.js';
import type { Vec3Tuple } from './vector-math.js';

/** Deltas smaller than this (cm, summed over x, y, z) are left out, as in morphs.ts. */
const NEGLIGIBLE_DELTA = 1e-4;

type Shape = (v: number, out: Float32Array) => void;

export function buildFaceMorphs(
  acc: MeshAccumulator,
  headCentre: Vec3Tuple | null,
  scale: number,
): MorphTarget[] {
  if (!headCentre) return [];
  const g9 = acc.groupNames.includes('neck1');
  const face = faceFrame(acc, headCentre);
  const jawOpen = lowerFace(face, (w, _x, out, i) => {
    out[i + 1] = -1.2 * scale * w;
  });
  const wide = lowerFace(face, (w, x, out, i) => {
    out[i] = 0.5 * scale * w * x;
  });
  const smile = lowerFace(face, (w, x, out, i) => {
    out[i] = 0.3 * scale * w * x;
    out[i + 1] = 0.6 * scale * w * Math.abs(x);
  });
  // Each eye's shape is made once: eyeClose scans every vertex, so making it per vertex (as
  // both eyes together once did) was quadratic, hours on a heavy figure.
  const blinkLeft = eyeClose(acc, face, 1);
  const blinkRight = eyeClose(acc, face, -1);
  const both: Shape = (v, out) => {
    blinkLeft(v, out);
    blinkRight(v, out);
  };
  const neckFwd = neckTuck(acc, headCentre, scale);
  const shapes: [string, string, Shape][] = g9
    ? [
        ['facs_jnt_JawOpen', 'Jaw Open', jawOpen],
        ['facs_bs_EyeBlinkLeft', 'Eye Blink Left', blinkLeft],
        ['facs_bs_EyeBlinkRight', 'Eye Blink Right', blinkRight],
        ['facs_bs_MouthSmileLeft', 'Mouth Smile Left', sided(smile, face, 1)],
        ['facs_ctrl_vAA', 'AA', jawOpen],
        ['facs_ctrl_vEE', 'EE', wide],
        ['body_cbs_neck1_x35p', 'neck1 x 35 p', neckFwd],
      ]
    : [
        ['eCTRLMouthSmile', 'Mouth Smile', smile],
        ['eCTRLEyesClosed', 'Eyes Closed', both],
        ['eCTRLvAA', 'AA', jawOpen],
        ['eCTRLvEE', 'EE', wide],
        ['pJCMNeckFwd_35', 'pJCMNeckFwd_35', neckFwd],
      ];
  const n = acc.vertexCount;
  const morphs = shapes.map(([name, label, shape]) => {
    const dense = new Float32Array(3 * n);
    for (let v = 0; v < n; v++) shape(v, dense);
    return sparse(name, label, dense);
  });
  morphs.push(still(g9 ? 'facs_bs_TongueOut' : 'eCTRLTongueOut', 'Tongue Out', acc));
  return morphs;
}

interface FaceFrame {
  acc: MeshAccumulator;
  centre: Vec3Tuple;
  /** Head radius, cm: the farthest head vertex from the centre. */
  radius: number;
}

function faceFrame(acc: MeshAccumulator, centre: Vec3Tuple): FaceFrame {
  const p = acc.positions.data;
  const kinds = acc.kinds.data;
  let radius = 0;
  for (let v = 0; v < acc.vertexCount; v++)
    if (kinds[v] === PART_KIND_CODES.head)
      radius = Math.max(
        radius,
        Math.hypot(p[3 * v] - centre[0], p[3 * v + 1] - centre[1], p[3 * v + 2] - centre[2]),
      );
  return { acc, centre, radius: radius || 1 };
}

/**
 * A shape of the lower front of the head: `apply` gets a weight (0 at the head's equator or its
 * back, 1 at the chin's front) and x across the face (-1 right … 1 left).
 */
function lowerFace(
  face: FaceFrame,
  apply: (w: number, x: number, out: Float32Array, i: number) => void,
): Shape {
  const p = face.acc.positions.data;
  const kinds = face.acc.kinds.data;
  const [cx, cy, cz] = face.centre;
  return (v, out) => {
    if (kinds[v] !== PART_KIND_CODES.head) return;
    const below = (cy - p[3 * v + 1]) / face.radius;
    const front = (p[3 * v + 2] - cz) / face.radius;
    if (below <= 0 || front <= 0) return;
    apply(Math.min(1, below) * Math.min(1, front), (p[3 * v] - cx) / face.radius, out, 3 * v);
  };
}

/** Only the figure-left (+X, side 1) or right half of a shape. */
function sided(shape: Shape, face: FaceFrame, side: 1 | -1): Shape {
  const p = face.acc.positions.data;
  return (v, out) => {
    if ((p[3 * v] - face.centre[0]) * side > 0) shape(v, out);
  };
}

/** The upper half of one eye (figure-left: +X) closes down onto the eye's middle height. */
function eyeClose(acc: MeshAccumulator, face: FaceFrame, side: 1 | -1): Shape {
  const p = acc.positions.data;
  const kinds = acc.kinds.data;
  const onSide = (v: number) => kinds[v] === PART_KIND_CODES.eye && (p[3 * v] - face.centre[0]) * side > 0;
  let sum = 0;
  let count = 0;
  for (let v = 0; v < acc.vertexCount; v++)
    if (onSide(v)) {
      sum += p[3 * v + 1];
      count++;
    }
  const middle = count ? sum / count : 0;
  return (v, out) => {
    if (!onSide(v)) return;
    const above = p[3 * v + 1] - middle;
    if (above > 0) out[3 * v + 1] -= 0.9 * above;
  };
}

/** The front of the neck tucks in, as the neck-forward corrective does when the neck bends 35°. */
function neckTuck(acc: MeshAccumulator, headCentre: Vec3Tuple, scale: number): Shape {
  const p = acc.positions.data;
  const c = acc.centres.data;
  const kinds = acc.kinds.data;
  return (v, out) => {
    if (kinds[v] !== PART_KIND_CODES.neck) return;
    const front = p[3 * v + 2] - c[3 * v + 2];
    if (front <= 0 || p[3 * v + 1] > headCentre[1]) return;
    out[3 * v + 2] = -0.3 * scale * front;
  };
}

/** A morph with deltas on a few head vertices, every one of them zero: it moves nothing. */
function still(name: string, label: string, acc: MeshAccumulator): MorphTarget {
  const kinds = acc.kinds.data;
  const indices: number[] = [];
  for (let v = 0; v < acc.vertexCount && indices.length < 8; v++)
    if (kinds[v] === PART_KIND_CODES.head) indices.push(v);
  return { name, label, indices: Uint32Array.from(indices), deltas: new Float32Array(3 * indices.length) };
}

function sparse(name: string, label: string, dense: Float32Array): MorphTarget {
  const moved: number[] = [];
  for (let v = 0; v < dense.length / 3; v++)
    if (Math.abs(dense[3 * v]) + Math.abs(dense[3 * v + 1]) + Math.abs(dense[3 * v + 2]) >= NEGLIGIBLE_DELTA)
      moved.push(v);
  const deltas = new Float32Array(3 * moved.length);
  for (const [i, v] of moved.entries()) deltas.set(dense.subarray(3 * v, 3 * v + 3), 3 * i);
  return { name, label, indices: Uint32Array.from(moved), deltas };
}
