/**
 * The channels (properties) of DAZ Studio's material types, as name, label, kind and default.
 * Names and labels follow shared/reference/materials-lights-presets.md §2 (Iray Uber names from
 * a real DAZ material library; PBRSkin and Default from implementations). Colours are 0..1.
 */
export type ChannelKind = 'color' | 'float' | 'enum' | 'bool' | 'image';

export interface ChannelDef {
  name: string;
  label: string;
  kind: ChannelKind;
  value: number | boolean | [number, number, number];
  /** Can hold a texture map. */
  mappable?: boolean;
  min?: number;
  max?: number;
  items?: string[];
}

const c = (name: string, label: string, value: [number, number, number], mappable = true): ChannelDef => ({
  name,
  label,
  kind: 'color',
  value,
  mappable,
});
const f = (name: string, label: string, value: number, mappable = true, min = 0, max = 1): ChannelDef => ({
  name,
  label,
  kind: 'float',
  value,
  mappable,
  min,
  max,
});
const e = (name: string, label: string, items: string[], value = 0): ChannelDef => ({
  name,
  label,
  kind: 'enum',
  value,
  items,
});
const b = (name: string, label: string, value: boolean): ChannelDef => ({ name, label, kind: 'bool', value });

/** Shared by every material type: tiling and smoothing. */
const GEOMETRY: ChannelDef[] = [
  f('Horizontal Tiles', 'Horizontal Tiles', 1, false, 0.01, 1000),
  f('Horizontal Offset', 'Horizontal Offset', 0, false, -1000, 1000),
  f('Vertical Tiles', 'Vertical Tiles', 1, false, 0.01, 1000),
  f('Vertical Offset', 'Vertical Offset', 0, false, -1000, 1000),
  b('Smooth On', 'Smooth', true),
  f('Smooth Angle', 'Smooth Angle', 89.9, false, 0, 180),
];

export const IRAY_UBER_CHANNELS: ChannelDef[] = [
  e('Base Mixing', 'Base Mixing', ['PBR Metallicity/Roughness', 'PBR Specular/Glossiness', 'Weighted']),
  c('Diffuse Color', 'Base Color', [0.75, 0.75, 0.75]),
  f('Metallic Weight', 'Metallicity', 0),
  f('Diffuse Weight', 'Diffuse Weight', 1),
  f('Diffuse Roughness', 'Diffuse Roughness', 0),
  f('Glossy Layered Weight', 'Glossy Layered Weight', 1),
  f('Glossy Weight', 'Glossy Weight', 0),
  c('Glossy Color', 'Glossy Color', [1, 1, 1]),
  f('Glossy Reflectivity', 'Glossy Reflectivity', 0.5),
  c('Glossy Specular', 'Glossy Specular', [0.078, 0.078, 0.078]),
  f('Glossy Roughness', 'Glossy Roughness', 0),
  f('Glossiness', 'Glossiness', 1),
  f('Refraction Index', 'Refraction Index', 1.5, false, 1, 10),
  f('Refraction Weight', 'Refraction Weight', 0),
  c('Refraction Color', 'Refraction Color', [1, 1, 1]),
  f('Refraction Roughness', 'Refraction Roughness', 0),
  f('Abbe', 'Abbe', 0, false, 0, 100),
  b('Thin Walled', 'Thin Walled', false),
  f('Bump Strength', 'Base Bump', 1, true, 0, 2),
  f('Normal Map', 'Normal Map', 1, true, 0, 1),
  f('Translucency Weight', 'Translucency Weight', 0),
  c('Translucency Color', 'Translucency Color', [1, 1, 1]),
  c('Transmitted Color', 'Transmitted Color', [1, 1, 1]),
  f('Transmitted Measurement Distance', 'Transmitted Measurement Distance', 0.1, false, 0, 1e6),
  f('Dual Lobe Specular Weight', 'Dual Lobe Specular Weight', 0),
  f('Top Coat Weight', 'Top Coat Weight', 0),
  c('Top Coat Color', 'Top Coat Color', [1, 1, 1]),
  f('Top Coat Roughness', 'Top Coat Roughness', 0),
  f('Top Coat Glossiness', 'Top Coat Glossiness', 1),
  f('Top Coat IOR', 'Top Coat IOR', 1.5, false, 1, 10),
  c('Emission Color', 'Emission Color', [0, 0, 0]),
  f('Emission Temperature', 'Emission Temperature (K)', 6500, false, 0, 100000),
  f('Luminance', 'Luminance', 1500, false, 0, 1e9),
  e('Luminance Units', 'Luminance Units', ['cd/m^2', 'kcd/m^2', 'cd/ft^2', 'cd/cm^2', 'lm', 'W']),
  f('Cutout Opacity', 'Cutout Opacity', 1),
  b('Roughness Squared', 'Roughness Squared', true),
  ...GEOMETRY,
];

