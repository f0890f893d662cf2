/**
 * Materials as `UsdPreviewSurface` networks (https://openusd.org/release/spec_usdpreviewsurface.html),
 * from the PBR values that src/export/material-mapping.ts `toPbr()` gives (the same mapping the
 * glTF writer uses):
 *
 * - a constant input is written as a value; a mapped one is connected to a `UsdUVTexture` whose
 *   `inputs:scale` carries the constant (the texture is multiplied by it, as DAZ and glTF do),
 *   `sourceColorSpace` "sRGB" for colour maps and "raw" for data maps, `wrapS/T` "repeat";
 * - normal maps: scale (2k, 2k, 2, 1) and bias (−k, −k, −1, 0) for strength k;
 * - glossiness maps (PBR Specular/Glossiness) become roughness with scale −1, bias 1;
 * - every texture reads `st` through one `UsdPrimvarReader_float2`, then a `UsdTransform2d` when
 *   DAZ tiles or offsets the UVs: scale (kx, ky), translation (ox, −oy) (reference §2.7);
 * - a texture file that is missing is left out with a warning; the material keeps its constants;
 * - beyond metallic-roughness (material-extensions.ts): top coat as `clearcoat` and
 *   `clearcoatRoughness`; refraction as `opacity` × (1 − Refraction Weight) with its `ior` (the
 *   spec's "index of refraction to be used for translucent objects"), else the specular level
 *   as the `ior` whose Fresnel F0 it gives (F0 = 0.04 × specularFactor × mean specular colour);
 *   translucency, volume absorption, dispersion and sheen have no input and are reported lost
 *   by toPbr(material, 'usd').
 */
import { iorFromF0 } from '../material-extensions.js';
import type { PbrMaterial, PbrTexture } from '../material-mapping.js';
import type { TextureRole } from '../texture-output.js';
import {
  customDataLines,
  formatAsset,
  formatFloat,
  formatPathRef,
  formatTuple,
  quoteString,
} from './usda-format.js';
import type { UsdaWriter } from './usda-writer.js';

/** Gives the asset path to write for a texture file (relative to the output), or null if missing. */
export interface TextureResolver {
  /** `role`: a colour (sRGB) or data map, for the engine options' format choice (texture-output.ts). */
  resolve(file: string, usedBy: string, role?: TextureRole): string | null;
}

interface TextureNode {
  name: string;
  texture: PbrTexture;
  output: 'rgb' | 'r';
  outputType: 'float3' | 'float';
  scale: number[];
  bias?: number[];
  fallback: number[];
}

type Rgb = [number, number, number];

