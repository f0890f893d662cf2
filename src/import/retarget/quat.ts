/**
 * Quaternion arithmetic on flat Float64Arrays (x, y, z, w at an offset): the retargeter's hot
 * loops allocate nothing per joint per frame.
 */
export type Q = Float64Array;

export function mul(out: Q, o: number, a: Q, ao: number, b: Q, bo: number): void {
  const ax = a[ao];
  const ay = a[ao + 1];
  const az = a[ao + 2];
  const aw = a[ao + 3];
  const bx = b[bo];
  const by = b[bo + 1];
  const bz = b[bo + 2];
  const bw = b[bo + 3];
  out[o] = aw * bx + ax * bw + ay * bz - az * by;
  out[o + 1] = aw * by - ax * bz + ay * bw + az * bx;
  out[o + 2] = aw * bz + ax * by - ay * bx + az * bw;
  out[o + 3] = aw * bw - ax * bx - ay * by - az * bz;
}

/** out = conj(a) · b (for unit a: a⁻¹ · b). */
export function mulConjA(out: Q, o: number, a: Q, ao: number, b: Q, bo: number): void {
  const ax = -a[ao];
  const ay = -a[ao + 1];
  const az = -a[ao + 2];
  const aw = a[ao + 3];
  const bx = b[bo];
  const by = b[bo + 1];
  const bz = b[bo + 2];
  const bw = b[bo + 3];
  out[o] = aw * bx + ax * bw + ay * bz - az * by;
  out[o + 1] = aw * by - ax * bz + ay * bw + az * bx;
  out[o + 2] = aw * bz + ax * by - ay * bx + az * bw;
  out[o + 3] = aw * bw - ax * bx - ay * by - az * bz;
}

/** out = a · conj(b). */
export function mulConjB(out: Q, o: number, a: Q, ao: number, b: Q, bo: number): void {
  const ax = a[ao];
  const ay = a[ao + 1];
  const az = a[ao + 2];
  const aw = a[ao + 3];
  const bx = -b[bo];
  const by = -b[bo + 1];
  const bz = -b[bo + 2];
  const bw = b[bo + 3];
  out[o] = aw * bx + ax * bw + ay * bz - az * by;
  out[o + 1] = aw * by - ax * bz + ay * bw + az * bx;
  out[o + 2] = aw * bz + ax * by - ay * bx + az * bw;
  out[o + 3] = aw * bw - ax * bx - ay * by - az * bz;
}

export function copy(out: Q, o: number, a: Q, ao: number): void {
  out[o] = a[ao];
  out[o + 1] = a[ao + 1];
  out[o + 2] = a[ao + 2];
  out[o + 3] = a[ao + 3];
}

export function setIdentity(out: Q, o: number): void {
  out[o] = 0;
  out[o + 1] = 0;
  out[o + 2] = 0;
  out[o + 3] = 1;
}

/** Rotate v (3 numbers at vo) by unit quaternion q; result into out at oo. */
export function rotateVec(
  out: Float64Array,
  oo: number,
  q: Q,
  qo: number,
  v: ArrayLike<number>,
  vo: number,
): void {
  const x = q[qo];
  const y = q[qo + 1];
  const z = q[qo + 2];
  const w = q[qo + 3];
  const vx = v[vo];
  const vy = v[vo + 1];
  const vz = v[vo + 2];
  const tx = 2 * (y * vz - z * vy);
  const ty = 2 * (z * vx - x * vz);
  const tz = 2 * (x * vy - y * vx);
  out[oo] = vx + w * tx + (y * tz - z * ty);
  out[oo + 1] = vy + w * ty + (z * tx - x * tz);
  out[oo + 2] = vz + w * tz + (x * ty - y * tx);
}

