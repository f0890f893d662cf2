/**
 * A surface's material as DAZ has it: the shader type and its channels (name → value and
 * optional texture map). The DAZ → PBR mapping lives with the writers (src/export), one module
 * shared by glTF and USD.
 */
export type ChannelValue = number | boolean | string | [number, number, number];

export interface MaterialChannel {
  label: string;
  value: ChannelValue;
  /** Absolute path of the texture map on this channel, if any. */
  map?: string;
}

export interface Material {
  /** Surface name (`Torso`, `Face` ...), unique within its mesh, not the scene. */
  name: string;
  /** Shader type, e.g. `Iray Uber`, `PBRSkin`, `DAZ Studio Default`. */
  shader: string;
  /** Channels by DAZ property NAME (e.g. `Diffuse Color`, `Metallic Weight`). */
  channels: Record<string, MaterialChannel>;
}
