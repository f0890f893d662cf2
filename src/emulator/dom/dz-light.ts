import type { DomContext } from './dom-context.js';
import { type CameraSettings, DzCamera } from './dz-camera.js';
import type { NodeRestData } from './dz-node.js';
import { Color } from './math/color.js';
import { DzVec3 } from './math/dz-vec3.js';
import { DzColorProperty, DzFloatColorProperty } from './properties/dz-color-property.js';
import { DzFloatProperty } from './properties/dz-float-property.js';
import { DzBoolProperty, DzEnumProperty } from './properties/dz-int-property.js';

export interface LightSettings {
  /** Linear 0..1 RGB. */
  color?: [number, number, number];
  /** The 3Delight-era percentage, 1 = 100 %. */
  intensity?: number;
  /** Luminous flux, lumen (photometric mode). */
  flux?: number;
  on?: boolean;
  photometric?: boolean;
  /** Colour temperature, K. */
  temperature?: number;
  /** 0 Point, 1 Rectangle, 2 Disc, 3 Sphere, 4 Cylinder. */
  geometry?: number;
  /** Emitter size, cm. */
  width?: number;
  height?: number;
  /** Spot: full cone angle, degrees. */
  spreadAngle?: number;
  /** Spot: centre-to-edge falloff exponent. */
  beamExponent?: number;
  /** 0 constant, 1 inverse linear, 2 inverse square. */
  decay?: number;
}

const ILLUMINATION = ['Off', 'Diffuse Only', 'Specular Only', 'On'];
/** DzLight's ShadowType enum, in DAZ's order: None, DeepShadowMap, Raytraced. */
const SHADOW_TYPES = ['None', 'Deep Shadow Map', 'Raytraced'];

/**
 * DzLight (which inherits DzCamera in DAZ Studio) and its kinds. Channels: "Color",
 * "Intensity", "Flux" (lm), "Illumination" (on/off), "Photometric Mode", "Temperature",
 * "Light Geometry", "Width"/"Height"; spots add "Spread Angle" and "Beam Exponent". Every kind
 * carries the shadow channels real lights have: "Shadow Type" (None, Deep Shadow Map,
 * Raytraced), "Shadow Color", "Shadow Softness" (%), "Shadow Bias" (cm), "Shadow Intensity" (%),
 * with DAZ's control getters (getShadowTypeControl on DzLight, the others on DzDistantLight).
 * Lights shine down their local −Z.
 */
export abstract class DzLight extends DzCamera {
  protected override readonly classChain: readonly string[] = [
    'DzLight',
    'DzCamera',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ];
  protected readonly light: {
    color: DzFloatColorProperty;
    intensity: DzFloatProperty;
    flux: DzFloatProperty;
    illumination: DzEnumProperty;
    photometric: DzBoolProperty;
    temperature: DzFloatProperty;
    geometry: DzEnumProperty;
    width: DzFloatProperty;
    height: DzFloatProperty;
    decay: DzFloatProperty;
    shadowType: DzEnumProperty;
    shadowColor: DzColorProperty;
    shadowSoftness: DzFloatProperty;
    shadowBias: DzFloatProperty;
    shadowIntensity: DzFloatProperty;
  };

