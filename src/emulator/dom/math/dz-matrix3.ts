import { DZ_SERIALIZE } from '../../runtime/json-builder.js';
import { DzQuat } from './dz-quat.js';
import { DzVec3 } from './dz-vec3.js';

/**
 * DzMatrix3: DAZ's affine "4 × 3" matrix (a 3×3 linear part plus a translation column),
 * fields m11..m34 (row, column). Points transform as column vectors: p' = M · [p; 1].
 */
export class DzMatrix3 {
  m11 = 1;
  m12 = 0;
  m13 = 0;
  m14 = 0;
  m21 = 0;
  m22 = 1;
  m23 = 0;
  m24 = 0;
  m31 = 0;
  m32 = 0;
  m33 = 1;
  m34 = 0;

  /** `()` identity, `(rot: DzQuat)`, or 12 numbers in column order m11, m21, m31, m12, ... m34. */
  constructor(...args: unknown[]) {
    if (args[0] instanceof DzQuat) {
      const q = args[0];
      const [x, y, z, w] = [q.x, q.y, q.z, q.w];
      this.#setRows(
        [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w), 0],
        [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w), 0],
        [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y), 0],
      );
    } else if (args.length >= 12) {
      const n = args.map(Number);
      this.#setRows([n[0], n[3], n[6], n[9]], [n[1], n[4], n[7], n[10]], [n[2], n[5], n[8], n[11]]);
    }
  }

  #setRows(r1: number[], r2: number[], r3: number[]): void {
    [this.m11, this.m12, this.m13, this.m14] = r1;
    [this.m21, this.m22, this.m23, this.m24] = r2;
    [this.m31, this.m32, this.m33, this.m34] = r3;
  }

  get isIdentity(): boolean {
    const id = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
    return rows(this)
      .flat()
      .every((v, i) => Math.abs(v - id[i]) < 1e-12);
  }

  /** Transform a point (translation applied). */
  multVec(v: DzVec3): DzVec3 {
    return new DzVec3(
      this.m11 * v.x + this.m12 * v.y + this.m13 * v.z + this.m14,
      this.m21 * v.x + this.m22 * v.y + this.m23 * v.z + this.m24,
      this.m31 * v.x + this.m32 * v.y + this.m33 * v.z + this.m34,
    );
  }

  /** Transform a direction (no translation). */
  multMatrixVec(v: DzVec3): DzVec3 {
    return new DzVec3(
      this.m11 * v.x + this.m12 * v.y + this.m13 * v.z,
      this.m21 * v.x + this.m22 * v.y + this.m23 * v.z,
      this.m31 * v.x + this.m32 * v.y + this.m33 * v.z,
    );
  }

  /** this · m */
  multiply(m: DzMatrix3): DzMatrix3 {
    const a = [...rows(this), [0, 0, 0, 1]];
    const b = [...rows(m), [0, 0, 0, 1]];
    const out = new DzMatrix3();
    const r = [0, 1, 2].map((i) =>
      [0, 1, 2, 3].map((j) => a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j] + a[i][3] * b[3][j]),
    );
    out.#setRows(r[0], r[1], r[2]);
    return out;
  }

  inverse(): DzMatrix3 {
    const [r1, r2, r3] = rows(this);
    const [a, b, c] = r1;
    const [d, e, f] = r2;
    const [g, h, i] = r3;
    const A = e * i - f * h;
    const B = -(d * i - f * g);
    const C = d * h - e * g;
    const det = a * A + b * B + c * C || 1;
    const inv = [
      [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
      [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
      [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
    ];
    const t = [r1[3], r2[3], r3[3]];
    const out = new DzMatrix3();
    out.#setRows(
      [...inv[0], -(inv[0][0] * t[0] + inv[0][1] * t[1] + inv[0][2] * t[2])],
      [...inv[1], -(inv[1][0] * t[0] + inv[1][1] * t[1] + inv[1][2] * t[2])],
      [...inv[2], -(inv[2][0] * t[0] + inv[2][1] * t[1] + inv[2][2] * t[2])],
    );
    return out;
  }

  /** Row i (0-2) of the linear part. */
  row(i: number): DzVec3 {
    const r = rows(this)[Math.trunc(i)] ?? [0, 0, 0];
    return new DzVec3(r[0], r[1], r[2]);
  }

  setTrans(v: DzVec3): void {
    this.m14 = v.x;
    this.m24 = v.y;
    this.m34 = v.z;
  }

  toString(): string {
    return `[ ${rows(this).flat().join(', ')} ]`;
  }

  [DZ_SERIALIZE](): unknown {
    const o: Record<string, number> = {};
    for (const k of [
      'm11',
      'm12',
      'm13',
      'm14',
      'm21',
      'm22',
      'm23',
      'm24',
      'm31',
      'm32',
      'm33',
      'm34',
    ] as const)
      o[k] = this[k];
    return o;
  }
}

function rows(m: DzMatrix3): number[][] {
  return [
    [m.m11, m.m12, m.m13, m.m14],
    [m.m21, m.m22, m.m23, m.m24],
    [m.m31, m.m32, m.m33, m.m34],
  ];
}

/** @internal From a column-major 4×4 (gl-matrix layout). */
export function matrix3Of(m: ArrayLike<number>): DzMatrix3 {
  return new DzMatrix3(m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10], m[12], m[13], m[14]);
}
