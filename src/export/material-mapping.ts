/**
 * DAZ materials → metallic-roughness PBR, the one mapping both writers (glTF and USD) use.
 * Follows shared/reference/materials-lights-presets.md §2.7, per shader:
 *
 * | PBR            | Iray Uber                                   | PBRSkin                               | DAZ Studio Default             |
 * |----------------|---------------------------------------------|---------------------------------------|--------------------------------|
 * | base colour    | Diffuse Color (+map)                        | Diffuse Color (+map)                  | Diffuse Color × Diffuse Strength |
 * | metallic       | Metallic Weight (+map), Base Mixing 0 only  | Metallic Weight if Metallicity Enable | Lighting Model (Glossy) Metallic → 1 |
 * | roughness      | Glossy Roughness (+map); mode 1: 1 − Glossiness | lobe mix of Specular Lobe 1/2 roughness | 1 − Glossiness             |
 * | normal         | Normal Map value as scale (+map)            | same                                  | same                           |
 * | opacity        | Cutout Opacity (+map)                       | —                                     | Opacity Strength (+map)        |
 * | emission       | Emission Color (+map)                       | Emission Color                        | —                              |
 * | UV tiling      | Horizontal/Vertical Tiles and Offsets (all shaders)                                                   |
 *
 * Colours are converted from display-encoded (sRGB) to linear; colour maps are sRGB images,
 * data maps (roughness, metallic, normal, opacity) linear. Refraction, translucency, top coat,
 * specular level and tint, sheen and emission luminance go to `extensions`
 * (material-extensions.ts: glTF material extensions, UsdPreviewSurface clearcoat/ior/opacity).
 * Anything the target format cannot carry (a bump map without a normal map, SSS, the second
 * specular lobe, top coat colour; translucency and volume absorption in USD...) becomes a
 * warning naming the material and channel, never a silent loss.
 */
import type { Material, MaterialChannel } from '../scene/material.js';
import { srgbToLinearRgb } from './color-space.js';
import { materialExtensions, NITS_PER_LUMINANCE_UNIT, type PbrExtensions } from './material-extensions.js';

/** The format a mapping is for: what is lost depends on it (USD has no translucency, sheen...). */
export type MaterialTarget = 'gltf' | 'usd';

export interface PbrTexture {
  /** Absolute path of the image. */
  file: string;
  colorSpace: 'srgb' | 'linear';
}

export interface UvTransform {
  /** Repeats across u and v (DAZ Horizontal/Vertical Tiles). */
  scale: [number, number];
  /** DAZ Horizontal/Vertical Offset, in DAZ's v-up UV space. */
  offset: [number, number];
}

export interface PbrMaterial {
  name: string;
  /** The DAZ shader it came from. */
  shader: string;
  /** Linear RGB. */
  baseColor: [number, number, number];
  baseColorTexture?: PbrTexture;
  metallic: number;
  metallicTexture?: PbrTexture;
  /** Perceptual roughness (glTF's and UsdPreviewSurface's). */
  roughness: number;
  roughnessTexture?: PbrTexture;
  /** Invert the roughness texture (it was a glossiness map). */
  roughnessTextureInverted?: boolean;
  normalTexture?: PbrTexture & { scale: number };
  /** 1 = opaque. */
  opacity: number;
  opacityTexture?: PbrTexture;
  /** OPAQUE; MASK for cut-out maps (hair cards, lashes often want BLEND: see warnings); BLEND for constant < 1. */
  alphaMode: 'OPAQUE' | 'MASK' | 'BLEND';
  alphaCutoff: number;
  /** Linear RGB, in nits when DAZ gives a luminance (Iray Uber Luminance); black means none. */
  emissive: [number, number, number];
  emissiveTexture?: PbrTexture;
  /** Iray renders both sides of every polygon (it has no culling channel). */
  doubleSided: boolean;
  uvTransform?: UvTransform;
  /** What goes beyond metallic-roughness: refraction, translucency, top coat... */
  extensions: PbrExtensions;
  /** Every loss and approximation, one line each (losses included). */
  warnings: string[];
  /** The channels dropped for want of a PBR equivalent (also in `warnings`). */
  losses: MaterialLoss[];
}

const num = (c: MaterialChannel | undefined, fallback: number): number =>
  typeof c?.value === 'number' ? c.value : fallback;
const bool = (c: MaterialChannel | undefined, fallback: boolean): boolean =>
  typeof c?.value === 'boolean' ? c.value : fallback;
const rgb = (c: MaterialChannel | undefined, fallback: [number, number, number]): [number, number, number] =>
  Array.isArray(c?.value) ? (c.value as [number, number, number]) : fallback;
