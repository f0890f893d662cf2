/**
 * Cameras and UsdLux lights (shared/reference/materials-lights-presets.md §3.3-3.4). Both look
 * down their local −Z with +Y up, as DAZ's do, so node transforms need no axis fix.
 *
 * Cameras (a cm stage: lens and film back in tenths of a unit = mm): `focalLength` = DAZ focal
 * length, `horizontalAperture` = Frame Width, `verticalAperture` = width / aspect
 * (src/export/lights-cameras.ts `cameraLens`), `clippingRange` = (near, far) cm,
 * `focusDistance` cm, `fStop` when depth of field is on, else 0 (USD: 0 turns DOF off).
 *
 * LIGHT UNITS. Every light is written with `inputs:normalize = false`, so `inputs:intensity`
 * is the emitter's luminance in nits (cd/m²) at exposure 0 (UsdLux LightAPI), computed here with
 * areas in m² (1 stage unit = 0.01 m) from `physicalLight()` (I in candela, E in lux):
 *
 * - point and spot: a `SphereLight` of radius r (`pointLightRadiusCm`, default 1 cm; DAZ's are
 *   points). A Lambertian sphere of luminance L emits I = L·π·r², so L = I / (π r²). Spots add
 *   `ShapingAPI` with `inputs:shaping:cone:angle` = half the Spread Angle in degrees, softness 0.
 * - area emitters (DAZ Light Geometry ≠ point): total flux kΦ = 4π·I over the emitting area A
 *   (m²) of a Lambertian emitter gives L = kΦ / (π A) = 4 I / A. Rectangle → `RectLight`
 *   (Width × Height, one side), disc → `DiskLight` (radius Width/2), sphere → `SphereLight`
 *   (radius Width/2), cylinder → `CylinderLight` (radius Width/2, length Height, lateral area).
 * - distant: `DistantLight` with `inputs:angle` 0.53° (the Sun's diameter); a source of that
 *   solid angle Ω = 2π(1 − cos(angle/2)) and luminance L gives illuminance E ≈ L·Ω, so L = E / Ω.
 *
 * The DAZ values (flux, intensity, spread, temperature) are kept in `customData`. A light that
 * is off is written `invisible`.
 */

import type { Camera } from '../../scene/camera.js';
import type { Light } from '../../scene/light.js';
import { cameraLens, physicalLight } from '../lights-cameras.js';
import { formatDouble, formatFloat, formatTuple, quoteString } from './usda-format.js';
import type { UsdaWriter } from './usda-writer.js';

/** Sun-like angular diameter for distant lights, degrees. */
export const DISTANT_ANGLE_DEG = 0.53;
export const CM_TO_M = 0.01;

/** What to write for a camera's properties (the prim itself is the caller's). */
export function writeCameraProperties(w: UsdaWriter, camera: Camera): void {
  const lens = cameraLens(camera);
  w.propChecked('float focalLength', () => formatFloat(camera.focalLengthMm));
  w.propChecked('float horizontalAperture', () => formatFloat(lens.horizontalApertureMm));
  w.propChecked('float verticalAperture', () => formatFloat(lens.verticalApertureMm));
  w.propChecked('float2 clippingRange', () => formatTuple([camera.nearCm, camera.farCm], formatFloat));
  w.propChecked('float focusDistance', () => formatFloat(camera.focalDistanceCm));
  w.propChecked('float fStop', () => formatFloat(camera.depthOfField ? camera.fStop : 0));
  w.prop('token projection', '"perspective"');
}

/** `customData` entries keeping DAZ's own lens values. */
export function cameraCustomData(camera: Camera): string[] {
  return [
    `double dazHorizontalFovRad = ${formatDouble(camera.horizontalFovRad)}`,
    `double dazFStop = ${formatDouble(camera.fStop)}`,
    `bool dazDepthOfField = ${camera.depthOfField ? 1 : 0}`,
  ];
}

