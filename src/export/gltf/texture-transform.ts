/**
 * DAZ tiling → KHR_texture_transform.
 *
 * DAZ samples a map at (kx·u + ox, ky·v − oy) in its v-up UV space (Horizontal/Vertical Tiles
 * kx, ky and Offsets ox, oy; shared/reference/materials-lights-presets.md §2.7). dazport writes
 * v_gltf = 1 − v, and glTF samples at offset + scale ⊙ uv_gltf in v-down space, i.e. at v-up
 * 1 − (oV + sV·v_gltf). Equal for every v when
 *
 *   1 − oV − sV·(1 − v) = ky·v − oy   ⇔   sV = ky,  oV = 1 − ky + oy
 *
 * and for u directly: sU = kx, oU = ox. No rotation.
 */
import type { UvTransform } from '../material-mapping.js';

export interface GltfUvTransform {
  offset: [number, number];
  scale: [number, number];
}

export function gltfUvTransform(t: UvTransform): GltfUvTransform {
  const [kx, ky] = t.scale;
  const [ox, oy] = t.offset;
  return { offset: [ox, 1 - ky + oy], scale: [kx, ky] };
}

/** Where DAZ samples a map for UV (u, v), in DAZ's v-up space (for tests and docs). */
export function dazSamplePoint(t: UvTransform, u: number, v: number): [number, number] {
  return [t.scale[0] * u + t.offset[0], t.scale[1] * v - t.offset[1]];
}

/** Where a glTF viewer samples for the written UV (u, 1 − v), converted back to v-up space. */
export function gltfSamplePoint(t: GltfUvTransform, u: number, v: number): [number, number] {
  const vg = 1 - v;
  return [t.offset[0] + t.scale[0] * u, 1 - (t.offset[1] + t.scale[1] * vg)];
}