const tex = (c: MaterialChannel | undefined, colorSpace: PbrTexture['colorSpace']): PbrTexture | undefined =>
  c?.map ? { file: c.map, colorSpace } : undefined;

/**
 * A channel DAZ renders that metallic-roughness PBR has no place for: dropped, with a warning.
 * The most common loss by far (every Genesis skin surface has three), so the CLI counts these by
 * feature instead of listing them (`parseMaterialLoss` reads them back from the warning text).
 */
export interface MaterialLoss {
  /** The surface (material) name. */
  surface: string;
  /** The DAZ channel, e.g. `Translucency Weight`. */
  channel: string;
  /** What is lost, in a word or two: `translucency`, `top coat`... */
  feature: string;
}

type Channels = Record<string, MaterialChannel>;
const isWhite = (c: MaterialChannel | undefined) => rgb(c, [1, 1, 1]).every((v) => v >= 1);
const refracts = (ch: Channels) => num(ch['Refraction Weight'], 0) > 0;
const emits = (ch: Channels) => rgb(ch['Emission Color'], [0, 0, 0]).some((v) => v > 0);

/** Refraction's own roughness (or 1 − Refraction Glossiness) differs from the surface's. */
function refractionRoughnessDiffers(c: MaterialChannel, ch: Channels): boolean {
  const glossMode = ch['Base Mixing']?.value === 'PBR Specular/Glossiness';
  const refraction = glossMode ? 1 - num(ch['Refraction Glossiness'], 1) : num(c, 0);
  const surface = glossMode ? 1 - num(ch.Glossiness, 0.5) : num(ch['Glossy Roughness'], 0);
  return Math.abs(refraction - surface) > 0.01;
}

/**
 * Channels that matter to a renderer but that the target cannot carry (`targets`, both when
 * absent). `isActive` sees the channel and its material's channels.
 */
const UNMAPPED: {
  channel: string;
  isActive: (c: MaterialChannel, ch: Channels) => boolean;
  feature: string;
  note?: string;
  targets?: MaterialTarget[];
}[] = [
  {
    channel: 'Translucency Weight',
    isActive: (c, ch) => num(c, 0) > 0 && ch['Translucency Enable']?.value !== false,
    feature: 'translucency',
    note: 'UsdPreviewSurface has no diffuse transmission',
    targets: ['usd'],
  },
  {
    channel: 'Transmitted Color',
    isActive: (c, ch) => refracts(ch) && ch['Thin Walled']?.value !== true && !isWhite(c),
    feature: 'volume absorption',
    note: 'UsdPreviewSurface has no volume',
    targets: ['usd'],
  },
  {
    channel: 'Abbe',
    isActive: (c, ch) => num(c, 0) > 0 && refracts(ch) && ch['Thin Walled']?.value !== true,
    feature: 'dispersion',
    note: 'UsdPreviewSurface has no dispersion',
    targets: ['usd'],
  },
  {
    channel: 'Sheen Color',
    isActive: (c) => rgb(c, [0, 0, 0]).some((v) => v > 0),
    feature: 'sheen',
    note: 'UsdPreviewSurface has no sheen',
    targets: ['usd'],
  },
  {
    channel: 'Glossy Color',
    isActive: (c) => !isWhite(c),
    feature: 'specular tint',
    note: 'UsdPreviewSurface keeps the level as ior',
    targets: ['usd'],
  },
  {
    channel: 'Refraction Color',
    isActive: (c, ch) => refracts(ch) && !isWhite(c),
    feature: 'refraction colour',
  },
  {
    channel: 'Refraction Roughness',
    isActive: (c, ch) =>
      refracts(ch) && ch['Share Glossy Inputs']?.value !== true && refractionRoughnessDiffers(c, ch),
    feature: 'refraction roughness',
    note: 'the surface roughness is used',
  },
  {
    channel: 'Top Coat Color',
    isActive: (c, ch) => num(ch['Top Coat Weight'], 0) > 0 && !isWhite(c),
    feature: 'top coat colour',
  },
  {
    channel: 'Top Coat IOR',
    isActive: (c, ch) => num(ch['Top Coat Weight'], 0) > 0 && Math.abs(num(c, 1.5) - 1.5) > 0.01,
    feature: 'top coat IOR',
    note: 'clear coats have ior 1.5',
  },
  { channel: 'Sub Surface Enable', isActive: (c) => c.value === true, feature: 'subsurface scattering' },
  { channel: 'SSS Amount', isActive: (c) => num(c, 0) > 0, feature: 'subsurface scattering' },
  {
    channel: 'Dual Lobe Specular Weight',
    isActive: (c) => num(c, 0) > 0,
    feature: 'dual-lobe specular',
    note: 'folded into roughness',
  },
  {
    channel: 'Luminance Units',
    isActive: (c, ch) => emits(ch) && !(String(c.value) in NITS_PER_LUMINANCE_UNIT),
    feature: 'emission power',
    note: 'lm and W need the emitter area; Emission Color kept at strength 1',
  },
  {
    channel: 'Emission Temperature',
    isActive: (c, ch) => emits(ch) && Math.abs(num(c, 6500) - 6500) > 1,
    feature: 'emission temperature',
  },
  { channel: 'Glossy Anisotropy', isActive: (c) => num(c, 0) > 0, feature: 'anisotropy' },
  { channel: 'Metallic Flakes Weight', isActive: (c) => num(c, 0) > 0, feature: 'metallic flakes' },
  { channel: 'Backscattering Weight', isActive: (c) => num(c, 0) > 0, feature: 'backscattering' },
];

