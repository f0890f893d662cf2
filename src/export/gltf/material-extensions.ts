/**
 * The glTF material extensions of a mapped material (src/export/material-extensions.ts says which
 * DAZ channels feed which): KHR_materials_transmission, _ior, _volume, _dispersion,
 * _diffuse_transmission, _clearcoat, _specular and _sheen, each created on the document only
 * when a material uses it, so that `extensionsUsed` lists only what is there.
 */
import type { Document, Material } from '@gltf-transform/core';
import {
  KHRMaterialsClearcoat,
  KHRMaterialsDiffuseTransmission,
  KHRMaterialsDispersion,
  KHRMaterialsIOR,
  KHRMaterialsSheen,
  KHRMaterialsSpecular,
  KHRMaterialsTransmission,
  KHRMaterialsVolume,
} from '@gltf-transform/extensions';
import type { Mesh } from '../../scene/mesh.js';
import type { Scene } from '../../scene/scene.js';
import type { PbrExtensions } from '../material-extensions.js';
import { CM_TO_M } from './constants.js';

/** Every extension class this file may write (for readers that register them). */
export const MATERIAL_EXTENSIONS = [
  KHRMaterialsTransmission,
  KHRMaterialsIOR,
  KHRMaterialsVolume,
  KHRMaterialsDispersion,
  KHRMaterialsDiffuseTransmission,
  KHRMaterialsClearcoat,
  KHRMaterialsSpecular,
  KHRMaterialsSheen,
];

export class MaterialExtensionWriter {
  readonly #doc: Document;
  readonly #made = new Map<unknown, unknown>();

  constructor(doc: Document) {
    this.#doc = doc;
  }

  #ext<T>(cls: new (doc: Document) => T & { extensionName: string }): T {
    let e = this.#made.get(cls) as T | undefined;
    if (!e) {
      e = this.#doc.createExtension(cls as never) as T;
      this.#made.set(cls, e);
    }
    return e;
  }

  /**
   * Puts `ext` on `m`. `thicknessM`: the volume's thickness in metres (glTF mesh space), for
   * rasterisers that cannot trace it; see {@link volumeThicknessCm}.
   */
  apply(m: Material, ext: PbrExtensions, thicknessM: () => number): void {
    if (ext.transmission !== undefined) {
      const t = this.#ext(KHRMaterialsTransmission)
        .createTransmission()
        .setTransmissionFactor(ext.transmission);
      m.setExtension(KHRMaterialsTransmission.EXTENSION_NAME, t);
    }
    if (ext.ior !== undefined)
      m.setExtension(KHRMaterialsIOR.EXTENSION_NAME, this.#ext(KHRMaterialsIOR).createIOR().setIOR(ext.ior));
    if (ext.volume) {
      const v = this.#ext(KHRMaterialsVolume)
        .createVolume()
        .setThicknessFactor(thicknessM())
        .setAttenuationColor(ext.volume.attenuationColor)
        .setAttenuationDistance(ext.volume.attenuationDistanceM);
      m.setExtension(KHRMaterialsVolume.EXTENSION_NAME, v);
    }
    if (ext.dispersion !== undefined) {
      const d = this.#ext(KHRMaterialsDispersion).createDispersion().setDispersion(ext.dispersion);
      m.setExtension(KHRMaterialsDispersion.EXTENSION_NAME, d);
    }
    if (ext.diffuseTransmission) {
      const d = this.#ext(KHRMaterialsDiffuseTransmission)
        .createDiffuseTransmission()
        .setDiffuseTransmissionFactor(ext.diffuseTransmission.factor)
        .setDiffuseTransmissionColorFactor(ext.diffuseTransmission.color);
      m.setExtension(KHRMaterialsDiffuseTransmission.EXTENSION_NAME, d);
    }
    if (ext.clearcoat) {
      const c = this.#ext(KHRMaterialsClearcoat)
        .createClearcoat()
        .setClearcoatFactor(ext.clearcoat.factor)
        .setClearcoatRoughnessFactor(ext.clearcoat.roughness);
      m.setExtension(KHRMaterialsClearcoat.EXTENSION_NAME, c);
    }
    if (ext.specular) {
      const s = this.#ext(KHRMaterialsSpecular)
        .createSpecular()
        .setSpecularFactor(ext.specular.factor)
        .setSpecularColorFactor(ext.specular.color);
      m.setExtension(KHRMaterialsSpecular.EXTENSION_NAME, s);
    }
    if (ext.sheen) {
      const s = this.#ext(KHRMaterialsSheen)
        .createSheen()
        .setSheenColorFactor(ext.sheen.color)
        .setSheenRoughnessFactor(ext.sheen.roughness);
      m.setExtension(KHRMaterialsSheen.EXTENSION_NAME, s);
    }
  }
}

/**
 * The thickness of the body a material covers, in metres: the smallest side of the bounding
 * box of the polygons that use Scene.materials[index] (DAZ has no thickness channel; a
 * path tracer measures it, a rasteriser uses this). 0 (thin) when no polygon uses it.
 */
export function volumeThicknessM(scene: Scene, index: number): number {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const mesh of scene.meshes) addSlotBounds(mesh, index, lo, hi);
  if (!(hi[0] >= lo[0])) return 0;
  return Math.min(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]) * CM_TO_M;
}

function addSlotBounds(mesh: Mesh, index: number, lo: number[], hi: number[]): void {
  const slots = new Set<number>();
  mesh.materials.forEach((m, slot) => {
    if (m === index) slots.add(slot);
  });
  if (slots.size === 0) return;
  const p = mesh.positions;
  let corner = 0;
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    const n = mesh.faceSizes[f];
    if (slots.has(mesh.faceMaterial[f])) {
      for (let k = 0; k < n; k++) {
        const v = mesh.faceVertexIndices[corner + k] * 3;
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a], p[v + a]);
          hi[a] = Math.max(hi[a], p[v + a]);
        }
      }
    }
    corner += n;
  }
}
