/**
 * TANGENT for primitives whose material has a normal map, so engines need not generate a tangent
 * space of their own (validator MESH_PRIMITIVE_GENERATED_TANGENT_SPACE).
 *
 * glTF's normal maps are +Y up in the IMAGE (§3.9.3), and up in the image is +v in DAZ's v-up UVs
 * (dazport writes v_gltf = 1 − v_daz). So per triangle T = ∂P/∂u (Lengyel's method) with
 * v = v_daz, summed per vertex and made orthogonal to the normal (Gram-Schmidt). The bitangent
 * B = ∂P/∂v need not be summed: with e1 × e2 = det·(T × B) (det the UV-space area, signed), the
 * handedness w = sign(N · (T × B)) is the sign of det on faces whose winding agrees with N, so a
 * per-vertex sum of sign(det) gives w, and cross(N, T)·w is the bitangent as §3.7.2.1 defines it.
 * Not MikkTSpace, which would also weld and weight by angle; equal on smooth, well-parameterised
 * meshes.
 */

/**
 * @param positions xyz per output vertex
 * @param normals unit xyz per output vertex
 * @param uvs glTF uv per output vertex (v pointing down)
 * @param indices triangle corners
 */
export function computeTangents(
  positions: Float32Array,
  normals: Float32Array,
  uvs: Float32Array,
  indices: Uint32Array,
): Float32Array {
  const n = positions.length / 3;
  const t = new Float32Array(n * 3);
  const hand = new Float32Array(n);
  for (let i = 0; i < indices.length; i += 3) {
    const i0 = indices[i];
    const i1 = indices[i + 1];
    const i2 = indices[i + 2];
    const p0 = i0 * 3;
    const p1 = i1 * 3;
    const p2 = i2 * 3;
    const x0 = positions[p0];
    const y0 = positions[p0 + 1];
    const z0 = positions[p0 + 2];
    const u0 = uvs[i0 * 2];
    const v0 = uvs[i0 * 2 + 1];
    const du1 = uvs[i1 * 2] - u0;
    const du2 = uvs[i2 * 2] - u0;
    // v up (DAZ's): the negated differences of the written, v-down coordinates.
    const dv1 = v0 - uvs[i1 * 2 + 1];
    const dv2 = v0 - uvs[i2 * 2 + 1];
    const det = du1 * dv2 - du2 * dv1;
    if (det === 0 || !Number.isFinite(det)) continue;
    const r = 1 / det;
    const tx = ((positions[p1] - x0) * dv2 - (positions[p2] - x0) * dv1) * r;
    const ty = ((positions[p1 + 1] - y0) * dv2 - (positions[p2 + 1] - y0) * dv1) * r;
    const tz = ((positions[p1 + 2] - z0) * dv2 - (positions[p2 + 2] - z0) * dv1) * r;
    const h = det > 0 ? 1 : -1;
    t[p0] += tx;
    t[p0 + 1] += ty;
    t[p0 + 2] += tz;
    t[p1] += tx;
    t[p1 + 1] += ty;
    t[p1 + 2] += tz;
    t[p2] += tx;
    t[p2 + 1] += ty;
    t[p2 + 2] += tz;
    hand[i0] += h;
    hand[i1] += h;
    hand[i2] += h;
  }
  const out = new Float32Array(n * 4);
  for (let v = 0; v < n; v++) {
    const nx = normals[v * 3];
    const ny = normals[v * 3 + 1];
    const nz = normals[v * 3 + 2];
    let tx = t[v * 3];
    let ty = t[v * 3 + 1];
    let tz = t[v * 3 + 2];
    let d = nx * tx + ny * ty + nz * tz;
    tx -= nx * d;
    ty -= ny * d;
    tz -= nz * d;
    let len = Math.sqrt(tx * tx + ty * ty + tz * tz);
    if (!(len > 1e-12)) {
      // No UV gradient here: any direction perpendicular to the normal.
      if (Math.abs(nx) < 0.9) [tx, ty, tz] = [0, nz, -ny];
      else [tx, ty, tz] = [-nz, 0, nx];
      d = nx * tx + ny * ty + nz * tz;
      tx -= nx * d;
      ty -= ny * d;
      tz -= nz * d;
      len = Math.sqrt(tx * tx + ty * ty + tz * tz);
    }
    out[v * 4] = tx / len;
    out[v * 4 + 1] = ty / len;
    out[v * 4 + 2] = tz / len;
    out[v * 4 + 3] = hand[v] < 0 ? -1 : 1;
  }
  return out;
}
