/**
 * A Genesis figure as DAZ Studio presents it: a DzFigure node whose children are its bones (real
 * names, hierarchy, rotation orders, rest data from the skeleton definition), a skinned
 * mannequin mesh with DAZ-like surfaces and materials, shape morphs, and the spec's pose.
 */
import type { SkeletonDefinition } from '../../bonemaps/genesis/skeleton-definition.js';
import { DazportError } from '../../errors.js';
import type { DomContext } from '../dom/dom-context.js';
import { DzBone } from '../dom/dz-bone.js';
import { nodeInternals } from '../dom/dz-node.js';
import { DzFigure, setSkinBinding } from '../dom/dz-skeleton.js';
import { DzFacetMesh } from '../dom/geometry/dz-facet-mesh.js';
import { DzObject } from '../dom/geometry/dz-object.js';
import { DzShape } from '../dom/geometry/dz-shape.js';
import type { MeshData } from '../dom/geometry/mesh-data.js';
import { MeshTopology } from '../dom/geometry/mesh-topology.js';
import { DzMaterial, type MaterialSpec } from '../dom/materials/dz-material.js';
import { DzMorph } from '../dom/modifiers/dz-morph.js';
import { DzSkinBinding } from '../dom/modifiers/dz-skin-binding.js';
import { DzERCLink, ERC_TYPES } from '../dom/properties/dz-erc-link.js';
import { addPropertyLink } from '../dom/properties/dz-numeric-property.js';
import { applyTransform, resolveTexture } from './build-nodes.js';
import type { CorrectiveDriver } from './mannequin/corrective-morphs.js';
import type { MannequinMesh } from './mannequin/mannequin-mesh.js';
import type { FigureSpec } from './scene-spec.js';

const UV_SET_LABEL: Record<SkeletonDefinition['id'], string> = {
  genesis8female: 'Base Female',
  genesis8male: 'Base Male',
  genesis9: 'Base Multi UDIM',
};

/** A reddish scattering tint, as DAZ skins give their translucency. */
const SKIN_TRANSLUCENCY: [number, number, number] = [0.93, 0.52, 0.4];

/**
 * Skin surfaces get the skin shader of the generation (Iray Uber on G8, PBRSkin on G9) and a
 * translucency tint; the eyes are wet, partly refractive bodies (cornea-like: Refraction Index
 * 1.376, a solid volume that absorbs a little red over 2.5 cm); the nails carry a top coat
 * (polish). So every built-in figure exercises refraction, translucency and top coat.
 */
function surfaceMaterial(name: string, figure: SkeletonDefinition['id']): MaterialSpec {
  const lower = name.toLowerCase();
  if (lower.includes('eye')) {
    return {
      name,
      type: 'iray',
      values: {
        'Glossy Roughness': 0.1,
        'Refraction Weight': 0.5,
        'Refraction Index': 1.376,
        'Refraction Roughness': 0.1,
        'Transmitted Color': [0.95, 0.9, 0.9],
        'Transmitted Measurement Distance': 2.5,
      },
      maps: { 'Diffuse Color': resolveTexture('eye_diffuse.png') },
    };
  }
  if (lower.includes('nail')) {
    return {
      name,
      type: 'iray',
      values: {
        'Diffuse Color': [0.9, 0.75, 0.72],
        'Glossy Roughness': 0.25,
        'Top Coat Weight': 0.6,
        'Top Coat Roughness': 0.15,
      },
    };
  }
  const maps = {
    'Diffuse Color': resolveTexture('skin_diffuse.png'),
    'Normal Map': resolveTexture('skin_normal.png'),
  };
  if (figure === 'genesis9')
    return {
      name,
      type: 'pbrskin',
      values: { 'Specular Lobe 1 Roughness': 0.55, 'Translucency Color': SKIN_TRANSLUCENCY },
      maps,
    };
  return {
    name,
    type: 'iray',
    values: {
      'Glossy Roughness': 0.505,
      'Glossy Reflectivity': 0.596,
      'Translucency Weight': 0.5,
      'Translucency Color': SKIN_TRANSLUCENCY,
    },
    maps,
  };
}

