import type { DomContext } from '../dom-context.js';
import { DzElement } from '../dz-element.js';
import type { DzTexture } from '../dz-texture.js';
import type { DzUVSet } from '../geometry/dz-uv-set.js';
import { Color } from '../math/color.js';
import { DzFloatColorProperty } from '../properties/dz-color-property.js';
import { DzFloatProperty } from '../properties/dz-float-property.js';
import { DzBoolProperty, DzEnumProperty } from '../properties/dz-int-property.js';
import type { DzNumericProperty } from '../properties/dz-numeric-property.js';
import { type ChannelDef, MATERIAL_TYPES, type MaterialType } from './material-channels.js';

export interface MaterialSpec {
  /** Surface name, e.g. `Torso`. */
  name: string;
  type: MaterialType;
  /** Channel values by channel NAME (not label). Colours as [r, g, b] 0..1. */
  values?: Record<string, number | boolean | [number, number, number]>;
  /** Texture file per channel name (absolute paths). */
  maps?: Record<string, string>;
}

/**
 * DzMaterial and its DAZ shader types (Iray Uber, PBRSkin, DAZ Studio Default): channels are
 * ordinary properties (`findProperty("Metallic Weight")`, `findPropertyByLabel("Base Color")`),
 * maps hang off numeric channels (`getMapValue()`), and the base-class helpers
 * (`getDiffuseColor`, `getColorMap`, `getBaseOpacity` ...) read the same channels.
 */
export class DzMaterial extends DzElement {
  protected readonly classChain: readonly string[];
  readonly #materialName: string;
  readonly #index: number;
  readonly #uvSet: () => DzUVSet | null;

  constructor(ctx: DomContext, spec: MaterialSpec, index: number, uvSet: () => DzUVSet | null) {
    super(ctx, spec.name, spec.name);
    const type = MATERIAL_TYPES[spec.type];
    this.classChain = [type.className, 'DzMaterial', 'DzElement', 'DzBase', 'QObject'];
    this.#materialName = type.materialName;
    this.#index = index;
    this.#uvSet = uvSet;
    for (const def of type.channels) this.addProperty(makeChannel(ctx, def, spec));
  }

  /** The shader type ("Iray Uber", "PBRSkin", "DAZ Studio Default"), not the surface name. */
  getMaterialName(): string {
    return this.#materialName;
  }

  getIndex(): number {
    return this.#index;
  }

  #channel(name: string): DzNumericProperty | null {
    return this.findProperty(name) as DzNumericProperty | null;
  }

  getDiffuseColor(): Color {
    const p = this.#channel('Diffuse Color') as DzFloatColorProperty | null;
    return p ? p.getColorValue() : new Color(255, 255, 255);
  }

  setDiffuseColor(color: Color): void {
    (this.#channel('Diffuse Color') as DzFloatColorProperty | null)?.setColorValue(color);
  }

  getColorMap(): DzTexture | null {
    return this.#channel('Diffuse Color')?.getMapValue() ?? null;
  }

  setColorMap(image: string | DzTexture): void {
    this.#channel('Diffuse Color')?.setMap(image);
  }

  getBaseOpacity(): number {
    const p = (this.#channel('Cutout Opacity') ??
      this.#channel('Opacity Strength')) as DzFloatProperty | null;
    return p ? p.getValue() : 1;
  }

  setBaseOpacity(value: number): void {
    (
      (this.#channel('Cutout Opacity') ?? this.#channel('Opacity Strength')) as DzFloatProperty | null
    )?.setValue(Number(value));
  }

  getOpacityMap(): DzTexture | null {
    return (this.#channel('Cutout Opacity') ?? this.#channel('Opacity Strength'))?.getMapValue() ?? null;
  }

  isOpaque(): boolean {
    return this.getBaseOpacity() >= 1 && this.getOpacityMap() === null;
  }

  getSmoothingAngle(): number {
    return (this.#channel('Smooth Angle') as DzFloatProperty).getValue();
  }

  setSmoothingAngle(angle: number): void {
    (this.#channel('Smooth Angle') as DzFloatProperty).setValue(Number(angle));
  }

  isSmoothingOn(): boolean {
    return (this.findProperty('Smooth On') as DzBoolProperty).getBoolValue();
  }

  setSmoothingOn(onOff: boolean): void {
    (this.findProperty('Smooth On') as DzBoolProperty).setBoolValue(Boolean(onOff));
  }

  getActiveUVSet(_shapeOrGeometry?: unknown): DzUVSet | null {
    return this.#uvSet();
  }
}

function makeChannel(ctx: DomContext, def: ChannelDef, spec: MaterialSpec) {
  const value = spec.values?.[def.name] ?? def.value;
  const map = spec.maps?.[def.name] ?? null;
  switch (def.kind) {
    case 'color':
      return new DzFloatColorProperty(ctx, def.name, def.label, value as [number, number, number], {
        mappable: def.mappable,
        map,
      });
    case 'float':
      return new DzFloatProperty(ctx, def.name, def.label, {
        value: value as number,
        min: def.min,
        max: def.max,
        mappable: def.mappable,
        map,
      });
    case 'enum':
      return new DzEnumProperty(ctx, def.name, def.label, def.items ?? [], value as number);
    case 'bool':
      return new DzBoolProperty(ctx, def.name, def.label, Boolean(value));
    case 'image':
      throw new Error(`material channel ${def.name}: image channels are not used by these shaders`);
  }
}
