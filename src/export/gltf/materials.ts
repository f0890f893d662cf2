/**
 * DAZ materials → glTF metallic-roughness materials through the shared mapping
 * ({@link toPbr}, src/export/material-mapping.ts); the table is in docs/gltf-mapping.md. This file only
 * places what toPbr found into glTF's slots:
 * - base colour factor (linear RGB + opacity as alpha) and texture (sRGB);
 * - metallic/roughness factors and ONE texture with roughness in G and metallic in B: a lone
 *   roughness map is used as is when metallic is 0 (glTF reads only G then), anything else is
 *   repacked (PNG sources) or falls back with a warning (JPEG);
 * - normal texture with its scale; emissive factor (+ KHR_materials_emissive_strength above 1);
 * - opacity maps packed into the base colour alpha (MASK, cutoff 0.5) or, when that cannot be
 *   done, dropped with a warning (alpha mode then OPAQUE, or BLEND for a constant opacity < 1);
 * - DAZ tiling as KHR_texture_transform on every texture of the material (texture-transform.ts);
 * - refraction, translucency, top coat, specular and sheen as material extensions
 *   (material-extensions.ts); the emissive strength carries Iray's luminance in nits.
 */
import { basename } from 'node:path';
import type { Material, Texture, TextureInfo } from '@gltf-transform/core';
import { KHRMaterialsEmissiveStrength, KHRTextureTransform } from '@gltf-transform/extensions';
import { type PbrMaterial, type PbrTexture, toPbr } from '../material-mapping.js';
import type { TextureRole } from '../texture-output.js';
import type { GltfContext } from './context.js';
import { alphaImageName, metallicRoughnessImageName, roughnessMapAsIs } from './file-names.js';
import { MaterialExtensionWriter, volumeThicknessM } from './material-extensions.js';
import { PackError, packBaseAlpha, packMetallicRoughness, type RoughnessSource } from './pack-textures.js';
import { gltfUvTransform } from './texture-transform.js';
import type { ImageFile, TextureLibrary } from './textures.js';
import { UniqueNames } from './unique-names.js';

export class MaterialBuilder {
  readonly #ctx: GltfContext;
  readonly #lib: TextureLibrary;
  readonly #names = new UniqueNames();
  readonly #cache = new Map<number, Promise<Material>>();
  #transforms: KHRTextureTransform | null = null;
  #emissive: KHRMaterialsEmissiveStrength | null = null;
  #extensions: MaterialExtensionWriter | null = null;

  constructor(ctx: GltfContext, lib: TextureLibrary) {
    this.#ctx = ctx;
    this.#lib = lib;
  }

  /** The glTF material of Scene.materials[index], built once. */
  get(index: number): Promise<Material> {
    let m = this.#cache.get(index);
    if (!m) {
      m = this.#build(index);
      this.#cache.set(index, m);
    }
    return m;
  }

  async #build(index: number): Promise<Material> {
    const source = this.#ctx.scene.materials[index];
    const pbr = toPbr(source, 'gltf');
    for (const w of pbr.warnings) this.#ctx.warnings.push(w);
    const m = this.#ctx.doc
      .createMaterial(this.#names.unique(source.name))
      .setBaseColorFactor([...pbr.baseColor, pbr.opacity])
      .setMetallicFactor(pbr.metallic)
      .setRoughnessFactor(pbr.roughness)
      // A refractive volume is a closed body: KHR_materials_volume is not for double-sided ones.
      .setDoubleSided(pbr.doubleSided && !pbr.extensions.volume)
      .setAlphaMode(pbr.alphaMode)
      .setExtras({ daz: { surface: source.name, shader: source.shader } });
    if (pbr.alphaMode === 'MASK') m.setAlphaCutoff(pbr.alphaCutoff);
    this.#setEmissive(m, pbr);
    this.#extensions ??= new MaterialExtensionWriter(this.#ctx.doc);
    this.#extensions.apply(m, pbr.extensions, () => volumeThicknessM(this.#ctx.scene, index));
    const infos: TextureInfo[] = [];
    const usedBy = (channel: string) => `material ${source.name}, ${channel}`;
    const read = (t: PbrTexture | undefined, channel: string) =>
      t ? this.#lib.read(t.file, usedBy(channel)) : Promise.resolve(null);
    this.#checkColorSpaces(pbr);

    // Base colour, with the opacity map in its alpha when there is one.
    const base = await read(pbr.baseColorTexture, 'base colour');
    let baseTexture = base ? this.#raw(base, 'color') : null;
    if (pbr.opacityTexture) {
      const opacity = await read(pbr.opacityTexture, 'opacity');
      let packed: Texture | null = null;
      if (opacity)
        packed = this.#pack(
          source.name,
          'opacity',
          opacity.file,
          `alpha:${base?.file}|${opacity.file}`,
          alphaImageName(base?.file, opacity.file),
          () => packBaseAlpha(base, opacity),
        );
      if (packed) baseTexture = packed;
      else m.setAlphaMode(pbr.opacity < 1 ? 'BLEND' : 'OPAQUE');
    }
    if (baseTexture) infos.push(m.setBaseColorTexture(baseTexture).getBaseColorTextureInfo() as TextureInfo);

    const mr = await this.#metallicRoughness(m, pbr, source.name, read);
    if (mr) infos.push(m.setMetallicRoughnessTexture(mr).getMetallicRoughnessTextureInfo() as TextureInfo);