export function buildFigure(
  ctx: DomContext,
  spec: FigureSpec,
  skeleton: SkeletonDefinition,
  mesh: MannequinMesh,
): DzFigure {
  const figure = new DzFigure(ctx, skeleton.figureName, spec.label ?? skeleton.figureLabel, {
    rotationOrder: 'YZX',
  });
  const bones = new Map<string, DzBone>();
  for (const def of skeleton.bones) {
    const bone = new DzBone(ctx, def.name, def.label, {
      origin: def.origin,
      end: def.end,
      orientation: def.orientation,
      rotationOrder: def.rotationOrder,
    });
    bones.set(def.name, bone);
    (def.parent ? (bones.get(def.parent) as DzBone) : figure).addNodeChild(bone);
  }

  const data: MeshData = { ...mesh, uvSetLabel: UV_SET_LABEL[skeleton.id] };
  const topology = new MeshTopology(ctx, data);
  const geometry = new DzFacetMesh(ctx, topology, data.positions, { enabled: true, level: 0 });
  const materials = data.materialNames.map(
    (name, i) => new DzMaterial(ctx, surfaceMaterial(name, skeleton.id), i, () => topology.uvSet),
  );
  const shape = new DzShape(ctx, figure, geometry, materials);
  const morphs = mesh.morphs.map((m) => new DzMorph(ctx, m, morphValue(spec, m.name, m.label)));
  for (const [i, m] of mesh.morphs.entries()) if (m.driver) linkCorrective(morphs[i], m.driver, bones);
  const weights = mesh.weights.map((w) => {
    const bone = bones.get(w.bone);
    if (!bone)
      throw new DazportError('DAZPORT_SCENE_INVALID', `mannequin weights name an unknown bone "${w.bone}"`);
    return { bone, indices: w.indices, weights: w.weights };
  });
  const binding = new DzSkinBinding(ctx, data.positions.length / 3, weights);
  const object = new DzObject(
    ctx,
    figure,
    shape,
    topology,
    morphs,
    { binding, bones: weights },
    { enabled: true, level: 0 },
  );
  nodeInternals.attachObject(figure, object);
  setSkinBinding(figure, binding);

  for (const [name, angles] of Object.entries(spec.pose ?? {})) {
    const bone = bones.get(name);
    if (!bone) {
      throw new DazportError(
        'DAZPORT_SCENE_INVALID',
        `pose names bone "${name}", which ${skeleton.figureLabel} does not have`,
        {
          context: { figure: skeleton.id, bone: name },
        },
      );
    }
    bone.getXRotControl().setValue(angles[0]);
    bone.getYRotControl().setValue(angles[1]);
    bone.getZRotControl().setValue(angles[2]);
  }
  for (const key of Object.keys(spec.morphs ?? {})) {
    if (!mesh.morphs.some((m) => m.name === key || m.label === key)) {
      throw new DazportError(
        'DAZPORT_SCENE_INVALID',
        `morph "${key}" does not exist on ${skeleton.figureLabel}`,
        {
          context: { figure: skeleton.id, morph: key },
          suggestion: `morphs: ${mesh.morphs.map((m) => m.label).join(', ')}`,
        },
      );
    }
  }
  applyTransform(figure, spec.transform);
  if (spec.selected) figure.select(true);
  return figure;
}

/**
 * A joint corrective's value follows its bone, as DAZ's ERC link from the DSON formula does: a
 * keyed link on the morph's value, the value limited to 0..1.
 */
function linkCorrective(morph: DzMorph, driver: CorrectiveDriver, bones: Map<string, DzBone>): void {
  const bone = bones.get(driver.bone);
  if (!bone)
    throw new DazportError(
      'DAZPORT_SCENE_INVALID',
      `corrective ${morph.getName()} is driven by bone "${driver.bone}", which the figure does not have`,
    );
  const channel = {
    XRotate: bone.getXRotControl(),
    YRotate: bone.getYRotControl(),
    ZRotate: bone.getZRotControl(),
  }[driver.channel];
  const value = morph.getValueControl();
  value.setMinMax(0, 1);
  value.setIsClamped(true);
  const link = new DzERCLink(ERC_TYPES.ERCKeyed, channel);
  for (const [degrees, v] of driver.keys) link.addKeyValue(degrees, v);
  addPropertyLink(value, link);
}

function morphValue(spec: FigureSpec, name: string, label: string): number {
  return spec.morphs?.[name] ?? spec.morphs?.[label] ?? 0;
}
