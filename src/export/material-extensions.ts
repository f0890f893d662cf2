/**
 * DAZ channels beyond the core metallic-roughness set, as the glTF material extensions and the
 * UsdPreviewSurface inputs that carry them (docs/materials-extensions.md has the table):
 *
 * | DAZ (Iray Uber unless said)                          | glTF                                        | UsdPreviewSurface |
 * |------------------------------------------------------|---------------------------------------------|-------------------|
 * | Refraction Weight                                    | KHR_materials_transmission                  | opacity × (1 − w) |
 * | Refraction Index                                     | KHR_materials_ior                           | ior               |
 * | Thin Walled off, Transmitted Color / Measurement Distance | KHR_materials_volume (attenuation; thickness from the geometry) | — |
 * | Abbe                                                 | KHR_materials_dispersion (20 / Abbe)        | —                 |
 * | Translucency Weight / Color (Iray Uber, PBRSkin)     | KHR_materials_diffuse_transmission          | —                 |
 * | Top Coat Weight / Roughness or Glossiness            | KHR_materials_clearcoat                     | clearcoat, clearcoatRoughness |
 * | Glossy Layered Weight, Glossy Color × Reflectivity; PBRSkin Dual Lobe Specular Weight × Reflectivity | KHR_materials_specular | ior from F0 |
 * | Sheen Color (DAZ Studio Default)                     | KHR_materials_sheen                         | —                 |
 * | Emission Color × Luminance (cd/m², kcd/m², cd/ft², cd/cm²) | emissive + KHR_materials_emissive_strength | emissiveColor in nits |
 *
 * Pure: channel values in, numbers out. Writers decide how to spell them.
 */
import type { MaterialChannel } from '../scene/material.js';
import { srgbToLinearRgb } from './color-space.js';

type Rgb = [number, number, number];
type Channels = Record<string, MaterialChannel>;

export interface PbrExtensions {
  /** Iray refraction: the fraction of light let through the surface (glTF transmissionFactor). */
  transmission?: number;
  /** Index of refraction (Refraction Index); glTF's and USD's `ior`. */
  ior?: number;
  /**
   * A solid (not Thin Walled) refractive body: attenuation colour (linear) and distance (metres,
   * from DAZ centimetres) of Transmitted Color / Transmitted Measurement Distance; the writer
   * sets the thickness from the geometry. Absent when Thin Walled (glTF's thin-walled default).
   */
  volume?: { attenuationColor: Rgb; attenuationDistanceM: number };
  /** glTF KHR_materials_dispersion: 20 / Abbe number. */
  dispersion?: number;
  /** Translucency: glTF KHR_materials_diffuse_transmission factor and colour (linear). */
  diffuseTransmission?: { factor: number; color: Rgb };
  /** Top coat: clearcoat factor and perceptual roughness. */
  clearcoat?: { factor: number; roughness: number };
  /** Dielectric specular: glTF specularFactor, specularColorFactor (linear, may exceed 1). */
  specular?: { factor: number; color: Rgb };
  /** Sheen colour (linear) and roughness. */
  sheen?: { color: Rgb; roughness: number };
}

const num = (c: MaterialChannel | undefined, fallback: number): number =>
  typeof c?.value === 'number' ? c.value : fallback;
const rgb = (c: MaterialChannel | undefined, fallback: Rgb): Rgb =>
  Array.isArray(c?.value) ? (c.value as Rgb) : fallback;

/** Candela per square metre for each Luminance Units choice that is a luminance (lm and W need an area). */
export const NITS_PER_LUMINANCE_UNIT: Record<string, number> = {
  'cd/m^2': 1,
  'kcd/m^2': 1000,
  'cd/ft^2': 10.7639,
  'cd/cm^2': 10000,
};

/** DAZ's Transmitted Measurement Distance is taken as centimetres (reference §2.7; unverified live). */
const CM_TO_M = 0.01;