    const normal = await read(pbr.normalTexture, 'normal map');
    if (normal && pbr.normalTexture) {
      m.setNormalTexture(this.#raw(normal, 'data')).setNormalScale(pbr.normalTexture.scale);
      infos.push(m.getNormalTextureInfo() as TextureInfo);
    }
    const emission = await read(pbr.emissiveTexture, 'emission');
    if (emission)
      infos.push(m.setEmissiveTexture(this.#raw(emission, 'color')).getEmissiveTextureInfo() as TextureInfo);

    if (pbr.uvTransform && infos.length > 0) {
      this.#transforms ??= this.#ctx.doc.createExtension(KHRTextureTransform);
      const { offset, scale } = gltfUvTransform(pbr.uvTransform);
      for (const info of infos) {
        const t = this.#transforms.createTransform().setOffset(offset).setScale(scale);
        info.setExtension('KHR_texture_transform', t);
      }
    }
    return m;
  }

  /** Roughness in G, metallic in B of one texture (see the file comment for the rules). */
  async #metallicRoughness(
    m: Material,
    pbr: PbrMaterial,
    surface: string,
    read: (t: PbrTexture | undefined, channel: string) => Promise<ImageFile | null>,
  ): Promise<Texture | null> {
    const rough = await read(pbr.roughnessTexture, pbr.roughnessTextureInverted ? 'glossiness' : 'roughness');
    const metal = await read(pbr.metallicTexture, 'metallic');
    if (!rough && !metal) return null;
    const invert = rough && pbr.roughnessTextureInverted ? { glossiness: 1 - pbr.roughness } : undefined;
    const asIs = roughnessMapAsIs({
      roughness: Boolean(rough),
      metallicMap: Boolean(metal),
      inverted: Boolean(invert),
      metallic: pbr.metallic,
    });
    if (rough && asIs) return this.#raw(rough, 'data');
    const source: RoughnessSource | null = rough ? { image: rough, ...(invert ? { invert } : {}) } : null;
    const files = [rough?.file, metal?.file].filter(Boolean).join(' + ');
    const packed = this.#pack(
      surface,
      'metallic/roughness',
      files,
      `mr:${rough?.file}|${metal?.file}|${invert?.glossiness}`,
      metallicRoughnessImageName(rough?.file, metal?.file),
      () => packMetallicRoughness(source, metal),
    );
    if (packed) {
      if (invert) m.setRoughnessFactor(1);
      return packed;
    }
    // Could not repack: keep what glTF can read as is, say what is lost.
    const warn = (text: string) => this.#ctx.warnings.push(`${surface}: ${text}`);
    if (rough && !invert) {
      if (metal) warn(`metallic map ${metal.file} dropped (not packed beside the roughness map)`);
      else if (pbr.metallic > 0)
        warn(`roughness map ${rough.file} used as is: glTF also scales metallic by its blue channel`);
      return this.#raw(rough, 'data');
    }
    if (invert && rough) warn(`glossiness map ${rough.file} dropped (not inverted into roughness)`);
    if (metal) warn(`metallic map ${metal.file} dropped (glTF would read roughness from its green channel)`);
    return null;
  }

  /** A texture made by `pack`, or null with a warning when the sources cannot be decoded. */
  #pack(surface: string, what: string, files: string, key: string, name: string, pack: () => Uint8Array) {
    // The base colour with opacity in its alpha is a colour map (its alpha keeps it PNG).
    const role: TextureRole = what === 'opacity' ? 'color' : 'data';
    try {
      return this.#lib.texture(key, () => ({
        name: `${name}.png`,
        bytes: pack(),
        mimeType: 'image/png',
        role,
      }));
    } catch (err) {
      if (!(err instanceof PackError)) throw err;
      const fallback = what === 'opacity' ? ': the opacity map is dropped' : '';
      this.#ctx.warnings.push(`${surface}: cannot pack ${what} (${files}): ${err.message}${fallback}`);
      return null;
    }
  }

  #raw(image: ImageFile, role: TextureRole): Texture {
    return this.#lib.texture(`file:${image.file}`, () => ({
      name: basename(image.file),
      bytes: image.bytes,
      mimeType: image.mimeType,
      role,
    }));
  }

  #setEmissive(m: Material, pbr: PbrMaterial): void {
    const peak = Math.max(...pbr.emissive);
    if (!(peak > 1)) {
      m.setEmissiveFactor(pbr.emissive);
      return;
    }
    // glTF caps emissiveFactor at 1; the rest goes to KHR_materials_emissive_strength.
    this.#emissive ??= this.#ctx.doc.createExtension(KHRMaterialsEmissiveStrength);
    m.setEmissiveFactor(pbr.emissive.map((c) => c / peak) as [number, number, number]);
    m.setExtension(
      'KHR_materials_emissive_strength',
      this.#emissive.createEmissiveStrength().setEmissiveStrength(peak),
    );
  }

  /** glTF fixes each slot's colour space; say so if the mapping ever disagrees. */
  #checkColorSpaces(pbr: PbrMaterial): void {
    const expect: [PbrTexture | undefined, PbrTexture['colorSpace'], string][] = [
      [pbr.baseColorTexture, 'srgb', 'base colour'],
      [pbr.emissiveTexture, 'srgb', 'emissive'],
      [pbr.roughnessTexture, 'linear', 'roughness'],
      [pbr.metallicTexture, 'linear', 'metallic'],
      [pbr.normalTexture, 'linear', 'normal'],
      [pbr.opacityTexture, 'linear', 'opacity'],
    ];
    for (const [t, space, slot] of expect) {
      if (t && t.colorSpace !== space)
        this.#ctx.warnings.push(
          `${pbr.name}: ${slot} map ${t.file} is ${t.colorSpace}; glTF reads that slot as ${space}`,
        );
    }
  }
}