export const PBRSKIN_CHANNELS: ChannelDef[] = [
  b('Diffuse Enable', 'Diffuse Enable', true),
  c('Diffuse Color', 'Base Color', [0.85, 0.7, 0.62]),
  f('Diffuse Roughness', 'Diffuse Roughness', 0.4),
  b('Metallicity Enable', 'Metallicity Enable', false),
  f('Metallic Weight', 'Metallicity', 0),
  b('Dual Lobe Specular Enable', 'Dual Lobe Specular Enable', true),
  f('Dual Lobe Specular Weight', 'Dual Lobe Specular Weight', 1),
  f('Dual Lobe Specular Reflectivity', 'Dual Lobe Specular Reflectivity', 0.5),
  f('Specular Lobe 1 Roughness', 'Specular Lobe 1 Roughness', 0.5),
  f('Specular Lobe 2 Roughness Mult', 'Specular Lobe 2 Roughness Mult', 0.6),
  f('Dual Lobe Specular Roughness Mult', 'Dual Lobe Specular Roughness Mult', 1, false, 0, 10),
  f('Dual Lobe Specular Ratio', 'Dual Lobe Specular Ratio', 0.85),
  b('Bump Enable', 'Bump Enable', true),
  f('Bump Strength', 'Bump Strength', 1, true, 0, 2),
  f('Normal Map', 'Normal Map', 1, true, 0, 1),
  b('Sub Surface Enable', 'Sub Surface Enable', true),
  b('Translucency Enable', 'Translucency Enable', true),
  f('Translucency Weight', 'Translucency Weight', 0.5),
  c('Translucency Color', 'Translucency Color', [1, 1, 1]),
  c('Emission Color', 'Emission Color', [0, 0, 0]),
  ...GEOMETRY,
];

export const DEFAULT_CHANNELS: ChannelDef[] = [
  c('Diffuse Color', 'Diffuse Color', [0.8, 0.8, 0.8]),
  f('Diffuse Strength', 'Diffuse Strength', 1),
  f('Glossiness', 'Glossiness', 0.3),
  c('Specular Color', 'Specular Color', [1, 1, 1]),
  f('Specular Strength', 'Specular Strength', 1),
  f('Opacity Strength', 'Opacity Strength', 1),
  f('Bump Strength', 'Bump Strength', 1, true, 0, 2),
  f('Normal Map', 'Normal Map', 1, true, 0, 1),
  e('Lighting Model', 'Lighting Model', [
    'Plastic',
    'Metallic',
    'Skin',
    'Glossy (Plastic)',
    'Matte',
    'Glossy (Metallic)',
  ]),
  c('Ambient Color', 'Ambient Color', [0, 0, 0]),
  f('Ambient Strength', 'Ambient Strength', 1),
  f('Index of Refraction', 'Index of Refraction', 1, false, 0, 10),
  c('Sheen Color', 'Sheen Color', [0, 0, 0]),
  ...GEOMETRY,
];

export type MaterialType = 'iray' | 'pbrskin' | 'default';

export const MATERIAL_TYPES: Record<
  MaterialType,
  { className: string; materialName: string; channels: ChannelDef[] }
> = {
  iray: { className: 'DzUberIrayMaterial', materialName: 'Iray Uber', channels: IRAY_UBER_CHANNELS },
  pbrskin: { className: 'DzBrickMaterial', materialName: 'PBRSkin', channels: PBRSKIN_CHANNELS },
  default: { className: 'DzDefaultMaterial', materialName: 'DAZ Studio Default', channels: DEFAULT_CHANNELS },
};