/** The extensions of one material (only those that change the look from glTF's defaults). */
export function materialExtensions(shader: string, ch: Channels, roughness: number): PbrExtensions {
  const ext: PbrExtensions = {};
  if (shader === 'Iray Uber') {
    const refraction = clamp01(num(ch['Refraction Weight'], 0));
    if (refraction > 0) {
      ext.transmission = refraction;
      const ior = num(ch['Refraction Index'], 1.5);
      if (ior >= 1 && ior !== 1.5) ext.ior = ior;
      if (ch['Thin Walled']?.value !== true) {
        const distanceCm = num(ch['Transmitted Measurement Distance'], 0.1);
        ext.volume = {
          attenuationColor: srgbToLinearRgb(rgb(ch['Transmitted Color'], [1, 1, 1])),
          attenuationDistanceM: distanceCm > 0 ? distanceCm * CM_TO_M : Number.POSITIVE_INFINITY,
        };
        const abbe = num(ch.Abbe, 0);
        if (abbe > 0) ext.dispersion = 20 / abbe;
      }
    }
    const topCoat = clamp01(num(ch['Top Coat Weight'], 0));
    if (topCoat > 0) {
      // Top Coat Roughness, or 1 − Glossiness² in the glossiness layering (reference §2.6).
      const glossiness = ch['Base Mixing']?.value === 'PBR Specular/Glossiness';
      const r = glossiness ? 1 - num(ch['Top Coat Glossiness'], 1) ** 2 : num(ch['Top Coat Roughness'], 0);
      ext.clearcoat = { factor: topCoat, roughness: clamp01(r) };
    }
    const specular = irayUberSpecular(ch);
    if (specular) ext.specular = specular;
  } else if (shader === 'PBRSkin') {
    const on = (name: string) => ch[`${name} Enable`]?.value !== false;
    if (on('Dual Lobe Specular')) {
      const weight = clamp01(num(ch['Dual Lobe Specular Weight'], 1));
      const level = num(ch['Dual Lobe Specular Reflectivity'], 0.5) / 0.5;
      if (weight !== 1 || level !== 1) ext.specular = { factor: weight, color: [level, level, level] };
    }
  } else if (shader === 'DAZ Studio Default') {
    const sheen = srgbToLinearRgb(rgb(ch['Sheen Color'], [0, 0, 0]));
    if (sheen.some((c) => c > 0)) ext.sheen = { color: sheen, roughness: roughness };
  }
  if (shader === 'Iray Uber' || shader === 'PBRSkin') {
    const on = shader !== 'PBRSkin' || ch['Translucency Enable']?.value !== false;
    const weight = clamp01(num(ch['Translucency Weight'], 0));
    if (on && weight > 0)
      ext.diffuseTransmission = {
        factor: weight,
        color: srgbToLinearRgb(rgb(ch['Translucency Color'], [1, 1, 1])),
      };
  }
  return ext;
}

/**
 * Iray Uber's dielectric specular as KHR_materials_specular, which scales glTF's F0 (0.04 at
 * ior 1.5) by specularFactor × specularColorFactor. Metallicity mode: the glossy layer weight is
 * the factor (Weighted mode: Glossy Weight); Glossy Color × Glossy Reflectivity / 0.5 the colour (reflectivity 0.5 ≙ F0 0.04,
 * as import_daz reads it). Specular/Glossiness mode: Glossy Specular is the F0 colour itself
 * (its default 0.078 ≙ glTF's 0.04, as DazToUnity and import_daz scale it). Absent when it
 * equals glTF's default.
 */
function irayUberSpecular(ch: Channels): PbrExtensions['specular'] | undefined {
  const mixing = ch['Base Mixing']?.value ?? 'PBR Metallicity/Roughness';
  // The Weighted mode mixes by Glossy Weight; the PBR modes layer by Glossy Layered Weight.
  const factor =
    mixing === 'Weighted'
      ? clamp01(num(ch['Glossy Weight'], 0))
      : clamp01(num(ch['Glossy Layered Weight'], 1));
  let color: Rgb;
  if (mixing === 'PBR Specular/Glossiness') {
    color = rgb(ch['Glossy Specular'], [0.078, 0.078, 0.078]).map((c) => c / 0.078) as Rgb;
  } else {
    const level = num(ch['Glossy Reflectivity'], 0.5) / 0.5;
    color = srgbToLinearRgb(rgb(ch['Glossy Color'], [1, 1, 1])).map((c) => c * level) as Rgb;
  }
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;
  if (same(factor, 1) && color.every((c) => same(c, 1))) return undefined;
  return { factor, color };
}

/** The index of refraction whose normal-incidence reflectance is `f0` (Fresnel, from air). */
export function iorFromF0(f0: number): number {
  const s = Math.sqrt(Math.min(0.99, Math.max(0, f0)));
  return (1 + s) / (1 - s);
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
}