const LOSS_TAIL = 'has no PBR equivalent and is dropped';

/** The warning text of a loss, as in `PbrMaterial.warnings` and `ExportSummary.warnings`. */
export function materialLossWarning(loss: MaterialLoss): string {
  const note = UNMAPPED.find((u) => u.channel === loss.channel && u.feature === loss.feature)?.note;
  return `${loss.surface}: ${loss.feature}${note ? ` (${note})` : ''} (${loss.channel}) ${LOSS_TAIL}`;
}

/** The loss a warning reports, if it is one written by {@link materialLossWarning}. */
export function parseMaterialLoss(warning: string): MaterialLoss | undefined {
  if (!warning.endsWith(LOSS_TAIL)) return undefined;
  for (const u of UNMAPPED) {
    const middle = `: ${u.feature}${u.note ? ` (${u.note})` : ''} (${u.channel}) ${LOSS_TAIL}`;
    if (warning.endsWith(middle) && warning.length > middle.length)
      return { surface: warning.slice(0, -middle.length), channel: u.channel, feature: u.feature };
  }
  return undefined;
}

/**
 * `warnings` without the material losses: for outputs whose materials are dazport's own, such as
 * the built-in mannequin under a retargeted motion, where they tell the user nothing.
 */
export function withoutMaterialLosses(warnings: readonly string[]): string[] {
  return warnings.filter((w) => !parseMaterialLoss(w));
}

/** A report with its outputs' material losses left out (see {@link withoutMaterialLosses}). */
export function withoutOutputMaterialLosses<R extends { outputs: { warnings: string[] }[] }>(report: R): R {
  return {
    ...report,
    outputs: report.outputs.map((o) => ({ ...o, warnings: withoutMaterialLosses(o.warnings) })),
  };
}

/**
 * The PBR material of a DAZ material, for `target` (glTF by default): the losses it reports are
 * those of that format.
 */