  constructor(ctx: DomContext, name: string, label: string, rest: NodeRestData, s: LightSettings) {
    super(ctx, name, label, { rotationOrder: 'YZX', ...rest }, {} as CameraSettings);
    this.light = {
      color: this.addProperty(new DzFloatColorProperty(ctx, 'Color', 'Color', s.color ?? [1, 1, 1])),
      intensity: this.addProperty(
        new DzFloatProperty(ctx, 'Intensity', 'Intensity', {
          value: s.intensity ?? 1,
          min: 0,
          clamped: true,
        }),
      ),
      flux: this.addProperty(
        new DzFloatProperty(ctx, 'Flux', 'Luminous Flux (Lumen)', {
          value: s.flux ?? 15000,
          min: 0,
          clamped: true,
        }),
      ),
      illumination: this.addProperty(
        new DzEnumProperty(ctx, 'Illumination', 'Illumination', ILLUMINATION, s.on === false ? 0 : 3),
      ),
      photometric: this.addProperty(
        new DzBoolProperty(ctx, 'Photometric Mode', 'Photometric Mode', s.photometric ?? true),
      ),
      temperature: this.addProperty(
        new DzFloatProperty(ctx, 'Temperature', 'Temperature (K)', { value: s.temperature ?? 6500 }),
      ),
      geometry: this.addProperty(
        new DzEnumProperty(
          ctx,
          'Light Geometry',
          'Light Geometry',
          ['Point', 'Rectangle', 'Disc', 'Sphere', 'Cylinder'],
          s.geometry ?? 0,
        ),
      ),
      width: this.addProperty(
        new DzFloatProperty(ctx, 'Width', 'Width', { value: s.width ?? 0, min: 0, clamped: true }),
      ),
      height: this.addProperty(
        new DzFloatProperty(ctx, 'Height', 'Height', { value: s.height ?? 0, min: 0, clamped: true }),
      ),
      decay: this.addProperty(
        new DzFloatProperty(ctx, 'Decay', 'Decay', { value: s.decay ?? 2, min: 0, max: 2, clamped: true }),
      ),
      shadowType: this.addProperty(new DzEnumProperty(ctx, 'Shadow Type', 'Shadow Type', SHADOW_TYPES, 2)),
      shadowColor: this.addProperty(
        new DzColorProperty(ctx, 'Shadow Color', 'Shadow Color', new Color(0, 0, 0)),
      ),
      shadowSoftness: this.addProperty(
        new DzFloatProperty(ctx, 'Shadow Softness', 'Shadow Softness', { min: 0, max: 100, clamped: true }),
      ),
      shadowBias: this.addProperty(
        new DzFloatProperty(ctx, 'Shadow Bias', 'Shadow Bias', { value: 1, min: 0, clamped: true }),
      ),
      shadowIntensity: this.addProperty(
        new DzFloatProperty(ctx, 'Shadow Intensity', 'Shadow Intensity', {
          value: 100,
          min: 0,
          max: 100,
          clamped: true,
        }),
      ),
    };
  }

  /** The colour "including adjustment for intensity": colour × intensity, 8-bit. */
  getDiffuseColor(): Color {
    const c = this.light.color.getFloatColorValue();
    const k = this.light.intensity.getValue();
    const to8 = (v: number) => Math.max(0, Math.min(255, Math.round(v * k * 255)));
    return new Color(to8(c.red), to8(c.green), to8(c.blue));
  }

  isOn(): boolean {
    return this.light.illumination.getValue() !== 0;
  }

  isDirectional(): boolean {
    return false;
  }

  isAreaLight(): boolean {
    return this.light.geometry.getValue() !== 0;
  }

  /** World direction the light shines in (local −Z). */
  getWSDirection(): DzVec3 {
    return this.getWSRot().multVec(new DzVec3(0, 0, -1));
  }

  /** The "Shadow Type" value: 0 None, 1 DeepShadowMap, 2 Raytraced. */
  getShadowType(): number {
    return this.light.shadowType.getValue();
  }

  getShadowTypeControl(): DzEnumProperty {
    return this.light.shadowType;
  }
}

export class DzDistantLight extends DzLight {
  protected override readonly classChain: readonly string[] = [
    'DzDistantLight',
    'DzLight',
    'DzCamera',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ];

  constructor(
    ctx: DomContext,
    name = 'Distant Light',
    label = name,
    rest: NodeRestData = {},
    s: LightSettings = {},
  ) {
    super(ctx, name, label, rest, s);
  }

  override isDirectional(): boolean {
    return true;
  }