export async function writeMaterial(
  w: UsdaWriter,
  name: string,
  pbr: PbrMaterial,
  textures: TextureResolver,
  customData: string[],
): Promise<void> {
  await w.beginPrim('Material', name, customDataLines(customData));
  const path = w.path;
  const surface = `${path}/PreviewSurface`;
  w.prop('token outputs:surface.connect', formatPathRef(`${surface}.outputs:surface`));

  const nodes: TextureNode[] = [];
  const usable = (t: PbrTexture | undefined, what: string) =>
    t && textures.resolve(t.file, `${pbr.name} ${what}`, t.colorSpace === 'srgb' ? 'color' : 'data') !== null
      ? t
      : undefined;
  const connect = (node: TextureNode) => {
    nodes.push(node);
    return formatPathRef(`${path}/${node.name}.outputs:${node.output}`);
  };
  const base = pbr.baseColor;
  const inputs: string[][] = [];
  const baseTex = usable(pbr.baseColorTexture, 'base colour');
  inputs.push(
    baseTex
      ? ['color3f inputs:diffuseColor.connect', connect(colorNode('BaseColorTexture', baseTex, base))]
      : ['color3f inputs:diffuseColor', rgb(base)],
  );
  const metalTex = usable(pbr.metallicTexture, 'metallic');
  inputs.push(
    metalTex
      ? ['float inputs:metallic.connect', connect(scalarNode('MetallicTexture', metalTex, pbr.metallic))]
      : ['float inputs:metallic', formatFloat(pbr.metallic)],
  );
  const roughTex = usable(pbr.roughnessTexture, 'roughness');
  if (roughTex) {
    const node = scalarNode('RoughnessTexture', roughTex, pbr.roughness);
    if (pbr.roughnessTextureInverted) {
      const g = 1 - pbr.roughness;
      node.scale = [-1, -1, -1, 1];
      node.bias = [1, 1, 1, 0];
      node.fallback = [g, g, g, 1];
    }
    inputs.push(['float inputs:roughness.connect', connect(node)]);
  } else inputs.push(['float inputs:roughness', formatFloat(pbr.roughness)]);
  const normalTex = usable(pbr.normalTexture, 'normal');
  if (normalTex && pbr.normalTexture) {
    const k = pbr.normalTexture.scale;
    inputs.push([
      'normal3f inputs:normal.connect',
      connect({
        name: 'NormalTexture',
        texture: normalTex,
        output: 'rgb',
        outputType: 'float3',
        scale: [2 * k, 2 * k, 2, 1],
        bias: [-k, -k, -1, 0],
        fallback: [0.5, 0.5, 1, 1],
      }),
    ]);
  }
  const ext = pbr.extensions;
  // Refraction lets (Refraction Weight) of the light through: UsdPreviewSurface's opacity. Not
  // on a cut-out (MASK) surface, whose opacity the threshold reads as present or not.
  const see = pbr.alphaMode === 'MASK' ? 0 : (ext.transmission ?? 0);
  const opacity = pbr.opacity * (1 - see);
  const opacityTex = usable(pbr.opacityTexture, 'opacity');
  if (opacityTex) {
    inputs.push(['float inputs:opacity.connect', connect(scalarNode('OpacityTexture', opacityTex, opacity))]);
  } else if (opacity < 1) inputs.push(['float inputs:opacity', formatFloat(opacity)]);
  if (pbr.alphaMode === 'MASK') inputs.push(['float inputs:opacityThreshold', formatFloat(pbr.alphaCutoff)]);
  const emissiveTex = usable(pbr.emissiveTexture, 'emission');
  if (emissiveTex) {
    inputs.push([
      'color3f inputs:emissiveColor.connect',
      connect(colorNode('EmissiveTexture', emissiveTex, pbr.emissive)),
    ]);
  } else if (pbr.emissive.some((c) => c > 0))
    inputs.push(['color3f inputs:emissiveColor', rgb(pbr.emissive)]);
  if (ext.clearcoat) {
    inputs.push(['float inputs:clearcoat', formatFloat(ext.clearcoat.factor)]);
    inputs.push(['float inputs:clearcoatRoughness', formatFloat(ext.clearcoat.roughness)]);
  }
  const ior = usdIor(pbr);
  if (ior !== undefined) inputs.push(['float inputs:ior', formatFloat(ior)]);
  inputs.push(['int inputs:useSpecularWorkflow', '0']);

  await w.beginPrim('Shader', 'PreviewSurface');
  w.prop('uniform token info:id', '"UsdPreviewSurface"');
  for (const [decl, value] of inputs) w.propChecked(decl, () => value);
  w.prop('token outputs:surface');
  await w.endPrim();

  if (nodes.length) {
    await w.beginPrim('Shader', 'PrimvarReader_st');
    w.prop('uniform token info:id', '"UsdPrimvarReader_float2"');
    w.prop('string inputs:varname', '"st"');
    w.prop('float2 outputs:result');
    await w.endPrim();
    let st = `${path}/PrimvarReader_st.outputs:result`;
    if (pbr.uvTransform) {
      const { scale, offset } = pbr.uvTransform;
      await w.beginPrim('Shader', 'UvTransform');
      w.prop('uniform token info:id', '"UsdTransform2d"');
      w.prop('float2 inputs:in.connect', formatPathRef(st));
      w.propChecked('float2 inputs:scale', () => formatTuple(scale, formatFloat));
      w.propChecked('float2 inputs:translation', () => formatTuple([offset[0], -offset[1]], formatFloat));
      w.prop('float2 outputs:result');
      await w.endPrim();
      st = `${path}/UvTransform.outputs:result`;
    }
    for (const node of nodes) {
      await w.beginPrim('Shader', node.name);
      w.prop('uniform token info:id', '"UsdUVTexture"');
      w.prop('asset inputs:file', formatAsset(textures.resolve(node.texture.file, pbr.name) as string));
      w.prop('token inputs:sourceColorSpace', node.texture.colorSpace === 'srgb' ? '"sRGB"' : '"raw"');
      w.prop('float2 inputs:st.connect', formatPathRef(st));
      w.prop('token inputs:wrapS', '"repeat"');
      w.prop('token inputs:wrapT', '"repeat"');
      w.propChecked('float4 inputs:scale', () => formatTuple(node.scale, formatFloat));
      if (node.bias)
        w.propChecked('float4 inputs:bias', () => formatTuple(node.bias as number[], formatFloat));
      w.propChecked('float4 inputs:fallback', () => formatTuple(node.fallback, formatFloat));
      w.prop(`${node.outputType} outputs:${node.output}`);
      await w.endPrim();
    }
  }
  await w.endPrim();
}

/** `ior`: Refraction Index when the surface refracts, else the one giving the specular level's F0. */
function usdIor(pbr: PbrMaterial): number | undefined {
  const ext = pbr.extensions;
  if (ext.transmission !== undefined) return ext.ior;
  if (!ext.specular) return undefined;
  const [r, g, b] = ext.specular.color;
  const f0 = 0.04 * ext.specular.factor * ((r + g + b) / 3);
  return iorFromF0(f0);
}

function rgb(c: Rgb): string {
  return formatTuple(c, formatFloat);
}

// `inputs:fallback` stands in for the texel when the file cannot be read, before scale and
// bias (as Storm applies them): white, so that a lost texture leaves the constant factor.
function colorNode(name: string, texture: PbrTexture, factor: Rgb): TextureNode {
  return {
    name,
    texture,
    output: 'rgb',
    outputType: 'float3',
    scale: [...factor, 1],
    fallback: [1, 1, 1, 1],
  };
}

function scalarNode(name: string, texture: PbrTexture, factor: number): TextureNode {
  return {
    name,
    texture,
    output: 'r',
    outputType: 'float',
    scale: [factor, factor, factor, 1],
    fallback: [1, 1, 1, 1],
  };
}

/** `customData` entries naming the DAZ material and its shader. */
export function materialCustomData(name: string, shader: string): string[] {
  return [`string dazMaterial = ${quoteString(name)}`, `string dazShader = ${quoteString(shader)}`];
}
