/**
 * gl-matrix allocates Float32Array by default; the synthetic captures are written to 1e-6 and
 * checked to 1e-3 file units, so every vector and quaternion here is a Float64Array.
 */
import type { quat, vec3 } from 'gl-matrix';

export function q64(x = 0, y = 0, z = 0, w = 1): quat {
  return Float64Array.of(x, y, z, w) as unknown as quat;
}

export function v64(x = 0, y = 0, z = 0): vec3 {
  return Float64Array.of(x, y, z) as unknown as vec3;
}
