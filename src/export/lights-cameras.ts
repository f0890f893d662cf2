/**
 * DAZ lights and cameras in physical units, shared by the glTF and USD writers
 * (shared/reference/materials-lights-presets.md §3). Φ = Flux (lm), k = Intensity (1 = 100 %).
 *
 * - Point and spot: luminous intensity I = k·Φ / 4π candela (an isotropic source of flux Φ;
 *   spots as if they were points, as Blender's glTF exporter and three.js do).
 * - Distant: DAZ gives no unit. dazport uses E = k·Φ / LUMENS_PER_LUX_DISTANT lux with the
 *   ratio of the Diffeomorphic importer (Φ/7500 W/m², × 683 lm/W ≈ 0.091·Φ): a 15,000 lm distant
 *   light comes out near 1,366 lux. Documented, not physical.
 * - Non-photometric lights have no flux: intensity is k × 1 candela (or lux), a neutral default.
 * - Colours: the "Color" channel, display-encoded → linear.
 * - Spot cone: DAZ's Spread Angle is the full cone; the outer half-angle is spread/2
 *   (≤ 90°), the inner half-angle 0 (DAZ has no hard inner cone).
 */
import type { Camera } from '../scene/camera.js';
import type { Light } from '../scene/light.js';
import { srgbToLinearRgb } from './color-space.js';

export const DISTANT_LUX_PER_LUMEN = 683 / 7500;

export interface PhysicalLight {
  kind: 'directional' | 'point' | 'spot';
  /** Linear RGB. */
  color: [number, number, number];
  /** Candela (point, spot) or lux (directional). */
  intensity: number;
  unit: 'cd' | 'lx';
  outerConeRad?: number;
  innerConeRad?: number;
  on: boolean;
}

export function physicalLight(light: Light): PhysicalLight {
  const k = light.intensity;
  const flux = light.photometric ? light.fluxLm : 0;
  const color = srgbToLinearRgb(light.color);
  if (light.kind === 'distant') {
    return {
      kind: 'directional',
      color,
      intensity: flux > 0 ? k * flux * DISTANT_LUX_PER_LUMEN : k,
      unit: 'lx',
      on: light.on,
    };
  }
  const intensity = flux > 0 ? (k * flux) / (4 * Math.PI) : k;
  if (light.kind === 'point') return { kind: 'point', color, intensity, unit: 'cd', on: light.on };
  const outer = Math.min(Math.PI / 2, (((light.spreadAngleDeg ?? 90) / 2) * Math.PI) / 180);
  return { kind: 'spot', color, intensity, unit: 'cd', outerConeRad: outer, innerConeRad: 0, on: light.on };
}

export interface CameraLens {
  /** Vertical field of view, radians (glTF yfov). */
  yfovRad: number;
  aspectRatio: number;
  /** Film back, mm: horizontal = DAZ Frame Width, vertical = width / aspect. */
  horizontalApertureMm: number;
  verticalApertureMm: number;
}

/**
 * DAZ's Frame Width is the horizontal film width (its getFieldOfView() is horizontal), so
 * hfov = 2·atan(W / 2f) and yfov = 2·atan(W / (2·f·aspect)).
 */
export function cameraLens(camera: Camera): CameraLens {
  const w = camera.frameWidthMm;
  const f = camera.focalLengthMm;
  const a = camera.aspectRatio > 0 ? camera.aspectRatio : 16 / 9;
  return {
    yfovRad: 2 * Math.atan(w / (2 * f * a)),
    aspectRatio: a,
    horizontalApertureMm: w,
    verticalApertureMm: w / a,
  };
}