export function toPbr(material: Material, target: MaterialTarget = 'gltf'): PbrMaterial {
  const ch = material.channels;
  const warnings: string[] = [];
  const warn = (text: string) => warnings.push(`${material.name}: ${text}`);
  const shader = material.shader;

  let baseColor = srgbToLinearRgb(rgb(ch['Diffuse Color'], [0.8, 0.8, 0.8]));
  let metallic = 0;
  let roughness = 0.5;
  let roughnessTextureInverted = false;
  let opacityChannel: MaterialChannel | undefined;

  if (shader === 'Iray Uber') {
    const mixing = ch['Base Mixing']?.value ?? 'PBR Metallicity/Roughness';
    if (mixing === 'PBR Metallicity/Roughness') {
      metallic = num(ch['Metallic Weight'], 0);
      roughness = num(ch['Glossy Roughness'], 0.5);
    } else if (mixing === 'PBR Specular/Glossiness') {
      roughness = 1 - num(ch.Glossiness, 0.5);
      roughnessTextureInverted = true;
      warn('Base Mixing "PBR Specular/Glossiness": metallic set to 0, roughness = 1 − Glossiness');
    } else {
      roughness = num(ch['Glossy Roughness'], 0.5);
      warn(`Base Mixing "${String(mixing)}": approximated as metallic/roughness`);
    }
    if (ch['Roughness Squared']?.value === false) roughness = Math.sqrt(Math.max(0, roughness));
    opacityChannel = ch['Cutout Opacity'];
  } else if (shader === 'PBRSkin') {
    if (bool(ch['Metallicity Enable'], false)) metallic = num(ch['Metallic Weight'], 0);
    const lobe1 = num(ch['Specular Lobe 1 Roughness'], 0.5) * num(ch['Dual Lobe Specular Roughness Mult'], 1);
    const lobe2 = lobe1 * num(ch['Specular Lobe 2 Roughness Mult'], 1);
    const ratio = num(ch['Dual Lobe Specular Ratio'], 0.85);
    roughness = lobe1 * (1 - ratio) + lobe2 * ratio;
  } else if (shader === 'DAZ Studio Default') {
    baseColor = baseColor.map((c) => c * num(ch['Diffuse Strength'], 1)) as [number, number, number];
    roughness = 1 - num(ch.Glossiness, 0.3);
    const model = ch['Lighting Model']?.value;
    metallic = model === 'Metallic' || model === 'Glossy (Metallic)' ? 1 : 0;
    opacityChannel = ch['Opacity Strength'];
  } else if (shader === 'Poser') {
    // What the Poser reader (src/sources/poser) reads of a material: its diffuse colour and
    // texture map. Poser's highlight, transparency and bump settings stay behind: said here,
    // where every other loss of a material is said.
    roughness = 1;
    warn(
      'a Poser material: only its diffuse colour and texture map are read (highlight, transparency, bump and shader nodes are not)',
    );
  } else {
    warn(`shader "${shader}" is not one dazport maps; only its Diffuse Color is kept`);
  }

  const pbr: PbrMaterial = {
    name: material.name,
    shader,
    baseColor,
    metallic: clamp01(metallic),
    roughness: clamp01(roughness),
    opacity: clamp01(num(opacityChannel, 1)),
    alphaMode: 'OPAQUE',
    alphaCutoff: 0.5,
    emissive: srgbToLinearRgb(rgb(ch['Emission Color'], [0, 0, 0])),
    doubleSided: shader !== 'DAZ Studio Default',
    extensions: materialExtensions(shader, ch, clamp01(roughness)),
    warnings,
    losses: [],
  };
  // Iray Uber luminance in nits: glTF's emissive strength and USD's emissive colour carry it.
  const nitsPerUnit = NITS_PER_LUMINANCE_UNIT[String(ch['Luminance Units']?.value ?? 'cd/m^2')];
  if (shader === 'Iray Uber' && ch.Luminance && nitsPerUnit !== undefined) {
    const nits = Math.max(0, num(ch.Luminance, 0) * nitsPerUnit);
    pbr.emissive = pbr.emissive.map((c) => c * nits) as [number, number, number];
  }
  const base = tex(ch['Diffuse Color'], 'srgb');
  if (base) pbr.baseColorTexture = base;
  if (metallic > 0 || ch['Metallic Weight']?.map) {
    const t = tex(ch['Metallic Weight'], 'linear');
    if (t) pbr.metallicTexture = t;
  }
  const rough = tex(
    shader === 'Iray Uber' && roughnessTextureInverted ? ch.Glossiness : ch['Glossy Roughness'],
    'linear',
  );
  if (rough) {
    pbr.roughnessTexture = rough;
    if (roughnessTextureInverted) pbr.roughnessTextureInverted = true;
  }
  const normal = tex(ch['Normal Map'], 'linear');
  if (normal) pbr.normalTexture = { ...normal, scale: num(ch['Normal Map'], 1) };
  if (ch['Bump Strength']?.map && !normal) {
    warn(
      `bump map ${ch['Bump Strength'].map} not exported (no height maps in metallic-roughness PBR; bake a normal map)`,
    );
  }
  const opacityTexture = tex(opacityChannel, 'linear');
  if (opacityTexture) {
    pbr.opacityTexture = opacityTexture;
    pbr.alphaMode = 'MASK';
  } else if (pbr.opacity < 1) {
    pbr.alphaMode = 'BLEND';
  }
  const emission = tex(ch['Emission Color'], 'srgb');
  if (emission) pbr.emissiveTexture = emission;

  const kx = num(ch['Horizontal Tiles'], 1);
  const ky = num(ch['Vertical Tiles'], 1);
  const ox = num(ch['Horizontal Offset'], 0);
  const oy = num(ch['Vertical Offset'], 0);
  if (kx !== 1 || ky !== 1 || ox !== 0 || oy !== 0) pbr.uvTransform = { scale: [kx, ky], offset: [ox, oy] };

  for (const { channel, isActive, feature, targets } of UNMAPPED) {
    const c = ch[channel];
    if (!c || (targets && !targets.includes(target)) || !isActive(c, ch)) continue;
    const loss = { surface: material.name, channel, feature };
    pbr.losses.push(loss);
    warnings.push(materialLossWarning(loss));
  }
  return pbr;
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
}