/** Shortest rotation taking unit vector a onto unit vector b. */
export function fromTo(a: readonly number[], b: readonly number[]): [number, number, number, number] {
  const d = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  if (d < -1 + 1e-12) {
    const axis = Math.abs(a[0]) < 0.9 ? cross([1, 0, 0], a) : cross([0, 1, 0], a);
    const n = Math.hypot(axis[0], axis[1], axis[2]);
    return [axis[0] / n, axis[1] / n, axis[2] / n, 0];
  }
  const c = cross(a, b);
  const q: [number, number, number, number] = [c[0], c[1], c[2], 1 + d];
  const n = Math.hypot(...q);
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

export function cross(a: readonly number[], b: readonly number[]): [number, number, number] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function normalize3(v: readonly number[]): [number, number, number] {
  const n = Math.hypot(v[0], v[1], v[2]);
  return n > 0 ? [v[0] / n, v[1] / n, v[2] / n] : [0, 0, 0];
}

/** The coordinate axis (±X, ±Y or ±Z) nearest to v. */
export function snapToAxis(v: readonly number[]): [number, number, number] {
  const a = v.map(Math.abs);
  const k = a[0] >= a[1] && a[0] >= a[2] ? 0 : a[1] >= a[2] ? 1 : 2;
  const out: [number, number, number] = [0, 0, 0];
  out[k] = Math.sign(v[k]) || 1;
  return out;
}

/** Rotation taking the orthonormal frame (a1, a2, a1×a2) onto (b1, b2, b1×b2), as a quaternion. */
export function frameToFrame(
  a1: number[],
  a2: number[],
  b1: number[],
  b2: number[],
): [number, number, number, number] {
  const orth = (p: number[], s: number[]) => {
    const u = normalize3(p);
    const d = u[0] * s[0] + u[1] * s[1] + u[2] * s[2];
    const v = normalize3([s[0] - d * u[0], s[1] - d * u[1], s[2] - d * u[2]]);
    return [u, v, cross(u, v)];
  };
  const [au, av, aw] = orth(a1, a2);
  const [bu, bv, bw] = orth(b1, b2);
  // M = B · Aᵀ (columns of A, B are the frames).
  const m = [0, 1, 2].map((r) => [0, 1, 2].map((c) => bu[r] * au[c] + bv[r] * av[c] + bw[r] * aw[c]));
  return matrixToQuat(m);
}

export function matrixToQuat(m: number[][]): [number, number, number, number] {
  const tr = m[0][0] + m[1][1] + m[2][2];
  let q: [number, number, number, number];
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2;
    q = [(m[2][1] - m[1][2]) / s, (m[0][2] - m[2][0]) / s, (m[1][0] - m[0][1]) / s, s / 4];
  } else if (m[0][0] > m[1][1] && m[0][0] > m[2][2]) {
    const s = Math.sqrt(1 + m[0][0] - m[1][1] - m[2][2]) * 2;
    q = [s / 4, (m[0][1] + m[1][0]) / s, (m[0][2] + m[2][0]) / s, (m[2][1] - m[1][2]) / s];
  } else if (m[1][1] > m[2][2]) {
    const s = Math.sqrt(1 + m[1][1] - m[0][0] - m[2][2]) * 2;
    q = [(m[0][1] + m[1][0]) / s, s / 4, (m[1][2] + m[2][1]) / s, (m[0][2] - m[2][0]) / s];
  } else {
    const s = Math.sqrt(1 + m[2][2] - m[0][0] - m[1][1]) * 2;
    q = [(m[0][2] + m[2][0]) / s, (m[1][2] + m[2][1]) / s, s / 4, (m[1][0] - m[0][1]) / s];
  }
  const n = Math.hypot(...q);
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

/**
 * Spherical interpolation from a (t = 0) to b (t = 1), the short way round, normalised; into out
 * at o. The torso chains spread a rotation over spine or neck links with it, resampling blends
 * neighbouring frames.
 */
export function slerp(
  out: Float64Array | Float32Array,
  o: number,
  a: ArrayLike<number>,
  ao: number,
  b: ArrayLike<number>,
  bo: number,
  t: number,
): void {
  let bx = b[bo];
  let by = b[bo + 1];
  let bz = b[bo + 2];
  let bw = b[bo + 3];
  let d = a[ao] * bx + a[ao + 1] * by + a[ao + 2] * bz + a[ao + 3] * bw;
  if (d < 0) {
    d = -d;
    bx = -bx;
    by = -by;
    bz = -bz;
    bw = -bw;
  }
  let wa: number;
  let wb: number;
  if (d > 0.9999) {
    // Nearly the same rotation: the linear blend is exact to 1e-8 and avoids dividing by sin ≈ 0.
    wa = 1 - t;
    wb = t;
  } else {
    const angle = Math.acos(d);
    const s = Math.sin(angle);
    wa = Math.sin((1 - t) * angle) / s;
    wb = Math.sin(t * angle) / s;
  }
  const x = wa * a[ao] + wb * bx;
  const y = wa * a[ao + 1] + wb * by;
  const z = wa * a[ao + 2] + wb * bz;
  const w = wa * a[ao + 3] + wb * bw;
  const n = Math.hypot(x, y, z, w) || 1;
  out[o] = x / n;
  out[o + 1] = y / n;
  out[o + 2] = z / n;
  out[o + 3] = w / n;
}

/** Shortest rotation taking vector a onto vector b (neither need be unit), into out at o; identity when either is zero. */
export function fromToInto(
  out: Q,
  o: number,
  a: ArrayLike<number>,
  ao: number,
  b: ArrayLike<number>,
  bo: number,
): void {
  const la = Math.hypot(a[ao], a[ao + 1], a[ao + 2]);
  const lb = Math.hypot(b[bo], b[bo + 1], b[bo + 2]);
  if (la < 1e-12 || lb < 1e-12) {
    setIdentity(out, o);
    return;
  }
  const ax = a[ao] / la;
  const ay = a[ao + 1] / la;
  const az = a[ao + 2] / la;
  const bx = b[bo] / lb;
  const by = b[bo + 1] / lb;
  const bz = b[bo + 2] / lb;
  const d = ax * bx + ay * by + az * bz;
  if (d < -1 + 1e-12) {
    const q = fromTo([ax, ay, az], [bx, by, bz]);
    out.set(q, o);
    return;
  }
  const x = ay * bz - az * by;
  const y = az * bx - ax * bz;
  const z = ax * by - ay * bx;
  const w = 1 + d;
  const n = Math.hypot(x, y, z, w);
  out[o] = x / n;
  out[o + 1] = y / n;
  out[o + 2] = z / n;
  out[o + 3] = w / n;
}