  getIntensity(): number {
    return this.light.intensity.getValue();
  }
  getIntensityControl(): DzFloatProperty {
    return this.light.intensity;
  }
  getDiffuseColorControl(): DzFloatColorProperty {
    return this.light.color;
  }
  getFlux(): number {
    return this.light.flux.getValue();
  }
  getLightFluxControl(): DzFloatProperty {
    return this.light.flux;
  }
  photometricMode(): boolean {
    return this.light.photometric.getBoolValue();
  }
  getLightGeometry(): number {
    return this.light.geometry.getValue();
  }
  getLightWidth(): number {
    return this.light.width.getValue();
  }
  getLightHeight(): number {
    return this.light.height.getValue();
  }
  getIlluminationControl(): DzEnumProperty {
    return this.light.illumination;
  }
  getTemperature(): number {
    return this.light.temperature.getValue();
  }
  getLightTemperature(): number {
    return this.light.temperature.getValue();
  }
  getLightTemperatureControl(): DzFloatProperty {
    return this.light.temperature;
  }
  getLightGeometryControl(): DzEnumProperty {
    return this.light.geometry;
  }
  getLightWidthControl(): DzFloatProperty {
    return this.light.width;
  }
  getLightHeightControl(): DzFloatProperty {
    return this.light.height;
  }
  getPhotometricModeControl(): DzBoolProperty {
    return this.light.photometric;
  }
  getShadowColorControl(): DzColorProperty {
    return this.light.shadowColor;
  }
  getShadowSoftnessControl(): DzFloatProperty {
    return this.light.shadowSoftness;
  }
  getShadowBiasControl(): DzFloatProperty {
    return this.light.shadowBias;
  }
  getShadowIntensityControl(): DzFloatProperty {
    return this.light.shadowIntensity;
  }
}

export class DzSpotLight extends DzDistantLight {
  protected override readonly classChain = [
    'DzSpotLight',
    'DzDistantLight',
    'DzLight',
    'DzCamera',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ];
  readonly #spread: DzFloatProperty;
  readonly #beamExponent: DzFloatProperty;

  constructor(
    ctx: DomContext,
    name = 'Spotlight',
    label = name,
    rest: NodeRestData = {},
    s: LightSettings = {},
  ) {
    super(ctx, name, label, rest, s);
    this.#spread = this.addProperty(
      new DzFloatProperty(ctx, 'Spread Angle', 'Spread Angle', {
        value: s.spreadAngle ?? 60,
        min: 0,
        max: 180,
        clamped: true,
      }),
    );
    this.#beamExponent = this.addProperty(
      new DzFloatProperty(ctx, 'Beam Exponent', 'Beam Exponent', {
        value: s.beamExponent ?? 1,
        min: 0,
        clamped: true,
      }),
    );
  }

  override isDirectional(): boolean {
    return false;
  }
  getSpreadAngle(): number {
    return this.#spread.getValue();
  }
  getSpreadAngleControl(): DzFloatProperty {
    return this.#spread;
  }
  getLightExponent(): number {
    return this.#beamExponent.getValue();
  }
  getDecay(): number {
    return this.light.decay.getValue();
  }
  /** Distance at which the light has fallen to `lightPercent` of its intensity at 1 cm (inverse-square decay). */
  getFalloffDistance(lightPercent: number): number {
    return falloffDistance(this.getDecay(), lightPercent);
  }
}

export class DzPointLight extends DzDistantLight {
  protected override readonly classChain = [
    'DzPointLight',
    'DzDistantLight',
    'DzLight',
    'DzCamera',
    'DzNode',
    'DzElement',
    'DzBase',
    'QObject',
  ];

  constructor(
    ctx: DomContext,
    name = 'Point Light',
    label = name,
    rest: NodeRestData = {},
    s: LightSettings = {},
  ) {
    super(ctx, name, label, rest, s);
  }

  override isDirectional(): boolean {
    return false;
  }
  getDecay(): number {
    return this.light.decay.getValue();
  }
  getFalloffDistance(lightPercent: number): number {
    return falloffDistance(this.getDecay(), lightPercent);
  }
  /** IES profile file; none. */
  getLightProfile(): string {
    return '';
  }
}

function falloffDistance(decay: number, lightPercent: number): number {
  const fraction = Math.max(1e-6, Math.min(1, Number(lightPercent) / 100));
  return decay <= 0 ? Number.POSITIVE_INFINITY : fraction ** (-1 / decay);
}