export interface UsdLight {
  /** Prim type: DistantLight, SphereLight, RectLight, DiskLight, CylinderLight. */
  type: string;
  apiSchemas: string[];
  /** [declaration, spelled value] pairs. */
  props: [string, () => string][];
  /** Luminance written, nits (for reports and tests). */
  nits: number;
}

/** The UsdLux light for a DAZ light (see the LIGHT UNITS note above). */
export function usdLight(light: Light, pointRadiusCm: number): UsdLight {
  const p = physicalLight(light);
  const props: [string, () => string][] = [['color3f inputs:color', () => formatTuple(p.color, formatFloat)]];
  const out = (type: string, nits: number, apiSchemas: string[] = []): UsdLight => {
    props.unshift(['float inputs:intensity', () => formatFloat(nits)]);
    props.push(['bool inputs:normalize', () => '0']);
    return { type, apiSchemas, props, nits };
  };
  if (p.kind === 'directional') {
    const half = ((DISTANT_ANGLE_DEG / 2) * Math.PI) / 180;
    const omega = 2 * Math.PI * (1 - Math.cos(half));
    props.push(['float inputs:angle', () => formatFloat(DISTANT_ANGLE_DEG)]);
    return out('DistantLight', p.intensity / omega);
  }
  const schemas = p.kind === 'spot' ? ['ShapingAPI'] : [];
  if (p.kind === 'spot') {
    const deg = ((p.outerConeRad ?? Math.PI / 4) * 180) / Math.PI;
    props.push(['float inputs:shaping:cone:angle', () => formatFloat(deg)]);
    props.push(['float inputs:shaping:cone:softness', () => '0']);
  }
  const w = light.widthCm * CM_TO_M;
  const h = light.heightCm * CM_TO_M;
  if (light.geometry === 1 && w > 0 && h > 0) {
    props.push(['float inputs:width', () => formatFloat(light.widthCm)]);
    props.push(['float inputs:height', () => formatFloat(light.heightCm)]);
    return out('RectLight', (4 * p.intensity) / (w * h), schemas);
  }
  if (light.geometry === 2 && w > 0) {
    props.push(['float inputs:radius', () => formatFloat(light.widthCm / 2)]);
    return out('DiskLight', (4 * p.intensity) / (Math.PI * (w / 2) ** 2), schemas);
  }
  if (light.geometry === 4 && w > 0 && h > 0) {
    props.push(['float inputs:radius', () => formatFloat(light.widthCm / 2)]);
    props.push(['float inputs:length', () => formatFloat(light.heightCm)]);
    return out('CylinderLight', (4 * p.intensity) / (2 * Math.PI * (w / 2) * h), schemas);
  }
  const radiusCm = light.geometry === 3 && w > 0 ? light.widthCm / 2 : pointRadiusCm;
  const r = radiusCm * CM_TO_M;
  props.push(['float inputs:radius', () => formatFloat(radiusCm)]);
  return out('SphereLight', p.intensity / (Math.PI * r * r), schemas);
}

export function writeLightProperties(w: UsdaWriter, light: UsdLight): void {
  for (const [decl, value] of light.props) w.propChecked(decl, value);
}

/** `customData` entries keeping DAZ's own light values. */
export function lightCustomData(light: Light): string[] {
  return [
    `string dazKind = ${quoteString(light.kind)}`,
    `bool dazPhotometric = ${light.photometric ? 1 : 0}`,
    `double dazFluxLm = ${formatDouble(light.fluxLm)}`,
    `double dazIntensity = ${formatDouble(light.intensity)}`,
    `int dazLightGeometry = ${light.geometry}`,
    ...(light.spreadAngleDeg === undefined
      ? []
      : [`double dazSpreadAngleDeg = ${formatDouble(light.spreadAngleDeg)}`]),
    ...(light.temperatureK === undefined
      ? []
      : [`double dazTemperatureK = ${formatDouble(light.temperatureK)}`]),
  ];
}
